"""The dashboard's signals (issue 28): each raised when there is something to act on, not
otherwise, with a link to the page to act on it."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils.timezone import localdate as vandaag

from rapportages.signalen import BUDGET, CONTRACT_EINDIGT, PLAFOND_VOL, signalen
from registratie.services import wachtlijst_plaats
from tests.factories import (
    BudgetFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
)

pytestmark = pytest.mark.django_db


def soorten(peildatum=None):
    return [s.soort for s in signalen(peildatum=peildatum or vandaag())]


def lopend_contract(**kwargs):
    return ContractFactory(
        startdatum=vandaag() - dt.timedelta(days=200),
        einddatum=vandaag() + dt.timedelta(days=300),
        **kwargs,
    )


def test_gecontracteerd_boven_het_budget_en_zonder_budget():
    """Issue 28: the budget report's Signaal column was empty while the contracted amount
    exceeded the budget."""
    contract = ContractFactory(  # this calendar year: its whole value falls in it
        plafond=D("500000.00"),
        startdatum=vandaag().replace(month=1, day=1),
        einddatum=vandaag().replace(month=12, day=31),
    )
    ContractregelFactory(contract=contract, capaciteit=20, tarief=D("5000.00"))  # 100.000
    BudgetFactory(jaar=vandaag().year, bedrag=D("60000.00"))
    budget = [s for s in signalen(peildatum=vandaag()) if s.soort == BUDGET]
    assert [s.titel for s in budget] == ["Budget B1-route"]
    assert "boven het budget" in budget[0].tekst and "€\xa040.000,00" in budget[0].tekst
    assert budget[0].link.startswith("/rapportages/budget/")

    ContractregelFactory(
        contract=contract, leerroute=None, traject__naam="Taal", capaciteit=1, tarief=D("10")
    )
    from inkoop.models import Budget

    Budget.objects.all().delete()
    assert [s.tekst[:12] for s in signalen(peildatum=vandaag()) if s.soort == BUDGET] == [
        "Geen budget "
    ]


def test_een_contract_dat_binnen_de_horizon_eindigt(settings):
    bijna = ContractFactory(
        kenmerk="INB-EIND",
        startdatum=vandaag() - dt.timedelta(days=300),
        einddatum=vandaag() + dt.timedelta(days=26),
    )
    InschrijvingFactory(
        contractregel=ContractregelFactory(contract=bijna),
        datum_aanmelding=vandaag() - dt.timedelta(days=100),
        startdatum=vandaag() - dt.timedelta(days=90),
    )
    ContractFactory(einddatum=vandaag() + dt.timedelta(days=200), startdatum=vandaag())  # later
    eindigt = [s for s in signalen(peildatum=vandaag()) if s.soort == CONTRACT_EINDIGT]
    assert [s.titel for s in eindigt] == ["Contract INB-EIND eindigt over 26 dagen"]
    assert "1 inschrijving lopen nog" in eindigt[0].tekst
    assert eindigt[0].link == f"/contracten/{bijna.uuid}/"
    settings.SIGNAAL_CONTRACT_DAGEN = 20
    assert CONTRACT_EINDIGT not in soorten()


def test_vrije_plaatsen_die_het_plafond_blokkeert_terwijl_clienten_wachten():
    """A place is free, but the contract's plafond cannot pay for it: nobody on the waiting
    list can be offered it, and only the inkoper can change that."""
    contract = lopend_contract(plafond=D("2500.00"))
    regel = ContractregelFactory(contract=contract, capaciteit=5, tarief=D("1000.00"))
    for _ in range(2):
        InschrijvingFactory(contractregel=regel, datum_aanmelding=vandaag(), startdatum=vandaag())
    assert PLAFOND_VOL not in soorten()  # free places, nobody waiting
    wachtlijst_plaats(client=ClientFactory(), traject=regel.traject, door=None)
    vol = [s for s in signalen(peildatum=vandaag()) if s.soort == PLAFOND_VOL]
    assert len(vol) == 1
    assert "3 vrije plaatsen geblokkeerd door het plafond" in vol[0].titel
    assert "€\xa0500,00 onder het plafond" in vol[0].tekst and "1 client wacht." in vol[0].tekst
    # In the past there is nothing to act on.
    assert PLAFOND_VOL not in soorten(vandaag() - dt.timedelta(days=1))
    contract.plafond = D("10000.00")
    contract.save()
    assert PLAFOND_VOL not in soorten()


def test_het_dashboard_toont_de_signalen_met_een_link(client, inkoper):
    bijna = ContractFactory(
        startdatum=vandaag() - dt.timedelta(days=300), einddatum=vandaag() + dt.timedelta(days=10)
    )
    client.force_login(inkoper)
    html = client.get("/dashboard/").content.decode()
    assert f"Contract {bijna.kenmerk} eindigt over 10 dagen" in html
    assert f'href="/contracten/{bijna.uuid}/"' in html
    html = client.get("/dashboard/", {"peildatum": "2020-01-01"}).content.decode()
    assert "Geen signalen op deze peildatum" in html


def test_contracten_die_op_dezelfde_dag_eindigen_zijn_een_signaal(client, inkoper):
    """The demo's fourteen contracts ending on 31 December were fourteen signals."""
    einde = vandaag() + dt.timedelta(days=30)
    for n in range(7):
        ContractFactory(
            kenmerk=f"INB-J-{n}", startdatum=vandaag() - dt.timedelta(days=300), einddatum=einde
        )
    eindigt = [s for s in signalen(peildatum=vandaag()) if s.soort == CONTRACT_EINDIGT]
    assert [s.titel for s in eindigt] == ["7 contracten eindigen over 30 dagen"]
    assert "INB-J-0, INB-J-1, INB-J-2, INB-J-3, INB-J-4 en 2 meer" in eindigt[0].tekst
    client.force_login(inkoper)
    html = client.get(eindigt[0].link).content.decode()
    assert all(f"INB-J-{n}" in html for n in range(7))
