"""One meaning of a place per contractregel: `gelijktijdig` counts enrolments registered or
running, `instroom` every enrolment except one cancelled before its start. The enrolment
check, the API's bezet/vrij, the contracten report and the capacity check all agree."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.timezone import localdate as vandaag

from inkoop.forms import ContractregelForm
from inkoop.models import Contractregel
from inkoop.selectors import contractregel_bezetting
from kern.fouten import ConflictError
from rapportages.rapporten import maak_rapport
from registratie import services
from registratie.models import Inschrijving
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
)

pytestmark = pytest.mark.django_db
V = Contractregel.Capaciteitsvorm


@pytest.fixture
def regel(specialist):
    """Capacity 3: one running, one ended early, one cancelled before its start; and an
    enrolment of last year's contract that runs on into this year's."""
    termijn = {
        "startdatum": vandaag() - dt.timedelta(days=100),
        "einddatum": vandaag() + dt.timedelta(days=200),
    }
    regel = ContractregelFactory(
        contract=ContractFactory(**termijn), capaciteit=3, capaciteitsvorm=V.INSTROOM
    )
    vorig = ContractregelFactory(
        contract=ContractFactory(
            aanbieder=regel.contract.aanbieder,
            startdatum=vandaag() - dt.timedelta(days=465),
            einddatum=vandaag() - dt.timedelta(days=101),
        ),
        traject=regel.traject,
        capaciteitsvorm=V.INSTROOM,
    )
    InschrijvingFactory(
        contractregel=vorig,
        datum_aanmelding=vandaag() - dt.timedelta(days=160),
        startdatum=vandaag() - dt.timedelta(days=150),
    )
    datums = {
        "datum_aanmelding": vandaag() - dt.timedelta(days=60),
        "startdatum": vandaag() - dt.timedelta(days=50),
    }
    InschrijvingFactory(contractregel=regel, **datums)
    vroeg = InschrijvingFactory(contractregel=regel, **datums)
    services.inschrijving_beeindig(
        inschrijving=vroeg,
        einddatum=vandaag() - dt.timedelta(days=10),
        reden="voortijdig_client",
        door=specialist,
    )
    afgezegd = InschrijvingFactory(
        contractregel=regel,
        status=Inschrijving.Status.AANGEMELD,
        datum_aanmelding=vandaag() - dt.timedelta(days=5),
        startdatum=vandaag() + dt.timedelta(days=20),
    )
    services.inschrijving_beeindig(
        inschrijving=afgezegd,
        einddatum=afgezegd.startdatum,
        reden="voortijdig_client",
        door=specialist,
    )
    afgezegd.refresh_from_db()
    assert afgezegd.geannuleerd
    return regel


@pytest.mark.parametrize(("vorm", "bezet"), [(V.INSTROOM, 2), (V.GELIJKTIJDIG, 1)])
def test_bezet_in_selector_api_en_rapport(api_inkoper, regel, vorm, bezet):
    regel.capaciteitsvorm = vorm
    regel.save()
    assert contractregel_bezetting(regel) == bezet
    body = api_inkoper.get(f"/api/v1/contractregels/{regel.uuid}/").json()
    assert (body["bezet"], body["vrij"], body["capaciteitsvorm"]) == (bezet, 3 - bezet, vorm)
    rapport = maak_rapport("contracten", user=None, peildatum=vandaag()).als_dict()
    rij = next(
        r
        for r in rapport["rijen"]
        if r["niveau"] == "regel" and r["contract"] == regel.contract.kenmerk
    )
    assert rij["bezet"] == bezet
    volumes = maak_rapport("volumes", user=None, peildatum=vandaag()).als_dict()
    b1 = next(r for r in volumes["rijen"] if r["code"] == "b1")
    # Each form on its own footing: places at once and how many are taken, or starts and
    # how many are used; never added together.
    if vorm == V.INSTROOM:
        assert (b1["starts"], b1["starts_gebruikt"], b1["plaatsen_tegelijk"]) == (3, bezet, 0)
    else:
        assert (b1["plaatsen_tegelijk"], b1["tegelijk_bezet"], b1["starts"]) == (3, bezet, 0)
    assert b1["vrij"] == 3 - bezet


@pytest.mark.parametrize(("vorm", "geweigerd"), [(V.INSTROOM, True), (V.GELIJKTIJDIG, False)])
def test_inschrijven_volgt_de_capaciteitsvorm(specialist, regel, vorm, geweigerd):
    regel.capaciteitsvorm, regel.capaciteit = vorm, 2
    regel.save()

    def inschrijven():
        return services.inschrijving_create(
            client=ClientFactory(),
            contractregel=regel,
            startdatum=vandaag() + dt.timedelta(days=3),
            door=specialist,
        )

    if geweigerd:
        with pytest.raises(ConflictError, match="is vol: alle 2 plaatsen"):
            inschrijven()
    else:
        assert inschrijven().status == Inschrijving.Status.AANGEMELD


def test_capaciteit_onder_het_aantal_inschrijvingen_wordt_geweigerd_met_de_aantallen(regel):
    form = ContractregelForm(
        {
            "traject": regel.traject.pk,
            "leerroute": "b1",
            "tarief": "1000",
            "eenheid": "traject",
            "capaciteit": "1",
            "capaciteitsvorm": "instroom",
            "prestatiedeel": "0",
        },
        instance=regel,
        contract=regel.contract,
    )
    assert not form.is_valid()
    assert "al 2 inschrijvingen" in form.errors["capaciteit"][0]
    # The same capacity is allowed when a place means "at the same time" (1 running).
    data = dict(form.data, capaciteitsvorm="gelijktijdig")
    assert ContractregelForm(data, instance=regel, contract=regel.contract).is_valid()
    regel.refresh_from_db()
    assert regel.capaciteit == 3


def test_model_zonder_form_weigert_ook(regel):
    regel.capaciteit = 1
    with pytest.raises(ValidationError, match="al 2 inschrijvingen"):
        regel.full_clean()
    regel.refresh_from_db()
    assert regel.capaciteit == 3
