"""A provider's declaration file: every row checked with its row and column (the amount
against the contracted tarief, the units against the progress reports and the enrolment's
expected total, the plafond), all or nothing, and the same file twice changes nothing.

On the progress import's path (registratie.resources): rows as tuples, the uploader's scope
read once, the stored lines compared as they stream by, and one short write transaction
(kern.bulk: COPY on PostgreSQL, temporary tables on SQLite)."""

import datetime as dt
import functools
import re
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from import_export import fields
from import_export.results import Error, RowResult

from declaraties.models import Declaratie
from declaraties.toetsing import (
    CENT,
    Toetsing,
    lees_toetsing,
    maand,
    maandeinde,
    toets,
    vergrendel,
    vingerafdruk,
)
from inkoop.models import Contractregel
from kern.bulk import Bulkschrijver
from kern.formaten import euro
from kern.fouten import ConflictError
from kern.importeren import (
    DecimaalWidget,
    RegisterResource,
    TekstWidget,
    parse_datum,
    parse_decimaal,
)
from registratie.bestanden import GROOT_BESTAND, InschrijvingBestand, ontbrekende_kolommen
from registratie.models import Voortgangsrapportage

__all__ = ["DeclaratieResource", "maandeinde", "parse_periode"]
MAX_BEDRAG = Decimal("9999999999.99")
MAANDEN = {
    naam: nummer
    for nummer, naam in enumerate(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        1,
    )
}
S = Declaratie.Status
C = Declaratie.Code


def parse_periode(waarde) -> dt.date | None:
    """A month: '2026-10', '10-2026', 'oktober 2026', or any date in it (an Excel cell
    too); the first day of that month."""
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        return None
    if isinstance(waarde, str):
        tekst = waarde.strip().lower()
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", tekst):
            jaar, nummer = int(m[1]), int(m[2])
        elif m := re.fullmatch(r"(\d{1,2})[-/](\d{4})", tekst):
            jaar, nummer = int(m[2]), int(m[1])
        elif m := re.fullmatch(r"([a-z]+)\s+(\d{4})", tekst):
            jaar, nummer = int(m[2]), MAANDEN.get(m[1], 0)
        else:
            datum = parse_datum(waarde)
            return datum.replace(day=1)
        if not 1 <= nummer <= 12:
            raise ValueError(f"'{waarde}' is geen maand (gebruik bijvoorbeeld 2026-10).")
        return dt.date(jaar, nummer, 1)
    try:
        return parse_datum(waarde).replace(day=1)
    except ValueError:
        raise ValueError(f"'{waarde}' is geen maand (gebruik bijvoorbeeld 2026-10).") from None


# -- the import ----------------------------------------------------------------------------

KOLOMMEN = ("inschrijving", "clientnummer", "traject_code", "periode", "eenheden", "bedrag")
WIJZIGBAAR = (
    "eenheden",
    "bedrag",
    "toelichting",
    "status",
    "code",
    "reden",
    "eerder_afgewezen",
    "eerste_akkoord_door",
    "eerste_akkoord_op",
)


class DeclaratieResource(RegisterResource):
    inschrijving = fields.Field("inschrijving__uuid", "inschrijving", readonly=True)
    clientnummer = fields.Field("inschrijving__client__clientnummer", "clientnummer", readonly=True)
    traject_code = fields.Field(
        "inschrijving__contractregel__traject__code", "traject_code", readonly=True
    )
    contract = fields.Field(
        "inschrijving__contractregel__contract__kenmerk", "contract", readonly=True
    )
    periode = fields.Field("periode", "periode")
    eenheden = fields.Field("eenheden", "eenheden", widget=DecimaalWidget())
    bedrag = fields.Field("bedrag", "bedrag", widget=DecimaalWidget())
    ingehouden = fields.Field("ingehouden", "ingehouden", widget=DecimaalWidget(), readonly=True)
    status = fields.Field("status", "status", readonly=True)
    code = fields.Field("code", "code", readonly=True)
    reden = fields.Field("reden", "reden", readonly=True)
    toelichting = fields.Field("toelichting", "toelichting", widget=TekstWidget())

    class Meta(RegisterResource.Meta):
        model = Declaratie
        import_id_fields = ("inschrijving", "periode")
        fields = (
            "inschrijving",
            "clientnummer",
            "traject_code",
            "contract",
            "periode",
            "eenheden",
            "bedrag",
            "ingehouden",
            "status",
            "code",
            "reden",
            "toelichting",
        )
        export_order = fields

    def dehydrate_periode(self, obj):
        return obj.periode.strftime("%Y-%m")

    def get_queryset(self):
        return declaraties_for_export()

    def ontbrekende_kolommen(self, dataset) -> list[dict]:
        return ontbrekende_kolommen(dataset, ("periode", "eenheden", "bedrag"))

    def import_data(self, dataset, dry_run=False, **kwargs):
        return DeclaratieImport(
            dataset,
            user=kwargs.get("user"),
            rijen_tonen=kwargs.get("rijen_tonen", True),
            stap=kwargs.get("stap"),
            bij_schrijven=kwargs.get("bij_schrijven"),
        ).uitvoeren(dry_run)

    # kern.importeren.importeer: read and check outside a transaction, write in a short one.
    korte_transactie = True


def declaraties_for_export():
    return Declaratie.objects.select_related(
        "inschrijving__client",
        "inschrijving__contractregel__traject",
        "inschrijving__contractregel__contract",
    )


# A new line's columns, in the order the plan gives them; the rest are defaults (kern.bulk).
NIEUW = ("inschrijving_id", "periode", *WIJZIGBAAR[:7])
ZONDER_AKKOORD = (None, None)  # a first approval was of the old figures: four eyes start over
VERANDERD = (
    "{} regel(s) uit het bestand zijn intussen goedgekeurd of betaald en kunnen niet meer "
    "veranderen; er is niets opgeslagen. Upload het bestand opnieuw om te zien welke."
)


class DeclaratieImport(InschrijvingBestand):
    """All or nothing: a row that cannot be read, names an enrolment outside your scope, a
    month the enrolment did not run, a month twice, or changes a line already approved or
    paid, refuses the file. A line that reads well is checked and stored as submitted or
    as rejected with its code."""

    kolommen = (*KOLOMMEN, "status")
    extra_waarden = (
        "startdatum",
        "geannuleerd",
        "tarief",
        "eenheid",
        "verwachte_eenheden",
        "contractregel__max_eenheden_per_maand",
        "contractregel",
        "contractregel__contract",
        "contractregel__contract__verzuimmarge",
        # what the rule for an early end needs (declaraties.ramingen.grens)
        "status",
        "verwachte_einddatum",
        "contractregel__bij_voortijdig_einde",
        "contractregel__minimum_maanden",
        "contractregel__traject__duur_weken",
    )

    def __init__(self, dataset, *, bij_schrijven=None, **kwargs):
        super().__init__(dataset, **kwargs)
        self.bij_schrijven = bij_schrijven

    def _lees(self, nummer, rij, vandaag):
        """(periode, eenheden, bedrag, toelichting); None for a cell that cannot be read."""
        waarden = []
        for kolom in ("periode", "eenheden", "bedrag"):
            waarde, fout = _cel(kolom, rij.get(kolom))
            if fout is not None:
                self.fout(nummer, kolom, fout)
            waarden.append(waarde)
        if waarden[0] is not None and waarden[0] > vandaag:
            self.fout(nummer, "periode", f"{maand(waarden[0])} ligt in de toekomst.")
        return (*waarden, str(rij.get("toelichting") or "").strip()[:500])

    def _looptijd(self, nummer, rec, periode) -> None:
        einde = rec["einddatum"]
        if not (
            rec["geannuleerd"]
            or maandeinde(periode) < rec["startdatum"]
            or (einde is not None and periode > einde)
        ):
            return
        looptijd = f"gestart {rec['startdatum']:%d-%m-%Y}" + (
            f", beëindigd {einde:%d-%m-%Y}" if einde else ""
        )
        if rec["geannuleerd"]:
            looptijd = "afgezegd voor de start"
        self.fout(nummer, "periode", f"De inschrijving liep niet in {maand(periode)} ({looptijd}).")

    def uitvoeren(self, dry_run: bool):
        vandaag = timezone.localdate()
        per_uuid, per_sleutel = self._inschrijvingen()
        gelezen, gezien = [], {}
        for nummer, rij in enumerate(self.rijen, 1):
            if all(v in (None, "") for v in rij.values()):
                continue
            periode, eenheden, bedrag, toelichting = self._lees(nummer, rij, vandaag)
            rec = self._zoek(
                nummer, rij, maandeinde(periode) if periode else None, per_uuid, per_sleutel
            )
            self.noem(nummer, rij, rec)
            if (
                rec is not None
                and periode is not None
                and "periode" not in self.fouten.get(nummer, {})
            ):
                self._looptijd(nummer, rec, periode)
            if rec is None or self.heeft_fout(nummer):
                continue
            sleutel = (rec["id"], periode)
            if sleutel in gezien:
                self.fout(
                    nummer,
                    "periode",
                    f"Dubbele regel: deze inschrijving en {maand(periode)} staan ook op rij "
                    f"{gezien[sleutel] + 1}.",
                )
            gezien.setdefault(sleutel, nummer)
            gelezen.append((nummer, rec, periode, eenheden, bedrag, toelichting))
        del gezien
        if self.fouten:
            return self.fouten_melden()
        toetsing = self._toetsing(gelezen)
        for nummer, melding in _vaste_regels(gelezen, toetsing):
            self.fout(nummer, "periode", melding)
        if self.fouten:
            return self.fouten_melden()
        plan = self._plan(gelezen, toetsing)
        if not dry_run:
            self._schrijf(gelezen, plan, toetsing)
        return self.result

    def _toetsing(self, gelezen) -> Toetsing:
        ids = sorted({rec["id"] for _, rec, *_ in gelezen})
        uur = any(rec["eenheid"] == Contractregel.Eenheid.UUR for _, rec, *_ in gelezen)
        return lees_toetsing(
            gelezen,
            self.per_inschrijving(Declaratie.objects.order_by(), ids),
            self.per_inschrijving(Voortgangsrapportage.objects.order_by(), ids) if uur else [],
        )

    def _plan(self, gelezen, t: Toetsing):
        """Every line checked in the order of its enrolment and month (the units of the
        earlier months count for the later): the new lines and the changed ones, as the
        bulk writer takes them. An unchanged line, or an approved or paid one, is left."""
        nieuw, gewijzigd, afgewezen = [], [], 0
        self.ongewijzigd = 0
        self.result.rows.clear()
        for _, rec, periode, eenheden, bedrag, toelichting in sorted(
            gelezen, key=lambda g: (g[1]["id"], g[2])
        ):
            opgeslagen = t.bestaand.get((rec["id"], periode))
            oud = opgeslagen[1:] if opgeslagen else None
            code, reden = toets(
                rec, {"eenheden": eenheden, "bedrag": bedrag, "periode": periode}, t
            )
            handmatig = oud is not None and oud[4] == C.HANDMATIG
            zelfde = oud is not None and (oud[0], oud[1]) == (eenheden, bedrag)
            if handmatig and zelfde:
                # The inkoper rejected this very line: sending it again changes nothing.
                code, reden = oud[4], oud[5]
            if not code:
                t.eenheden[rec["id"]] += eenheden
                t.bedragen[rec["id"]] += bedrag
            afgewezen += bool(code)
            # A changed line after a rejection is a new submission the inkoper looks at.
            waarden = (
                eenheden,
                bedrag,
                toelichting,
                S.AFGEWEZEN if code else S.INGEDIEND,
                code,
                reden,
                (oud is not None and oud[6]) or (handmatig and not code),
            )
            if oud is None:
                soort = RowResult.IMPORT_TYPE_NEW
                nieuw.append((rec["id"], periode, *waarden))
            elif oud[3] in (S.GOEDGEKEURD, S.BETAALD) or oud[:7] == waarden:
                soort = RowResult.IMPORT_TYPE_SKIP
                self.ongewijzigd += 1
            else:
                soort = RowResult.IMPORT_TYPE_UPDATE
                akkoord = oud[7:] if zelfde else ZONDER_AKKOORD
                gewijzigd.append((opgeslagen[0], *waarden, *akkoord))
            if self.rijen_tonen:
                self._toon(soort, rec, periode, oud, waarden)
        totals = self.result.totals
        totals[RowResult.IMPORT_TYPE_NEW] = len(nieuw)
        totals[RowResult.IMPORT_TYPE_UPDATE] = len(gewijzigd)
        totals[RowResult.IMPORT_TYPE_SKIP] = self.ongewijzigd
        self.result.afgewezen = afgewezen
        return nieuw, gewijzigd

    def _toon(self, soort, rec, periode, oud, waarden) -> None:
        cellen = _cellen(waarden[0], waarden[1], waarden[4], waarden[5])
        if oud is not None and soort == RowResult.IMPORT_TYPE_UPDATE:
            paren = zip(_cellen(oud[0], oud[1], oud[4], oud[5]), cellen, strict=True)
            cellen = [n if o == n else f"{o} → {n}" for o, n in paren]
        self.toon(
            soort,
            [
                str(rec["uuid"]),
                rec["client__clientnummer"],
                rec["contractregel__traject__code"],
                maand(periode),
                *cellen,
            ],
        )

    def _schrijf(self, gelezen, plan, t: Toetsing) -> None:
        """One short transaction under the lock of every enrolment in the file. If their
        stored lines changed since the check (another upload for the same enrolment, a
        rejection), the file is checked again under the lock first: two uploads at once for
        one trajectprijs take turns and the second counts the first (issue 31)."""
        ids = sorted({rec["id"] for _, rec, *_ in gelezen})
        schrijver = Bulkschrijver(
            Declaratie,
            NIEUW,
            WIJZIGBAAR,
            vast={"ingediend_door": getattr(self.user, "pk", None), "gewijzigd_op": self.nu},
            nu=self.nu,
        )
        totals = self.result.totals
        try:
            schrijver.klaarzetten(*plan)
            with transaction.atomic():
                vergrendel(ids)
                if (
                    vingerafdruk(self.per_inschrijving(Declaratie.objects.order_by(), ids))
                    != t.vingerafdruk
                ):
                    t = self._toetsing(gelezen)
                    if vast := _vaste_regels(gelezen, t):
                        raise ConflictError(VERANDERD.format(len(vast)))
                    plan = self._plan(gelezen, t)
                    schrijver.klaarzetten(*plan)
                _, bijgewerkt = schrijver.schrijven(
                    alleen_als={"status": (S.INGEDIEND, S.AFGEWEZEN)}
                )
                if bijgewerkt != len(plan[1]):
                    raise ConflictError(VERANDERD.format(len(plan[1]) - bijgewerkt))
                if self.bij_schrijven:
                    self.bij_schrijven(self.result)
        except (ConflictError, IntegrityError) as fout:
            for soort in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE):
                totals[soort] = 0
            if isinstance(fout, IntegrityError):  # a line for the same month was stored since
                fout = (
                    "Het register is tijdens de import gewijzigd: er is niets opgeslagen. "
                    "Upload het bestand opnieuw."
                )
            self.result.append_base_error(Error(fout))
        finally:
            schrijver.opruimen()
        if len(gelezen) > GROOT_BESTAND and connection.vendor == "postgresql":
            # Fresh statistics now, not when autovacuum comes by (registratie.resources).
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Declaratie._meta.db_table}")


def _vaste_regels(gelezen, t: Toetsing) -> list[tuple[int, str]]:
    """The rows that would change a line already approved or paid."""
    fouten = []
    for nummer, rec, periode, eenheden, bedrag, _ in gelezen:
        opgeslagen = t.bestaand.get((rec["id"], periode))
        if opgeslagen is None or opgeslagen[4] not in (S.GOEDGEKEURD, S.BETAALD):
            continue
        if (opgeslagen[1], opgeslagen[2]) != (eenheden, bedrag):
            status = S(opgeslagen[4]).label
            fouten.append(
                (
                    nummer,
                    f"{maand(periode)} is voor deze inschrijving al gedeclareerd en {status}; "
                    "die regel kan niet meer veranderen.",
                )
            )
    return fouten


@functools.lru_cache(maxsize=8192, typed=True)
def _cel(kolom: str, ruw) -> tuple[object, str | None]:
    """One cell as (value, error or None), cached like the progress import's: a file
    repeats one month and a few figures on every row."""
    if kolom == "periode":
        try:
            periode = parse_periode(ruw)
        except ValueError as error:
            return None, str(error)
        return (periode, None) if periode is not None else (None, "Dit veld is verplicht.")
    try:
        getal = parse_decimaal(ruw)
    except ValueError as error:
        return None, str(error)
    if getal is None:
        return None, "Dit veld is verplicht."
    if not getal.is_finite() or getal < 0:
        return None, "Vul een getal van 0 of meer in."
    if getal > MAX_BEDRAG or getal != getal.quantize(CENT):
        return None, "Gebruik hoogstens twee decimalen."
    return getal.quantize(CENT), None


def _cellen(eenheden, bedrag, code, reden) -> list[str]:
    """A line's figures and state as the preview shows them."""
    status = f"afgewezen: {reden}" if code else "ingediend"
    return [str(eenheden).replace(".", ","), euro(bedrag), status]
