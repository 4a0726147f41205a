"""A provider's declaration file: every row checked with its row and column (the amount
against the contracted tarief, the units against the progress reports and the enrolment's
expected total, the plafond), all or nothing, and the same file twice changes nothing."""

import calendar
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from import_export import fields
from import_export.results import RowResult

from declaraties.models import Declaratie
from declaraties.ramingen import grens as grens_bij_einde
from inkoop.models import Contractregel, Indexatie, geindexeerd_tarief
from kern.formaten import euro
from kern.importeren import (
    DecimaalWidget,
    RegisterResource,
    TekstWidget,
    parse_datum,
    parse_decimaal,
)
from registratie.bestanden import InschrijvingBestand, _blokken, ontbrekende_kolommen
from registratie.models import Inschrijving, Voortgangsrapportage

CENT = Decimal("0.01")
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


def maand(datum: dt.date) -> str:
    return date_format(datum, "F Y")


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


def maandeinde(begin: dt.date) -> dt.date:
    return begin.replace(day=calendar.monthrange(begin.year, begin.month)[1])


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
        ).uitvoeren(dry_run)


def declaraties_for_export():
    return Declaratie.objects.select_related(
        "inschrijving__client",
        "inschrijving__contractregel__traject",
        "inschrijving__contractregel__contract",
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

    def _lees(self, nummer, rij, vandaag):
        waarden = {}
        try:
            waarden["periode"] = parse_periode(rij.get("periode"))
        except ValueError as error:
            self.fout(nummer, "periode", str(error))
        for kolom in ("eenheden", "bedrag"):
            try:
                getal = parse_decimaal(rij.get(kolom))
            except ValueError as error:
                self.fout(nummer, kolom, str(error))
                continue
            if getal is None:
                self.fout(nummer, kolom, "Dit veld is verplicht.")
            elif not getal.is_finite() or getal < 0:
                self.fout(nummer, kolom, "Vul een getal van 0 of meer in.")
            elif getal > MAX_BEDRAG or getal != getal.quantize(CENT):
                self.fout(nummer, kolom, "Gebruik hoogstens twee decimalen.")
            else:
                waarden[kolom] = getal.quantize(CENT)
        if "periode" in waarden and waarden["periode"] is None:
            self.fout(nummer, "periode", "Dit veld is verplicht.")
        elif waarden.get("periode") and waarden["periode"] > vandaag:
            self.fout(nummer, "periode", f"{maand(waarden['periode'])} ligt in de toekomst.")
        waarden["toelichting"] = str(rij.get("toelichting") or "").strip()[:500]
        return waarden

    def uitvoeren(self, dry_run: bool):
        vandaag = timezone.localdate()
        per_uuid, per_sleutel = self._inschrijvingen()
        gelezen, gezien = [], {}
        for nummer, rij in enumerate(self.rijen, 1):
            if all(v in (None, "") for v in rij.values()):
                continue
            waarden = self._lees(nummer, rij, vandaag)
            periode = waarden.get("periode")
            rec = self._zoek(
                nummer, rij, maandeinde(periode) if periode else None, per_uuid, per_sleutel
            )
            self.noem(nummer, rij, rec)
            if rec is not None and periode and "periode" not in self.fouten.get(nummer, {}):
                einde = rec["einddatum"]
                if (
                    rec["geannuleerd"]
                    or maandeinde(periode) < rec["startdatum"]
                    or (einde is not None and periode > einde)
                ):
                    looptijd = f"gestart {rec['startdatum']:%d-%m-%Y}" + (
                        f", beëindigd {einde:%d-%m-%Y}" if einde else ""
                    )
                    if rec["geannuleerd"]:
                        looptijd = "afgezegd voor de start"
                    self.fout(
                        nummer,
                        "periode",
                        f"De inschrijving liep niet in {maand(periode)} ({looptijd}).",
                    )
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
            gelezen.append((nummer, rec, waarden))
        bestaand = self._bestaand(gelezen)
        for nummer, rec, waarden in gelezen:
            obj = bestaand.get((rec["id"], waarden["periode"]))
            if obj is None or obj.status not in (S.GOEDGEKEURD, S.BETAALD):
                continue
            if (obj.eenheden, obj.bedrag) != (waarden["eenheden"], waarden["bedrag"]):
                self.fout(
                    nummer,
                    "periode",
                    f"{maand(obj.periode)} is voor deze inschrijving al gedeclareerd en "
                    f"{obj.get_status_display()}; die regel kan niet meer veranderen.",
                )
        if self.fouten:
            return self.fouten_melden()
        self._schrijf(gelezen, dry_run)
        return self.result

    def _bestaand(self, gelezen) -> dict:
        bestaand = {}
        ids = sorted({rec["id"] for _, rec, _ in gelezen})
        perioden = {w["periode"] for _, _, w in gelezen}
        for deel in _blokken(ids):
            for obj in Declaratie.objects.filter(inschrijving_id__in=deel, periode__in=perioden):
                bestaand[(obj.inschrijving_id, obj.periode)] = obj
        return bestaand

    def _context(self, gelezen, bestaand) -> "Toetsing":
        """What the coded checks need, for the whole file: hours offered per enrolment and
        month by the progress reports, units and amounts already declared per enrolment, and
        the indexations of the contracts."""
        ids = sorted({rec["id"] for _, rec, _ in gelezen})
        perioden = [w["periode"] for _, _, w in gelezen]
        t = Toetsing()
        aangeboden, gedeclareerd = t.aangeboden, t.eenheden
        in_bestand = {(rec["id"], w["periode"]) for _, rec, w in gelezen}
        if not ids:
            return t
        contracten = {rec["contractregel__contract"] for _, rec, _ in gelezen}
        for i in Indexatie.objects.filter(contract__in=contracten).values_list(
            "contract", "contractregel", "ingangsdatum", "percentage"
        ):
            t.indexaties[i[0]].append(i[1:])
        for deel in _blokken(ids):
            for r in (
                Voortgangsrapportage.objects.filter(
                    inschrijving_id__in=deel,
                    peildatum__gte=min(perioden),
                    peildatum__lte=maandeinde(max(perioden)),
                )
                .annotate(maand=TruncMonth("peildatum"))
                .values("inschrijving_id", "maand")
                .annotate(uren=Sum("uren_aangeboden"), gevolgd=Sum("uren_gevolgd"))
                .order_by()
            ):
                m = r["maand"]
                m = m.date() if isinstance(m, dt.datetime) else m
                aangeboden[(r["inschrijving_id"], m)] = (r["uren"], r["gevolgd"])
            for r in (
                Declaratie.objects.filter(inschrijving_id__in=deel)
                .exclude(status=S.AFGEWEZEN)
                .values("inschrijving_id", "periode", "eenheden", "bedrag")
            ):
                # A month in this file replaces what was declared for it before.
                if (r["inschrijving_id"], r["periode"]) not in in_bestand:
                    gedeclareerd[r["inschrijving_id"]] += r["eenheden"]
                    t.bedragen[r["inschrijving_id"]] += r["bedrag"]
        return t

    @transaction.atomic
    def _schrijf(self, gelezen, dry_run):
        """Check and write under the lock of every enrolment in the file: two uploads at once
        for one enrolment take turns, and the second counts the units of the first (two
        files for one trajectprijs were both submitted, and both paid)."""
        ids = sorted({rec["id"] for _, rec, _ in gelezen})
        for deel in _blokken(ids):
            list(Inschrijving.objects.select_for_update().filter(pk__in=deel).values_list("pk"))
        bestaand = self._bestaand(gelezen)  # again, now that nobody else writes them
        toetsing = self._context(gelezen, bestaand)
        afgewezen = 0
        for _, rec, waarden in sorted(gelezen, key=lambda g: (g[1]["id"], g[2]["periode"])):
            obj = bestaand.get((rec["id"], waarden["periode"]))
            code, reden = toets(rec, waarden, toetsing)
            handmatig = obj is not None and obj.code == C.HANDMATIG
            if handmatig and (obj.eenheden, obj.bedrag) == (waarden["eenheden"], waarden["bedrag"]):
                # The inkoper rejected this very line: sending it again changes nothing.
                code, reden = obj.code, obj.reden
            if not code:
                toetsing.eenheden[rec["id"]] += waarden["eenheden"]
                toetsing.bedragen[rec["id"]] += waarden["bedrag"]
            afgewezen += bool(code)
            velden = {
                "eenheden": waarden["eenheden"],
                "bedrag": waarden["bedrag"],
                "toelichting": waarden["toelichting"],
                "status": S.AFGEWEZEN if code else S.INGEDIEND,
                "code": code,
                "reden": reden,
                # A changed line after a rejection is a new submission the inkoper looks at.
                "eerder_afgewezen": (obj is not None and obj.eerder_afgewezen)
                or (handmatig and not code),
            }
            if obj is not None and (obj.eenheden, obj.bedrag) != (
                waarden["eenheden"],
                waarden["bedrag"],
            ):  # a first approval was of the old figures: four eyes start over
                velden |= {"eerste_akkoord_door": None, "eerste_akkoord_op": None}
            oud = None if obj is None else _cellen(obj.eenheden, obj.bedrag, obj.code, obj.reden)
            soort = self.plaats(
                obj,
                velden,
                lambda rec=rec, waarden=waarden, velden=velden: Declaratie(
                    inschrijving_id=rec["id"],
                    periode=waarden["periode"],
                    ingediend_door=self.user,
                    **velden,
                ),
                vast=obj is not None and obj.status in (S.GOEDGEKEURD, S.BETAALD),
            )
            if self.rijen_tonen:
                cellen = _cellen(waarden["eenheden"], waarden["bedrag"], code, reden)
                if oud is not None and soort == RowResult.IMPORT_TYPE_UPDATE:
                    paren = zip(oud, cellen, strict=True)
                    cellen = [n if o == n else f"{o} → {n}" for o, n in paren]
                self.toon(
                    soort,
                    [
                        str(rec["uuid"]),
                        rec["client__clientnummer"],
                        rec["contractregel__traject__code"],
                        maand(waarden["periode"]),
                        *cellen,
                    ],
                )
        self.result.afgewezen = afgewezen
        self.schrijf(
            Declaratie, WIJZIGBAAR, dry_run, alleen_als={"status": (S.INGEDIEND, S.AFGEWEZEN)}
        )


def _cellen(eenheden, bedrag, code, reden) -> list[str]:
    """A line's figures and state as the preview shows them."""
    status = f"afgewezen: {reden}" if code else "ingediend"
    return [str(eenheden).replace(".", ","), euro(bedrag), status]


@dataclass
class Toetsing:
    """What the checks of a file know beyond its rows."""

    # (enrolment, month) -> (hours offered, hours attended) by the progress reports
    aangeboden: dict = field(default_factory=dict)
    eenheden: dict = field(default_factory=lambda: defaultdict(Decimal))  # declared, per enrolment
    bedragen: dict = field(default_factory=lambda: defaultdict(Decimal))  # declared, per enrolment
    indexaties: dict = field(default_factory=lambda: defaultdict(list))  # per contract


def toets(rec: dict, waarden: dict, t: Toetsing) -> tuple[str, str]:
    """The coded checks of one line: ('', '') when it may be approved. The rate is the
    enrolment's tarief indexed for the declared month (inkoop.models.geindexeerd_tarief).
    After an early end, the contractregel's rule caps the total (V01); a last line may then
    be less than units x rate, to reach the cap exactly."""
    eenheden, bedrag, periode = waarden["eenheden"], waarden["bedrag"], waarden["periode"]
    tarief = geindexeerd_tarief(
        rec["tarief"],
        t.indexaties.get(rec["contractregel__contract"], ()),
        rec["contractregel"],
        periode,
    )
    verwacht = (eenheden * tarief).quantize(CENT)
    al = t.bedragen[rec["id"]]
    grens, gelopen, gepland = grens_bij_einde(rec)
    deel_van_de_rest = grens is not None and bedrag < verwacht and al + bedrag <= grens
    if bedrag != verwacht and not deel_van_de_rest:
        geindexeerd = "" if tarief == rec["tarief"] else f" (geïndexeerd in {maand(periode)})"
        return C.TARIEF, (
            f"{euro(bedrag)} wijkt af van {_getal(eenheden)} × {euro(tarief)}{geindexeerd} = "
            f"{euro(verwacht)}."
        )
    maximum = rec["contractregel__max_eenheden_per_maand"]
    if maximum is not None and eenheden > maximum:
        return C.UREN_MAXIMUM, (
            f"{_getal(eenheden)} eenheden in {maand(periode)}; de contractregel staat "
            f"hoogstens {_getal(maximum)} per maand toe."
        )
    uren, gevolgd = t.aangeboden.get((rec["id"], periode), (None, None))
    marge = rec["contractregel__contract__verzuimmarge"]
    if rec["eenheid"] == Contractregel.Eenheid.UUR and uren is not None:
        if marge is None and eenheden > uren:
            return C.UREN_RAPPORTAGE, (
                f"{_getal(eenheden)} uur gedeclareerd, maar de voortgangsrapportage van "
                f"{maand(periode)} noemt {_getal(uren)} uur aangeboden."
            )
        te_betalen = (
            min(uren, gevolgd + (uren * marge / 100).quantize(CENT)) if marge is not None else None
        )
        if te_betalen is not None and eenheden > te_betalen:
            return C.UREN_RAPPORTAGE, (
                f"{_getal(eenheden)} uur gedeclareerd, maar de voortgangsrapportage van "
                f"{maand(periode)} noemt {_getal(gevolgd)} uur gevolgd van {_getal(uren)} "
                f"aangeboden; met de verzuimmarge van {_getal(marge)} % is dat hoogstens "
                f"{_getal(te_betalen)} uur."
            )
    if t.eenheden[rec["id"]] + eenheden > rec["verwachte_eenheden"]:
        return C.EENHEDEN, (
            f"Met deze regel zijn {_getal(t.eenheden[rec['id']] + eenheden)} eenheden "
            f"gedeclareerd; de inschrijving verwacht er {_getal(rec['verwachte_eenheden'])}."
        )
    if grens is not None and al + bedrag > grens:
        regel = Contractregel.BijVoortijdigEinde(rec["contractregel__bij_voortijdig_einde"])
        return C.VOORTIJDIG, (
            f"De inschrijving eindigde voortijdig na {gelopen} van {gepland} maanden; bij "
            f"'{regel.label}' is in totaal {euro(grens)} te declareren en {euro(al)} is al "
            f"gedeclareerd: nog {euro(max(grens - al, 0))}."
        )
    return "", ""


def _getal(waarde: Decimal) -> str:
    tekst = f"{waarde.normalize():f}" if waarde == waarde.to_integral() else f"{waarde:.2f}"
    return tekst.replace(".", ",")
