# Two commands: `make run` (set up and serve with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

.PHONY: run serve static test smoke smoke-bestanden smoke-server install migrate demo lint format check schema clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 of nieuwer is nodig") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

RUNSTAMP := $(VENV)/.installed-run
SECRET := .secret_key
DEBUG  ?= false
# `make run` serves with DEBUG off (Dutch 404/500 pages) over plain HTTP on this machine.
SLEUTEL := .veldsleutel
RUNENV := DEBUG=$(DEBUG) LOKAAL_HTTP=true SYNTHETISCH_TOEGESTAAN=true SECRET_KEY="$$(cat $(SECRET))" VELDSLEUTEL="$$(cat $(SLEUTEL))"
# `make serve`: keys from the environment when set, else this checkout's own.
LOKAAL_HTTP ?= true
SERVEENV := DEBUG=false LOKAAL_HTTP=$(LOKAAL_HTTP) SECRET_KEY="$${SECRET_KEY:-$$(cat $(SECRET))}" \
	VELDSLEUTEL="$${VELDSLEUTEL:-$$(cat $(SLEUTEL))}" BIND="$${BIND:-$(HOST)}"

# Running needs only the application's own dependencies; the test tools come with `make test`.
$(RUNSTAMP): pyproject.toml | $(BIN)/python
	@echo "Installeren van wat het register nodig heeft..."
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(RUNSTAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP) $(RUNSTAMP)

install: $(STAMP)

# A key of this checkout's own, made once, so sessions survive a restart.
$(SECRET): | $(BIN)/python
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $(SECRET)

# The key that encrypts the BSN at rest; losing it loses the stored BSNs.
$(SLEUTEL): | $(RUNSTAMP)
	@$(BIN)/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())" > $(SLEUTEL)

migrate: $(RUNSTAMP) $(SECRET) $(SLEUTEL)
	$(RUNENV) $(BIN)/python manage.py migrate --no-input

demo: migrate
	$(RUNENV) $(BIN)/python manage.py loaddemo --force

static: $(RUNSTAMP) $(SECRET) $(SLEUTEL)
	$(RUNENV) $(BIN)/python manage.py collectstatic --no-input -v 0

# The worker (background tasks, kern/taken.py) runs beside the web server and stops with it;
# it does the daily step every night (registratie/dagelijks.py).
run: demo static
	@echo "Het register draait op http://$(HOST)/ (stoppen: Ctrl+C)"
	@$(RUNENV) $(BIN)/python manage.py dagelijks --inplannen
	$(RUNENV) $(BIN)/python manage.py db_worker --no-startup-delay -v 0 & WERKER=$$!; \
	trap 'kill $$WERKER 2>/dev/null' EXIT INT TERM; \
	$(RUNENV) $(BIN)/python manage.py runserver $(HOST)

# Production-like: gunicorn (config/gunicorn.py), DATABASE_URL from the environment
# (PostgreSQL in production), migrations applied, static files collected; demo data only
# with DEMO=1.
serve: $(RUNSTAMP) $(SECRET) $(SLEUTEL)
	$(SERVEENV) $(BIN)/python manage.py migrate --no-input
	$(SERVEENV) $(BIN)/python manage.py collectstatic --no-input -v 0
	@if [ -n "$(DEMO)" ]; then $(SERVEENV) $(BIN)/python manage.py loaddemo --force; fi
	@echo "Het register draait met gunicorn op http://$${BIND:-$(HOST)}/ (stoppen: Ctrl+C)"
	$(SERVEENV) $(BIN)/python manage.py dagelijks --inplannen
	$(SERVEENV) $(BIN)/python manage.py db_worker -v 0 & WERKER=$$!; \
	trap 'kill $$WERKER 2>/dev/null' EXIT INT TERM; \
	$(SERVEENV) $(BIN)/gunicorn config.wsgi:application -c config/gunicorn.py

AXE := node_modules/axe-core/axe.min.js

# axe-core (npm) checks every page in the browser tests; without npm they skip locally.
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "npm ontbreekt: de toegankelijkheidstests worden overgeslagen"; fi

test: install $(AXE)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Small versions of every benchmark, asserting outcomes (row counts, no failed enrolment
# during an upload, every export complete, no failed request), never time. CI runs them on
# SQLite and, with DATABASE_URL, on PostgreSQL.
# Two groups side by side (two cores): the files and reports, each in a database of its own,
# and the ones that serve gunicorn on port 8765, one after another, with the bad files.
# Every script in benchmarks/ is here (tests/test_opbouw.py), so none can rot unnoticed.
smoke: install
	$(MAKE) --no-print-directory -j2 smoke-bestanden smoke-server

smoke-bestanden:
	$(BIN)/python benchmarks/import_voortgang.py --rijen 2000 --controle
	$(BIN)/python benchmarks/import_resultaten.py --rijen 200 --controle
	$(BIN)/python benchmarks/exports.py --clienten 150 --controle
	DEBUG=true $(BIN)/python benchmarks/rapportages.py --clienten 100 1000 --controle
	$(BIN)/python benchmarks/import_declaraties.py --rijen 500 --controle

smoke-server:
	$(BIN)/python benchmarks/http_belasting.py --clienten 100 --duur 1 --gelijktijdig 4 --controle
	$(BIN)/python benchmarks/grote_upload.py --mb 64 --controle
	$(BIN)/python benchmarks/achtergrond.py --clienten 300 --grens 100 --controle
	$(BIN)/python benchmarks/fouten_upload.py --rijen 1500 --controle
	$(BIN)/python benchmarks/slechte_bestanden.py --klein --controle

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/djlint templates --check

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

schema: install
	$(BIN)/python manage.py spectacular --file schema.yml

clean:
	rm -rf $(VENV) db.sqlite3 $(SECRET) $(SLEUTEL) node_modules staticfiles .pytest_cache .ruff_cache
