"""A report as a file or a text table: one table per report plus its extra tables."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from kern import eenheden, excel
from kern.excel import TEKST, Blad, Cel, Kolom, ontmijn, werkboek


def _tabellen(rapport: dict):
    yield rapport.get("titel", rapport.get("naam", "")), rapport["kolommen"], rapport["rijen"]
    for extra in (rapport.get("tabellen") or {}).values():
        yield extra["titel"], extra["kolommen"], extra["rijen"]


def _cel(waarde):
    if isinstance(waarde, Decimal):
        return float(waarde)
    if waarde is None:
        return ""
    return ontmijn(waarde)


# A report unit (kern.eenheden) as an Excel format (kern.excel): one format per unit.
EXCEL = {
    eenheden.AANTAL: excel.GEHEEL,
    eenheden.EURO: excel.GELD,
    eenheden.PROCENT: excel.PROCENT,
    eenheden.GETAL: excel.EEN_DECIMAAL,
    eenheden.FTE: excel.GETAL,
    eenheden.DAGEN: excel.GEHEEL,
    eenheden.JAAR: excel.JAARTAL,
    eenheden.DATUM: excel.DATUM,
    eenheden.TEKST: excel.TEKST,
}


def _xlsx_cel(rij: dict, kolom: dict):
    waarde = rij.get(kolom["naam"])
    eigen = rij.get("eenheid")
    if eigen and kolom.get("eenheid") not in (eenheden.TEKST, eenheden.JAAR):
        return Cel(waarde, EXCEL[eigen])
    return waarde


NIVEAUS = {"contract": "Contracten", "regel": "Regels", 1: "Redenen", 2: "Subredenen"}


def _datum(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d-%m-%Y")


def bladen(rapport: dict, eerste: str | None = None) -> list[Blad]:
    """One table per sheet: a report that mixes levels (contract totals and their regels,
    reasons and sub-reasons) gets a sheet per level, so a SUM never counts a row twice.
    `eerste` names the report's own sheet (default: the report's name)."""
    uit = []
    for i, (titel, kolommen, rijen) in enumerate(_tabellen(rapport)):
        naam = (eerste or rapport["naam"]) if i == 0 else titel
        niveaus = list(dict.fromkeys(r.get("niveau") for r in rijen))
        groepen = (
            [(f"{NIVEAUS.get(n, n)}", [r for r in rijen if r.get("niveau") == n]) for n in niveaus]
            if len(niveaus) > 1
            else [(naam, rijen)]
        )
        for bladnaam, groep in groepen:
            uit.append(
                Blad(
                    str(bladnaam),
                    [Kolom(k["titel"], EXCEL.get(k.get("eenheid"), TEKST)) for k in kolommen],
                    [[_xlsx_cel(r, k) for k in kolommen] for r in groep],
                )
            )
    return uit


def over(rapport: dict) -> list[tuple[str, str]]:
    """The lines that say what the figures are of: peildatum, period and gemeente."""
    regels = [
        ("Peildatum", _datum(rapport["peildatum"])),
        ("Periode", f"{_datum(rapport['van'])} t/m {_datum(rapport['tot'])}"),
    ]
    if rapport.get("gemeenten"):
        regels.append(("Gemeente", ", ".join(rapport["gemeenten"])))
    return regels


def als_xlsx(rapport: dict) -> bytes:
    regels = over(rapport)
    if rapport.get("toelichting"):
        regels.append(("Toelichting", rapport["toelichting"]))
    return werkboek(rapport["titel"], bladen(rapport), over=regels)


def als_csv(rapport: dict) -> str:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    for i, (titel, kolommen, rijen) in enumerate(_tabellen(rapport)):
        if i:
            schrijver.writerow([])
            schrijver.writerow([titel])
        schrijver.writerow([k["titel"] for k in kolommen])
        for rij in rijen:
            schrijver.writerow([_cel(rij.get(k["naam"])) for k in kolommen])
    return "\ufeff" + buffer.getvalue()


def als_tabel(rapport: dict) -> str:
    """Plain text with Dutch number formats (1.234,50), for the terminal."""
    regels = [
        f"{rapport['titel']} — peildatum {rapport['peildatum']}, periode {rapport['van']} "
        f"t/m {rapport['tot']}"
    ]
    for i, (titel, kolommen, rijen) in enumerate(_tabellen(rapport)):
        if i:
            regels += ["", titel]
        cellen = [[k["titel"] for k in kolommen]] + [
            [eenheden.cel(rij, k) for k in kolommen] for rij in rijen
        ]
        breedtes = [max(len(r[j]) for r in cellen) for j in range(len(kolommen))]
        for n, r in enumerate(cellen):
            regels.append(
                "  ".join(
                    c.ljust(b) if j == 0 else c.rjust(b)
                    for j, (c, b) in enumerate(zip(r, breedtes, strict=True))
                )
            )
            if n == 0:
                regels.append("  ".join("-" * b for b in breedtes))
    if rapport.get("toelichting"):
        regels += ["", rapport["toelichting"]]
    return "\n".join(regels)


def als_json(rapport: dict) -> str:
    return json.dumps(rapport, ensure_ascii=False, indent=2, default=str)
