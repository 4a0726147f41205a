"""Progress reports from providers: one resource for the admin, the API and the command.

django-import-export reads the file and renders the admin preview; the import itself is our
own bulk path (IMPORT-NOTES.md): every row is validated cheaply with its row number, keyed
on the full natural key (inschrijving, peildatum), checked for duplicates inside the file,
and written with bulk_create/bulk_update in one transaction, or not at all.
"""

import functools
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from import_export import fields
from import_export.results import Error, Result, RowResult

from aanbod.models import Taalniveau
from kern.bulk import Bulkschrijver
from kern.importeren import (
    DatumWidget,
    DecimaalWidget,
    GetalWidget,
    KeuzeWidget,
    RegisterResource,
    TekstWidget,
    parse_datum,
    parse_decimaal,
)
from registratie.bestanden import (
    GROOT_BESTAND,
    InschrijvingBestand,
    ontbrekende_kolommen,
    wat_verandert,
)
from registratie.models import Voortgangsrapportage, rapportage_fouten
from registratie.voortgangstand import markeer_verouderd

WAARDEVELDEN = (
    "uren_aangeboden",
    "uren_gevolgd",
    "verzuim_geoorloofd",
    "verzuim_ongeoorloofd",
    "taalniveau",
    "participatieladder",
    "toelichting",
)
MAX_UREN = Decimal("99999.99")
TAALNIVEAUS = frozenset(Taalniveau.values)
NUL = Decimal("0")


class VoortgangsrapportageResource(RegisterResource):
    inschrijving = fields.Field("inschrijving__uuid", "inschrijving", readonly=True)
    clientnummer = fields.Field("inschrijving__client__clientnummer", "clientnummer", readonly=True)
    traject_code = fields.Field(
        "inschrijving__contractregel__traject__code", "traject_code", readonly=True
    )
    peildatum = fields.Field("peildatum", "peildatum", widget=DatumWidget())
    uren_aangeboden = fields.Field("uren_aangeboden", "uren_aangeboden", widget=DecimaalWidget())
    uren_gevolgd = fields.Field("uren_gevolgd", "uren_gevolgd", widget=DecimaalWidget())
    verzuim_geoorloofd = fields.Field(
        "verzuim_geoorloofd", "verzuim_geoorloofd", widget=DecimaalWidget()
    )
    verzuim_ongeoorloofd = fields.Field(
        "verzuim_ongeoorloofd", "verzuim_ongeoorloofd", widget=DecimaalWidget()
    )
    taalniveau = fields.Field("taalniveau", "taalniveau", widget=KeuzeWidget(Taalniveau.choices))
    participatieladder = fields.Field(
        "participatieladder", "participatieladder", widget=GetalWidget()
    )
    toelichting = fields.Field("toelichting", "toelichting", widget=TekstWidget())

    class Meta(RegisterResource.Meta):
        model = Voortgangsrapportage
        import_id_fields = ("inschrijving", "peildatum")
        fields = ("inschrijving", "clientnummer", "traject_code", "peildatum", *WAARDEVELDEN)
        export_order = fields

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "inschrijving", "inschrijving__client", "inschrijving__contractregel__traject"
            )
        )

    def ontbrekende_kolommen(self, dataset) -> list[dict]:
        return ontbrekende_kolommen(dataset, ("peildatum", "uren_aangeboden", "uren_gevolgd"))

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
        bestand = RapportageImport(
            dataset,
            user=kwargs.get("user"),
            rijen_tonen=kwargs.get("rijen_tonen", True),
            stap=kwargs.get("stap"),
        )
        bestand.bij_schrijven = kwargs.get("bij_schrijven")
        return bestand.uitvoeren(dry_run)

    # kern.importeren.importeer: read and check outside a transaction, write in a short one.
    korte_transactie = True


class RapportageImport(InschrijvingBestand):
    kolommen = ("inschrijving", "clientnummer", "traject_code", "peildatum", *WAARDEVELDEN)

    # -- one row ---------------------------------------------------------------------------
    def _lees(self, nummer, rij, vandaag):
        waarden = {}
        for kolom in CELLEN:
            waarde, fout = _cel(kolom, rij.get(kolom))
            if fout is not None:
                self.fout(nummer, kolom, fout)
            waarden[kolom] = waarde
        waarden["toelichting"] = str(rij.get("toelichting") or "").strip()
        return waarden

    def uitvoeren(self, dry_run: bool) -> Result:
        vandaag = timezone.localdate()
        per_uuid, per_sleutel = self._inschrijvingen()
        gelezen, gezien = [], {}
        for nummer, rij in enumerate(self.rijen, 1):
            if all(v in (None, "") for v in rij.values()):
                continue
            waarden = self._lees(nummer, rij, vandaag)
            rec = self._zoek(nummer, rij, waarden.get("peildatum"), per_uuid, per_sleutel)
            self.noem(nummer, rij, rec)
            # The cross-field rules too, on what could be read: every error of a row at once.
            al_fout = self.fouten.get(nummer, {})
            for kolom, melding in rapportage_fouten(
                peildatum=None if "peildatum" in al_fout else waarden.get("peildatum"),
                uren_aangeboden=None
                if "uren_aangeboden" in al_fout
                else waarden.get("uren_aangeboden"),
                uren_gevolgd=None if "uren_gevolgd" in al_fout else waarden.get("uren_gevolgd"),
                datum_aanmelding=rec["datum_aanmelding"] if rec else None,
                vandaag=vandaag,
            ).items():
                if kolom not in al_fout:
                    self.fout(nummer, kolom, melding)
            if rec is None or self.heeft_fout(nummer):
                continue
            sleutel = (rec["id"], waarden["peildatum"])
            if sleutel in gezien:
                self.fout(
                    nummer,
                    "peildatum",
                    f"Dubbele regel: deze inschrijving en peildatum "
                    f"staan ook op rij {gezien[sleutel] + 1}.",
                )
            gezien.setdefault(sleutel, nummer)
            gelezen.append((rec, tuple(waarden[k] for k in ("peildatum", *WAARDEVELDEN))))

        if self.fouten:
            return self.fouten_melden()
        self._schrijf(gelezen, dry_run)
        return self.result

    def _schrijf(self, gelezen, dry_run):
        """Compare with what is stored as it streams by (tuples, no model objects; only each
        row's outcome is kept), then write new and changed rows in one short transaction:
        COPY on PostgreSQL, from temporary tables on SQLite."""
        plek = {(rec["id"], w[0]): i for i, (rec, w) in enumerate(gelezen)}
        soorten, bestaand_pk, vorige = {}, {}, {}
        peildata = {w[0] for _, w in gelezen}
        ids = sorted({rec["id"] for rec, _ in gelezen})
        opgeslagen = Voortgangsrapportage.objects.order_by().filter(peildatum__in=peildata)
        for deel in self.per_inschrijving(opgeslagen, ids):
            for pk, inschrijving, peildatum, *oud in deel.values_list(
                "pk", "inschrijving_id", "peildatum", *WAARDEVELDEN
            ).iterator(chunk_size=5000):
                i = plek.get((inschrijving, peildatum))
                if i is None:
                    continue
                if tuple(oud) == gelezen[i][1][1:]:
                    soorten[i] = RowResult.IMPORT_TYPE_SKIP
                else:
                    soorten[i] = RowResult.IMPORT_TYPE_UPDATE
                    bestaand_pk[i] = pk
                    if self.rijen_tonen:
                        vorige[i] = tuple(oud)
        del plek
        nieuw, gewijzigd = [], []
        for i, (rec, (peildatum, *waarden)) in enumerate(gelezen):
            soort = soorten.get(i, RowResult.IMPORT_TYPE_NEW)
            if soort == RowResult.IMPORT_TYPE_NEW:
                nieuw.append(i)
            elif soort == RowResult.IMPORT_TYPE_SKIP:
                self.ongewijzigd += 1
            else:
                gewijzigd.append((bestaand_pk[i], *waarden))
            if self.rijen_tonen:
                self.toon(
                    soort,
                    [
                        str(rec["uuid"]),
                        rec["client__clientnummer"],
                        rec["contractregel__traject__code"],
                        peildatum.strftime("%d-%m-%Y"),
                        *wat_verandert(vorige.get(i), waarden),
                    ],
                )
        totals = self.result.totals
        totals[RowResult.IMPORT_TYPE_NEW] = len(nieuw)
        totals[RowResult.IMPORT_TYPE_UPDATE] = len(gewijzigd)
        totals[RowResult.IMPORT_TYPE_SKIP] = self.ongewijzigd
        if dry_run:
            return
        aantal = len(nieuw) + len(gewijzigd)
        # The enrolments whose kept stand (registratie.voortgangstand) this upload changes.
        geraakt = {gelezen[i][0]["id"] for i in nieuw} | {
            gelezen[i][0]["id"]
            for i, soort in soorten.items()
            if soort == RowResult.IMPORT_TYPE_UPDATE
        }
        schrijver = Bulkschrijver(
            Voortgangsrapportage,
            ("inschrijving_id", "peildatum", *WAARDEVELDEN),
            WAARDEVELDEN,
            vast={"ingediend_door": getattr(self.user, "pk", None), "gewijzigd_op": self.nu},
            nu=self.nu,
        )
        try:
            # The new rows as they go out, not held a second time beside what was read.
            schrijver.klaarzetten(((gelezen[i][0]["id"], *gelezen[i][1]) for i in nieuw), gewijzigd)
            with transaction.atomic():
                schrijver.schrijven()
                markeer_verouderd(sorted(geraakt))
                if self.bij_schrijven:
                    self.bij_schrijven(self.result)
        except IntegrityError:
            # A report for the same enrolment and peildatum was stored since the check.
            for soort in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE):
                totals[soort] = 0
            self.result.append_base_error(
                Error(
                    "Het register is tijdens de import gewijzigd: er is niets opgeslagen. "
                    "Upload het bestand opnieuw."
                )
            )
        finally:
            schrijver.opruimen()
        if aantal > GROOT_BESTAND and connection.vendor == "postgresql":
            # Fresh statistics now, not when autovacuum comes by: a re-upload right after a
            # first one of 100,000 rows was planned as if the table were empty (13 s).
            with connection.cursor() as cursor:
                cursor.execute(
                    f"ANALYZE {connection.ops.quote_name(Voortgangsrapportage._meta.db_table)}"
                )


# The cells of a report read on their own, in this order; the cross-field rules follow.
CELLEN = (
    "peildatum",
    "uren_aangeboden",
    "uren_gevolgd",
    "verzuim_geoorloofd",
    "verzuim_ongeoorloofd",
    "participatieladder",
    "taalniveau",
)
VERPLICHT = frozenset({"peildatum", "uren_aangeboden", "uren_gevolgd"})


@functools.lru_cache(maxsize=8192, typed=True)
def _cel(kolom: str, ruw) -> tuple[object, str | None]:
    """One cell as (value, error or None). Cached per column and value: a provider's file
    repeats one peildatum and a few figures on every row, so 100,000 rows read a few dozen
    distinct cells."""
    if kolom == "taalniveau":
        niveau = str(ruw or "").strip().upper()
        if niveau and niveau not in TAALNIVEAUS:
            return (
                niveau,
                f"Onbekend taalniveau '{niveau}'; kies uit {', '.join(Taalniveau.values)}.",
            )
        return niveau, None
    try:
        waarde = (parse_datum if kolom == "peildatum" else parse_decimaal)(ruw)
    except ValueError as error:
        return None, str(error)
    if waarde is None:
        if kolom in VERPLICHT:
            return None, "Dit veld is verplicht."
        return (NUL if kolom.startswith("verzuim") else None), None
    if kolom == "peildatum":
        return waarde, None
    if kolom == "participatieladder":
        if waarde != waarde.to_integral_value() or not 1 <= waarde <= 6:
            return None, "De trede is een geheel getal van 1 tot 6."
        return int(waarde), None
    if waarde < 0:
        return None, "Uren kunnen niet negatief zijn."
    if waarde > MAX_UREN or waarde != waarde.quantize(Decimal("0.01")):
        return None, "Gebruik hoogstens twee decimalen en minder dan 100.000 uur."
    return _op_centen(waarde), None


@functools.lru_cache(maxsize=4096)
def _op_centen(getal: Decimal) -> Decimal:
    # Cached like the parsing: one Decimal per distinct figure, not three per row.
    return getal.quantize(Decimal("0.01"))


def _waarden(waarden: dict) -> dict:
    return {k: waarden[k] for k in WAARDEVELDEN}
