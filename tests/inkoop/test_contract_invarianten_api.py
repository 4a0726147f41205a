"""Every write path refuses what may never be in the register; here: the API (400 + field)."""

import pytest

from inkoop.models import Contract, Contractregel
from tests.factories import AanbiederFactory, ContractFactory, TrajectFactory

pytestmark = pytest.mark.django_db


def contract_data(aanbieder, **extra):
    data = {
        "aanbieder": str(aanbieder.uuid),
        "kenmerk": "INB-2026-900",
        "inkoopvorm": "aanbesteding",
        "startdatum": "2026-01-01",
        "einddatum": "2026-12-31",
        "plafond": "25000.00",
        "status": "gegund",
    }
    return data | extra


def test_een_geldig_contract_wordt_aangemaakt(api_inkoper):
    aanbieder = AanbiederFactory()
    response = api_inkoper.post("/api/v1/contracten/", contract_data(aanbieder), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kenmerk"] == "INB-2026-900"
    assert body["verplicht_bedrag"] == "0.00"
    assert body["ruimte_onder_plafond"] == "25000.00"
    assert Contract.objects.get(uuid=body["id"]).aanbieder == aanbieder


def test_einddatum_voor_startdatum_wordt_geweigerd(api_inkoper):
    data = contract_data(AanbiederFactory(), startdatum="2026-06-01", einddatum="2026-05-31")
    response = api_inkoper.post("/api/v1/contracten/", data, format="json")
    assert response.status_code == 400
    assert response.json()["einddatum"] == ["De einddatum ligt voor de startdatum."]
    assert not Contract.objects.exists()


def test_dubbel_kenmerk_wordt_geweigerd(api_inkoper):
    ContractFactory(kenmerk="INB-2026-900")
    response = api_inkoper.post(
        "/api/v1/contracten/", contract_data(AanbiederFactory()), format="json"
    )
    assert response.status_code == 400
    assert "kenmerk" in response.json()
    assert Contract.objects.count() == 1


def test_negatief_plafond_wordt_geweigerd(api_inkoper):
    response = api_inkoper.post(
        "/api/v1/contracten/", contract_data(AanbiederFactory(), plafond="-1"), format="json"
    )
    assert response.status_code == 400
    assert "plafond" in response.json()


def test_wijzigen_naar_einddatum_voor_start_wordt_geweigerd(api_inkoper):
    contract = ContractFactory()
    response = api_inkoper.patch(
        f"/api/v1/contracten/{contract.uuid}/", {"einddatum": "2025-12-31"}, format="json"
    )
    assert response.status_code == 400
    contract.refresh_from_db()
    assert str(contract.einddatum) == "2026-12-31"


def regel_data(contract, traject, **extra):
    data = {
        "contract": str(contract.uuid),
        "traject": str(traject.uuid),
        "leerroute": "b1",
        "tarief": "1250.50",
        "eenheid": "traject",
        "capaciteit": 12,
        "prestatiedeel": "10",
    }
    return data | extra


def test_een_geldige_contractregel_krijgt_bezetting_nul(api_inkoper):
    contract = ContractFactory()
    traject = TrajectFactory(aanbieder=contract.aanbieder)
    response = api_inkoper.post(
        "/api/v1/contractregels/", regel_data(contract, traject), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["bezet"], body["vrij"], body["bezettingsgraad"]) == (0, 12, 0.0)
    assert body["tarief"] == "1250.50"


@pytest.mark.parametrize(
    ("veld", "waarde"), [("tarief", "-0.01"), ("capaciteit", -1), ("prestatiedeel", "101")]
)
def test_negatieve_of_onmogelijke_getallen_worden_geweigerd(api_inkoper, veld, waarde):
    contract = ContractFactory()
    traject = TrajectFactory(aanbieder=contract.aanbieder)
    response = api_inkoper.post(
        "/api/v1/contractregels/", regel_data(contract, traject, **{veld: waarde}), format="json"
    )
    assert response.status_code == 400
    assert veld in response.json()
    assert not Contractregel.objects.exists()


def test_onbekende_leerroute_wordt_geweigerd(api_inkoper):
    contract = ContractFactory()
    traject = TrajectFactory(aanbieder=contract.aanbieder)
    response = api_inkoper.post(
        "/api/v1/contractregels/", regel_data(contract, traject, leerroute="c2"), format="json"
    )
    assert response.status_code == 400
    assert "leerroute" in response.json()


def test_traject_van_een_andere_aanbieder_wordt_geweigerd(api_inkoper):
    contract = ContractFactory()
    vreemd_traject = TrajectFactory()  # a different aanbieder
    response = api_inkoper.post(
        "/api/v1/contractregels/", regel_data(contract, vreemd_traject), format="json"
    )
    assert response.status_code == 400
    melding = response.json()["traject"][0]
    assert "niet bij de aanbieder van dit contract" in melding
    assert not Contractregel.objects.exists()


def test_leerroute_die_het_traject_niet_bedient_wordt_geweigerd(api_inkoper):
    contract = ContractFactory()
    traject = TrajectFactory(aanbieder=contract.aanbieder, routes=["z"])
    response = api_inkoper.post(
        "/api/v1/contractregels/", regel_data(contract, traject, leerroute="b1"), format="json"
    )
    assert response.status_code == 400
    assert "niet bedoeld voor de B1-route" in response.json()["leerroute"][0]


def test_tweede_regel_voor_zelfde_traject_en_route_wordt_geweigerd(api_inkoper):
    contract = ContractFactory()
    traject = TrajectFactory(aanbieder=contract.aanbieder)
    first = api_inkoper.post(
        "/api/v1/contractregels/", regel_data(contract, traject), format="json"
    )
    assert first.status_code == 201
    second = api_inkoper.post(
        "/api/v1/contractregels/", regel_data(contract, traject), format="json"
    )
    assert second.status_code == 400
    assert Contractregel.objects.count() == 1
