"""The budget per leerroute: budget, contracted, committed, approved, paid and what is still
to come, with a signal when the year runs over."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from declaraties.models import Betaalbatch, Declaratie
from rapportages.rapporten import maak_rapport
from tests.factories import BudgetFactory, ContractregelFactory, InschrijvingFactory

pytestmark = pytest.mark.django_db
D = Decimal


def test_budget_tegenover_gecontracteerd_verplicht_goedgekeurd_en_betaald():
    BudgetFactory(jaar=2026, bedrag=D("5000.00"))
    regel = ContractregelFactory(tarief=D("1000.00"), capaciteit=10)  # 10,000 contracted
    inschrijvingen = InschrijvingFactory.create_batch(3, contractregel=regel)  # 3,000 committed
    batch = Betaalbatch.objects.create(nummer="BB-2026-0001", vrijgegeven_op=timezone.now())
    for inschrijving, status in zip(
        inschrijvingen, ["goedgekeurd", "betaald", "ingediend"], strict=True
    ):
        Declaratie.objects.create(
            inschrijving=inschrijving,
            periode=dt.date(2026, 3, 1),
            eenheden=1,
            bedrag=D("1000.00"),
            status=status,
            betaalbatch=batch if status == "betaald" else None,
        )
    rijen = {
        r["code"]: r
        for r in maak_rapport("budget", peildatum=dt.date(2026, 6, 30)).als_dict()["rijen"]
    }
    b1 = rijen["b1"]
    assert (b1["budget"], b1["gecontracteerd"], b1["verplicht"]) == (
        D("5000.00"),
        D("10000.00"),
        D("3000.00"),
    )
    assert (b1["goedgekeurd"], b1["betaald"], b1["nog_te_verwachten"]) == (
        D("2000.00"),
        D("1000.00"),
        D("1000.00"),
    )
    assert b1["signaal"] == "gecontracteerd €\xa05.000,00 boven het budget"
    assert rijen["totaal"]["verplicht"] == D("3000.00")
    volgend_jaar = maak_rapport("budget", peildatum=dt.date(2026, 6, 30), parameters={"jaar": 2027})
    assert all(r["verplicht"] == 0 for r in volgend_jaar.rijen)
