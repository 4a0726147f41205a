"""Exports: the admin's formats, and the API's and pages' streamed CSV and written XLSX, with
formula-like cells defused."""

import csv
import functools
import io
from collections.abc import Iterator

import tablib
from import_export.formats import base_formats

from kern.excel import XLSX_TYPE, ontmijn, tabel, werkboek


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


def exporteer(resource, queryset, formaat: str, tel=None) -> tuple[Iterator[str] | bytes, str]:
    """The queryset as a file: CSV as a stream of pieces, XLSX written row by row (write-only)
    and returned whole, compressed; cells that start like a formula are escaped. `tel`
    counts the rows on the way (a background task's progress)."""
    koppen, sleutels, rijen = export_rijen(resource, queryset, native=formaat == "xlsx")
    if tel is not None:
        rijen = tel(rijen)
    if formaat == "csv":
        return csv_stroom(koppen, rijen), "text/csv"
    titel = str(resource._meta.model._meta.verbose_name_plural).capitalize()
    blad = tabel(titel, [k.replace("_", " ").capitalize() for k in koppen], rijen, sleutels)
    return werkboek(f"Export {titel}", [blad]), XLSX_TYPE
