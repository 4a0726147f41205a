"""Provider declarations: the file import with its checks, the inkoper's approval under the
plafond, and the payment batch. Reads are scoped like enrolments: a provider sees and
declares only on its own, an inkoper sees every line."""

import calendar
import csv
import datetime as dt
import io
import re
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from import_export import fields

from inkoop.models import Contract, Contractregel
from inkoop.selectors import GELD, NUL
from kern.excel import GELD as GELDKOLOM
from kern.excel import GETAL, TEKST, XLSX_TYPE, Blad, Kolom, werkboek
from kern.formaten import euro
from kern.importeren import (
    DecimaalWidget,
    RegisterResource,
    TekstWidget,
    ontmijn,
    parse_datum,
    parse_decimaal,
)
from kern.models import Auditregel
from kern.rollen import AANBIEDER, heeft_rol, ziet_alles
from kern.services import audit_log
from registratie.models import (
    Betaalbatch,
    Declaratie,
    Inschrijving,
    PrestatieStatus,
    Voortgangsrapportage,
)
from registratie.prestaties import prestaties_vaststellen
from registratie.resources import (
    InschrijvingBestand,
    _blokken,
    ontbrekende_kolommen,
)

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


# -- scope ---------------------------------------------------------------------------------


def declaraties_for(user) -> QuerySet[Declaratie]:
    qs = Declaratie.objects.select_related(
        "inschrijving__client",
        "inschrijving__contractregel__traject",
        "inschrijving__contractregel__contract__aanbieder",
        "betaalbatch",
    )
    if ziet_alles(user):
        return qs
    if heeft_rol(user, AANBIEDER):
        from aanbod.selectors import aanbieder_van

        if (eigen := aanbieder_van(user)) is not None:
            return qs.filter(inschrijving__contractregel__contract__aanbieder=eigen)
    return qs.none()


def overzicht_per_contract(qs: QuerySet[Declaratie]) -> list[dict]:
    """Per contract: declared, waiting, approved, rejected and paid, with the plafond."""

    def som(status=None):
        voorwaarde = Q(status=status) if status else Q()
        return Sum("bedrag", filter=voorwaarde)

    rijen = (
        qs.order_by()
        .values(
            "inschrijving__contractregel__contract",
            "inschrijving__contractregel__contract__uuid",
            "inschrijving__contractregel__contract__kenmerk",
            "inschrijving__contractregel__contract__aanbieder__naam",
            "inschrijving__contractregel__contract__plafond",
        )
        .annotate(
            regels=Count("pk"),
            gedeclareerd=som(),
            ingediend=som(S.INGEDIEND),
            aantal_ingediend=Count("pk", filter=Q(status=S.INGEDIEND)),
            goedgekeurd=som(S.GOEDGEKEURD),
            aantal_goedgekeurd=Count("pk", filter=Q(status=S.GOEDGEKEURD)),
            afgewezen=som(S.AFGEWEZEN),
            aantal_afgewezen=Count("pk", filter=Q(status=S.AFGEWEZEN)),
            betaald=som(S.BETAALD),
            ingehouden=Sum("ingehouden", filter=Q(status__in=[S.GOEDGEKEURD, S.BETAALD])),
        )
        .order_by("inschrijving__contractregel__contract__kenmerk")
    )
    uit = []
    for r in rijen:
        uit.append(
            {
                "contract_id": r["inschrijving__contractregel__contract"],
                "contract": r["inschrijving__contractregel__contract__uuid"],
                "kenmerk": r["inschrijving__contractregel__contract__kenmerk"],
                "aanbieder": r["inschrijving__contractregel__contract__aanbieder__naam"],
                "plafond": r["inschrijving__contractregel__contract__plafond"],
                **{
                    k: r[k] or (0 if k.startswith(("aantal", "regels")) else Decimal("0.00"))
                    for k in (
                        "regels",
                        "gedeclareerd",
                        "ingediend",
                        "aantal_ingediend",
                        "goedgekeurd",
                        "aantal_goedgekeurd",
                        "afgewezen",
                        "aantal_afgewezen",
                        "betaald",
                        "ingehouden",
                    )
                },
            }
        )
    return uit


# -- the import ----------------------------------------------------------------------------

KOLOMMEN = ("inschrijving", "clientnummer", "traject_code", "periode", "eenheden", "bedrag")
WIJZIGBAAR = ("eenheden", "bedrag", "toelichting", "status", "code", "reden")


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
            dataset, user=kwargs.get("user"), rijen_tonen=kwargs.get("rijen_tonen", True)
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
            if rec is None or nummer in self.fouten:
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
        self._schrijf(gelezen, bestaand, dry_run)
        return self.result

    def _bestaand(self, gelezen) -> dict:
        bestaand = {}
        ids = sorted({rec["id"] for _, rec, _ in gelezen})
        perioden = {w["periode"] for _, _, w in gelezen}
        for deel in _blokken(ids):
            for obj in Declaratie.objects.filter(inschrijving_id__in=deel, periode__in=perioden):
                bestaand[(obj.inschrijving_id, obj.periode)] = obj
        return bestaand

    def _context(self, gelezen, bestaand):
        """What the coded checks need, for the whole file: hours offered per enrolment and
        month by the progress reports, and units already declared per enrolment."""
        ids = sorted({rec["id"] for _, rec, _ in gelezen})
        perioden = [w["periode"] for _, _, w in gelezen]
        aangeboden, gedeclareerd = {}, defaultdict(Decimal)
        in_bestand = {(rec["id"], w["periode"]) for _, rec, w in gelezen}
        if not ids:
            return aangeboden, gedeclareerd
        for deel in _blokken(ids):
            for r in (
                Voortgangsrapportage.objects.filter(
                    inschrijving_id__in=deel,
                    peildatum__gte=min(perioden),
                    peildatum__lte=maandeinde(max(perioden)),
                )
                .annotate(maand=TruncMonth("peildatum"))
                .values("inschrijving_id", "maand")
                .annotate(uren=Sum("uren_aangeboden"))
                .order_by()
            ):
                m = r["maand"]
                m = m.date() if isinstance(m, dt.datetime) else m
                aangeboden[(r["inschrijving_id"], m)] = r["uren"]
            for r in (
                Declaratie.objects.filter(inschrijving_id__in=deel)
                .exclude(status=S.AFGEWEZEN)
                .values("inschrijving_id", "periode", "eenheden")
            ):
                # A month in this file replaces what was declared for it before.
                if (r["inschrijving_id"], r["periode"]) not in in_bestand:
                    gedeclareerd[r["inschrijving_id"]] += r["eenheden"]
        return aangeboden, gedeclareerd

    def _schrijf(self, gelezen, bestaand, dry_run):
        aangeboden, gedeclareerd = self._context(gelezen, bestaand)
        afgewezen = 0
        for _, rec, waarden in sorted(gelezen, key=lambda g: (g[1]["id"], g[2]["periode"])):
            code, reden = toets(rec, waarden, aangeboden, gedeclareerd)
            if not code:
                gedeclareerd[rec["id"]] += waarden["eenheden"]
            afgewezen += bool(code)
            velden = {
                "eenheden": waarden["eenheden"],
                "bedrag": waarden["bedrag"],
                "toelichting": waarden["toelichting"],
                "status": S.AFGEWEZEN if code else S.INGEDIEND,
                "code": code,
                "reden": reden,
            }
            obj = bestaand.get((rec["id"], waarden["periode"]))
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
                self.toon(
                    soort,
                    [
                        str(rec["uuid"]),
                        rec["client__clientnummer"],
                        rec["contractregel__traject__code"],
                        maand(waarden["periode"]),
                        str(waarden["eenheden"]).replace(".", ","),
                        euro(waarden["bedrag"]),
                        f"afgewezen: {reden}" if code else "ingediend",
                    ],
                )
        self.result.afgewezen = afgewezen
        self.schrijf(Declaratie, WIJZIGBAAR, dry_run)


def toets(rec: dict, waarden: dict, aangeboden: dict, gedeclareerd: dict) -> tuple[str, str]:
    """The coded checks of one line: ('', '') when it may be approved."""
    eenheden, bedrag, periode = waarden["eenheden"], waarden["bedrag"], waarden["periode"]
    verwacht = (eenheden * rec["tarief"]).quantize(CENT)
    if bedrag != verwacht:
        return C.TARIEF, (
            f"{euro(bedrag)} wijkt af van {_getal(eenheden)} × {euro(rec['tarief'])} = "
            f"{euro(verwacht)}."
        )
    maximum = rec["contractregel__max_eenheden_per_maand"]
    if maximum is not None and eenheden > maximum:
        return C.UREN_MAXIMUM, (
            f"{_getal(eenheden)} eenheden in {maand(periode)}; de contractregel staat "
            f"hoogstens {_getal(maximum)} per maand toe."
        )
    uren = aangeboden.get((rec["id"], periode))
    if rec["eenheid"] == Contractregel.Eenheid.UUR and uren is not None and eenheden > uren:
        return C.UREN_RAPPORTAGE, (
            f"{_getal(eenheden)} uur gedeclareerd, maar de voortgangsrapportage van "
            f"{maand(periode)} noemt {_getal(uren)} uur aangeboden."
        )
    if gedeclareerd[rec["id"]] + eenheden > rec["verwachte_eenheden"]:
        return C.EENHEDEN, (
            f"Met deze regel zijn {_getal(gedeclareerd[rec['id']] + eenheden)} eenheden "
            f"gedeclareerd; de inschrijving verwacht er {_getal(rec['verwachte_eenheden'])}."
        )
    return "", ""


def _getal(waarde: Decimal) -> str:
    tekst = f"{waarde.normalize():f}" if waarde == waarde.to_integral() else f"{waarde:.2f}"
    return tekst.replace(".", ",")


# -- approval and payment ------------------------------------------------------------------


@transaction.atomic
def declaraties_keur_goed(*, declaraties: QuerySet[Declaratie], door) -> dict[str, int]:
    """Approve the submitted lines in order (per contract, by month), under the contract's
    lock: a line that would take the approved total over the plafond is rejected (P01).
    Of an approved line the contractregel's prestatiedeel is withheld."""
    ids = list(declaraties.filter(status=S.INGEDIEND).values_list("pk", flat=True))
    per_contract = defaultdict(list)
    for d in (
        Declaratie.objects.filter(pk__in=ids)
        .select_related("inschrijving__contractregel")
        .order_by("periode", "pk")
    ):
        per_contract[d.inschrijving.contractregel.contract_id].append(d)
    telling = {"goedgekeurd": 0, "afgewezen": 0}
    for contract_id in sorted(per_contract):
        contract = Contract.objects.select_for_update().get(pk=contract_id)
        regels = list(
            Declaratie.objects.select_for_update()
            .filter(pk__in=[d.pk for d in per_contract[contract_id]], status=S.INGEDIEND)
            .select_related("inschrijving__contractregel")
            .order_by("periode", "pk")
        )
        totaal = Declaratie.objects.filter(
            inschrijving__contractregel__contract=contract, status__in=[S.GOEDGEKEURD, S.BETAALD]
        ).aggregate(s=Sum("bedrag"))["s"] or Decimal("0")
        for d in regels:
            d.beoordeeld_door = door if door is not None and door.is_authenticated else None
            if totaal + d.bedrag > contract.plafond:
                d.status, d.code = S.AFGEWEZEN, C.PLAFOND
                d.reden = (
                    f"{euro(totaal)} van {euro(contract.plafond)} is al goedgekeurd; "
                    f"{euro(d.bedrag)} past er niet meer onder."
                )
                telling["afgewezen"] += 1
            else:
                d.status = S.GOEDGEKEURD
                deel = d.inschrijving.contractregel.prestatiedeel
                if d.inschrijving.prestatie_status == PrestatieStatus.BEREIKT:
                    deel = 0  # the result is there: nothing to withhold
                d.ingehouden = (d.bedrag * deel / 100).quantize(CENT)
                totaal += d.bedrag
                telling["goedgekeurd"] += 1
            d.save()
    if ids:
        audit_log(
            door=door,
            actie=Auditregel.Actie.GEWIJZIGD,
            model="registratie.declaratie",
            omschrijving=f"Declaraties beoordeeld: {telling['goedgekeurd']} goedgekeurd, "
            f"{telling['afgewezen']} afgewezen (plafond)",
            gegevens={"declaraties": len(ids), **telling},
        )
    return telling


@transaction.atomic
def declaratie_wijs_af(*, declaratie: Declaratie, reden: str, door) -> Declaratie:
    if not reden.strip():
        raise ValidationError({"reden": "Geef een reden; de aanbieder ziet die."})
    declaratie = Declaratie.objects.select_for_update().get(pk=declaratie.pk)
    if declaratie.status == S.BETAALD:
        raise ValidationError({"status": "Deze regel is al betaald en kan niet meer veranderen."})
    declaratie.status, declaratie.code, declaratie.reden = S.AFGEWEZEN, C.HANDMATIG, reden
    declaratie.ingehouden = Decimal("0")
    declaratie.beoordeeld_door = door
    declaratie.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=declaratie,
        gegevens={"status": "afgewezen", "code": C.HANDMATIG, "reden": reden},
    )
    return declaratie


def betaalbatch_maak(
    *, declaraties: QuerySet[Declaratie], door, omschrijving: str = ""
) -> Betaalbatch:
    """Every approved line not yet paid goes into one batch and is paid from then on, less
    its withheld prestatiedeel; the withheld part of enrolments whose result has been
    reached since (checked first) is released in the same batch."""
    prestaties_vaststellen()
    with transaction.atomic():
        regels = list(
            Declaratie.objects.select_for_update()
            .filter(pk__in=declaraties.values("pk"), status=S.GOEDGEKEURD, betaalbatch__isnull=True)
            .order_by("pk")
        )
        met_ingehouden = Declaratie.objects.filter(
            inschrijving__in=declaraties.values("inschrijving"),
            status__in=[S.GOEDGEKEURD, S.BETAALD],
            ingehouden__gt=0,
        ).values("inschrijving")
        vrij = list(
            Inschrijving.objects.select_for_update().filter(
                pk__in=met_ingehouden,
                prestatie_status=PrestatieStatus.BEREIKT,
                prestatie_betaalbatch__isnull=True,
            )
        )
        if not regels and not vrij:
            raise ValidationError(
                {
                    "declaraties": "Er zijn geen goedgekeurde regels en geen vrijgekomen "
                    "prestatiedelen om te betalen."
                }
            )
        jaar = timezone.localdate().year
        volgnummer = Betaalbatch.objects.filter(nummer__startswith=f"BB-{jaar}-").count() + 1
        batch = Betaalbatch.objects.create(
            nummer=f"BB-{jaar}-{volgnummer:04d}",
            aangemaakt_door=door if door is not None and door.is_authenticated else None,
            omschrijving=omschrijving,
        )
        Declaratie.objects.filter(pk__in=[d.pk for d in regels]).update(
            status=S.BETAALD, betaalbatch=batch, gewijzigd_op=timezone.now()
        )
        Inschrijving.objects.filter(pk__in=[i.pk for i in vrij]).update(
            prestatie_betaalbatch=batch, gewijzigd_op=timezone.now()
        )
        audit_log(
            door=door,
            actie=Auditregel.Actie.AANGEMAAKT,
            instance=batch,
            gegevens={"regels": len(regels), "vrijgaven": len(vrij)},
        )
    return batch


def betaalbatches_for(user) -> QuerySet[Betaalbatch]:
    """Batches with their number of lines and the amount to pay: the lines less what they
    withhold, plus the withheld prestatiedelen the batch releases."""
    if not ziet_alles(user):
        return Betaalbatch.objects.none()
    regels = Declaratie.objects.filter(betaalbatch=OuterRef("pk")).order_by().values("betaalbatch")
    vrijgegeven = (
        Declaratie.objects.filter(
            inschrijving__prestatie_betaalbatch=OuterRef("pk"), status=S.BETAALD
        )
        .order_by()
        .values("inschrijving__prestatie_betaalbatch")
    )
    return Betaalbatch.objects.annotate(
        aantal_regels=Coalesce(
            Subquery(regels.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
        ),
        bedrag=Coalesce(
            Subquery(
                regels.annotate(s=Sum(F("bedrag") - F("ingehouden"), output_field=GELD)).values(
                    "s"
                ),
                output_field=GELD,
            ),
            NUL,
        )
        + Coalesce(
            Subquery(vrijgegeven.annotate(s=Sum("ingehouden")).values("s"), output_field=GELD),
            NUL,
        ),
    )


BATCHKOLOMMEN = [
    ("Betaalbatch", TEKST),
    ("Aanbieder", TEKST),
    ("KvK-nummer", TEKST),
    ("Contract", TEKST),
    ("Traject", TEKST),
    ("Clientnummer", TEKST),
    ("Inschrijving", TEKST),
    ("Periode", TEKST),
    ("Eenheden", GETAL),
    ("Bedrag", GELDKOLOM),
    ("Ingehouden (prestatiedeel)", GELDKOLOM),
    ("Uit te betalen", GELDKOLOM),
]


def betaalbatch_bestand(batch: Betaalbatch, formaat: str) -> tuple[bytes, str]:
    """The batch for the financial system: one line per declaration, and the total per
    provider on its own sheet (XLSX); CSV has the lines only, cells defused."""
    regels = batch.regels.select_related(
        "inschrijving__client",
        "inschrijving__contractregel__traject",
        "inschrijving__contractregel__contract__aanbieder",
    ).order_by("inschrijving__contractregel__contract__kenmerk", "periode", "pk")
    rijen = []
    for d in regels:
        contract = d.inschrijving.contractregel.contract
        rijen.append(
            [
                batch.nummer,
                contract.aanbieder.naam,
                contract.aanbieder.kvk_nummer,
                contract.kenmerk,
                d.inschrijving.contractregel.traject.naam,
                d.inschrijving.client.clientnummer,
                str(d.inschrijving.uuid),
                d.periode.strftime("%Y-%m"),
                d.eenheden,
                d.bedrag,
                d.ingehouden,
                d.uit_te_betalen,
            ]
        )
    vrijgaven = (
        Inschrijving.objects.filter(prestatie_betaalbatch=batch)
        .select_related("client", "contractregel__traject", "contractregel__contract__aanbieder")
        .annotate(vrij=Sum("declaraties__ingehouden", filter=Q(declaraties__status=S.BETAALD)))
        .order_by("contractregel__contract__kenmerk", "pk")
    )
    for i in vrijgaven:
        contract = i.contractregel.contract
        rijen.append(
            [
                batch.nummer,
                contract.aanbieder.naam,
                contract.aanbieder.kvk_nummer,
                contract.kenmerk,
                i.contractregel.traject.naam,
                i.client.clientnummer,
                str(i.uuid),
                "prestatiedeel",
                None,
                None,
                None,
                i.vrij or Decimal("0.00"),
            ]
        )
    if formaat == "csv":
        buffer = io.StringIO()
        schrijver = csv.writer(buffer, delimiter=";")
        schrijver.writerow([k for k, _ in BATCHKOLOMMEN])
        for rij in rijen:
            schrijver.writerow(
                [str(w).replace(".", ",") if isinstance(w, Decimal) else ontmijn(w) for w in rij]
            )
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
    totalen: dict = {}
    for rij in rijen:
        sleutel = (rij[1], rij[2])
        totalen[sleutel] = totalen.get(sleutel, Decimal("0")) + rij[-1]
    inhoud = werkboek(
        f"Betaalbatch {batch.nummer}",
        [
            Blad("Regels", [Kolom(k, s) for k, s in BATCHKOLOMMEN], rijen),
            Blad(
                "Per aanbieder",
                [Kolom("Aanbieder"), Kolom("KvK-nummer"), Kolom("Uit te betalen", GELDKOLOM)],
                [[naam, kvk, bedrag] for (naam, kvk), bedrag in sorted(totalen.items())],
            ),
        ],
        over=[
            ("Betaalbatch", batch.nummer),
            ("Aangemaakt", timezone.localtime(batch.aangemaakt_op).strftime("%d-%m-%Y %H:%M")),
        ],
    )
    return inhoud, XLSX_TYPE
