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
    tekst = KOP + "INB-1;Refugee Team;aanbesteding;01-01-2026;31-12-2026;10.000;gegund\n"
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
    contract = Contract.objects.get()
    assert contract.kenmerk == "INB-1"
    assert contract.plafond == 10000  # "10.000" is ten thousand (issue 28: it was ten)
    melding = [str(m) for m in client.get("/admin/inkoop/contract/").context["messages"]]
    assert melding == [
        "Import klaar: 1 nieuw, 0 gewijzigd, 0 verwijderd en 0 overgeslagen (contracten)."
    ]
    regel = Auditregel.objects.get(actie="geimporteerd")
    assert regel.gebruiker == inkoper and "contracten.csv" in regel.omschrijving


def test_specialist_komt_niet_in_het_beheer(client, specialist):
    client.force_login(specialist)
    response = client.get("/admin/inkoop/contract/")
    assert response.status_code == 302  # to the admin login


def test_de_export_in_excel_heeft_datums_en_bedragen_geen_tekst(client, inkoper):
    """Issue 28: the admin's Excel export wrote dates and amounts as text."""
    import datetime as dt
    import io
    from decimal import Decimal

    import openpyxl

    from tests.factories import ContractFactory

    ContractFactory(kenmerk="INB-X", plafond=Decimal("1234.50"))
    client.force_login(inkoper)
    antwoord = client.post(
        "/admin/inkoop/contract/export/",
        {"format": "1", "resource": "0", **{f"contractresource_{v}": "on" for v in VELDEN}},
    )
    assert antwoord.status_code == 200, antwoord.content[:500]
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.content)).worksheets[0]
    koppen = [c.value for c in blad[1]]
    rij = dict(zip(koppen, blad[2], strict=False))
    assert isinstance(rij["Startdatum"].value, dt.datetime | dt.date)
    assert rij["Plafond"].value == 1234.5
    assert rij["Plafond"].number_format.startswith('"€"')


VELDEN = (
    "kenmerk",
    "aanbieder",
    "omschrijving",
    "inkoopvorm",
    "perceel",
    "startdatum",
    "einddatum",
    "plafond",
    "status",
)
