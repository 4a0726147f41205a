"""bezet, vrij, bezettingsgraad, verplicht bedrag, ruimte onder plafond and budget versus
contracted, computed by the database and shown the same in API and admin."""

import datetime as dt
from decimal import Decimal

import pytest

from inkoop.models import ACTIEVE_STATUSSEN
from registratie.models import Inschrijving
from tests.factories import (
    BudgetFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
    leerroute,
)

pytestmark = pytest.mark.django_db
S = Inschrijving.Status


def afgerond(**kw):
    return InschrijvingFactory(
        status=S.AFGEROND, einddatum=dt.date(2026, 5, 1), reden_einde="volgens_plan", **kw
    )


@pytest.fixture
def contract():
    contract = ContractFactory(plafond=Decimal("20000.00"))
    regel_a = ContractregelFactory(contract=contract, tarief=Decimal("1000.00"), capaciteit=4)
    regel_b = ContractregelFactory(
        contract=contract,
        tarief=Decimal("2500.50"),
        capaciteit=0,
        traject=TrajectFactory(aanbieder=contract.aanbieder),
    )
    # regel_a: 2 running + 1 registered hold places; a finished one does not.
    InschrijvingFactory(contractregel=regel_a, status=S.GESTART)
    InschrijvingFactory(contractregel=regel_a, status=S.GESTART)
    InschrijvingFactory(contractregel=regel_a, status=S.AANGEMELD)
    afgerond(contractregel=regel_a)
    # Another contract's enrolment must not count here.
    InschrijvingFactory(tarief=Decimal("777.00"))
    return contract, regel_a, regel_b


def test_actieve_statussen_volgen_het_model():
    assert set(ACTIEVE_STATUSSEN) == set(Inschrijving.ACTIEF)


@pytest.mark.parametrize(
    ("vorm", "verwacht"),
    [
        # At the same time: 2 running + 1 registered hold places; the finished one does not.
        ("gelijktijdig", (3, 1, 75.0)),
        # Starts in the term: the finished one counts too.
        ("instroom", (4, 0, 100.0)),
    ],
)
def test_bezetting_per_contractregel(api_inkoper, contract, vorm, verwacht):
    _, regel_a, regel_b = contract
    regel_a.capaciteitsvorm = vorm
    regel_a.save()
    a = api_inkoper.get(f"/api/v1/contractregels/{regel_a.uuid}/").json()
    assert (a["bezet"], a["vrij"], a["bezettingsgraad"]) == verwacht
    b = api_inkoper.get(f"/api/v1/contractregels/{regel_b.uuid}/").json()
    assert (b["bezet"], b["vrij"], b["bezettingsgraad"]) == (0, 0, None)


def test_verplicht_bedrag_en_ruimte_onder_plafond(api_inkoper, contract):
    c, _, _ = contract
    body = api_inkoper.get(f"/api/v1/contracten/{c.uuid}/").json()
    # Four enrolments (finished included) at 1000.00 each.
    assert body["verplicht_bedrag"] == "4000.00"
    assert body["ruimte_onder_plafond"] == "16000.00"


def test_zonder_inschrijvingen_is_alles_nul(api_inkoper):
    regel = ContractregelFactory(capaciteit=7)
    body = api_inkoper.get(f"/api/v1/contractregels/{regel.uuid}/").json()
    assert (body["bezet"], body["vrij"], body["bezettingsgraad"]) == (0, 7, 0.0)
    c = api_inkoper.get(f"/api/v1/contracten/{regel.contract.uuid}/").json()
    assert c["verplicht_bedrag"] == "0.00"
    assert c["ruimte_onder_plafond"] == c["plafond"]


def test_filter_op_vrije_plaatsen(api_inkoper, contract):
    _, regel_a, regel_b = contract
    ids = {r["id"] for r in api_inkoper.get("/api/v1/contractregels/?vrij=true").json()["results"]}
    assert str(regel_a.uuid) in ids
    assert str(regel_b.uuid) not in ids


def test_budget_tegenover_gecontracteerde_capaciteit_maal_tarief(api_inkoper):
    b1 = leerroute("b1")
    budget = BudgetFactory(jaar=2026, leerroute=b1, bedrag=Decimal("10000.00"))
    lopend = ContractFactory(startdatum=dt.date(2025, 7, 1), einddatum=dt.date(2027, 6, 30))
    ContractregelFactory(contract=lopend, leerroute=b1, tarief=Decimal("1500.00"), capaciteit=3)
    ContractregelFactory(
        contract=lopend,
        leerroute=leerroute("z"),
        traject=TrajectFactory(aanbieder=lopend.aanbieder, routes=["z"]),
        tarief=Decimal("999.00"),
        capaciteit=9,
    )
    # Not counted: another year, and a concept contract.
    ContractregelFactory(
        contract=ContractFactory(startdatum=dt.date(2027, 1, 1), einddatum=dt.date(2027, 12, 31)),
        leerroute=b1,
        capaciteit=50,
    )
    ContractregelFactory(contract=ContractFactory(status="concept"), leerroute=b1, capaciteit=50)

    body = api_inkoper.get(f"/api/v1/budgetten/{budget.uuid}/").json()
    assert body["gecontracteerde_plaatsen"] == 3  # places count in every year of the term
    # Money by the year's slice (issue 22): 2026 holds 365 of the term's 730 days, so half
    # of 3 x 1.500 (it counted in full in 2025, 2026 and 2027).
    assert body["gecontracteerd_bedrag"] == "2250.00"
    assert body["budget_min_gecontracteerd"] == "7750.00"


def test_admin_toont_dezelfde_cijfers(client, beheerder, contract):
    _, regel_a, _ = contract
    client.force_login(beheerder)
    html = client.get("/admin/inkoop/contractregel/").content.decode()
    assert "75,0 %" in html
    html = client.get("/admin/inkoop/contract/").content.decode()
    assert "€\xa04.000,00" in html and "€\xa016.000,00" in html
