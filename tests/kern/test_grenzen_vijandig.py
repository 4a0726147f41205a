"""Issue 31: guessing a password from many addresses, and uploads larger than any file may
be, are stopped before they cost anything."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_raden_vanaf_vele_adressen_blokkeert_de_naam(aanbieder_gebruiker):
    """Finding 10: 50 wrong passwords over 10 addresses got 40 real checks and the right
    password then worked from a new address; the lock now counts per name as well."""
    for i in range(5):
        APIClient().post(
            "/api/v1/token/",
            {"username": "t-aanbieder", "password": "fout"},
            format="json",
            REMOTE_ADDR=f"10.1.0.{i}",
        )
    goed = APIClient().post(
        "/api/v1/token/",
        {"username": "t-aanbieder", "password": "geheim-wachtwoord-1"},
        format="json",
        REMOTE_ADDR="10.1.0.99",
    )
    assert goed.status_code == 429


def test_een_te_groot_verzoek_wordt_geweigerd_voor_het_wordt_gelezen(api_aanbieder):
    """Finding 4: a 1 GB multipart upload cost the worker a gigabyte before the refusal.
    The Content-Length alone decides; the (small) body is never parsed."""
    antwoord = api_aanbieder.generic(
        "POST",
        "/api/v1/voortgangsrapportages/import/",
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(1024 * 1024 * 1024),
    )
    assert antwoord.status_code == 413
    assert "groter dan" in antwoord.json()["detail"]


def test_een_bestand_boven_de_grens_wordt_niet_ingelezen(api_aanbieder, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    bestand = SimpleUploadedFile("groot.csv", b"a;b\n" + b"1;2\n" * 300_000)
    antwoord = api_aanbieder.post(
        "/api/v1/voortgangsrapportages/import/", {"file": bestand}, format="multipart"
    )
    assert antwoord.status_code in (400, 413)
    assert "groter dan" in str(antwoord.json())
