"""Many new and changed rows of one model written in one short transaction: COPY on
PostgreSQL, and on SQLite temporary tables filled before the transaction, then one INSERT
and one UPDATE from them. A write to SQLite's temp schema does not take the register's write
lock, so others wait only for the set-based statements, not for rows passing from Python.
Django's bulk_create and bulk_update build the statements from model objects: 100,000 of them
cost more time and memory than the import around them (benchmarks/import_voortgang.py)."""

import uuid
from collections.abc import Iterable, Sequence

from django.db import connection


class Bulkschrijver:
    """New rows as tuples of `invoegen` (attnames), changed ones as (pk, *`bijwerken`). Every
    other column of a new row gets its default (a fresh UUID per row, `nu` for the
    timestamps) unless `vast` names it; `vast` also holds the values every change sets."""

    def __init__(
        self,
        model,
        invoegen: Sequence[str],
        bijwerken: Sequence[str],
        *,
        vast: dict,
        nu,
    ):
        meta = model._meta
        self.model, self.nu = model, nu
        self.tabel = connection.ops.quote_name(meta.db_table)
        self.pk = meta.pk.column
        self.nieuw_velden = [meta.get_field(n) for n in invoegen]
        overig = [
            f
            for f in meta.concrete_fields
            if not f.primary_key and f not in self.nieuw_velden and f.attname not in invoegen
        ]
        self.uuids = [f for f in overig if f.name == "uuid" and f.name not in vast]
        self.vaste_velden = [f for f in overig if f not in self.uuids]
        self.vast_nieuw = [self._standaard(f, vast) for f in self.vaste_velden]
        self.wijzig_velden = [meta.get_field(n) for n in bijwerken]
        self.vast_wijzig_velden = [meta.get_field(n) for n in vast if n not in bijwerken]
        self.vast_wijzig = [vast[n] for n in vast if n not in bijwerken]
        self.naam = f"bulk_{meta.db_table}"
        self.nieuw: Iterable[tuple] = ()
        self.gewijzigd: Iterable[tuple] = ()

    def _standaard(self, veld, vast: dict):
        if veld.name in vast:
            return vast[veld.name]
        if getattr(veld, "auto_now", False) or getattr(veld, "auto_now_add", False):
            return self.nu
        return veld.get_default()

    @property
    def kolommen_nieuw(self) -> list[str]:
        return [f.column for f in (*self.nieuw_velden, *self.vaste_velden, *self.uuids)]

    @property
    def kolommen_wijzig(self) -> list[str]:
        return [self.pk, *(f.column for f in (*self.wijzig_velden, *self.vast_wijzig_velden))]

    def _rijen_nieuw(self, rijen):
        vast, uuids = tuple(self.vast_nieuw), len(self.uuids)
        for rij in rijen:
            yield (*rij, *vast, *(uuid.uuid4() for _ in range(uuids)))

    def _rijen_wijzig(self, rijen):
        vast = tuple(self.vast_wijzig)
        for rij in rijen:
            yield (*rij, *vast)

    # -- before the transaction --------------------------------------------------------------
    def klaarzetten(self, nieuw: Iterable[tuple], gewijzigd: Iterable[tuple]) -> None:
        """PostgreSQL: keep the rows to stream them in the transaction. SQLite: into the
        temporary tables now."""
        if connection.vendor != "sqlite":
            self.nieuw, self.gewijzigd = nieuw, gewijzigd
            return
        self.opruimen()
        qn = connection.ops.quote_name
        velden_nieuw = [*self.nieuw_velden, *self.vaste_velden, *self.uuids]
        velden_wijzig = [self.model._meta.pk, *self.wijzig_velden, *self.vast_wijzig_velden]
        with connection.cursor() as cursor:
            for soort, kolommen in (
                ("nieuw", self.kolommen_nieuw),
                ("wijziging", self.kolommen_wijzig),
            ):
                cursor.execute(
                    f"CREATE TEMP TABLE {self.naam}_{soort} AS SELECT "
                    f"{', '.join(map(qn, kolommen))} FROM {self.tabel} WHERE 0"
                )
            eigen = not connection.in_atomic_block  # inside a test's transaction: no BEGIN
            if eigen:
                cursor.execute("BEGIN DEFERRED")
            for soort, velden, rijen in (
                ("nieuw", velden_nieuw, self._rijen_nieuw(nieuw)),
                ("wijziging", velden_wijzig, self._rijen_wijzig(gewijzigd)),
            ):
                zetten = [_sqlite_waarde(f) for f in velden]
                cursor.executemany(
                    f"INSERT INTO temp.{self.naam}_{soort} "
                    f"VALUES ({', '.join(['%s'] * len(velden))})",
                    ([z(w) if z else w for z, w in zip(zetten, rij, strict=True)] for rij in rijen),
                )
            if eigen:
                cursor.execute("COMMIT")

    # -- in the transaction --------------------------------------------------------------------
    def schrijven(self, *, alleen_als: dict | None = None) -> tuple[int, int]:
        """Insert the new rows and apply the changes; a change only to a row still in the
        state `alleen_als` ({field: allowed values}) names. Returns (inserted, updated)."""
        qn = connection.ops.quote_name
        nieuw, wijzig = self.kolommen_nieuw, self.kolommen_wijzig
        zetten = ", ".join(f"{qn(k)} = w.{qn(k)}" for k in wijzig[1:])
        voorwaarde, extra = "", []
        for naam, waarden in (alleen_als or {}).items():
            kolom = qn(self.model._meta.get_field(naam).column)
            voorwaarde += f" AND r.{kolom} IN ({', '.join(['%s'] * len(waarden))})"
            extra += list(waarden)
        bijwerken = (
            f"UPDATE {self.tabel} AS r SET {zetten} FROM {{bron}} AS w "
            f"WHERE r.{qn(self.pk)} = w.{qn(self.pk)}{voorwaarde}"
        )
        # wrap_database_errors: the raw cursor's errors become Django's (an IntegrityError).
        with connection.cursor() as cursor, connection.wrap_database_errors:
            if connection.vendor == "sqlite":
                cursor.execute(
                    f"INSERT INTO {self.tabel} ({', '.join(map(qn, nieuw))}) "
                    f"SELECT {', '.join(map(qn, nieuw))} FROM temp.{self.naam}_nieuw"
                )
                ingevoegd = cursor.rowcount
                cursor.execute(bijwerken.format(bron=f"temp.{self.naam}_wijziging"), extra)
                return ingevoegd, cursor.rowcount
            ruw, ingevoegd, bijgewerkt = cursor.cursor, 0, 0
            with ruw.copy(f"COPY {self.tabel} ({', '.join(map(qn, nieuw))}) FROM STDIN") as copy:
                for rij in self._rijen_nieuw(self.nieuw):
                    copy.write_row(rij)
                    ingevoegd += 1
            tijdelijk = f"{self.naam}_wijziging"
            # (a test's transaction does not commit between two imports)
            ruw.execute(f"DROP TABLE IF EXISTS {tijdelijk}")
            ruw.execute(
                f"CREATE TEMP TABLE {tijdelijk} ON COMMIT DROP AS "
                f"SELECT {', '.join(map(qn, wijzig))} FROM {self.tabel} WITH NO DATA"
            )
            with ruw.copy(f"COPY {tijdelijk} FROM STDIN") as copy:
                for rij in self._rijen_wijzig(self.gewijzigd):
                    copy.write_row(rij)
                    bijgewerkt += 1
            if bijgewerkt:
                ruw.execute(bijwerken.format(bron=tijdelijk), extra)
                bijgewerkt = ruw.rowcount
            return ingevoegd, bijgewerkt

    def opruimen(self) -> None:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                for soort in ("nieuw", "wijziging"):
                    cursor.execute(f"DROP TABLE IF EXISTS temp.{self.naam}_{soort}")


def _sqlite_waarde(veld):
    """How SQLite stores a field's value, as Django would write it; None when as is."""
    soort = veld.get_internal_type()
    if soort == "DateField":
        return connection.ops.adapt_datefield_value
    if soort == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if soort == "UUIDField":
        return lambda w: None if w is None else w.hex
    return None
