# Two commands: `make run` (set up and serve with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

.PHONY: run test install migrate demo lint format check schema clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 of nieuwer is nodig") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py loaddemo

run: demo
	$(BIN)/python manage.py runserver $(HOST)

AXE := node_modules/axe-core/axe.min.js

# axe-core (npm) checks every page in the browser tests; without npm they skip locally.
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "npm ontbreekt: de toegankelijkheidstests worden overgeslagen"; fi

test: install $(AXE)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

schema: install
	$(BIN)/python manage.py spectacular --file schema.yml

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
