"""Input that used to give a server error now gets a 400 with a Dutch reason (or is simply
harmless): a NUL, a lone surrogate, JSON nested 100,000 deep, a date at the end of the
calendar, a search of two thousand words."""

import pytest

pytestmark = pytest.mark.django_db


def test_nul_in_een_filter(api_specialist):
    antwoord = api_specialist.get("/api/v1/clienten/?q=a%00b")
    assert antwoord.status_code == 400
    assert "NUL" in antwoord.content.decode()


def test_een_losse_surrogaat_in_json(api_specialist):
    inhoud = '{"clientnummer": "X1", "status": "\\ud800"}'
    antwoord = api_specialist.post("/api/v1/clienten/", inhoud, content_type="application/json")
    assert antwoord.status_code == 400
    assert "geen geldige Unicode" in antwoord.json()["detail"]


def test_json_honderdduizend_diep(api, api_specialist):
    inhoud = "[" * 100_000 + "]" * 100_000
    for client in (api_specialist, api(None)):
        antwoord = client.post("/api/v1/clienten/", inhoud, content_type="application/json")
        assert antwoord.status_code in (400, 401, 403)
    antwoord = api(None).post("/api/v1/token/", inhoud, content_type="application/json")
    assert antwoord.status_code == 400


def test_een_datum_aan_het_einde_van_de_kalender(api_specialist, api_inkoper):
    antwoord = api_specialist.get(
        "/api/v1/clienten/?termijn=alle&peildatum=9999-12-31&binnen_dagen=3650"
    )
    assert antwoord.status_code == 200
    for naam in ("caseload", "inkoopbehoefte", "populatie"):
        antwoord = api_inkoper.get(f"/api/v1/rapportages/{naam}/?peildatum=9999-12-31")
        assert antwoord.status_code == 400
        assert "tussen 01-01-2000 en 31-12-2100" in str(antwoord.json())


def test_een_zoekvraag_van_tweeduizend_woorden(api_specialist):
    antwoord = api_specialist.get("/api/v1/clienten/?q=" + "+".join(["a"] * 2000))
    assert antwoord.status_code in (200, 400)
