from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_meldt_ok_bij_bereikbare_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_meldt_503_als_de_database_weg_is(client):
    with mock.patch("kern.views.connection.cursor", side_effect=OperationalError("weg")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "onbereikbaar"


def test_startpagina_linkt_naar_beheer_en_api(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for href in ('href="/admin/"', 'href="/api/v1/docs/"', 'href="/api/v1/"', 'href="/healthz"'):
        assert href in html
    assert 'lang="nl"' in html


def test_api_documentatie_en_schema(client, inkoper):
    assert client.get("/api/v1/docs/").status_code == 200
    assert client.get("/api/v1/").json()["contracten"].endswith("/api/v1/contracten/")
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/contractregels/" in schema.content
