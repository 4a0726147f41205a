"""The database settings the speed and the locking depend on are in force."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_postgresql_compileert_geen_korte_rapportquerys():
    if connection.vendor != "postgresql":
        pytest.skip("alleen PostgreSQL heeft JIT")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_sqlite_wacht_op_de_schrijfvergrendeling_in_plaats_van_te_falen():
    if connection.vendor != "sqlite":
        pytest.skip("alleen SQLite")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 20_000
