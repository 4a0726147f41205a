"""Migration 0018 carries today's datum_pip and leerroute into a first PIP version, and
back, without losing either."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

VOOR = [("registratie", "0017_zoekindexen")]
NA = [("registratie", "0018_wi2021_dossier")]


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


@pytest.mark.django_db(transaction=True)
def test_datum_pip_en_leerroute_worden_de_eerste_versie(referentiegegevens):
    oud = _migreer(VOOR)
    Client = oud.get_model("registratie", "Client")
    Client.objects.create(
        clientnummer="M-1", datum_pip=dt.date(2023, 8, 31), leerroute_id="onderwijs"
    )
    Client.objects.create(clientnummer="M-2", datum_pip=dt.date(2024, 1, 2), leerroute_id=None)
    Client.objects.create(clientnummer="M-3", datum_pip=None, leerroute_id="z")
    try:
        nieuw = _migreer(NA)
        Client = nieuw.get_model("registratie", "Client")
        PipVersie = nieuw.get_model("registratie", "PipVersie")
        versies = {
            v.client.clientnummer: (v.volgnummer, v.datum, v.leerroute_id, v.taaldoel, v.reden)
            for v in PipVersie.objects.select_related("client")
        }
        assert versies == {
            "M-1": (1, dt.date(2023, 8, 31), "onderwijs", "B1", "initieel"),
            "M-2": (1, dt.date(2024, 1, 2), None, "", "initieel"),
        }
        rijen = {
            c.clientnummer: (c.datum_pip, c.leerroute_id, c.termijn_start, c.termijn_eind)
            for c in Client.objects.all()
        }
        assert rijen == {
            "M-1": (dt.date(2023, 8, 31), "onderwijs", dt.date(2023, 8, 31), dt.date(2026, 8, 31)),
            "M-2": (dt.date(2024, 1, 2), None, dt.date(2024, 1, 2), dt.date(2027, 1, 2)),
            "M-3": (None, "z", None, None),  # an intended route, no decision yet
        }
        terug = _migreer(VOOR).get_model("registratie", "Client")
        assert set(terug.objects.values_list("clientnummer", "datum_pip", "leerroute_id")) == {
            ("M-1", dt.date(2023, 8, 31), "onderwijs"),
            ("M-2", dt.date(2024, 1, 2), None),
            ("M-3", None, "z"),
        }
    finally:
        # Back to the latest state of every app, not only to 0018: later tests need it all.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
