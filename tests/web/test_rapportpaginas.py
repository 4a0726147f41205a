"""Every report the user may see is a Dutch page with its table and an Excel download."""

import pytest

from rapportages.rapporten import RAPPORTEN, VOOR_AANBIEDERS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("naam", list(RAPPORTEN))
def test_elke_rapportage_is_een_pagina(client, inkoper, naam):
    client.force_login(inkoper)
    response = client.get(f"/rapportages/{naam}/", {"peildatum": "2026-06-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Peildatum 30-06-2026" in html
    assert f"/api/v1/rapportages/{naam}/?peildatum=2026-06-30&amp;format=xlsx" in html
    assert '<table id="rapport">' in html


def test_aanbieder_ziet_alleen_de_eigen_rapportages(client, aanbieder_gebruiker):
    client.force_login(aanbieder_gebruiker)
    html = client.get("/rapportages/").content.decode()
    for naam in RAPPORTEN:
        assert (f'href="/rapportages/{naam}/"' in html) == (naam in VOOR_AANBIEDERS)
    assert client.get("/rapportages/populatie/").status_code == 404
    assert client.get("/rapportages/voortgang/").status_code == 200


def test_foute_periode_wordt_bij_het_veld_gemeld(client, inkoper):
    client.force_login(inkoper)
    response = client.get("/rapportages/populatie/", {"van": "2026-06-01", "tot": "2026-01-01"})
    assert response.status_code == 200
    assert "De periode eindigt voor ze begint." in response.content.decode()
