import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_token_met_gebruikersnaam_en_wachtwoord(aanbieder_gebruiker):
    client = APIClient()
    response = client.post(
        "/api/v1/token/",
        {"username": "t-aanbieder", "password": "geheim-wachtwoord-1"},
        format="json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/contracten/").status_code == 200


def test_fout_wachtwoord_geeft_geen_token(aanbieder_gebruiker):
    response = APIClient().post(
        "/api/v1/token/", {"username": "t-aanbieder", "password": "fout"}, format="json"
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_tokenaanvragen_worden_afgeremd(aanbieder_gebruiker):
    client = APIClient()
    codes = [
        client.post("/api/v1/token/", {"username": "t-aanbieder", "password": "fout"}).status_code
        for _ in range(12)
    ]
    assert codes[-1] == 429
    assert codes[0] == 400
