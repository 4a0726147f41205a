"""Money by year (issue 22, part): a contract's value falls in the years of its term by its
year slices, pro rata by days unless the contract records its own; a three-year contract
no longer counts in full in every year."""

import datetime as dt
from decimal import Decimal as D

import pytest

from inkoop.models import Jaarschijf, pro_rata
from inkoop.selectors import gecontracteerd_per_route
from rapportages.rapporten import maak_rapport
from tests.factories import BudgetFactory, ContractFactory, ContractregelFactory, leerroute

pytestmark = pytest.mark.django_db


def drie_jaar():
    """EUR 120,000: 30 places of EUR 4,000, 1 January 2025 to 31 December 2027."""
    contract = ContractFactory(
        startdatum=dt.date(2025, 1, 1), einddatum=dt.date(2027, 12, 31), plafond=D("120000")
    )
    ContractregelFactory(contract=contract, leerroute=leerroute("b1"), capaciteit=30, tarief=4000)
    return contract


def test_pro_rata_telt_op_tot_het_geheel():
    delen = pro_rata(dt.date(2025, 7, 1), dt.date(2027, 6, 30))
    assert delen == {2025: D("0.2520547945"), 2026: D("0.5000000000"), 2027: D("0.2479452055")}
    assert sum(delen.values()) == 1


def test_een_driejarig_contract_telt_per_jaar_een_derde():
    drie_jaar()
    # 365, 365 and 365 of 1,095 days: 40,000 a year (hand-computed).
    for jaar in (2025, 2026, 2027):
        assert gecontracteerd_per_route(jaar)["b1"] == D("40000.00")
    assert gecontracteerd_per_route(2028) == {}


def test_het_budget_signaleert_niet_drie_keer_te_veel():
    """The report signalled 'EUR 70,000 above budget' in each of the three years."""
    drie_jaar()
    BudgetFactory(jaar=2026, leerroute=leerroute("b1"), bedrag=D("50000"))
    [rij] = [
        r for r in maak_rapport("budget", peildatum=dt.date(2026, 6, 30)).rijen if r["code"] == "b1"
    ]
    assert rij["gecontracteerd"] == D("40000.00")
    assert rij["signaal"] == ""


def test_vastgelegde_jaarschijven_blijven_en_een_nieuwe_looptijd_verplaatst_ze_niet():
    contract = drie_jaar()
    for jaar, aandeel in ((2025, "0.5"), (2026, "0.3"), (2027, "0.2")):
        Jaarschijf.objects.filter(contract=contract, jaar=jaar).update(
            aandeel=D(aandeel), vastgelegd=True
        )
    contract.omschrijving = "gewijzigd"
    contract.save()
    assert gecontracteerd_per_route(2025)["b1"] == D("60000.00")
    contract.einddatum = dt.date(2026, 12, 31)  # shortened: 2027's slice goes
    contract.save()
    assert list(contract.jaarschijven.values_list("jaar", flat=True)) == [2025, 2026]


def test_het_beheer_weigert_schijven_die_niet_optellen_tot_het_geheel(client, beheerder):
    contract = drie_jaar()
    schijven = list(contract.jaarschijven.order_by("jaar"))
    client.force_login(beheerder)
    data = {
        "aanbieder": contract.aanbieder_id,
        "kenmerk": contract.kenmerk,
        "inkoopvorm": contract.inkoopvorm,
        "startdatum": "2025-01-01",
        "einddatum": "2027-12-31",
        "plafond": "120000",
        "status": contract.status,
        "regels-TOTAL_FORMS": "0",
        "regels-INITIAL_FORMS": "0",
        "jaarschijven-TOTAL_FORMS": "3",
        "jaarschijven-INITIAL_FORMS": "3",
    }
    for i, (schijf, aandeel) in enumerate(zip(schijven, ("0.5", "0.3", "0.3"), strict=True)):
        data |= {
            f"jaarschijven-{i}-id": schijf.pk,
            f"jaarschijven-{i}-contract": contract.pk,
            f"jaarschijven-{i}-jaar": schijf.jaar,
            f"jaarschijven-{i}-aandeel": aandeel,
            f"jaarschijven-{i}-vastgelegd": "on",
        }
    antwoord = client.post(f"/admin/inkoop/contract/{contract.pk}/change/", data)
    assert antwoord.status_code == 200
    assert "tellen op tot 110,00 %, niet 100 %" in antwoord.content.decode()
    assert not Jaarschijf.objects.filter(vastgelegd=True).exists()


def test_in_het_beheer_vastleggen_en_de_looptijd_tegelijk_wijzigen(client, beheerder):
    contract = drie_jaar()
    schijven = list(contract.jaarschijven.order_by("jaar"))
    client.force_login(beheerder)
    data = {
        "aanbieder": contract.aanbieder_id,
        "kenmerk": contract.kenmerk,
        "inkoopvorm": contract.inkoopvorm,
        "startdatum": "2025-01-01",
        "einddatum": "2026-12-31",  # a year shorter, in the same save
        "plafond": "120000",
        "status": contract.status,
        "regels-TOTAL_FORMS": "0",
        "regels-INITIAL_FORMS": "0",
        "jaarschijven-TOTAL_FORMS": "3",
        "jaarschijven-INITIAL_FORMS": "3",
    }
    for i, (schijf, aandeel, weg) in enumerate(
        zip(schijven, ("0.6", "0.4", "0"), (False, False, True), strict=True)
    ):
        data |= {
            f"jaarschijven-{i}-id": schijf.pk,
            f"jaarschijven-{i}-contract": contract.pk,
            f"jaarschijven-{i}-jaar": schijf.jaar,
            f"jaarschijven-{i}-aandeel": aandeel,
            f"jaarschijven-{i}-vastgelegd": "on",
        }
        if weg:
            data[f"jaarschijven-{i}-DELETE"] = "on"
    antwoord = client.post(f"/admin/inkoop/contract/{contract.pk}/change/", data)
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert dict(contract.jaarschijven.values_list("jaar", "aandeel")) == {
        2025: D("0.6"),
        2026: D("0.4"),
    }
