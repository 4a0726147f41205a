"""The admin import: a preview (dry run) that names every bad row, then a confirm step."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inkoop.models import Contract
from kern.models import Auditregel
from tests.factories import AanbiederFactory

pytestmark = pytest.mark.django_db

KOP = "kenmerk;aanbieder;inkoopvorm;startdatum;einddatum;plafond;status\n"


def preview(client, tekst):
    bestand = SimpleUploadedFile("contracten.csv", tekst.encode("utf-8"), "text/csv")
    return client.post(
        "/admin/inkoop/contract/import/", {"import_file": bestand, "format": "0", "resource": "0"}
    )


def test_preview_met_fout_schrijft_niets_en_toont_de_rij(client, inkoper):
    AanbiederFactory(naam="Refugee Team")
    client.force_login(inkoper)
    tekst = KOP + (
        "INB-1;Refugee Team;aanbesteding;01-01-2026;31-12-2026;1000;gegund\n"
        "INB-2;Refugee Team;aanbesteding;01-06-2026;31-05-2026;1000;gegund\n"
    )
    response = preview(client, tekst)
    assert response.status_code == 200
    html = response.content.decode()
    assert "De einddatum ligt voor de startdatum." in html
    assert "process_import" not in html  # no confirm button for a file with errors
    assert not Contract.objects.exists()


def test_preview_en_bevestigen_schrijft_en_logt_wie_importeerde(client, inkoper):
    AanbiederFactory(naam="Refugee Team")
    client.force_login(inkoper)
    tekst = KOP + "INB-1;Refugee Team;aanbesteding;01-01-2026;31-12-2026;1.000,00;gegund\n"
    response = preview(client, tekst)
    html = response.content.decode()
    assert not Contract.objects.exists()  # the preview is a dry run
    velden = dict(re.findall(r'name="(\w+)" value="([^"]*)"', html))
    bevestig = client.post(
        "/admin/inkoop/contract/process_import/",
        {
            k: velden[k]
            for k in ("import_file_name", "original_file_name", "format", "resource")
            if k in velden
        },
    )
    assert bevestig.status_code == 302
    assert Contract.objects.get().kenmerk == "INB-1"
    regel = Auditregel.objects.get(actie="geimporteerd")
    assert regel.gebruiker == inkoper and "contracten.csv" in regel.omschrijving


def test_specialist_komt_niet_in_het_beheer(client, specialist):
    client.force_login(specialist)
    response = client.get("/admin/inkoop/contract/")
    assert response.status_code == 302  # to the admin login
