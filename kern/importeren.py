"""Shared import machinery: reading CSV/XLSX, Dutch number and date formats, and an
all-or-nothing import that reports every bad row as (rij, kolom, melding).

django-import-export stays the format and admin layer; the rules that make an import safe
(header normalisation, duplicates inside the file, model validation, rollback on any error)
live in `RegisterResource` so the admin, the API and the management commands share them.
"""

import contextlib
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from import_export import resources, widgets
from import_export.formats import base_formats

from kern.bestanden import lees_bestand
from kern.models import Auditregel
from kern.services import audit_log

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
    """Accepts 1234.5, '1234,50', '1.234,50', '€ 1.234,50', '1,234.50' and, as a Dutch
    reader means it, '10.000' (ten thousand)."""
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
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", tekst):
        # Dutch: 10.000 is ten thousand (a point before exactly three digits groups them).
        tekst = tekst.replace(".", "")
    # Only ASCII digits with one decimal point: Decimal itself would also read "1_850",
    # Arabic-Indic digits and "1e400".
    if not re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", tekst):
        raise ValueError(f"'{waarde}' is geen getal (gebruik bijvoorbeeld 1.234,50).")
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
        if (stap := kwargs.get("stap")) is not None:
            stap()  # a task's progress (kern.taken)
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


MAX_FOUTEN = 1000  # errors in an answer; beyond them one line with the count


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

    def __setattr__(self, naam, waarde):
        if naam == "fouten" and len(waarde) > MAX_FOUTEN:
            rest = len(waarde) - MAX_FOUTEN
            waarde = [
                *waarde[:MAX_FOUTEN],
                {"rij": None, "kolom": None, "melding": f"En nog {rest} fout(en)."},
            ]
        super().__setattr__(naam, waarde)

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
        melding = (
            " ".join(fout.error.messages)
            if isinstance(fout.error, ValidationError)
            else str(fout.error)
        )
        fouten.append({"rij": None, "kolom": None, "melding": melding})
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
    stap=None,
) -> ImportUitkomst:
    """Import a dataset all or nothing; on any bad row nothing is written. A resource with
    `korte_transactie` reads and checks outside a transaction and calls back to audit inside
    its own short write transaction, so a large upload does not hold the register's write
    lock (SQLite) while it parses. `stap` is called per row as it is checked (a task's
    progress)."""
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
        if stap is not None:
            extra["stap"] = stap
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
