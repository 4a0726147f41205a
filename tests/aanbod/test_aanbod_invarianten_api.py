import pytest

from aanbod.models import Aanbieder, Traject
from tests.factories import AanbiederFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "12 34 56 78"])
def test_kvk_nummer_moet_acht_cijfers_zijn(api_inkoper, kvk):
    response = api_inkoper.post(
        "/api/v1/aanbieders/",
        {"naam": "Nieuw", "kvk_nummer": kvk, "soort": "taal"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["kvk_nummer"]
    assert not Aanbieder.objects.exists()


def test_aanbieder_met_geldig_kvk_nummer(api_inkoper):
    response = api_inkoper.post(
        "/api/v1/aanbieders/",
        {"naam": "Taalhuis", "kvk_nummer": "12345678", "soort": "taal"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Aanbieder.objects.get().kvk_nummer == "12345678"


def test_geldig_keurmerk_vraagt_een_einddatum(api_inkoper):
    response = api_inkoper.post(
        "/api/v1/aanbieders/",
        {"naam": "Taalhuis", "soort": "taal", "keurmerk_status": "geldig"},
        format="json",
    )
    assert response.status_code == 400
    assert "keurmerk_geldig_tot" in response.json()


def test_traject_met_onbekende_leerroute_wordt_geweigerd(api_inkoper):
    aanbieder = AanbiederFactory()
    response = api_inkoper.post(
        "/api/v1/trajecten/",
        {
            "aanbieder": str(aanbieder.uuid),
            "code": "X1",
            "naam": "X",
            "soort": "taal",
            "leerroutes": ["b1", "b2-route"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "leerroutes" in response.json()
    assert not Traject.objects.exists()


def test_traject_met_meerdere_routes_en_routevrij(api_inkoper):
    aanbieder = AanbiederFactory()
    for code, routes in [("DUO", ["onderwijs", "b1"]), ("VRIJ", [])]:
        response = api_inkoper.post(
            "/api/v1/trajecten/",
            {
                "aanbieder": str(aanbieder.uuid),
                "code": code,
                "naam": code,
                "soort": "duaal",
                "leerroutes": routes,
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        assert sorted(response.json()["leerroutes"]) == sorted(routes)
    assert Traject.objects.get(code="VRIJ").leerroutes.count() == 0


def test_specialist_mag_het_aanbod_lezen_maar_niet_wijzigen(api_specialist):
    aanbieder = AanbiederFactory()
    assert api_specialist.get("/api/v1/aanbieders/").json()["count"] == 1
    response = api_specialist.patch(
        f"/api/v1/aanbieders/{aanbieder.uuid}/", {"naam": "Anders"}, format="json"
    )
    assert response.status_code == 403
    aanbieder.refresh_from_db()
    assert aanbieder.naam != "Anders"
