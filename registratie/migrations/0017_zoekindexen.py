"""Trigram indexes for `q=` on PostgreSQL: `UPPER(col) LIKE UPPER('%term%')` (Django's
icontains) then reads an index instead of every client. Not part of the models' state: SQLite
has no trigram indexes, and without the pg_trgm extension the search still works, slower."""

from django.db import migrations, transaction

INDEXEN = [
    ("registratie_client", "clientnummer"),
    ("registratie_client", "voornaam"),
    ("registratie_client", "achternaam"),
    ("aanbod_traject", "naam"),
    ("aanbod_traject", "code"),
]


def maak(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 - no rights or not installed: search without index
        return
    for tabel, kolom in INDEXEN:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {tabel}_{kolom}_trgm ON {tabel} "
            f"USING gin (UPPER({kolom}::text) gin_trgm_ops)"
        )


def verwijder(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel, kolom in INDEXEN:
        schema_editor.execute(f"DROP INDEX IF EXISTS {tabel}_{kolom}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("registratie", "0016_rapportage_index"),
        ("aanbod", "0002_leerroutes"),
    ]

    operations = [migrations.RunPython(maak, verwijder)]
