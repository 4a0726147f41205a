import datetime as dt

import pytest
from django.utils import timezone

from registratie.models import Client, elfproef, plus_maanden
from tests.factories import ClientFactory, TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("bsn", "geldig"),
    [
        ("111222333", True),
        ("123456782", True),
        ("123456789", False),
        ("12345678", False),
        ("abcdefghi", False),
    ],
)
def test_elfproef(bsn, geldig):
    assert elfproef(bsn) is geldig


def test_client_aanmaken_met_ongeldig_bsn(api_specialist):
    response = api_specialist.post(
        "/api/v1/clienten/", {"clientnummer": "N1", "bsn": "123456789"}, format="json"
    )
    assert response.status_code == 400
    assert "elfproef" in response.json()["bsn"][0]


def test_dubbel_clientnummer(api_specialist):
    ClientFactory(clientnummer="N1")
    response = api_specialist.post("/api/v1/clienten/", {"clientnummer": "N1"}, format="json")
    assert response.status_code == 400
    assert "clientnummer" in response.json()


def test_client_aanmaken_berekent_termijnen(api_specialist, specialist):
    response = api_specialist.post(
        "/api/v1/clienten/",
        {
            "clientnummer": "N2",
            "leerroute": "z",
            "specialist": "t-specialist",
            "datum_inschrijving_gemeente": "2026-01-05",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["pip_deadline"] == "2026-03-16"
    assert Client.objects.get(clientnummer="N2").specialist == specialist


def test_uitstroom_overig_vraagt_een_subreden(api_specialist):
    client = ClientFactory()
    url = f"/api/v1/clienten/{client.uuid}/uitstroom/"
    response = api_specialist.post(url, {"datum": "2026-05-01", "reden": "overig"}, format="json")
    assert response.status_code == 400
    assert "uitstroom_subreden" in response.json()
    response = api_specialist.post(
        url,
        {"datum": "2026-05-01", "reden": "overig", "uitstroom_subreden": "verhuisd"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "uitgestroomd"


def test_uitstroom_naar_werk_start_nazorg(api_specialist):
    client = ClientFactory()
    project = TrajectFactory(soort="werkgeversproject", code="PROJ-X", routes=[])
    datum = timezone.localdate() - dt.timedelta(days=10)
    response = api_specialist.post(
        f"/api/v1/clienten/{client.uuid}/uitstroom/",
        {
            "datum": datum.isoformat(),
            "reden": "voltijd_baan",
            "sector": "logistiek",
            "dienstverband": "fulltime",
            "type_bemiddeling": "project",
            "wgt_betrokken": True,
            "werkgeversproject": "PROJ-X",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["nazorg_eind"]) == (
        "nazorg",
        plus_maanden(datum, 4).isoformat(),
    )
    client.refresh_from_db()
    assert client.werkgeversproject == project and client.wgt_betrokken


def test_filters_voor_de_specialist(api_specialist, specialist):
    ClientFactory(clientnummer="A1", voornaam="Amina", specialist=specialist, status="in_beeld")
    ClientFactory(clientnummer="A2", voornaam="Bilal", status="in_begeleiding")

    def nummers(query):
        return [
            c["clientnummer"]
            for c in api_specialist.get(f"/api/v1/clienten/?{query}").json()["results"]
        ]

    assert nummers("q=amina") == ["A1"]
    assert nummers("specialist=t-specialist") == ["A1"]
    assert nummers("status=in_begeleiding") == ["A2"]
    assert nummers("leerroute=b1&ordering=-clientnummer") == ["A2", "A1"]


def test_uitstroom_naar_werk_die_laat_wordt_vastgelegd_sluit_het_dossier(api_specialist):
    """Nazorg is the four months after the outflow; registered after those, the file is
    closed, as the old-list import does for the same dates."""
    client = ClientFactory()
    datum = timezone.localdate() - dt.timedelta(days=200)
    response = api_specialist.post(
        f"/api/v1/clienten/{client.uuid}/uitstroom/",
        {"datum": datum.isoformat(), "reden": "opleiding"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "afgesloten"
