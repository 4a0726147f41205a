"""Migration registratie 0025: existing clients and staff belong to the register's own
gemeente (settings.GEMEENTE_NAAM and GEMEENTE_CBS), which becomes the centrumgemeente."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import UserFactory

VOOR = [("registratie", "0024_wi2021_labels")]
NA = [("registratie", "0025_client_gemeente")]


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


@pytest.mark.django_db(transaction=True)
def test_bestaande_clienten_en_medewerkers_gaan_naar_de_eigen_gemeente(
    referentiegegevens, settings
):
    settings.GEMEENTE_NAAM, settings.GEMEENTE_CBS = "Eindhoven", "0772"
    oud = _migreer(VOOR)
    oud.get_model("registratie", "Client").objects.create(clientnummer="M-1")
    spec = UserFactory(username="m-spec", rol="specialist")
    UserFactory(username="m-aanb", rol="aanbieder")
    try:
        nieuw = _migreer(NA)
        Gemeente = nieuw.get_model("regio", "Gemeente")
        [gemeente] = Gemeente.objects.all()
        assert (gemeente.naam, gemeente.cbs_code, gemeente.rol) == ("Eindhoven", "0772", "centrum")
        client = nieuw.get_model("registratie", "Client").objects.get(clientnummer="M-1")
        assert client.gemeente_id == gemeente.pk
        assert list(gemeente.medewerkers.values_list("username", flat=True)) == [spec.username]
    finally:
        # Back to the latest state of every app: later tests need it all.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        assert Group.objects.filter(name="specialist").exists()
