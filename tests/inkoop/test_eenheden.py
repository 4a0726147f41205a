"""A place priced per hour commits tarief x expected hours: in the plafond check, the
committed amount, the budget comparison and the reports. A place cancelled before its start
commits nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from inkoop.models import Contractregel
from inkoop.selectors import budgetten_for, contract_verplicht_bedrag
from kern.fouten import ConflictError
from rapportages.rapporten import maak_rapport
from registratie import services
from tests.factories import BudgetFactory, ClientFactory, ContractFactory, ContractregelFactory

pytestmark = pytest.mark.django_db
START = dt.date(2026, 3, 2)


@pytest.fixture
def nt2():
    return ContractregelFactory(
        contract=ContractFactory(plafond=Decimal("7000.00")),
        eenheid=Contractregel.Eenheid.UUR,
        tarief=Decimal("8.00"),
        verwachte_eenheden=Decimal("400"),
        capaciteit=10,
    )


def schrijf_in(regel):
    return services.inschrijving_create(
        client=ClientFactory(),
        contractregel=regel,
        startdatum=START,
        datum_aanmelding=dt.date(2026, 2, 1),
        door=None,
    )


def test_een_uurtarief_verplicht_tarief_maal_uren_en_het_plafond_telt_dat(nt2):
    eerste = schrijf_in(nt2)
    assert (eerste.tarief, eerste.eenheid, eerste.verwachte_eenheden) == (
        Decimal("8.00"),
        "uur",
        Decimal("400.00"),
    )
    assert eerste.verplicht_bedrag == Decimal("3200.00")
    schrijf_in(nt2)
    assert contract_verplicht_bedrag(nt2.contract) == Decimal("6400.00")
    # A third would be 9,600 under a plafond of 7,000; one hour's tarief would have fitted.
    with pytest.raises(ConflictError) as fout:
        schrijf_in(nt2)
    assert "Deze inschrijving (€\xa03.200,00) past niet" in fout.value.messages[0]


def test_een_afzegging_voor_de_start_verplicht_niets(nt2):
    inschrijving = schrijf_in(nt2)
    services.inschrijving_beeindig(
        inschrijving=inschrijving, einddatum=START, reden="voortijdig_client", door=None
    )
    assert contract_verplicht_bedrag(nt2.contract) == Decimal("0.00")


def test_budget_en_volumes_tellen_de_eenheden(nt2, inkoper):
    BudgetFactory(jaar=2026, bedrag=Decimal("50000.00"))
    schrijf_in(nt2)
    budget = budgetten_for(inkoper).get()
    assert budget.gecontracteerd_bedrag == Decimal("32000.00")  # 10 places x 8 x 400
    rij = next(
        r
        for r in maak_rapport("volumes", peildatum=dt.date(2026, 3, 31)).als_dict()["rijen"]
        if r["code"] == "b1"
    )
    assert (rij["gecontracteerd"], rij["verplicht"], rij["besteed"]) == (
        Decimal("32000.00"),
        Decimal("3200.00"),
        Decimal("0.00"),
    )
