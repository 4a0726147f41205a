"""A provider cannot learn about one client by asking a report twice with a parameter moved
by a day (issue 29, finding 2): peildatum, van and tot are coarsened together to whole months,
so every day of a month but its last gives the same answer, for every report a provider
sees; and a count below five, in the reasons table too, stays hidden."""

import datetime as dt
import json

import pytest

from rapportages.rapporten import VOOR_AANBIEDERS, maak_rapport
from registratie.models import Client, Inschrijving
from tests.factories import ClientFactory, ContractregelFactory, InschrijvingFactory

pytestmark = pytest.mark.django_db

JUNI = [dt.date(2026, 6, dag) for dag in range(1, 30)]  # not the 30th: that ends the month


@pytest.fixture
def wereld(eigen_aanbieder):
    """Twelve clients on the provider's contract, starting on different days in May and June;
    one goes to work a day after another starts, one ends early for a reason of its own."""
    regel = ContractregelFactory(contract__aanbieder=eigen_aanbieder, capaciteit=50)
    for dag in range(12):
        start = dt.date(2026, 5, 20) + dt.timedelta(days=3 * dag)
        client = ClientFactory(datum_brede_intake=start - dt.timedelta(days=30))
        InschrijvingFactory(
            client=client,
            contractregel=regel,
            datum_aanmelding=start - dt.timedelta(days=5),
            startdatum=start,
        )
    eerste = Inschrijving.objects.order_by("startdatum").first()
    Inschrijving.objects.filter(pk=eerste.pk).update(
        status="voortijdig_beeindigd", einddatum=dt.date(2026, 6, 5), reden_einde="verhuisd"
    )
    Client.objects.filter(pk=eerste.client_id).update(
        uitstroom_datum=dt.date(2026, 6, 6), uitstroom_reden="voltijd_baan"
    )


def _antwoord(user, naam, **parameters) -> str:
    rapport = maak_rapport(naam, user=user, **parameters).als_dict()
    return json.dumps({k: rapport[k] for k in ("rijen", "tabellen") if k in rapport}, default=str)


@pytest.mark.parametrize("naam", sorted(VOOR_AANBIEDERS))
def test_een_dag_verschuiven_geeft_een_aanbieder_geen_nieuw_antwoord(
    wereld, aanbieder_gebruiker, naam
):
    vast = {"peildatum": dt.date(2026, 7, 31), "van": dt.date(2026, 5, 1), "tot": None}
    for parameter in ("peildatum", "van", "tot"):
        antwoorden = {
            _antwoord(aanbieder_gebruiker, naam, **(vast | {parameter: dag})) for dag in JUNI
        }
        assert len(antwoorden) == 1, (naam, parameter, len(antwoorden))


def test_de_redenen_van_voortijdig_einde_zijn_onder_vijf_verborgen(wereld, aanbieder_gebruiker):
    rapport = maak_rapport(
        "resultaten", user=aanbieder_gebruiker, peildatum=dt.date(2026, 7, 31)
    ).als_dict()
    for rij in rapport["tabellen"]["redenen"]["rijen"]:
        assert rij["aantal"] is None or rij["aantal"] >= 5, rij
