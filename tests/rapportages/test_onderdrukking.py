"""What a provider's reports cannot reveal: a count below five, also a derived one (how many
of them work), and no day-by-day differences: its peildatum is the end of a whole month."""

import datetime as dt

import pytest

from rapportages.rapporten import maak_rapport
from registratie.models import Client
from tests.factories import ClientFactory, ContractregelFactory, InschrijvingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zes_clienten(eigen_aanbieder):
    regel = ContractregelFactory(contract__aanbieder=eigen_aanbieder)
    clienten = ClientFactory.create_batch(6, datum_brede_intake=dt.date(2026, 1, 10))
    for client in clienten:
        InschrijvingFactory(client=client, contractregel=regel)
    Client.objects.filter(pk=clienten[0].pk).update(
        uitstroom_datum=dt.date(2026, 6, 10), uitstroom_reden="voltijd_baan"
    )


def interventies(user, peildatum):
    return maak_rapport("interventies", user=user, peildatum=peildatum).als_dict()


def test_een_afgeleid_klein_aantal_is_onderdrukt(zes_clienten, aanbieder_gebruiker, inkoper):
    [inkoop] = interventies(inkoper, dt.date(2026, 6, 30))["rijen"]
    assert (inkoop["aantal"], inkoop["werkt"]) == (6, 1)
    [eigen] = interventies(aanbieder_gebruiker, dt.date(2026, 6, 30))["rijen"]
    assert (eigen["aantal"], eigen["werkt"], eigen["percentage_werkt"]) == (6, None, None)


def test_de_peildatum_van_een_aanbieder_is_het_einde_van_een_hele_maand(
    zes_clienten, aanbieder_gebruiker
):
    dagen = [dt.date(2026, 6, d) for d in (9, 10, 11, 29)]
    rapporten = [interventies(aanbieder_gebruiker, d) for d in dagen]
    assert {r["peildatum"] for r in rapporten} == {"2026-05-31"}
    assert all(r["rijen"] == rapporten[0]["rijen"] for r in rapporten)
    assert interventies(aanbieder_gebruiker, dt.date(2026, 6, 30))["peildatum"] == "2026-06-30"
