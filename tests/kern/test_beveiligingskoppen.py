"""Every page has a Content-Security-Policy; a signed-in user's pages and downloads are not
cached; a session ends when idle and at the latest after SESSIE_MAX_UREN."""

import time

import pytest

pytestmark = pytest.mark.django_db


def test_csp_op_elke_pagina_en_geen_cache_voor_wie_is_ingelogd(client, specialist):
    antwoord = client.get("/inloggen/")
    assert "script-src 'self'" in antwoord["Content-Security-Policy"]
    client.force_login(specialist)
    for url in ("/clienten/", "/clienten/?formaat=xlsx", "/api/v1/clienten/"):
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
        assert "no-store" in antwoord["Cache-Control"], url


def test_een_sessie_verloopt_als_ze_stil_is(settings, client, specialist):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(specialist)
    client.get("/clienten/")
    assert client.cookies["sessionid"]["max-age"] == 30 * 60


def test_een_sessie_eindigt_na_de_maximale_duur(settings, client, specialist):
    client.force_login(specialist)
    assert client.get("/clienten/").status_code == 200
    sessie = client.session
    sessie["_sessie_begin"] = time.time() - settings.SESSIE_MAX_UREN * 3600 - 1
    sessie.save()
    antwoord = client.get("/clienten/")
    assert antwoord.status_code == 302 and "/inloggen/" in antwoord["Location"]
    assert client.get("/clienten/").status_code == 302  # logged out, not just redirected
