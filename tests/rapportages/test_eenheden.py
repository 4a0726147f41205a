"""Every figure carries its unit from one place (kern.eenheden), so a report page and its Excel
cannot differ (issue 28: the inkoopbehoefte page showed counts as euros, "Instroom € 95,00",
while its Excel was right; the monitor's percentages were counts in Excel)."""

import datetime as dt
import io
import re
from html.parser import HTMLParser

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from kern import eenheden
from kern.excel import FORMATEN
from rapportages.bestanden import EXCEL
from rapportages.rapporten import RAPPORTEN, maak_rapport
from rapportages.views import GRAFIEKEN

PEILDATUM = "2026-11-30"
# What a cell of each unit looks like on the page ('–' is empty, in every unit).
VORM = {
    eenheden.AANTAL: r"-?\d{1,3}(\.\d{3})*",
    eenheden.DAGEN: r"-?\d{1,3}(\.\d{3})*",
    eenheden.EURO: r"-?€\xa0-?\d{1,3}(\.\d{3})*,\d{2}",
    eenheden.PROCENT: r"-?\d{1,3}(\.\d{3})*,\d %",
    eenheden.GETAL: r"-?\d{1,3}(\.\d{3})*,\d",
    eenheden.FTE: r"-?\d{1,3}(\.\d{3})*,\d{2}",
    eenheden.JAAR: r"\d{4}|.+",
    eenheden.DATUM: r"\d{2}-\d{2}-\d{4}",
}


class Tabellen(HTMLParser):
    """The report tables of a page: per table its column headers and its rows' cell texts."""

    def __init__(self):
        super().__init__()
        self.tabellen, self._cel, self._rij = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tabellen.append({"koppen": [], "rijen": []})
        elif tag == "tr" and self.tabellen:
            self._rij = []
        elif tag in ("td", "th") and self._rij is not None:
            self._cel = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cel is not None:
            self._rij.append(self._cel.strip())
            self._cel = None
        elif tag == "tr" and self._rij is not None:
            tabel = self.tabellen[-1]
            if not tabel["koppen"]:
                tabel["koppen"] = self._rij
            else:
                tabel["rijen"].append(self._rij)
            self._rij = None

    def handle_data(self, data):
        if self._cel is not None:
            self._cel += data


# Headers that name people or places, never money (unless they also name a price).
TELLING = re.compile(r"aantal|clienten|instroom|plaatsen|starts|gestart|bezet|wachtend", re.I)
PRIJS = re.compile(r"tarie|kosten|budget|€|bedrag|besteed|betaald|verplicht", re.I)


def eenheid_van_cel(rij: dict, kolom: dict) -> str:
    eenheid = kolom["eenheid"]
    if rij.get("eenheid") and eenheid not in (eenheden.TEKST, eenheden.JAAR):
        return rij["eenheid"]
    return eenheid


@pytest.mark.slow
@pytest.mark.db_agnostic
@pytest.mark.django_db
def test_elke_cel_op_de_pagina_en_in_excel_heeft_de_eenheid_van_haar_kolom(client):
    assert {"budget", "kosten-baten", "resultaten", "contracten"} <= set(GRAFIEKEN)
    call_command("loaddemo", verbosity=0, force=True)
    inkoper = get_user_model().objects.get(username="inkoper")
    client.force_login(inkoper)
    for naam in RAPPORTEN:
        controleer(client, inkoper, naam)


def controleer(client, inkoper, naam):
    peildatum = dt.date.fromisoformat(PEILDATUM)
    rapport = maak_rapport(naam, user=inkoper, peildatum=peildatum).als_dict()
    html = client.get(
        f"/rapportages/{naam}/", {"peildatum": PEILDATUM, "kolommen": "alle"}
    ).content.decode()
    # A chart where a person would rather look than read, its values in their unit.
    if naam in GRAFIEKEN:
        svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
        waarden = re.findall(r'class="waarde">([^<]*)<', svg)
        assert waarden, f"{naam}: geen grafiek"
        vorm = VORM.get(GRAFIEKEN[naam][3], ".+")
        assert all(re.fullmatch(vorm, w) for w in waarden), (naam, waarden)
    lezer = Tabellen()
    lezer.feed(html)
    getoond = [t for t in lezer.tabellen if t["koppen"] and t["rijen"]]
    gecontroleerd = 0
    for tabel in [rapport, *(rapport.get("tabellen") or {}).values()]:
        koppen = [k["titel"] for k in tabel["kolommen"]]
        pagina = next((t for t in getoond if t["koppen"] == koppen), None)
        if pagina is None or not tabel["rijen"]:
            continue
        for kolom in tabel["kolommen"]:
            if TELLING.search(kolom["titel"]) and not PRIJS.search(kolom["titel"]):
                assert kolom["eenheid"] != eenheden.EURO, (naam, kolom["titel"])
        for rij, cellen in zip(tabel["rijen"], pagina["rijen"], strict=True):
            for kolom, tekst in zip(tabel["kolommen"], cellen, strict=True):
                eenheid = eenheid_van_cel(rij, kolom)
                if eenheid == eenheden.TEKST or tekst == "–":
                    continue
                assert re.fullmatch(VORM[eenheid], tekst), (naam, kolom["naam"], eenheid, tekst)
                if eenheid != eenheden.EURO:
                    assert "€" not in tekst, (naam, kolom["naam"], tekst)
                gecontroleerd += 1
    assert gecontroleerd, f"{naam}: geen enkele cel getoond"

    # The Excel's first sheet: each number in the format of the same unit as on the page.
    excel = client.get(f"/api/v1/rapportages/{naam}/", {"peildatum": PEILDATUM, "format": "xlsx"})
    blad = openpyxl.load_workbook(io.BytesIO(excel.content)).worksheets[0]
    niveaus = list(dict.fromkeys(r.get("niveau") for r in rapport["rijen"]))
    rijen = [r for r in rapport["rijen"] if r.get("niveau") == niveaus[0]]
    for rij, cellen in zip(rijen, blad.iter_rows(min_row=2), strict=False):
        for kolom, cel in zip(rapport["kolommen"], cellen, strict=False):
            eenheid = eenheid_van_cel(rij, kolom)
            if eenheid == eenheden.TEKST or cel.value is None or isinstance(cel.value, str):
                continue
            assert cel.number_format == FORMATEN[EXCEL[eenheid]], (naam, kolom["naam"])
