"""A corpus of bad files, each with the Dutch words the refusal must contain. Used by the
import tests on every path and by benchmarks/slechte_bestanden.py (time and memory)."""

import io
import zipfile

import openpyxl

KOP = "clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd"
GOED = "K0001;RT-WERKFIT;31-03-2026;40;36"


def _xlsx(rijen) -> bytes:
    boek = openpyxl.Workbook()
    blad = boek.active
    for rij in rijen:
        blad.append(rij)
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


def _herschrijf(inhoud: bytes, pad: str, vervang) -> bytes:
    """The same zip with one member rewritten (to forge what a hostile tool would write)."""
    bron = zipfile.ZipFile(io.BytesIO(inhoud))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            data = bron.read(info.filename)
            if info.filename == pad:
                data = vervang(data)
            doel.writestr(info.filename, data)
    return uit.getvalue()


def dimensiebom() -> bytes:
    """1-2 KB that declares A1:XFD1048576: read by its declaration, 17 billion cells."""
    inhoud = _xlsx([KOP.split(";"), GOED.split(";")])
    return _herschrijf(
        inhoud,
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(b'<dimension ref="A1:E2"', b'<dimension ref="A1:XFD1048576"'),
    )


def verste_kolom() -> bytes:
    """A row whose one cell sits in the last column, XFD: 16,384 columns wide if believed."""
    inhoud = _xlsx([KOP.split(";"), GOED.split(";")])
    return _herschrijf(
        inhoud,
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(
            b"</sheetData>", b'<row r="3"><c r="XFD3"><v>1</v></c></row></sheetData>'
        ),
    )


def zipbom() -> bytes:
    """A small file that unpacks to hundreds of megabytes."""
    inhoud = _xlsx([KOP.split(";"), GOED.split(";")])
    return _herschrijf(inhoud, "docProps/app.xml", lambda d: d + b" " * (300 * 1024 * 1024))


def verre_rij() -> bytes:
    """A second row numbered 1,048,576: a million empty rows in between if believed."""
    inhoud = _xlsx([KOP.split(";")])
    return _herschrijf(
        inhoud,
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(
            b"</sheetData>", b'<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'
        ),
    )


def gedeelde_teksten_bom(aantal: int = 1_100_000, tekst: bytes = b"x") -> bytes:
    """A small file whose shared-strings table holds over a million entries: openpyxl would
    hold every one in memory before the first row (the full-size bomb, 7.9 million entries,
    is in benchmarks/slechte_bestanden.py)."""
    inhoud = _xlsx([KOP.split(";"), GOED.split(";")])
    sst = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        + f'count="{aantal}" uniqueCount="{aantal}">'.encode()
        + (b"<si><t>" + tekst + b"</t></si>") * aantal
        + b"</sst>"
    )
    relatie = (
        b'<Relationship Id="rIdSst" Target="sharedStrings.xml" Type="http://schemas.openxml'
        b'formats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    soort = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
        b'formats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    inhoud = _herschrijf(
        inhoud, "xl/_rels/workbook.xml.rels", lambda d: d.replace(b"</Relationships>", relatie)
    )
    inhoud = _herschrijf(inhoud, "[Content_Types].xml", lambda d: d.replace(b"</Types>", soort))
    uit = io.BytesIO(inhoud)
    with zipfile.ZipFile(uit, "a", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("xl/sharedStrings.xml", sst)
    return uit.getvalue()


def stijlen_bom(aantal: int = 300_000) -> bytes:
    """A small file whose styles.xml holds hundreds of thousands of cell styles (<xf>):
    openpyxl builds every one before the first row (the benchmark's has 3.2 million)."""
    inhoud = _xlsx([KOP.split(";"), GOED.split(";")])
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    return _herschrijf(
        inhoud, "xl/styles.xml", lambda d: d.replace(b"</cellXfs>", xf * aantal + b"</cellXfs>")
    )


def lange_cel(tekens: int = 200_000) -> bytes:
    """One cell of 200,000 characters, more than Excel itself allows (32,767); openpyxl would
    build the whole text (the benchmark's cell holds 180 MB)."""
    inhoud = _xlsx([KOP.split(";"), GOED.split(";")])
    cel = b'<row r="3"><c r="B3" t="inlineStr"><is><t>' + b"x" * tekens + b"</t></is></c></row>"
    return _herschrijf(
        inhoud,
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(b"</sheetData>", cel + b"</sheetData>"),
    )


def csv(*regels: str) -> bytes:
    return "\n".join([KOP, *regels]).encode("utf-8")


# (name, content, what the refusal says; None: a hostile shape that holds good data, which
# may be read, but fast and within bounded memory); a refused file writes nothing.
CORPUS = [
    ("leeg.csv", b"", "leeg"),
    ("spaties.csv", b"   \n  \n", "leeg"),
    ("rapport.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\n", "PDF"),
    ("oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "oud Office-bestand"),
    (
        "brief.docx",
        _herschrijf(_xlsx([["x"]]), "[Content_Types].xml", lambda d: d.replace(b"xl/", b"word/")),
        "",
    ),
    ("nul.bin", b"\x00\x01\x02\x03" * 100, "geen CSV- of Excelbestand"),
    ("latin1.csv", (KOP + "\nK0001;RT-WERKFIT;31-03-2026;40;36;café").encode("latin-1"), "UTF-8"),
    ("kapot.xlsx", b"PK\x03\x04" + b"\x00" * 200, "Excel"),
    ("dimensiebom.xlsx", dimensiebom(), None),
    ("verste_kolom.xlsx", verste_kolom(), None),
    ("zipbom.xlsx", zipbom(), "pakt uit tot"),
    ("verre_rij.xlsx", verre_rij(), "meer dan"),
    ("gedeelde_teksten_bom.xlsx", gedeelde_teksten_bom(), "verschillende teksten"),
    ("lange_cel.xlsx", lange_cel(), "langer dan 32.767 tekens"),
    ("stijlen_bom.xlsx", stijlen_bom(), "opmaakstijlen"),
    ("aanhalingsteken.csv", csv('K0001;RT-WERKFIT;31-03-2026;40;"36', GOED), "aanhalingsteken"),
    ("na_aanhalingsteken.csv", csv('K0001;"RT"X;31-03-2026;40;36'), "Rij 2"),
    ("te_lange_rij.csv", csv(GOED + ";extra;meer"), "meer waarden"),
    ("komma_puntkomma.csv", (KOP + "\nK0001,RT-WERKFIT,31-03-2026,40,36").encode(), ""),
    ("alleen_kop.csv", KOP.encode(), None),
    ("geen_kop.csv", b";;;;\nK0001;RT;31-03-2026;40;36", "kolom"),
    ("nan.csv", csv("K0001;RT-WERKFIT;31-03-2026;NaN;36"), "geen getal"),
    ("snan.csv", csv("K0001;RT-WERKFIT;31-03-2026;40;sNaN"), "geen getal"),
    ("oneindig.csv", csv("K0001;RT-WERKFIT;31-03-2026;Infinity;36"), "geen getal"),
    ("min_oneindig.csv", csv("K0001;RT-WERKFIT;31-03-2026;-inf;36"), "geen getal"),
    ("negatief.csv", csv("K0001;RT-WERKFIT;31-03-2026;-4;-5"), "negatief"),
    ("tekst_getal.csv", csv("K0001;RT-WERKFIT;31-03-2026;veertig;36"), "geen getal"),
    ("exponent.csv", csv("K0001;RT-WERKFIT;31-03-2026;1e999999;36"), "geen getal"),
    ("exponent_klein.csv", csv("K0001;RT-WERKFIT;31-03-2026;1e400;36"), "geen getal"),
    ("arabisch.csv", csv("K0001;RT-WERKFIT;31-03-2026;\u0661\u0668\u0665\u0660;36"), "geen getal"),
    ("liggend_streepje.csv", csv("K0001;RT-WERKFIT;31-03-2026;1_850;36"), "geen getal"),
    ("datum.csv", csv("K0001;RT-WERKFIT;31-02-2026;40;36"), "geen geldige datum"),
    ("datum_ver.csv", csv("K0001;RT-WERKFIT;31-12-9999;40;36"), "toekomst"),
    ("datum_tekst.csv", csv("K0001;RT-WERKFIT;gisteren;40;36"), "geen geldige datum"),
    ("onbekend.csv", csv("ONBEKEND;RT-WERKFIT;31-03-2026;40;36"), "geen inschrijving"),
    ("ander_traject.csv", csv("K0001;ANDERS;31-03-2026;40;36"), "geen inschrijving"),
    ("dubbel.csv", csv(GOED, GOED), "Dubbele regel"),
    ("meer_gevolgd.csv", csv("K0001;RT-WERKFIT;31-03-2026;10;36"), "meer uren gevolgd"),
    ("voor_aanmelding.csv", csv("K0001;RT-WERKFIT;31-12-2020;40;36"), "voor de aanmelding"),
    ("lege_verplichte.csv", csv("K0001;RT-WERKFIT;;40;36"), "verplicht"),
    ("formule.csv", csv('=HYPERLINK("x");RT-WERKFIT;31-03-2026;40;36'), "geen inschrijving"),
    # A NUL is stripped before anything else sees it: this row is good K0001.
    ("nul_in_nummer.csv", csv("K00\x0001;RT-WERKFIT;31-03-2026;40;36;"), None),
    ("trede.csv", (KOP + ";participatieladder\n" + GOED + ";9").encode(), "1 tot 6"),
    ("niveau.csv", (KOP + ";taalniveau\n" + GOED + ";Z9").encode(), "Onbekend taalniveau"),
    ("decimalen.csv", csv("K0001;RT-WERKFIT;31-03-2026;40,123;36"), "twee decimalen"),
    ("enorm_getal.csv", csv("K0001;RT-WERKFIT;31-03-2026;123456789;36"), "100.000 uur"),
    (
        "uuid.csv",
        b"inschrijving;peildatum;uren_aangeboden;uren_gevolgd\nniet-een-id;31-03-2026;40;36",
        "bestaat niet",
    ),
    (
        "xlsx_nan.xlsx",
        _xlsx([KOP.split(";"), ["K0001", "RT-WERKFIT", "31-03-2026", "NaN", 36]]),
        "geen getal",
    ),
    ("xlsx_leeg.xlsx", _xlsx([]), "leeg"),
]
