"""A report as a file or a text table: one table per report plus its extra tables."""

import csv
import io
import json
from decimal import Decimal

from django.utils.formats import number_format
from openpyxl import Workbook
from openpyxl.styles import Font

from kern.importeren import ontmijn


def _tabellen(rapport: dict):
    yield rapport.get("titel", rapport.get("naam", "")), rapport["kolommen"], rapport["rijen"]
    for tabel in (rapport.get("tabellen") or {}).values():
        yield tabel["titel"], tabel["kolommen"], tabel["rijen"]


def _cel(waarde):
    if isinstance(waarde, Decimal):
        return float(waarde)
    if waarde is None:
        return ""
    return ontmijn(waarde)


def als_xlsx(rapport: dict) -> bytes:
    boek = Workbook()
    boek.remove(boek.active)
    for i, (titel, kolommen, rijen) in enumerate(_tabellen(rapport)):
        blad = boek.create_sheet(
            title=(rapport["naam"] if i == 0 else titel)[:31].replace("/", "-")
        )
        blad.append([titel])
        blad["A1"].font = Font(bold=True)
        blad.append(
            [f"peildatum {rapport['peildatum']}, periode {rapport['van']} t/m {rapport['tot']}"]
        )
        blad.append([k["titel"] for k in kolommen])
        for cel in blad[3]:
            cel.font = Font(bold=True)
        for rij in rijen:
            blad.append([_cel(rij.get(k["naam"])) for k in kolommen])
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


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


def _tekst(waarde) -> str:
    if waarde is None:
        return "–"
    if isinstance(waarde, Decimal):
        return number_format(waarde, 2, force_grouping=True)
    if isinstance(waarde, float):
        return number_format(waarde, 1, force_grouping=True)
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return number_format(waarde, force_grouping=True)
    return str(waarde)


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
            [_tekst(rij.get(k["naam"])) for k in kolommen] for rij in rijen
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
