"""What every upload about enrolments shares (progress reports, results, declarations): the
uploader's enrolments read once, rows kept as tuples, checks by row and column, and writes in
blocks."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import number_format
from import_export.results import Error, Result, RowResult

from kern.fouten import ConflictError
from kern.importeren import (
    normaliseer_kop,
)
from registratie.models import Inschrijving
from registratie.selectors import inschrijvingen_for

BLOK = 500


GROOT_BESTAND = 5000  # rows naming enrolments, beyond which the whole scope is read once
# Rows with errors reported in full; beyond them only counted (a file of 200,000 bad rows
# answered with 103 MB of errors).
MAX_FOUTRIJEN = 500


class InschrijvingBestand:
    """A provider's file of rows per enrolment (progress reports, declarations): the rows,
    the errors per row and column, and the enrolments named in it, found within the
    uploader's scope in a few queries for the whole file (one outside it reads as unknown)."""

    kolommen: tuple[str, ...] = ()
    extra_waarden: tuple[str, ...] = ()
    bij_schrijven = None  # called inside the write transaction with the result (the audit)

    def __init__(self, dataset, *, user, rijen_tonen: bool, stap=None):
        self.user = user
        self.rijen_tonen = rijen_tonen
        self.koppen = [normaliseer_kop(h) for h in dataset.headers or []]
        self.rijen = Rijen(dataset, self.koppen, stap)
        self.namen: dict[int, str] = {}  # row -> clientnummer, to name a bad row by its client
        self.result = Result()
        self.result.diff_headers = list(self.kolommen)
        self.result.total_rows = len(self.rijen)
        self.fouten: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.meer_fouten: set[int] = set()  # rows with errors beyond MAX_FOUTRIJEN
        self.nieuw, self.gewijzigd, self.ongewijzigd = [], [], 0
        self.nu = timezone.now()

    def heeft_fout(self, nummer: int) -> bool:
        return nummer in self.fouten or nummer in self.meer_fouten

    def fout(self, nummer: int, kolom: str, melding: str) -> None:
        if nummer not in self.fouten and len(self.fouten) >= MAX_FOUTRIJEN:
            self.meer_fouten.add(nummer)
            return
        self.fouten[nummer][kolom].append(melding)

    def noem(self, nummer: int, rij: dict, rec) -> None:
        if rec is not None and not rij.get("clientnummer"):
            self.namen[nummer] = rec["client__clientnummer"]

    # -- writing: new, changed or unchanged, then in bulk ---------------------------------
    def plaats(self, obj, velden: dict, maak, *, vast: bool = False) -> str:
        """Queue a row: a new record (`maak()`), the changed fields of an existing one, or
        nothing when nothing changed or it may not change (`vast`); its import type."""
        if obj is None:
            self.nieuw.append(maak())
            return RowResult.IMPORT_TYPE_NEW
        if vast or all(getattr(obj, k) == v for k, v in velden.items()):
            self.ongewijzigd += 1
            return RowResult.IMPORT_TYPE_SKIP
        for k, v in velden.items():
            setattr(obj, k, v)
        obj.ingediend_door, obj.gewijzigd_op = self.user, self.nu
        self.gewijzigd.append(obj)
        return RowResult.IMPORT_TYPE_UPDATE

    def toon(self, soort: str, diff: list) -> None:
        if self.rijen_tonen:
            rij = RowResult()
            rij.import_type, rij.diff = soort, diff
            self.result.append_row_result(rij)

    def schrijf(
        self, model, velden: tuple[str, ...], dry_run: bool, *, alleen_als: dict | None = None
    ) -> None:
        """Write what plaats() queued, all or nothing. With `alleen_als` a changed row is
        written only while it is still in a state it may change from; if one moved on
        between reading and writing (approved, paid), nothing is written and the file gets
        one error saying so."""
        totals = self.result.totals
        totals[RowResult.IMPORT_TYPE_NEW] = len(self.nieuw)
        totals[RowResult.IMPORT_TYPE_UPDATE] = len(self.gewijzigd)
        totals[RowResult.IMPORT_TYPE_SKIP] = self.ongewijzigd
        if dry_run:
            return
        try:
            with transaction.atomic():
                model.objects.bulk_create(self.nieuw, batch_size=1000)
                geschreven = werk_bij(
                    model,
                    self.gewijzigd,
                    (*velden, "ingediend_door", "gewijzigd_op"),
                    alleen_als=alleen_als,
                )
                if alleen_als and geschreven != len(self.gewijzigd):
                    raise ConflictError(
                        f"{len(self.gewijzigd) - geschreven} regel(s) uit het bestand zijn "
                        "intussen goedgekeurd of betaald en kunnen niet meer veranderen; er is "
                        "niets opgeslagen. Upload het bestand opnieuw om te zien welke."
                    )
        except ConflictError as fout:
            for soort in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE):
                totals[soort] = 0
            self.result.append_base_error(Error(fout))

    def fouten_melden(self) -> Result:
        for nummer, perkolom in sorted(self.fouten.items()):
            rij = self.rijen[nummer - 1]
            if nummer in self.namen:
                rij["clientnummer"] = self.namen[nummer]
            self.result.append_invalid_row(nummer, rij, ValidationError(dict(perkolom)))
        if self.meer_fouten:
            self.result.append_base_error(
                Error(
                    ValidationError(
                        f"En nog {len(self.meer_fouten)} rij(en) met fouten, vanaf rij "
                        f"{min(self.meer_fouten) + 1}; verbeter eerst de {MAX_FOUTRIJEN} "
                        "hierboven."
                    )
                )
            )
        return self.result

    # -- lookups, a few queries for the whole file -------------------------------------------
    def per_inschrijving(self, queryset, ids: list[int]) -> list:
        """`queryset` for the file's enrolments, in parts: a large file names most of the
        uploader's scope, so one query over that scope; else lists of ids."""
        if len(ids) > GROOT_BESTAND:
            return [queryset.filter(inschrijving__in=self._scope().values("pk"))]
        return [queryset.filter(inschrijving_id__in=deel) for deel in _blokken(ids)]

    def _scope(self):
        return (
            inschrijvingen_for(self.user) if self.user is not None else Inschrijving.objects.all()
        )

    def _inschrijvingen(self):
        scope = self._scope()
        uuids = {str(w or "").strip().lower() for w in self.rijen.kolom("inschrijving")} - {""}
        nummers = {str(w or "").strip() for w in self.rijen.kolom("clientnummer")} - {""}
        waarden = (
            "id",
            *(("uuid",) if uuids or self.rijen_tonen else ()),  # a UUID per row costs
            "client__clientnummer",
            "contractregel__traject__code",
            "datum_aanmelding",
            "einddatum",
            *self.extra_waarden,
        )
        per_uuid, per_sleutel, gevonden = {}, defaultdict(list), set()

        def bewaar(rec):
            if rec["id"] in gevonden:
                return
            gevonden.add(rec["id"])
            if uuids:
                per_uuid[str(rec["uuid"])] = rec
            if nummers:
                sleutel = (
                    rec["client__clientnummer"].lower(),
                    rec["contractregel__traject__code"].lower(),
                )
                per_sleutel[sleutel].append(rec)

        geldige_uuids = [u for u in uuids if _is_uuid(u)]
        if len(geldige_uuids) + len(nummers) > GROOT_BESTAND:
            # A large file names most of the scope: one read of it beats hundreds of IN lists.
            for rec in scope.order_by().values(*waarden).iterator(chunk_size=5000):
                if rec["client__clientnummer"] in nummers or (uuids and str(rec["uuid"]) in uuids):
                    bewaar(rec)
            return per_uuid, per_sleutel
        for deel in _blokken(geldige_uuids):
            for rec in scope.filter(uuid__in=deel).order_by().values(*waarden):
                bewaar(rec)
        for deel in _blokken(sorted(nummers)):
            for rec in scope.filter(client__clientnummer__in=deel).order_by().values(*waarden):
                bewaar(rec)
        return per_uuid, per_sleutel

    def _zoek(self, nummer, rij, peildatum, per_uuid, per_sleutel):
        uuid = str(rij.get("inschrijving") or "").strip().lower()
        if uuid:
            rec = per_uuid.get(uuid)
            if rec is None:
                self.fout(
                    nummer,
                    "inschrijving",
                    f"Inschrijving {uuid} bestaat niet of valt niet onder uw contracten.",
                )
            return rec
        client = str(rij.get("clientnummer") or "").strip()
        code = str(rij.get("traject_code") or "").strip()
        if not client or not code:
            self.fout(
                nummer, "inschrijving", "Vul inschrijving, of clientnummer en traject_code in."
            )
            return None
        kandidaten = per_sleutel.get((client.lower(), code.lower()), [])
        if len(kandidaten) > 1 and peildatum:
            kandidaten = [
                k
                for k in kandidaten
                if k["datum_aanmelding"] <= peildatum
                and (k["einddatum"] is None or k["einddatum"] >= peildatum)
            ]
        if not kandidaten:
            self.fout(
                nummer,
                "clientnummer",
                f"Client {client} heeft geen inschrijving op traject {code} onder uw contracten.",
            )
            return None
        if len(kandidaten) > 1:
            self.fout(
                nummer,
                "inschrijving",
                f"Client {client} heeft meerdere inschrijvingen "
                f"op {code}; noem de inschrijving (id).",
            )
            return None
        return kandidaten[0]


class Rijen(Sequence):
    """A file's rows as dicts by normalised header, made when read: a list of 100,000 dicts
    beside the dataset doubled an import's memory."""

    def __init__(self, dataset, koppen: list[str], stap=None):
        self.dataset, self.koppen = dataset, koppen
        self.stap = stap  # called per row as it is read: a task's progress (kern.taken)

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, index: int) -> dict:
        return dict(zip(self.koppen, self.dataset[index], strict=False))

    def __iter__(self):
        koppen, stap = self.koppen, self.stap
        for rij in self.dataset:
            if stap is not None:
                stap()
            yield dict(zip(koppen, rij, strict=False))

    def kolom(self, naam: str):
        """One column's values, without making the rows."""
        if naam not in self.koppen:
            return ()
        plek = self.koppen.index(naam)
        return (rij[plek] if plek < len(rij) else None for rij in self.dataset)


def ontbrekende_kolommen(dataset, verplicht: tuple[str, ...]) -> list[dict]:
    """The columns a file per enrolment must have: `verplicht`, and the enrolment named by
    its id or by clientnummer and traject_code."""
    koppen = {normaliseer_kop(h) for h in dataset.headers or []}
    fouten = [
        {"rij": 1, "kolom": k, "melding": "Deze kolom ontbreekt in het bestand."}
        for k in verplicht
        if k not in koppen
    ]
    if "inschrijving" not in koppen and not {"clientnummer", "traject_code"} <= koppen:
        fouten.append(
            {
                "rij": 1,
                "kolom": "inschrijving",
                "melding": "Noem de inschrijving met de kolom inschrijving (id) of met de "
                "kolommen clientnummer en traject_code.",
            }
        )
    return fouten


def werk_bij(model, objecten: list, veldnamen, *, alleen_als: dict | None = None) -> int:
    """One parameterised UPDATE run with executemany: Django's bulk_update builds a CASE
    per field per row and took 60 s for 10,000 rows (benchmarks/import_voortgang.py).
    `alleen_als` ({field: allowed values}) writes a row only while it is still in the state
    the import read; returns the number of rows written."""
    if not objecten:
        return 0
    meta = model._meta
    velden = [meta.get_field(naam) for naam in veldnamen]
    qn = connection.ops.quote_name
    voorwaarden = [f"{qn(meta.pk.column)} = %s"]
    extra = []
    for naam, waarden in (alleen_als or {}).items():
        voorwaarden.append(
            f"{qn(meta.get_field(naam).column)} IN ({', '.join(['%s'] * len(waarden))})"
        )
        extra += list(waarden)
    sql = (
        f"UPDATE {qn(meta.db_table)} SET "
        + ", ".join(f"{qn(veld.column)} = %s" for veld in velden)
        + " WHERE "
        + " AND ".join(voorwaarden)
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                [veld.get_db_prep_save(getattr(obj, veld.attname), connection) for veld in velden]
                + [obj.pk, *extra]
                for obj in objecten
            ],
        )
        return cursor.rowcount


def _toon(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, Decimal):
        return number_format(waarde, 2, force_grouping=True)
    return str(waarde)


def wat_verandert(oud, nieuw) -> list[str]:
    """A preview's cells: the new values, and for a changed row 'old → new' where a value
    changes (the preview said '11 gewijzigd' and not what)."""
    if oud is None:
        return [_toon(w) for w in nieuw]
    return [
        _toon(n) if o == n else f"{_toon(o) or '–'} → {_toon(n) or '–'}"
        for o, n in zip(oud, nieuw, strict=True)
    ]


def _blokken(items, grootte=BLOK):
    items = list(items)
    for i in range(0, len(items), grootte):
        yield items[i : i + grootte]


def _is_uuid(tekst: str) -> bool:
    try:
        uuid.UUID(tekst)
    except ValueError:
        return False
    return True
