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


def token_aanvraag(client, wachtwoord="geheim-wachtwoord-1", **extra):
    return client.post(
        "/api/v1/token/",
        {"username": "t-aanbieder", "password": wachtwoord},
        format="json",
        **extra,
    )


def test_een_geblokkeerde_naam_krijgt_geen_token_ook_niet_met_het_goede_wachtwoord(
    aanbieder_gebruiker, client
):
    # Five failures on the web login page lock the name on this address for every path.
    for _ in range(5):
        client.post("/inloggen/", {"username": "t-aanbieder", "password": "fout"})
    antwoord = token_aanvraag(APIClient())
    assert antwoord.status_code == 429
    assert "Te veel mislukte pogingen" in antwoord.json()["detail"]
    beheer = client.post(
        "/admin/login/", {"username": "t-aanbieder", "password": "geheim-wachtwoord-1"}
    )
    assert beheer.status_code == 429


def test_een_eigen_x_forwarded_for_of_een_geldig_token_omzeilt_de_rem_niet(aanbieder_gebruiker):
    from rest_framework.authtoken.models import Token

    sleutel = Token.objects.create(user=aanbieder_gebruiker).key
    client = APIClient()
    codes = [
        token_aanvraag(
            client,
            "fout",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
            HTTP_AUTHORIZATION=f"Token {sleutel}",
        ).status_code
        for i in range(12)
    ]
    assert 429 in codes


def test_een_token_verloopt_en_kan_worden_ingetrokken(aanbieder_gebruiker, settings):
    import datetime as dt

    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    antwoord = token_aanvraag(APIClient())
    sleutel = antwoord.json()["token"]
    assert "geldig_tot" in antwoord.json()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert client.get("/api/v1/contracten/").status_code == 200
    Token.objects.filter(key=sleutel).update(
        created=timezone.now() - dt.timedelta(days=settings.TOKEN_GELDIG_DAGEN + 1)
    )
    verlopen = client.get("/api/v1/contracten/")
    assert verlopen.status_code in (401, 403)
    assert "verlopen" in verlopen.json()["detail"]
    nieuw = token_aanvraag(APIClient()).json()["token"]
    assert nieuw != sleutel  # the expired one was replaced
    client.credentials(HTTP_AUTHORIZATION=f"Token {nieuw}")
    assert client.delete("/api/v1/token/").status_code == 204
    assert client.get("/api/v1/contracten/").status_code in (401, 403)


def test_de_tellers_staan_in_de_database_voor_alle_processen():
    """Every worker process counts the same requests: the counter is a row in the cache
    table, not in one process's memory."""
    from django.db import connection

    APIClient().post("/api/v1/token/", {"username": "niemand", "password": "x"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM register_cache")
        sleutels = [rij[0] for rij in cursor.fetchall()]
    assert any("throttle_token" in sleutel for sleutel in sleutels)
