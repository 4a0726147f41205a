"""Every Excel file the register hands out, written one way: the column headers in row 1,
frozen, with an autofilter; euro, percentage, number and date formats; columns wide enough
to read; one table per sheet; title and peildatum in the document properties and on a
sheet "Over dit bestand". Text cells are defused (formulae) and cleaned (control
characters that would make the file unreadable)."""

import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, islice

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

TEKST, GELD, PROCENT, GETAL, GEHEEL, DATUM = "tekst", "geld", "procent", "getal", "geheel", "datum"
EEN_DECIMAAL, JAARTAL = "een_decimaal", "jaartal"
FORMATEN = {
    GELD: '"€" #,##0.00;-"€" #,##0.00',
    PROCENT: "0.0%",
    GETAL: "#,##0.00",
    EEN_DECIMAAL: "#,##0.0",
    GEHEEL: "#,##0",
    JAARTAL: "0",
    DATUM: "DD-MM-YYYY",
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_GELDNAMEN = re.compile(
    r"tarief|bedrag|plafond|budget|kosten|prijs|besparing|saldo|verplicht|ruimte"
)
_KOP = Font(bold=True, color="FFFFFF")
_KOPVULLING = PatternFill("solid", fgColor="154273")


@dataclass
class Kolom:
    titel: str
    soort: str = TEKST
    breedte: int | None = None
    verborgen: bool = False


@dataclass
class Cel:
    """A value whose format is not its column's (a percentage row among counts)."""

    waarde: object
    soort: str


@dataclass
class Blad:
    naam: str
    kolommen: list[Kolom]
    rijen: Iterable[list]  # a list or a generator: written once, as it comes
    # Drop-down lists: column index -> allowed values.
    keuzelijsten: dict[int, list[str]] = field(default_factory=dict)


def soort_van(naam: str, titel: str, waarden) -> str:
    """A column's format from its values and name, for tables whose columns carry no type."""
    for waarde in waarden:
        if waarde is None or waarde == "":
            continue
        if isinstance(waarde, bool):
            return TEKST
        if isinstance(waarde, dt.date):
            return DATUM
        if "%" in titel or "percentage" in naam or "graad" in naam:
            return PROCENT if isinstance(waarde, int | float | Decimal) else TEKST
        if isinstance(waarde, Decimal):
            return GELD if _GELDNAMEN.search(naam) else GETAL
        if isinstance(waarde, float):
            return GETAL
        if isinstance(waarde, int):
            return GEHEEL
        return TEKST
    return TEKST


# Unicode's noncharacters: Excel refuses a file with one. New text loses them on the way in
# (kern.tekst); this keeps text written before that from breaking an export.
_NIET_TEKENS = re.compile("[\ufdd0-\ufdef\ufffe\uffff]")


def _cel(waarde, soort: str):
    if waarde is None:
        return None
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if soort == PROCENT and isinstance(waarde, int | float | Decimal):
        return float(waarde) / 100
    if soort == JAARTAL and isinstance(waarde, str) and waarde.isdigit():
        return int(waarde)
    if soort == DATUM and isinstance(waarde, str):
        try:
            return dt.date.fromisoformat(waarde)
        except ValueError:
            pass
    if isinstance(waarde, Decimal):
        return float(waarde)
    if isinstance(waarde, dt.datetime):
        return waarde.replace(tzinfo=None)
    if isinstance(waarde, str):
        return ontmijn(_NIET_TEKENS.sub("", ILLEGAL_CHARACTERS_RE.sub("", waarde)))
    return waarde


def _schrijf(boek: Workbook, blad: Blad) -> None:
    """A write-only sheet: rows go to disk as they come, so a list of 100,000 rows (or a
    generator of them) never exists as 1,000,000 cell objects."""
    ws = boek.create_sheet(title=_bladnaam(blad.naam, boek))
    rijen = iter(blad.rijen)
    eerste = list(islice(rijen, 500))  # enough rows to judge a column's width
    breedtes = [len(k.titel) for k in blad.kolommen]
    for rij in eerste:
        for j, (w, k) in enumerate(zip(rij, blad.kolommen, strict=False)):
            soort = w.soort if isinstance(w, Cel) else k.soort
            w = w.waarde if isinstance(w, Cel) else w
            breedtes[j] = max(breedtes[j], len(_getoond(_cel(w, soort), soort)))
    for j, kolom in enumerate(blad.kolommen, 1):
        dimensie = ws.column_dimensions[get_column_letter(j)]
        dimensie.width = kolom.breedte or min(max(breedtes[j - 1] + 2, 8), 60)
        dimensie.hidden = kolom.verborgen
    ws.freeze_panes = "A2"
    kop = []
    for kolom in blad.kolommen:
        cel = WriteOnlyCell(ws, value=_cel(kolom.titel, TEKST))
        cel.font, cel.fill = _KOP, _KOPVULLING
        cel.alignment = Alignment(wrap_text=True, vertical="top")
        kop.append(cel)
    ws.append(kop)
    opmaak = [FORMATEN.get(k.soort) for k in blad.kolommen]
    aantal = 0
    for rij in chain(eerste, rijen):
        waarden = []
        for w, k, formaat in zip(rij, blad.kolommen, opmaak, strict=False):
            if isinstance(w, Cel):
                formaat, waarde = FORMATEN.get(w.soort), _cel(w.waarde, w.soort)
            else:
                waarde = _cel(w, k.soort)
            if formaat:
                waarde = WriteOnlyCell(ws, value=waarde)
                waarde.number_format = formaat
            waarden.append(waarde)
        ws.append(waarden)
        aantal += 1
    laatste = get_column_letter(max(1, len(blad.kolommen)))
    ws.auto_filter.ref = f"A1:{laatste}{max(1, aantal + 1)}"
    if blad.keuzelijsten:
        from openpyxl.worksheet.datavalidation import DataValidation

        for j, waarden in blad.keuzelijsten.items():
            letter = get_column_letter(j + 1)
            validatie = DataValidation(
                type="list",
                formula1='"' + ",".join(waarden) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Ongeldige waarde",
                error=f"Kies uit: {', '.join(waarden)}.",
            )
            validatie.add(f"{letter}2:{letter}{max(aantal + 1, 1000)}")
            ws.data_validations.append(validatie)


def _getoond(waarde, soort) -> str:
    if waarde is None:
        return ""
    if soort == DATUM:
        return "00-00-0000"
    if soort == GELD and isinstance(waarde, int | float):
        return f"€ {waarde:,.2f}"
    if soort == PROCENT:
        return "100,0%"
    if isinstance(waarde, float):
        return f"{waarde:,.2f}"
    return str(waarde)


def _bladnaam(naam: str, boek: Workbook) -> str:
    schoon = re.sub(r"[\[\]:*?/\\]", "-", naam)[:31] or "Blad"
    kandidaat, n = schoon, 2
    while kandidaat in boek.sheetnames:
        kandidaat = f"{schoon[:28]} {n}"
        n += 1
    return kandidaat


def werkboek(
    titel: str,
    bladen: list[Blad],
    *,
    over: list[tuple[str, str]] = (),
    uitleg: list[tuple[str, str]] = (),
) -> bytes:
    """An .xlsx with one table per sheet; `over` are (label, value) lines for the document
    properties and the sheet "Over dit bestand" (e.g. the peildatum); `uitleg` lines make a
    sheet "Uitleg" for a file that people fill in."""
    boek = Workbook(write_only=True)
    for blad in bladen:
        _schrijf(boek, blad)
    if uitleg:
        _schrijf_tekstblad(boek, "Uitleg", uitleg)
    regels = [("Titel", titel), *over, ("Gemaakt op", dt.datetime.now().strftime("%d-%m-%Y %H:%M"))]
    _schrijf_tekstblad(boek, "Over dit bestand", regels)
    boek.properties.title = titel[:250]
    boek.properties.subject = "; ".join(f"{k}: {v}" for k, v in over)[:250]
    boek.properties.creator = "Inburgeringsaanbod – register"
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


def _schrijf_tekstblad(boek: Workbook, naam: str, regels) -> None:
    ws = boek.create_sheet(title=_bladnaam(naam, boek))
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90
    for regel in regels:
        cellen = [WriteOnlyCell(ws, value=_cel(w, TEKST)) for w in regel]
        if cellen:
            cellen[0].font = Font(bold=True)
        for cel in cellen[1:2]:
            cel.alignment = Alignment(wrap_text=True, vertical="top")
        ws.append(cellen)


def tabel(naam: str, koppen: list[str], rijen, sleutels=None) -> Blad:
    """A sheet whose column formats follow from the values (see soort_van); `rijen` may be
    a generator (its first 200 rows decide, the rest stream)."""
    sleutels = sleutels or koppen
    rijen = iter(rijen)
    eerste = list(islice(rijen, 200))
    kolommen = [
        Kolom(titel, soort_van(sleutel, titel, (r[j] for r in eerste)))
        for j, (sleutel, titel) in enumerate(zip(sleutels, koppen, strict=True))
    ]
    return Blad(naam, kolommen, chain(eerste, rijen))


_FORMULE = re.compile(r"^[=+\-@\t\r]")


_GETAL = re.compile(r"^-?\d+([.,]\d+)?$")


def ontmijn(waarde):
    """A text cell that a spreadsheet would run as a formula gets a leading quote (OWASP CSV
    injection); numbers, dates and plain text stay as they are."""
    if isinstance(waarde, str) and _FORMULE.match(waarde) and not _GETAL.match(waarde):
        return "'" + waarde
    return waarde
