"""Shared import machinery: reading CSV/XLSX, Dutch number and date formats, and an
all-or-nothing import that reports every bad row as (rij, kolom, melding).

django-import-export stays the format and admin layer; the rules that make an import safe
(header normalisation, duplicates inside the file, model validation, rollback on any error)
live in `RegisterResource` so the admin, the API and the management commands share them.
"""

import contextlib
import csv
import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import tablib
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from import_export import resources, widgets
from import_export.formats import base_formats

from kern.models import Auditregel
from kern.services import audit_log

# The limits of every import path (web, API, admin, commands); see config/settings.py.
MAX_BESTAND_BYTES = settings.IMPORT_MAX_BYTES
MAX_KOLOMMEN = 60
MAX_UITGEPAKT = 10 * MAX_BESTAND_BYTES  # what an XLSX may unpack to, against zip bombs
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


KOPALIASSEN = {"trajectcode": "traject_code", "kvknummer": "kvk_nummer"}


def normaliseer_kop(kop) -> str:
    """'KvK-nummer ' -> 'kvk_nummer', 'Verzuim geoorloofd (uren)' -> 'verzuim_geoorloofd':
    headers match case- and space-insensitively, and a note in brackets is ignored."""
    tekst = str(kop or "").replace("\ufeff", "").lower()
    tekst = re.sub(r"\(.*?\)", "", tekst).strip()
    tekst = re.sub(r"[\s\-]+", "_", tekst)
    return KOPALIASSEN.get(tekst, tekst)


def parse_decimaal(waarde) -> Decimal | None:
    """Accepts 1234.5, '1234,50', '1.234,50', '€ 1.234,50' and '1,234.50'."""
    if waarde is None:
        return None
    if isinstance(waarde, Decimal):
        return waarde
    if isinstance(waarde, int | float):
        waarde = Decimal(str(waarde))
        if not waarde.is_finite():
            raise ValueError("Dit is geen getal.")
        return waarde
    return _decimaal_uit_tekst(str(waarde))


@functools.lru_cache(maxsize=4096)
def _decimaal_uit_tekst(waarde: str) -> Decimal | None:
    # Cached: a provider's file repeats the same few figures on every row.
    tekst = waarde.strip().replace("€", "").replace("\xa0", "").replace(" ", "")
    if tekst == "":
        return None
    if "," in tekst and "." in tekst:
        duizend, decimaal = (".", ",") if tekst.rfind(",") > tekst.rfind(".") else (",", ".")
        tekst = tekst.replace(duizend, "").replace(decimaal, ".")
    elif "," in tekst:
        tekst = tekst.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}", tekst):
        tekst = tekst.replace(".", "")
    try:
        getal = Decimal(tekst)
    except InvalidOperation:
        getal = None
    if getal is None or not getal.is_finite():
        raise ValueError(f"'{waarde}' is geen getal (gebruik bijvoorbeeld 1.234,50).")
    return getal


def parse_datum(waarde) -> dt.date | None:
    """Accepts Excel dates (cells and serial numbers), 31-12-2019, 2019-12-31 and 31/12/2019."""
    if waarde is None or (isinstance(waarde, str) and waarde.strip() == ""):
        return None
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    if isinstance(waarde, int | float) and 1 < waarde < 100000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(waarde))
    return _datum_uit_tekst(str(waarde))


@functools.lru_cache(maxsize=4096)
def _datum_uit_tekst(waarde: str) -> dt.date:
    # Cached: a file's rows share a handful of dates.
    tekst = waarde.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?", tekst):
        tekst = tekst[:10]
    for formaat in settings.DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(tekst, formaat).date()
        except ValueError:
            continue
    raise ValueError(f"'{waarde}' is geen geldige datum (gebruik dd-mm-jjjj).")


class TekstWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return "" if value is None else str(value).strip()


class DecimaalWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        return parse_decimaal(value)


class GetalWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        getal = parse_decimaal(value)
        if getal is None:
            return None
        if getal != getal.to_integral_value():
            raise ValueError(f"'{value}' is geen geheel getal.")
        return int(getal)


class DatumWidget(widgets.DateWidget):
    def clean(self, value, row=None, **kwargs):
        return parse_datum(value)


class JaNeeWidget(widgets.BooleanWidget):
    WAAR = {"1", "ja", "j", "true", "waar", "yes", "y", "x"}
    ONWAAR = {"0", "nee", "n", "false", "onwaar", "no", ""}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        tekst = str(value).strip().lower()
        if tekst in self.WAAR:
            return True
        if tekst in self.ONWAAR:
            return False
        raise ValueError(f"'{value}' is geen ja/nee-waarde.")

    def render(self, value, obj=None, **kwargs):
        return "ja" if value else "nee"


class KeuzeWidget(widgets.CharWidget):
    """A choice by its code or by its label, case-insensitively; an unknown value is named."""

    def __init__(self, choices, **kwargs):
        self.keuzes = {}
        for code, label in choices:
            self.keuzes[str(code).lower()] = code
            self.keuzes[str(label).lower()] = code
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        tekst = "" if value is None else str(value).strip()
        if tekst == "":
            return ""
        try:
            return self.keuzes[tekst.lower()]
        except KeyError:
            toegestaan = ", ".join(sorted({str(v) for v in self.keuzes.values()}))
            raise ValueError(f"Onbekende waarde '{tekst}'; toegestaan: {toegestaan}.") from None


class SleutelWidget(widgets.ForeignKeyWidget):
    """A foreign key by a readable key (naam, code, kenmerk); unknown is a field error."""

    def __init__(self, model, field, omschrijving: str, **kwargs):
        self.omschrijving = omschrijving
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = "" if value is None else str(value).strip()
        if value == "":
            return None
        try:
            return self.get_queryset(value, row, **kwargs).get(**{f"{self.field}__iexact": value})
        except ObjectDoesNotExist:
            raise ValueError(f"Er is geen {self.omschrijving} '{value}'.") from None


class MeerdereSleutelsWidget(widgets.ManyToManyWidget):
    """'b1, z' -> those records; an unknown code is an error, not silently dropped."""

    def __init__(self, model, field, omschrijving: str):
        self.omschrijving = omschrijving
        super().__init__(model, separator=",", field=field)

    def clean(self, value, row=None, **kwargs):
        codes = [c.strip() for c in str(value or "").replace(";", ",").split(",") if c.strip()]
        gevonden = {
            str(getattr(obj, self.field)).lower(): obj
            for obj in self.model.objects.filter(**{f"{self.field}__in": codes})
        }
        onbekend = [c for c in codes if c.lower() not in gevonden]
        if onbekend:
            raise ValueError(f"Er is geen {self.omschrijving}: {', '.join(onbekend)}.")
        return [gevonden[c.lower()] for c in codes]


class RegisterResource(resources.ModelResource):
    """A resource whose import is all or nothing and speaks Dutch about every bad row."""

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        # All or nothing on every path (admin, API, command): a row that fails validation
        # rolls back the whole file, not just itself.
        return super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=True,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )

    def before_import(self, dataset, **kwargs):
        if dataset.headers:
            dataset.headers = [normaliseer_kop(h) for h in dataset.headers]
        self._gezien = {}
        super().before_import(dataset, **kwargs)

    def _sleutelkolommen(self):
        return [self.fields[f].column_name for f in self._meta.import_id_fields]

    def ontbrekende_kolommen(self, dataset) -> list[dict]:
        koppen = {normaliseer_kop(h) for h in dataset.headers or []}
        return [
            {"rij": 1, "kolom": kolom, "melding": "Deze kolom ontbreekt in het bestand."}
            for kolom in self._sleutelkolommen()
            if kolom not in koppen
        ]

    def before_import_row(self, row, **kwargs):
        kolommen = self._sleutelkolommen()
        sleutel = tuple(str(row.get(k) or "").strip().lower() for k in kolommen)
        if any(sleutel):
            eerder = self._gezien.setdefault(sleutel, kwargs.get("row_number"))
            if eerder != kwargs.get("row_number"):
                raise ValidationError(
                    {
                        self._meta.import_id_fields[0]: (
                            f"Dubbele regel: {' + '.join(kolommen)} staat ook op rij {eerder + 1}."
                        )
                    }
                )
        super().before_import_row(row, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many values are only saved after the row; check them now so a bad
        # code is a field error on its row rather than a failure after the write.
        for veld in self.get_import_fields():
            if isinstance(veld.widget, widgets.ManyToManyWidget) and veld.column_name in row:
                try:
                    veld.clean(row)
                except ValueError as error:
                    errors[veld.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            # An unknown key value: treat the row as new, so import_instance reports that
            # field together with every other bad field of the row.
            return None


class CSVMetScheidingsteken(base_formats.CSV):
    """CSV with a comma or a semicolon (what Dutch Excel writes), UTF-8 with or without BOM,
    read strictly by `lees_csv`."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            return lees_bestand(in_stream)
        return lees_bestand(in_stream.encode("utf-8"))


class VeiligeXLSX(base_formats.XLSX):
    """XLSX for the admin's import too, through the same bounded reader."""

    def create_dataset(self, in_stream, **kwargs):
        return lees_bestand(in_stream if isinstance(in_stream, bytes) else in_stream.read())


def _schoon(waarde):
    """Control characters (a NUL, a bell) never reach the database or an export."""
    if isinstance(waarde, str):
        return _STUURTEKENS.sub("", waarde)
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
    # Control characters go in one pass over the text, not per cell (a newline and a tab
    # are not among them).
    tekst = _STUURTEKENS.sub("", tekst)
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


def lees_xlsx(inhoud: bytes) -> tablib.Dataset:
    """The first sheet, streamed: the rows and columns the file holds, not what it declares,
    at most MAX_KOLOMMEN columns and MAX_RIJEN rows, and a bounded unpacked size."""
    import openpyxl

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
    boek = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    try:
        blad = boek.worksheets[0]
        blad.reset_dimensions()  # a declared A1:XFD1048576 is not read as data

        def rijen():
            for aantal, rij in enumerate(blad.iter_rows(max_col=MAX_KOLOMMEN, values_only=True)):
                if aantal > _max_rijen():
                    raise _te_veel_rijen()
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


@dataclass
class ImportUitkomst:
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    afgewezen: int = 0  # declarations: lines stored with a rejection code
    fouten: list[dict] = field(default_factory=list)
    dry_run: bool = False
    kolommen: list[str] = field(default_factory=list)
    wijzigingen: list[dict] = field(default_factory=list)  # for a preview, when asked for
    auditregel: int | None = None  # the import's line in the audit log, where it can be undone

    @property
    def geslaagd(self) -> bool:
        return not self.fouten

    def als_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "geslaagd": self.geslaagd,
            "nieuw": self.nieuw,
            "gewijzigd": self.gewijzigd,
            "ongewijzigd": self.ongewijzigd,
            "afgewezen": self.afgewezen,
            "fouten": self.fouten,
        }


def fouten_uit_resultaat(resource, result) -> list[dict]:
    """Every bad row as {"rij": spreadsheet row (header = 1), "kolom", "melding"}."""
    kolom_van = {veld.attribute: veld.column_name for veld in resource.fields.values()}
    fouten = []
    for fout in result.base_errors:
        fouten.append({"rij": None, "kolom": None, "melding": str(fout.error)})
    koppen = list(result.diff_headers or [])
    plek = koppen.index("clientnummer") if "clientnummer" in koppen else None
    for rij in result.invalid_rows:
        clientnummer = rij.values[plek] if plek is not None else None
        for attribuut, meldingen in rij.error_dict.items():
            kolom = None if attribuut == "__all__" else kolom_van.get(attribuut, attribuut)
            for melding in meldingen:
                fout = {"rij": rij.number + 1, "kolom": kolom, "melding": str(melding)}
                if clientnummer not in (None, "", "---"):
                    fout["clientnummer"] = str(clientnummer)
                fouten.append(fout)
    for nummer, row_errors in result.row_errors():
        for fout in row_errors:
            fouten.append(
                {"rij": nummer + 1, "kolom": None, "melding": f"Kon niet opslaan: {fout.error}"}
            )
    return sorted(fouten, key=lambda f: (f["rij"] or 0, f["kolom"] or ""))


def importeer(
    resource,
    dataset,
    *,
    dry_run: bool,
    door=None,
    bestandsnaam: str = "",
    voorbeeld: int = 0,
) -> ImportUitkomst:
    """Import a dataset all or nothing; on any bad row nothing is written. A resource with
    `korte_transactie` reads and checks outside a transaction and calls back to audit inside
    its own short write transaction, so a large upload does not hold the register's write
    lock (SQLite) while it parses."""
    uitkomst = ImportUitkomst(dry_run=dry_run)
    uitkomst.fouten = resource.ontbrekende_kolommen(dataset)
    if uitkomst.fouten:
        return uitkomst

    def vul(result):
        totalen = result.totals
        uitkomst.nieuw = totalen.get("new", 0)
        uitkomst.gewijzigd = totalen.get("update", 0)
        uitkomst.ongewijzigd = totalen.get("skip", 0)
        uitkomst.afgewezen = getattr(result, "afgewezen", 0)

    def audit(result):
        vul(result)
        audit_log(
            door=door,
            actie=Auditregel.Actie.GEIMPORTEERD,
            model=resource._meta.model._meta.label_lower,
            omschrijving=f"Import {bestandsnaam or '(bestand)'}: {uitkomst.nieuw} nieuw, "
            f"{uitkomst.gewijzigd} gewijzigd, {uitkomst.ongewijzigd} ongewijzigd",
            gegevens={"bestand": bestandsnaam, **uitkomst.als_dict()},
        )

    kort = getattr(resource, "korte_transactie", False)
    with contextlib.nullcontext() if kort else transaction.atomic():
        extra = {"bij_schrijven": audit} if kort else {}
        result = resource.import_data(
            dataset, dry_run=dry_run, user=door, rijen_tonen=bool(voorbeeld), **extra
        )
        uitkomst.fouten = fouten_uit_resultaat(resource, result)
        vul(result)
        if voorbeeld:
            uitkomst.kolommen = list(result.diff_headers)
            uitkomst.wijzigingen = [
                {"soort": "nieuw" if rij.import_type == "new" else "gewijzigd", "waarden": rij.diff}
                for rij in result.rows
                if rij.import_type in ("new", "update")
            ][:voorbeeld]
        if not kort and not dry_run and uitkomst.geslaagd:
            audit(result)
    return uitkomst


_FORMULE = re.compile(r"^[=+\-@\t\r]")
_GETAL = re.compile(r"^-?\d+([.,]\d+)?$")


def ontmijn(waarde):
    """A text cell that a spreadsheet would run as a formula gets a leading quote (OWASP CSV
    injection); numbers, dates and plain text stay as they are."""
    if isinstance(waarde, str) and _FORMULE.match(waarde) and not _GETAL.match(waarde):
        return "'" + waarde
    return waarde


# The admin's export formats (the API and the web stream through `exporteer`).
class _Ontmijnd:
    def export_data(self, dataset, **kwargs):
        veilig = tablib.Dataset(headers=dataset.headers)
        for rij in dataset:
            veilig.append([ontmijn(cel) for cel in rij])
        return veilig.export(self.get_title(), **kwargs)


class VeiligCSV(_Ontmijnd, base_formats.CSV):
    pass


class VeiligXLSX(base_formats.XLSX):
    """The register's own workbook (kern.excel): readable Dutch headers that import back
    unchanged (normaliseer_kop), formats, frozen header, autofilter, defused cells."""

    def export_data(self, dataset, **kwargs):
        from kern.excel import tabel, werkboek

        koppen = [str(k) for k in dataset.headers or []]
        titel = dataset.title or "Export"
        blad = tabel(
            titel,
            [k.replace("_", " ").capitalize() for k in koppen],
            [list(rij) for rij in dataset],
            sleutels=koppen,
        )
        return werkboek(f"Export {titel}", [blad])


EXPORTFORMATEN = {"xlsx": VeiligXLSX, "csv": VeiligCSV}


def _eenvoudig(resource, veld) -> bool:
    """An export column that values_list can read: a plain database column at the end of
    its path, no dehydrate method, no relation to render."""
    if not veld.attribute or callable(getattr(resource, f"dehydrate_{veld.column_name}", None)):
        return False
    if veld.dehydrate_method:
        return False
    model = resource._meta.model
    delen = veld.attribute.split("__")
    for n, deel in enumerate(delen):
        try:
            modelveld = model._meta.get_field(deel)
        except Exception:  # noqa: BLE001 - a property or method: the library's path
            return False
        if modelveld.many_to_many or modelveld.one_to_many:
            return False
        if modelveld.is_relation:
            if n == len(delen) - 1:
                return False
            model = modelveld.related_model
    return True


def _weergave(widget, native: bool):
    """The widget's rendering, remembered per value: a column repeats its figures and dates,
    and Django's localized number formatting was most of a CSV export's time."""

    @functools.lru_cache(maxsize=4096)
    def gecachet(waarde):
        return widget.render(waarde, force_native_type=native)

    def weergave(waarde):
        try:
            return gecachet(waarde)
        except TypeError:  # not hashable
            return widget.render(waarde, force_native_type=native)

    return weergave


def export_rijen(resource, queryset, *, native: bool) -> tuple[list[str], list[str], Iterator]:
    """The export's headers, its field names and its rows as a generator. Plain columns are
    read with values_list in chunks and rendered by their widget; a resource with any other
    column goes object by object through the library (still in chunks)."""
    velden = [v for v in resource.get_export_fields() if v]
    koppen = [str(v.column_name) for v in velden]
    if all(_eenvoudig(resource, v) for v in velden):
        weergaven = [_weergave(v.widget, native) for v in velden]

        def rijen():
            for waarden in queryset.values_list(*(v.attribute for v in velden)).iterator(
                chunk_size=2000
            ):
                yield [weergave(x) for weergave, x in zip(weergaven, waarden, strict=True)]

    else:

        def rijen():
            for obj in queryset.iterator(chunk_size=2000):
                yield [resource.export_field(v, obj, force_native_type=native) for v in velden]

    return koppen, koppen, rijen()


def csv_stroom(koppen: list[str], rijen) -> Iterator[str]:
    """A CSV in pieces of 1,000 rows, BOM first (so Excel reads UTF-8), cells defused."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer)
    buffer.write("\ufeff")
    schrijver.writerow(koppen)
    for n, rij in enumerate(rijen, 1):
        schrijver.writerow([ontmijn(cel) for cel in rij])
        if n % 1000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def exporteer(resource, queryset, formaat: str) -> tuple[Iterator[str] | bytes, str]:
    """The queryset as a file: CSV as a stream of pieces, XLSX written row by row (write-only)
    and returned whole, compressed; cells that start like a formula are escaped."""
    from kern.excel import XLSX_TYPE, tabel, werkboek

    koppen, sleutels, rijen = export_rijen(resource, queryset, native=formaat == "xlsx")
    if formaat == "csv":
        return csv_stroom(koppen, rijen), "text/csv"
    titel = str(resource._meta.model._meta.verbose_name_plural).capitalize()
    blad = tabel(titel, [k.replace("_", " ").capitalize() for k in koppen], rijen, sleutels)
    return werkboek(f"Export {titel}", [blad]), XLSX_TYPE
