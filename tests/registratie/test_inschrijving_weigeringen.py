"""inschrijving_create refuses, with a Dutch reason, every enrolment that may not happen:
through the service and through the API (409 for capacity/plafond, 400 otherwise)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from inkoop.models import Contract
from kern.fouten import ConflictError
from registratie.models import Client, Inschrijving
from registratie.services import inschrijving_create
from tests.factories import (
    AanbiederFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
    leerroute,
)

pytestmark = pytest.mark.django_db
START = dt.date(2026, 3, 2)


@pytest.fixture
def regel():
    return ContractregelFactory(
        capaciteit=2,
        tarief=Decimal("1000.00"),
        contract=ContractFactory(plafond=Decimal("10000.00")),
    )


def schrijf_in(client, regel, startdatum=START):
    return inschrijving_create(
        client=client,
        contractregel=regel,
        startdatum=startdatum,
        datum_aanmelding=dt.date(2026, 2, 1),
        door=None,
    )


def test_een_passende_inschrijving_neemt_het_tarief_over(regel, specialist):
    client = ClientFactory(status=Client.Status.IN_BEELD)
    inschrijving = inschrijving_create(
        client=client,
        contractregel=regel,
        startdatum=START,
        datum_aanmelding=dt.date(2026, 2, 1),
        door=specialist,
    )
    assert inschrijving.tarief == Decimal("1000.00")
    assert inschrijving.status == Inschrijving.Status.AANGEMELD
    assert inschrijving.aangemeld_door == specialist
    client.refresh_from_db()
    assert client.status == Client.Status.IN_BEGELEIDING


def test_volle_contractregel(regel):
    InschrijvingFactory(contractregel=regel, status="gestart")
    InschrijvingFactory(contractregel=regel, status="aangemeld")
    with pytest.raises(ConflictError, match="is vol: alle 2 plaatsen zijn bezet"):
        schrijf_in(ClientFactory(), regel)


def test_afgeronde_inschrijving_geeft_haar_plaats_terug(regel):
    InschrijvingFactory(contractregel=regel, status="gestart")
    InschrijvingFactory(
        contractregel=regel, status="afgerond", einddatum=START, reden_einde="volgens_plan"
    )
    assert schrijf_in(ClientFactory(), regel).pk


def test_plafond_zou_worden_overschreden():
    contract = ContractFactory(plafond=Decimal("1500.00"))
    regel = ContractregelFactory(contract=contract, capaciteit=10, tarief=Decimal("1000.00"))
    schrijf_in(ClientFactory(), regel)
    with pytest.raises(ConflictError, match="past niet onder het plafond"):
        schrijf_in(ClientFactory(), regel)


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"startdatum": dt.date(2027, 1, 4)}, "loopt niet op 04-01-2027"),
        ({"status": Contract.Status.CONCEPT}, "loopt niet op"),
    ],
)
def test_contract_loopt_niet_op_de_startdatum(regel, wijziging, melding):
    startdatum = wijziging.pop("startdatum", START)
    Contract.objects.filter(pk=regel.contract_id).update(**wijziging)
    with pytest.raises(ValidationError, match=melding):
        schrijf_in(ClientFactory(), regel, startdatum=startdatum)


def test_leerroute_van_client_past_niet(regel):
    with pytest.raises(ValidationError, match="volgt de Z-route, deze plaats is voor de B1-route"):
        schrijf_in(ClientFactory(leerroute=leerroute("z")), regel)


def test_onderwijsroute_is_voor_wie_bij_de_start_jonger_is_dan_28():
    """docs/domein.md: younger than 28 at the start. A traject's own limit (here 'tot en met 28')
    cannot let a 28-year-old onto the route."""
    traject = TrajectFactory(routes=["onderwijs"], max_leeftijd=28)
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=traject.aanbieder),
        traject=traject,
        leerroute=leerroute("onderwijs"),
    )
    achtentwintig = ClientFactory(
        leerroute=leerroute("onderwijs"), geboortedatum=dt.date(1998, 3, 2)
    )
    with pytest.raises(
        ValidationError,
        match="jonger is dan 28; de client is op 02-03-2026 28",
    ):
        schrijf_in(achtentwintig, regel)
    onbekend = ClientFactory(leerroute=leerroute("onderwijs"), geboortedatum=None)
    with pytest.raises(ValidationError, match="vul eerst de geboortedatum in"):
        schrijf_in(onbekend, regel)
    jong = ClientFactory(leerroute=leerroute("onderwijs"), geboortedatum=dt.date(1998, 3, 3))
    assert schrijf_in(jong, regel).pk  # 27 on the start date, 28 the day after


@pytest.mark.parametrize("status", ["geen", "geschorst", "ingetrokken"])
def test_b1_traject_zonder_geldig_keurmerk(status):
    aanbieder = AanbiederFactory(keurmerk_status=status, keurmerk_geldig_tot=None)
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=aanbieder),
        traject=TrajectFactory(aanbieder=aanbieder, soort="taal"),
    )
    with pytest.raises(ValidationError, match="geen geldig keurmerk Blik op Werk"):
        schrijf_in(ClientFactory(), regel)


def test_keurmerk_verlopen_op_de_startdatum():
    aanbieder = AanbiederFactory(keurmerk_geldig_tot=dt.date(2026, 3, 1))
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=aanbieder),
        traject=TrajectFactory(aanbieder=aanbieder, soort="alfabetisering"),
    )
    with pytest.raises(ValidationError, match="op 02-03-2026 geen geldig keurmerk"):
        schrijf_in(ClientFactory(), regel)


def test_werkfit_of_werkgeversproject_in_de_b1_route_vraagt_geen_keurmerk(settings):
    """The keurmerk is asked of the provider of the inburgering and language part, not of a
    werkfit or an employer project; which kinds need it is a setting."""
    aanbieder = AanbiederFactory(keurmerk_status="geen", keurmerk_geldig_tot=None)
    werkfit = ContractregelFactory(
        contract=ContractFactory(aanbieder=aanbieder),
        traject=TrajectFactory(aanbieder=aanbieder, soort="werkfit"),
    )
    assert schrijf_in(ClientFactory(), werkfit).pk
    settings.KEURMERK_SOORTEN = [*settings.KEURMERK_SOORTEN, "werkfit"]
    with pytest.raises(ValidationError, match="geen geldig keurmerk Blik op Werk"):
        schrijf_in(ClientFactory(), werkfit)


def test_onderwijsroute_vraagt_geen_keurmerk():
    aanbieder = AanbiederFactory(keurmerk_status="geen", keurmerk_geldig_tot=None)
    traject = TrajectFactory(aanbieder=aanbieder, routes=["onderwijs"])
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=aanbieder),
        traject=traject,
        leerroute=leerroute("onderwijs"),
    )
    jong = ClientFactory(leerroute=leerroute("onderwijs"), geboortedatum=dt.date(2005, 1, 1))
    assert schrijf_in(jong, regel).pk


def test_dubbele_inschrijving_op_hetzelfde_traject(regel):
    client = ClientFactory()
    schrijf_in(client, regel)
    with pytest.raises(ValidationError, match="staat al ingeschreven"):
        schrijf_in(client, regel)


# -- the same refusals through the API -----------------------------------------------------


def post(api_client, client, regel, startdatum="2026-03-02"):
    return api_client.post(
        "/api/v1/inschrijvingen/",
        {
            "client": str(client.uuid),
            "contractregel": str(regel.uuid),
            "startdatum": startdatum,
            "datum_aanmelding": "2026-02-01",
        },
        format="json",
    )


def test_api_maakt_inschrijving(api_specialist, regel):
    response = post(api_specialist, ClientFactory(clientnummer="C-1"), regel)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["clientnummer"], body["status"], body["tarief"]) == ("C-1", "aangemeld", "1000.00")


def test_api_vol_is_409(api_specialist, regel):
    InschrijvingFactory.create_batch(2, contractregel=regel)
    response = post(api_specialist, ClientFactory(), regel)
    assert response.status_code == 409
    assert "is vol" in response.json()["contractregel"][0]
    assert Inschrijving.objects.count() == 2


def test_api_plafond_is_409(api_specialist):
    regel = ContractregelFactory(
        contract=ContractFactory(plafond=Decimal("999.99")), tarief=Decimal("1000.00")
    )
    response = post(api_specialist, ClientFactory(), regel)
    assert response.status_code == 409
    assert "plafond" in response.json()["contractregel"][0]


def test_api_leerroute_past_niet_is_400(api_specialist, regel):
    response = post(api_specialist, ClientFactory(leerroute=leerroute("onderwijs")), regel)
    assert response.status_code == 400
    assert "Onderwijsroute" in response.json()["client"][0]


def test_api_contract_loopt_niet_is_400(api_specialist, regel):
    response = post(api_specialist, ClientFactory(), regel, startdatum="2027-02-01")
    assert response.status_code == 400
    assert "loopt niet op 01-02-2027" in response.json()["contractregel"][0]


def test_aanbieder_en_inkoper_mogen_niet_inschrijven(api_aanbieder, api_inkoper, regel):
    assert post(api_aanbieder, ClientFactory(), regel).status_code == 403
    assert post(api_inkoper, ClientFactory(), regel).status_code == 403


def test_starten_en_beeindigen(api_specialist, regel):
    uuid = post(api_specialist, ClientFactory(), regel).json()["id"]
    start = api_specialist.post(
        f"/api/v1/inschrijvingen/{uuid}/start/", {"startdatum": "2026-03-09"}, format="json"
    )
    assert start.json()["status"] == "gestart"
    einde = api_specialist.post(
        f"/api/v1/inschrijvingen/{uuid}/beeindig/",
        {"einddatum": "2026-03-01", "reden_einde": "voortijdig_client"},
        format="json",
    )
    assert einde.status_code == 400  # before the start
    einde = api_specialist.post(
        f"/api/v1/inschrijvingen/{uuid}/beeindig/",
        {"einddatum": "2026-05-01", "reden_einde": "voortijdig_client"},
        format="json",
    )
    assert einde.json()["status"] == "voortijdig_beeindigd"
    # The place is free again.
    assert api_specialist.get(f"/api/v1/contractregels/{regel.uuid}/").json()["bezet"] == 0
