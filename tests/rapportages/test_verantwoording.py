"""Accountability per funding stream (issue 25): two streams and a line split 60/40, with
the figures computed by hand, equal in total to the budget report; the split of a line
is fixed once money on it is approved."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from declaraties.models import Betaalbatch, Declaratie
from financien.models import Financieringsbron
from financien.standaard import standaardbronnen
from inkoop.services import bronnen_vastleggen
from kern.models import Auditregel
from rapportages.rapporten import maak_rapport
from tests.factories import (
    BudgetFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    leerroute,
)

pytestmark = pytest.mark.django_db
P = dt.date(2026, 12, 31)


@pytest.fixture
def bronnen():
    alle = standaardbronnen(Financieringsbron)
    return alle["spuk-wi2021"], alle["esf"]


@pytest.fixture
def wereld(bronnen):
    """Line A (€ 1.000 a traject) is paid 60 % from the SPUK and 40 % from ESF+, line B
    (€ 400) from the SPUK alone. Two completed enrolments on A, one on B; A's first is
    approved (€ 1.000), B's paid (€ 400)."""
    spuk, esf = bronnen
    contract = ContractFactory()
    a = ContractregelFactory(contract=contract, tarief=D("1000.00"))
    b = ContractregelFactory(contract=contract, tarief=D("400.00"), leerroute=leerroute("z"))
    bronnen_vastleggen(regel=a, aandelen={spuk: D("60"), esf: D("40")}, door=None)
    bronnen_vastleggen(regel=b, aandelen={spuk: D("100")}, door=None)
    klaar = {
        "status": "afgerond",
        "startdatum": dt.date(2026, 2, 1),
        "einddatum": dt.date(2026, 5, 31),
        "reden_einde": "volgens_plan",
    }
    a1, _, b1 = (InschrijvingFactory(contractregel=regel, **klaar) for regel in (a, a, b))
    Declaratie.objects.create(
        inschrijving=a1,
        periode=dt.date(2026, 5, 1),
        eenheden=1,
        bedrag=D("1000.00"),
        status="goedgekeurd",
    )
    Declaratie.objects.create(
        inschrijving=b1,
        periode=dt.date(2026, 5, 1),
        eenheden=1,
        bedrag=D("400.00"),
        status="betaald",
        betaalbatch=Betaalbatch.objects.create(
            nummer="BB-2026-0001", vrijgegeven_op=timezone.now()
        ),
    )
    BudgetFactory(jaar=2026, leerroute=leerroute("b1"), bedrag=D("5000.00"), bron=spuk)
    BudgetFactory(jaar=2026, leerroute=leerroute("z"), bedrag=D("2000.00"), bron=esf)
    BudgetFactory(jaar=2026, leerroute=leerroute("onderwijs"), bedrag=D("100.00"))
    return a, b


def test_verantwoording_per_bron_met_een_gesplitste_regel(wereld):
    rijen = {r["categorie"]: r for r in maak_rapport("verantwoording", peildatum=P).rijen}
    spuk = rijen["SPUK Wi2021 (inburgeringsvoorzieningen)"]
    esf = rijen["ESF+"]
    # SPUK: 60 % of 2 x 1.000 + 400 committed; 60 % of 1.000 + 400 realised; 400 paid.
    assert (spuk["begroot"], spuk["verplicht"], spuk["gerealiseerd"], spuk["betaald"]) == (
        D("5000.00"),
        D("1600.00"),
        D("1000.00"),
        D("400.00"),
    )
    assert (spuk["inschrijvingen"], spuk["clienten"], spuk["sisa"]) == (3, 3, "ja")
    assert (esf["begroot"], esf["verplicht"], esf["gerealiseerd"], esf["betaald"]) == (
        D("2000.00"),
        D("800.00"),
        D("400.00"),
        D("0.00"),
    )
    assert (esf["inschrijvingen"], esf["clienten"]) == (2, 2)
    assert rijen["geen financieringsbron"]["begroot"] == D("100.00")
    totaal = rijen["totaal"]
    assert (totaal["inschrijvingen"], totaal["clienten"]) == (3, 3)  # each counted once
    # The total equals the budget report's, whatever the streams.
    budget = maak_rapport("budget", peildatum=P).rijen[-1]
    assert (totaal["begroot"], totaal["verplicht"], totaal["gerealiseerd"], totaal["betaald"]) == (
        budget["budget"],
        budget["verplicht"],
        budget["goedgekeurd"],
        budget["betaald"],
    )


def test_de_financiering_telt_op_tot_100_en_ligt_vast_na_goedkeuring(wereld, bronnen, inkoper):
    a, b = wereld
    spuk, esf = bronnen
    with pytest.raises(ValidationError, match="tellen op tot 90"):
        bronnen_vastleggen(regel=b, aandelen={spuk: D("50"), esf: D("40")}, door=inkoper)
    with pytest.raises(ValidationError, match="al geld goedgekeurd"):
        bronnen_vastleggen(regel=a, aandelen={spuk: D("100")}, door=inkoper)
    assert {v.bron.code: v.aandeel for v in a.bronverdeling.all()} == {
        "spuk-wi2021": D("60"),
        "esf": D("40"),
    }
    # A line with approved money but no financing yet may still get its first.
    zonder = ContractregelFactory(contract=a.contract)
    Declaratie.objects.create(
        inschrijving=InschrijvingFactory(contractregel=zonder),
        periode=dt.date(2026, 3, 1),
        eenheden=1,
        bedrag=D("1000.00"),
        status="goedgekeurd",
    )
    bronnen_vastleggen(regel=zonder, aandelen={esf: D("100")}, door=inkoper)
    nieuw = ContractregelFactory(contract=a.contract)
    bronnen_vastleggen(regel=nieuw, aandelen={esf: D("100")}, door=inkoper)
    regel = Auditregel.objects.filter(object_uuid=nieuw.uuid).latest("tijdstip")
    assert regel.gegevens["financiering"] == {"voor": {}, "na": {"esf": "100"}}


def test_de_inkoper_legt_de_financiering_vast_op_de_contractpagina(client, inkoper, bronnen):
    regel = ContractregelFactory()
    client.force_login(inkoper)
    adres = f"/contractregels/{regel.uuid}/financiering/"
    fout = client.post(adres, {"bron_spuk-wi2021": "70", "bron_esf": "20"})
    assert fout.status_code == 400 and "tellen op tot 90" in fout.content.decode()
    assert not regel.bronverdeling.exists()
    client.post(adres, {"bron_spuk-wi2021": "70", "bron_esf": "30"})
    pagina = client.get(f"/contracten/{regel.contract.uuid}/").content.decode()
    assert "70 % SPUK Wi2021" in pagina and "30 % ESF+" in pagina
    assert "Financiering: – → spuk-wi2021 70 %, esf 30 %" in pagina  # the history, readable
