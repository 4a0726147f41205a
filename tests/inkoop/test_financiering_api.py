"""Which funding streams pay a contract line, over the API: read by who may read the line,
set by who manages the contracts, in per cent adding up to 100, fixed once money is approved."""

import datetime as dt
from decimal import Decimal as D

import pytest

from declaraties.models import Declaratie
from financien.models import Financieringsbron
from financien.standaard import standaardbronnen
from tests.factories import ContractregelFactory, InschrijvingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regel(db):
    standaardbronnen(Financieringsbron)
    return ContractregelFactory()


def url(regel):
    return f"/api/v1/contractregels/{regel.uuid}/financiering/"


def test_de_inkoper_legt_de_verdeling_vast_en_leest_haar_terug(regel, api_inkoper, api_specialist):
    verdeling = {"spuk-wi2021": "60.00", "participatiebudget": "40.00"}
    gezet = api_inkoper.put(url(regel), {"aandelen": verdeling}, format="json")
    assert (gezet.status_code, gezet.json()) == (200, {"aandelen": verdeling})
    assert api_specialist.get(url(regel)).json() == {"aandelen": verdeling}
    assert api_specialist.put(url(regel), {"aandelen": {}}, format="json").status_code == 403


@pytest.mark.parametrize(
    "aandelen, melding",
    [
        ({"spuk-wi2021": 60, "participatiebudget": 50}, "tellen op tot 110 %"),
        ({"spuk-wi2021": 60, "bestaat-niet": 40}, "Onbekende bron(nen): bestaat-niet"),
    ],
)
def test_een_verkeerde_verdeling_wordt_geweigerd(regel, api_inkoper, aandelen, melding):
    antwoord = api_inkoper.put(url(regel), {"aandelen": aandelen}, format="json")
    assert antwoord.status_code == 400
    assert melding in str(antwoord.json())
    assert not regel.bronverdeling.exists()


def test_na_goedgekeurd_geld_ligt_de_verdeling_vast(regel, api_inkoper):
    api_inkoper.put(url(regel), {"aandelen": {"spuk-wi2021": 100}}, format="json")
    ins = InschrijvingFactory(contractregel=regel)
    Declaratie.objects.create(
        inschrijving=ins,
        periode=dt.date(2026, 10, 1),
        eenheden=D("1"),
        bedrag=regel.tarief,
        status=Declaratie.Status.GOEDGEKEURD,
    )
    anders = api_inkoper.put(url(regel), {"aandelen": {"participatiebudget": 100}}, format="json")
    assert anders.status_code == 400
    assert "al geld goedgekeurd" in str(anders.json())
    assert api_inkoper.get(url(regel)).json() == {"aandelen": {"spuk-wi2021": "100.00"}}
