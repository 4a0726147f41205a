"""Every report in one workbook, made by the worker (issue 26): each report's sheet holds
exactly what that report's own Excel holds, the task counts the reports as they are done,
and the workbook keeps to what the asker may see."""

import io

import openpyxl
import pytest

from kern.models import Taak
from rapportages.rapporten import RAPPORTEN, VOOR_AANBIEDERS, rapporten_voor
from tests.kern.test_taken import werker

from .conftest import P

pytestmark = pytest.mark.django_db


def bladen(inhoud: bytes) -> dict[str, list[tuple]]:
    boek = openpyxl.load_workbook(io.BytesIO(inhoud))
    return {blad.title: [tuple(r) for r in blad.values] for blad in boek.worksheets}


def test_het_werkboek_van_de_inkoper_heeft_elke_rapportage_zoals_haar_eigen_excel(
    client, inkoper, wereld
):
    client.force_login(inkoper)
    antwoord = client.post("/rapportages/", {"peildatum": "30-06-2026", "van": "01-01-2026"})
    taak = Taak.objects.get()
    assert antwoord.status_code == 302 and antwoord.url == f"/taken/{taak.uuid}/"
    assert (taak.soort, taak.status, taak.totaal) == ("rapporten", "wacht", len(RAPPORTEN))

    werker()
    taak.refresh_from_db()
    assert (taak.status, taak.gedaan) == ("klaar", len(RAPPORTEN)), taak.melding
    pagina = client.get(f"/taken/{taak.uuid}/").content.decode()
    assert f"{len(RAPPORTEN)} van {len(RAPPORTEN)} rapportages" in pagina
    werkboek = bladen(client.get(f"/taken/{taak.uuid}/bestand/").content)
    for naam in ("populatie", "budget", "contracten", "monitor"):
        los = client.get(
            f"/api/v1/rapportages/{naam}/",
            {"format": "xlsx", "peildatum": P.isoformat(), "van": "2026-01-01"},
        )
        eigen = bladen(los.content)
        for titel, rijen in eigen.items():
            if titel == "Over dit bestand":
                continue
            # The report's first sheet is named after the report's title in the workbook.
            kandidaten = [b for b in werkboek if b == titel or rijen == werkboek[b]]
            assert kandidaten, f"{naam}: blad {titel} ontbreekt"
            assert rijen == werkboek[kandidaten[0]], f"{naam}: blad {titel} verschilt"
    over = {r[0]: r[1] for r in werkboek["Over dit bestand"] if r and r[0]}
    assert over["Peildatum"] == "30-06-2026"
    assert over["Periode"] == "01-01-2026 t/m 30-06-2026"


def test_de_aanbieder_krijgt_alleen_zijn_rapportages_en_een_foute_datum_maakt_geen_taak(
    client, aanbieder_gebruiker, wereld
):
    client.force_login(aanbieder_gebruiker)
    fout = client.post("/rapportages/", {"peildatum": "31-12-2200"})
    assert fout.status_code == 200
    assert "Kies een datum tot en met 31-12-2100." in fout.content.decode()
    assert not Taak.objects.exists()

    client.post("/rapportages/", {"peildatum": "30-06-2026"})
    werker()
    taak = Taak.objects.get()
    assert (taak.status, taak.gedaan, taak.totaal) == ("klaar", len(VOOR_AANBIEDERS), 5)
    titels = set(bladen(bytes(taak.inhoud)))
    verboden = {RAPPORTEN[n][0].__name__ for n in set(RAPPORTEN) - VOOR_AANBIEDERS}
    assert not any(t.lower() in verboden for t in titels)
    assert len(rapporten_voor(aanbieder_gebruiker)) == 5


def test_de_api_geeft_202_en_de_taak_en_na_de_werker_het_werkboek(api_specialist, wereld):
    fout = api_specialist.post("/api/v1/rapportages/werkboek/", {"peildatum": "2026-31-12"})
    assert fout.status_code == 400 and "peildatum" in fout.json()
    assert not Taak.objects.exists()

    antwoord = api_specialist.post("/api/v1/rapportages/werkboek/", {"peildatum": "2026-06-30"})
    assert antwoord.status_code == 202
    plek = antwoord["Location"]
    assert plek.endswith(f"/api/v1/taken/{antwoord.json()['id']}/")
    werker()
    stand = api_specialist.get(plek).json()
    assert stand["status"] == "klaar" and stand["bestand"]
    bestand = api_specialist.get(stand["bestand"])
    assert bestand.status_code == 200
    # A specialist's workbook leaves out the money between gemeenten.
    assert stand["gedaan"] == len(RAPPORTEN) - 2
    assert not any("oorbelasting" in t for t in bladen(bestand.content))
