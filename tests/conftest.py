import os

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import AanbiederFactory, UserFactory, koppel_aanbieder


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if os.environ.get("REQUIRE_POSTGRES") and engine != "postgresql":
        raise pytest.UsageError("REQUIRE_POSTGRES is set but DATABASE_URL is not PostgreSQL.")
    return f"database engine: {engine}"


@pytest.fixture(autouse=True)
def _samenvattingen_gecontroleerd(settings):
    """Every report a test makes proves the kept summaries equal to the full computation."""
    settings.SAMENVATTING_CONTROLE = True


@pytest.fixture(autouse=True)
def _snelle_wachtwoorden(settings):
    # The production hasher takes about 0.3 s per password; the tests make hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _lege_cache(request):
    # Throttling state must not leak between tests; the cache lives in the database, so
    # only a test with the database clears it, after the database is open to it.
    marker = request.node.get_closest_marker("django_db")
    transactioneel = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    if transactioneel:
        request.getfixturevalue("transactional_db")
    elif marker is not None or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        yield
        return
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def inkoper(db):
    return UserFactory(username="t-inkoper", rol="inkoper", is_staff=True)


@pytest.fixture
def beheerder(db):
    return UserFactory(username="t-beheerder", rol="beheerder", is_staff=True)


@pytest.fixture
def specialist(db):
    return UserFactory(username="t-specialist", rol="specialist")


@pytest.fixture
def eigen_aanbieder(db):
    return AanbiederFactory(naam="Eigen Aanbieder")


@pytest.fixture
def aanbieder_gebruiker(db, eigen_aanbieder):
    return koppel_aanbieder(UserFactory(username="t-aanbieder", rol="aanbieder"), eigen_aanbieder)


def _client(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def api():
    return _client


@pytest.fixture
def api_inkoper(inkoper):
    return _client(inkoper)


@pytest.fixture
def api_aanbieder(aanbieder_gebruiker):
    return _client(aanbieder_gebruiker)


@pytest.fixture
def api_specialist(specialist):
    return _client(specialist)


@pytest.fixture
def referentiegegevens(transactional_db):
    """A transactional test starts from a flushed database: seed the leerroutes, the outflow
    aliases and the role groups again, as the migrations do."""
    import importlib

    from django.apps import apps

    from kern.rollen import richt_rollen_in

    importlib.import_module("aanbod.migrations.0002_leerroutes").seed(apps, None)
    importlib.import_module("registratie.migrations.0003_uitstroomaliassen_zaaien").zaai(apps, None)
    richt_rollen_in()
