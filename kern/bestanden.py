"""Reading an uploaded file into rows: CSV (comma or semicolon, with or without BOM) or XLSX,
within the limits on size, unpacked size, rows and columns."""

import csv
import io
import time
import zipfile

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError

from kern.tekst import normaliseer

# The limits of every import path (web, API, admin, commands); see config/settings.py.
MAX_BESTAND_BYTES = settings.IMPORT_MAX_BYTES


MAX_KOLOMMEN = 60


MAX_UITGEPAKT = 10 * MAX_BESTAND_BYTES  # what an XLSX may unpack to, against zip bombs

# Excel's own limit on the characters in one cell; a text run in the XML longer than this
# many characters (at most 4 bytes each in UTF-8) is not a spreadsheet anyone typed.
MAX_CELTEKENS = 32_767
# Any other part (styles, theme, workbook): a real one is well under a megabyte; millions of
# <xf> styles in a small file cost gigabytes when openpyxl reads them.
MAX_ONDERDEEL = 8 * 1024 * 1024


def _schoon(waarde):
    """Every text cell normalised as every other input is (kern.tekst): no control
    characters, no invisible ones, compatibility forms as plain letters and digits."""
    if isinstance(waarde, str):
        return normaliseer(waarde)
    return waarde


def _dataset(rijen, *, schoon: bool = True) -> tablib.Dataset:
    """The first row is the header; a row with a value beyond the header is an error with
    its row number; trailing empty rows (Excel leaves them) are not data. `rijen` may be a
    generator: the file's rows are then held once, in the dataset."""
    rijen = iter(rijen)
    kop = next(rijen, None)
    if kop is None:
        raise ValidationError("Het bestand is leeg.")
    kop = [_schoon(k) for k in kop]
    while kop and kop[-1] in (None, ""):
        kop.pop()
    if not kop:
        raise ValidationError("De eerste rij moet de kolomnamen bevatten.")
    dataset = tablib.Dataset(headers=[str(k) if k is not None else "" for k in kop])
    breedte = len(kop)
    for nummer, rij in enumerate(rijen, 2):
        te_veel = [w for w in rij[breedte:] if w not in (None, "")]
        if te_veel:
            raise ValidationError(
                f"Rij {nummer} heeft meer waarden ({breedte + len(te_veel)} of meer) dan de "
                f"kop kolommen ({breedte}); controleer het scheidingsteken en de aanhalingstekens."
            )
        rij = [_schoon(w) for w in rij[:breedte]] if schoon else list(rij[:breedte])
        if len(rij) < breedte:
            rij += [None] * (breedte - len(rij))
        dataset.append(rij)
    while len(dataset) and all(v in (None, "") for v in dataset[-1]):
        del dataset[-1]
    return dataset


def _max_rijen() -> int:
    return settings.IMPORT_MAX_RIJEN


def _te_veel_rijen():
    return ValidationError(
        f"Het bestand heeft meer dan {_max_rijen():,} rijen; splits het in delen.".replace(",", ".")
    )


def lees_csv(tekst: str) -> tablib.Dataset:
    """Strict: an unterminated quote or a malformed field is an error with its row number."""
    tekst = tekst.lstrip("\ufeff")
    eerste_regel = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste_regel.count(";") > eerste_regel.count(",") else ","
    # Normalised in one pass over the text, not per cell (newlines and tabs stay).
    tekst = normaliseer(tekst)
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)

    eenmaal = {}  # a value repeated down a column (a date, "40", a traject code) is held once

    def rijen():
        try:
            for aantal, rij in enumerate(lezer):
                if aantal > _max_rijen():
                    raise _te_veel_rijen()
                if len(rij) > MAX_KOLOMMEN and any(rij[MAX_KOLOMMEN:]):
                    raise ValidationError(
                        f"Rij {lezer.line_num} heeft meer dan {MAX_KOLOMMEN} kolommen."
                    )
                yield [eenmaal.setdefault(w, w) if w != "" else None for w in rij[:MAX_KOLOMMEN]]
        except csv.Error as error:
            raise ValidationError(
                f"Rij {lezer.line_num}: het bestand is geen geldige CSV ({_csv_fout(error)})."
            ) from None

    return _dataset(rijen(), schoon=False)


def _csv_fout(error: csv.Error) -> str:
    tekst = str(error)
    if "unexpected end of data" in tekst or "EOF" in tekst:
        return "een aanhalingsteken wordt niet gesloten"
    if "expected" in tekst and "after" in tekst:
        return "tekst na een afsluitend aanhalingsteken"
    return tekst


def _getal(n: int) -> str:
    return f"{n:_}".replace("_", ".")


def _te_traag():
    return ValidationError(
        f"Het bestand kon niet binnen {settings.IMPORT_MAX_SECONDEN} seconden worden gelezen; "
        "splits het in delen of sla het op als CSV."
    )


def _controleer_xml(archief: zipfile.ZipFile, deadline: float) -> None:
    """What the XML inside costs, measured while streaming it in 1 MB pieces (nothing is
    parsed and nothing held): the number of shared strings and their total size, the longest
    text in any cell, and the time. openpyxl holds every shared string in memory at once and
    builds each cell's text whole, so a small file with millions of strings or one cell of
    180 MB costs gigabytes; this refuses it first, in bounded memory."""
    max_teksten = settings.IMPORT_MAX_TEKSTEN
    max_tekstgrootte = settings.IMPORT_MAX_TEKSTGROOTTE
    max_run = 4 * MAX_CELTEKENS
    for naam in archief.namelist():
        if not naam.startswith("xl/") or not naam.endswith(".xml"):
            continue
        gedeeld = naam == "xl/sharedStrings.xml"
        overig = not gedeeld and not naam.startswith("xl/worksheets/")
        teksten = grootte = run = 0
        staart = b""
        with archief.open(naam) as stroom:
            while stuk := stroom.read(1 << 20):
                grootte += len(stuk)
                # A text run is what lies between two '<': the longest one bounds a cell.
                delen = stuk.split(b"<")
                langste = run + len(delen[0])
                if len(delen) > 1:
                    langste = max(langste, max(map(len, delen[1:])))
                    run = len(delen[-1])
                else:
                    run = langste
                if langste > max_run:
                    raise ValidationError(
                        f"Een cel in het Excelbestand is langer dan {_getal(MAX_CELTEKENS)} "
                        "tekens, de grens van Excel zelf."
                    )
                if gedeeld:
                    # staart: an "<si>" split over two pieces is counted once, in the second.
                    stukken = staart + stuk
                    teksten += stukken.count(b"<si>") + stukken.count(b"<si ")
                    staart = stuk[-3:]
                    if teksten > max_teksten or grootte > max_tekstgrootte:
                        raise ValidationError(
                            f"Het Excelbestand bevat meer dan {_getal(max_teksten)} verschillende "
                            f"teksten of meer dan {max_tekstgrootte // 1024 // 1024} MB tekst; "
                            "dat is geen lijst die dit register leest. Sla alleen de gegevens "
                            "op, als CSV of .xlsx."
                        )
                if overig and grootte > MAX_ONDERDEEL:
                    raise ValidationError(
                        f"Het Excelbestand heeft een onderdeel ({naam.removeprefix('xl/')}) van "
                        f"meer dan {MAX_ONDERDEEL // 1024 // 1024} MB, bijvoorbeeld miljoenen "
                        "opmaakstijlen. Sla alleen de gegevens op, als CSV of .xlsx."
                    )
                if time.monotonic() > deadline:
                    raise _te_traag()


def lees_xlsx(inhoud: bytes) -> tablib.Dataset:
    """The first sheet, streamed: the rows and columns the file holds, not what it declares,
    at most MAX_KOLOMMEN columns and MAX_RIJEN rows, a bounded unpacked size, bounded shared
    strings and cells (_controleer_xml), and at most IMPORT_MAX_SECONDEN seconds."""
    import openpyxl

    deadline = time.monotonic() + settings.IMPORT_MAX_SECONDEN
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
        uitgepakt = sum(info.file_size for info in archief.infolist())
    except zipfile.BadZipFile:
        raise ValidationError("Het Excelbestand is beschadigd of geen .xlsx.") from None
    if uitgepakt > MAX_UITGEPAKT:
        raise ValidationError(
            f"Het Excelbestand pakt uit tot {uitgepakt // 1024 // 1024} MB; dat is meer dan "
            f"{MAX_UITGEPAKT // 1024 // 1024} MB. Sla alleen de gegevens op, als CSV of .xlsx."
        )
    _controleer_xml(archief, deadline)
    boek = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    try:
        blad = boek.worksheets[0]
        blad.reset_dimensions()  # a declared A1:XFD1048576 is not read as data

        def rijen():
            for aantal, rij in enumerate(blad.iter_rows(max_col=MAX_KOLOMMEN, values_only=True)):
                if aantal > _max_rijen():
                    raise _te_veel_rijen()
                if aantal % 1000 == 0 and time.monotonic() > deadline:
                    raise _te_traag()
                yield rij

        return _dataset(rijen())
    finally:
        boek.close()


def lees_bestand(inhoud: bytes, naam: str = "") -> tablib.Dataset:
    """CSV or XLSX (decided by the content, not the name) to a Dataset; a clear error otherwise."""
    if len(inhoud) > MAX_BESTAND_BYTES:
        raise ValidationError(f"Het bestand is groter dan {MAX_BESTAND_BYTES // 1024 // 1024} MB.")
    if not inhoud.strip():
        raise ValidationError("Het bestand is leeg.")
    _geen_spreadsheet(inhoud)
    try:
        if inhoud[:2] == b"PK":
            return lees_xlsx(inhoud)
        try:
            tekst = inhoud.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                "Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8' of als .xlsx."
            ) from None
        return lees_csv(tekst)
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - any reader failure is the file's fault
        raise ValidationError(
            f"Het bestand {naam or ''} kon niet worden gelezen als CSV of XLSX ({error})."
        ) from error


GEEN_SPREADSHEET = (
    "Dit is geen CSV- of Excelbestand{soort}. Sla het op als .xlsx of als CSV (UTF-8) en "
    "upload het opnieuw."
)


def _geen_spreadsheet(inhoud: bytes) -> None:
    """A PDF, a Word file or an old .xls is named as such, not reported as missing columns."""
    kop = inhoud[:65536]
    if inhoud[:2] == b"PK":
        if b"[Content_Types].xml" not in kop or b"xl/" in kop:
            return
        soort = " maar een ander Office-bestand (zoals Word)"
    elif inhoud[:5] == b"%PDF-":
        soort = " maar een PDF"
    elif inhoud[:4] == b"\xd0\xcf\x11\xe0":
        soort = " maar een oud Office-bestand (.xls of .doc)"
    elif inhoud[:4096].count(b"\x00") > 8:  # binary; a stray NUL in text is stripped later
        soort = ""
    else:
        return
    raise ValidationError(GEEN_SPREADSHEET.format(soort=soort))
