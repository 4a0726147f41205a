"""Cost per outcome: of the enrolments started in the period, who completed, who ended early
and why, who went to work or education within 6 and 12 months, and what each cost."""

import datetime as dt
from decimal import Decimal

import pytest

from declaraties.models import Declaratie
from rapportages.rapporten import maak_rapport
from registratie.models import Client
from tests.factories import ClientFactory, ContractregelFactory, InschrijvingFactory

pytestmark = pytest.mark.django_db
D = Decimal
P = dt.date(2027, 6, 30)


@pytest.fixture
def regel(eigen_aanbieder):
    regel = ContractregelFactory(contract__aanbieder=eigen_aanbieder, tarief=D("1000.00"))

    def ingeschreven(status="gestart", einde=None, reden="", uitstroom=None, uitreden=""):
        client = ClientFactory()
        Client.objects.filter(pk=client.pk).update(
            uitstroom_datum=uitstroom, uitstroom_reden=uitreden
        )
        return InschrijvingFactory(
            client=client,
            contractregel=regel,
            status=status,
            einddatum=einde,
            reden_einde=reden,
            datum_aanmelding=dt.date(2026, 1, 5),
            startdatum=dt.date(2026, 1, 10),
        )

    klaar = ingeschreven(
        "afgerond", dt.date(2026, 3, 31), "volgens_plan", dt.date(2026, 8, 15), "voltijd_baan"
    )
    ingeschreven(
        "afgerond", dt.date(2026, 2, 28), "volgens_plan", dt.date(2026, 12, 1), "opleiding"
    )
    ingeschreven("voortijdig_beeindigd", dt.date(2026, 2, 1), "verhuisd")
    ingeschreven()
    Declaratie.objects.create(
        inschrijving=klaar,
        periode=dt.date(2026, 2, 1),
        eenheden=1,
        bedrag=D("800.00"),
        status="goedgekeurd",
    )
    return regel


def test_resultaten_en_kosten_per_uitkomst(regel):
    body = maak_rapport(
        "resultaten", peildatum=P, van=dt.date(2026, 1, 1), tot=dt.date(2026, 12, 31)
    ).als_dict()
    [rij] = body["rijen"]
    assert (rij["aantal"], rij["volgens_plan"], rij["voortijdig"]) == (4, 2, 1)
    # 15-08-2026 is within 6 months of 31-03; 01-12-2026 within 12 months of 28-02 only.
    assert (rij["werk_6"], rij["werk_12"]) == (1, 2)
    # Per enrolment, no switch: 800 approved, and still to come the other 200 of that
    # enrolment and the 1,000 of each other (the dropout's regel pays per unit, so its one
    # trajectprijs can still be declared): 4,000 over 2 completions and 2 outflows.
    assert (rij["verplicht"], rij["gerealiseerd"], rij["nog_te_verwachten"]) == (
        D("4000.00"),
        D("800.00"),
        D("3200.00"),
    )
    assert (rij["per_afronding"], rij["per_uitstroom"]) == (D("2000.00"), D("2000.00"))
    [reden] = body["tabellen"]["redenen"]["rijen"]
    assert (reden["reden"], reden["aantal"]) == ("client verhuisd", 1)


def test_een_aanbieder_ziet_geen_cijfers_over_minder_dan_vijf(regel, aanbieder_gebruiker):
    body = maak_rapport(
        "resultaten",
        user=aanbieder_gebruiker,
        peildatum=P,
        van=dt.date(2026, 1, 1),
        tot=dt.date(2026, 12, 31),
    ).als_dict()
    [rij] = body["rijen"]
    assert rij["onderdrukt"] and rij["aantal"] is None and rij["per_afronding"] is None
    assert body["tabellen"]["redenen"]["rijen"] == []
