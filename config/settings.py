"""Settings for the inburgering offer registry: one module, read from the environment.

Every variable is documented in README.md. Development works without any of them set;
production sets at least DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import base64
import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_decimal, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

# The cache holds the token endpoint's throttle counters; in the database, so every worker
# process counts the same requests (a per-process memory cache lets N workers allow N times
# the rate). A migration makes its table.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "register_cache",
    }
}

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

# Personal fields (the BSN) are encrypted at rest with Fernet keys from the environment,
# independent of SECRET_KEY: VELDSLEUTEL holds one key, or several comma-separated with the
# newest first (decrypting tries each; re-saving encrypts with the first).
VELDSLEUTELS = env_list("VELDSLEUTEL", [])
if not VELDSLEUTELS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "VELDSLEUTEL must be set when DEBUG is false (make one with: python -c "
            "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')."
        )
    VELDSLEUTELS = [base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()]
for _sleutel in VELDSLEUTELS:
    try:
        Fernet(_sleutel)
    except ValueError:
        raise ImproperlyConfigured(
            "VELDSLEUTEL holds a value that is not a Fernet key (32 bytes, url-safe base64)."
        ) from None

# The BSN's search key: an HMAC of the BSN, so "is this BSN already here?" is one indexed
# lookup without decrypting every client. Derived from the oldest field key unless set; set it
# before the oldest VELDSLEUTEL is dropped, or run `manage.py herbereken_bsn` after.
BSN_ZOEKSLEUTEL = (
    env_str("BSN_ZOEKSLEUTEL")
    or hashlib.sha256(f"bsn-zoeksleutel:{VELDSLEUTELS[-1]}".encode()).hexdigest()
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise serves static files under runserver too, as it does under gunicorn, so
    # `make run` (DEBUG off, hashed names from collectstatic) looks like production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    # Our apps before import_export: our `import` command replaces the library's.
    "kern",
    "regio",
    "financien",
    "aanbod",
    "inkoop",
    "registratie",
    "declaraties",
    "rapportages",
    "demo",
    "import_export",
    "axes",
]

# One lockout on every login path (web, admin, API login, token): django-axes, per user
# name and client address, counted in the database so every process shares it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kern.middleware.BegrensdVerzoek",
    "kern.middleware.GeenNulTekens",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kern.middleware.SessieDuur",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kern.middleware.Beveiligingskoppen",
    "axes.middleware.AxesMiddleware",
]

# A session ends after this many idle minutes, and at the latest this many hours after login.
SESSIE_INACTIEF_MINUTEN = env_int("SESSIE_INACTIEF_MINUTEN", 30)
SESSIE_MAX_UREN = env_int("SESSIE_MAX_UREN", 12)
SESSION_COOKIE_AGE = SESSIE_INACTIEF_MINUTEN * 60
SESSION_SAVE_EVERY_REQUEST = True

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kern.context.rol",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write transactions serialize instead of failing with "database is locked": each takes
    # the write lock at its start and waits up to 20 s for it; in WAL mode readers never
    # wait for a writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
    # Tests on a file, not in shared memory: there a second connection gets "table is
    # locked" at once, so two writers at once (the race tests) could not wait their turn.
    # One file per test run, so two runs side by side do not share it.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"inburgering-test-{os.getpid()}.sqlite3")
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The reports' queries are short; PostgreSQL's JIT spent most of their time compiling
    # them (measured: 6.1 of caseload's 6.2 s at 10,000 clients).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# Dutch first; ISO is always accepted as well.
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%y"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")

# Static files are served by the application server itself (WhiteNoise), under gunicorn and
# runserver alike: with DEBUG off compressed, and with the content's hash in the name so
# browsers may keep them forever (`collectstatic` makes them; make run and make serve do);
# with DEBUG on straight from the apps' folders.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
if not DEBUG:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

FORMAT_MODULE_PATH = ["config.formats"]

LOGIN_URL = "inloggen"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "start"
# Failed logins per user name and address before the login form refuses for a while.
LOGIN_MAX_POGINGEN = env_int("LOGIN_MAX_POGINGEN", 5)
LOGIN_BLOKKADE_SECONDEN = env_int("LOGIN_BLOKKADE_SECONDEN", 900)
# How many proxies in front of the app may be believed about the client's address
# (X-Forwarded-For); 0: only REMOTE_ADDR.
VERTROUWDE_PROXIES = env_int("VERTROUWDE_PROXIES", 0)
AXES_FAILURE_LIMIT = LOGIN_MAX_POGINGEN
AXES_COOLOFF_TIME = LOGIN_BLOKKADE_SECONDEN / 3600  # hours
# Per name and address, and per name over every address: guessing from many addresses is
# stopped too (the price: someone who knows a user name can lock that user out for
# LOGIN_BLOKKADE_SECONDEN; the README says so).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "kern.inloggen.client_adres"
AXES_LOCKOUT_CALLABLE = "kern.inloggen.geblokkeerd"
AXES_VERBOSE = False
TOKEN_GELDIG_DAGEN = env_int("TOKEN_GELDIG_DAGEN", 30)
UPLOAD_MAX_BYTES = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "kern.inloggen.VerlopendeTokenAuthenticatie",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["kern.api.permissions.RolPermissie"],
    "DEFAULT_PARSER_CLASSES": [
        "kern.api.parsers.VeiligeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "kern.api.pagination.Paginering",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kern.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": env_str("TOKEN_THROTTLE_RATE", "10/minute")},
    "COERCE_DECIMAL_TO_STRING": True,
    "NUM_PROXIES": VERTROUWDE_PROXIES,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Inburgeringsaanbod API",
    "DESCRIPTION": (
        "Register van aanbieders, trajecten, contracten en budgetten voor de inkoop van het "
        "inburgeringsaanbod (Wet inburgering 2021). Authenticatie: sessie of "
        "`Authorization: Token <sleutel>` (zie `POST /api/v1/token/`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "TaalniveauEnum": "aanbod.models.Taalniveau",
        "UitstroomredenEnum": "registratie.models.Uitstroomreden",
        "UitstroomSubredenEnum": "registratie.models.UitstroomSubreden",
        "ModulesoortEnum": "registratie.models.Module.Soort",
        "NazorgcontactsoortEnum": "registratie.models.Nazorgcontact.Soort",
        "PipredenEnum": "registratie.models.PipVersie.Reden",
        "UitvalredenEnum": "registratie.models.Onderbreking.Reden",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kern.api.schema.foutantwoorden",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Parameters of the monitoring reports (docs/domein.md); each can be overridden per request.
CASELOAD_NORM = env_int("CASELOAD_NORM", 100)
UITKERING_PER_JAAR = env_int("UITKERING_PER_JAAR", 16800)
DEELTIJD_FACTOR = env_decimal("DEELTIJD_FACTOR", "0.5")
# Years after outflow that a client's personal data are kept (manage.py anonimiseer).
BEWAARTERMIJN_JAREN = env_int("BEWAARTERMIJN_JAREN", 5)
# The traject kinds whose provider needs the Blik op Werk keurmerk inburgeren: the language
# courses (registratie.regels.vraagt_keurmerk), whatever route the contract line names.
KEURMERK_SOORTEN = env_list("KEURMERK_SOORTEN", ["taal", "alfabetisering", "z_route"])
# The gemeente existing data belong to when the register becomes a region's (migration
# registratie 0025): its name and CBS code.
GEMEENTE_NAAM = env_str("GEMEENTE_NAAM", "Eindhoven")
# The OCID prefix the Open Contracting Partnership gave the gemeente (ocds-xxxxxx).
OCDS_PREFIX = env_str("OCDS_PREFIX", "ocds-inb000")
GEMEENTE_CBS = env_str("GEMEENTE_CBS", "0772")
# Days a client has to take a place offered from the waiting list before it passes on.
WACHTLIJST_AANBOD_DAGEN = env_int("WACHTLIJST_AANBOD_DAGEN", 10)
# Four eyes on money: a declaration line above VIER_OGEN_VANAF euro is approved by two
# people, and a payment batch is released by another than who prepared it. MANDAAT_<ROL>:
# the largest line or batch one person in that role may approve or release (empty: no limit).
VIER_OGEN_VANAF = env_decimal("VIER_OGEN_VANAF", "2500")
MANDAAT = {
    "inkoper": env_decimal("MANDAAT_INKOPER", "250000"),
    "beheerder": env_decimal("MANDAAT_BEHEERDER", "") if env_str("MANDAAT_BEHEERDER") else None,
}
# How far ahead the dashboard signals a contract's end.
SIGNAAL_CONTRACT_DAGEN = env_int("SIGNAAL_CONTRACT_DAGEN", 90)

# Background work (kern.taken) on the register's own database; `make run` and the
# systemd unit start the worker (manage.py db_worker) beside the web server. An export of
# more rows than EXPORT_DIRECT_MAX goes there, and so does writing an upload of more rows
# than IMPORT_DIRECT_MAX (its form is checked in the request); one person has at most
# TAKEN_PER_GEBRUIKER tasks running, and a result is kept TAAK_BEWAARDAGEN days.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
EXPORT_DIRECT_MAX = env_int("EXPORT_DIRECT_MAX", 5000)
IMPORT_DIRECT_MAX = env_int("IMPORT_DIRECT_MAX", 5000)
TAKEN_PER_GEBRUIKER = env_int("TAKEN_PER_GEBRUIKER", 3)
TAAK_BEWAARDAGEN = env_int("TAAK_BEWAARDAGEN", 7)
# The hour (gemeente's time) at which the worker does the daily step (registratie.dagelijks).
DAGELIJKS_UUR = env_int("DAGELIJKS_UUR", 2)
# Whether the beheerder may grow a synthetic world from the page (demo.taken): on only where
# made-up clients belong, a test or measuring environment (`make run` turns it on).
SYNTHETISCH_TOEGESTAAN = env_bool("SYNTHETISCH_TOEGESTAAN", False)
# Every report that reads a kept summary (declaraties.geldjaren, registratie.voortgangstand)
# also worked out in full and compared: on in the test suite, twice the work in production.
SAMENVATTING_CONTROLE = env_bool("SAMENVATTING_CONTROLE", False)

# Every import path (web, API, admin, commands): the largest file and the most rows.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_RIJEN = env_int("IMPORT_MAX_RIJEN", 200_000)
# What an Excel file may cost beyond its size: distinct texts (shared strings) and their
# total size, and the seconds one file may take to read.
IMPORT_MAX_TEKSTEN = env_int("IMPORT_MAX_TEKSTEN", 1_000_000)
IMPORT_MAX_TEKSTGROOTTE = env_int("IMPORT_MAX_TEKSTGROOTTE", 64 * 1024 * 1024)
IMPORT_MAX_SECONDEN = env_int("IMPORT_MAX_SECONDEN", 120)

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Formula escaping is done by kern.importeren.VeiligCSV/VeiligXLSX (covers = + - @).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING").upper()},
}

# Production hardening; every value can be overridden for a set-up behind a proxy.
# LOKAAL_HTTP: served over plain HTTP on this machine (`make run`), so no HTTPS redirect,
# HSTS or HTTPS-only cookies, while DEBUG stays off (Dutch error pages, no debug page).
LOKAAL_HTTP = env_bool("LOKAAL_HTTP", False)
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not LOKAAL_HTTP)
    # A load balancer's health check speaks plain HTTP to the application server.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if LOKAAL_HTTP else 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = not LOKAAL_HTTP
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not LOKAAL_HTTP)
    SESSION_COOKIE_SECURE = not LOKAAL_HTTP
    CSRF_COOKIE_SECURE = not LOKAAL_HTTP
    if env_bool("USE_X_FORWARDED_PROTO", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
