"""The coded checks of a declaration line (T01, U01, U02, E01, V01) and what they read for a
whole file at once: the lines stored for its enrolments as they stream by, the hours the
progress reports offered per month, and the contracts' indexations."""

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format

from declaraties.models import Declaratie
from declaraties.ramingen import grens as grens_bij_einde
from inkoop.models import Contractregel, Indexatie, geindexeerd_tarief
from kern.formaten import euro

CENT = Decimal("0.01")
S = Declaratie.Status
C = Declaratie.Code
# What the import reads of a stored line, in this order.
OPGESLAGEN = (
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


def maand(datum: dt.date) -> str:
    return date_format(datum, "F Y")


def maandeinde(begin: dt.date) -> dt.date:
    return begin.replace(day=calendar.monthrange(begin.year, begin.month)[1])


@dataclass
class Toetsing:
    """What the checks of a file know beyond its rows."""

    # (enrolment, month) -> (hours offered, hours attended) by the progress reports
    aangeboden: dict = field(default_factory=dict)
    eenheden: dict = field(default_factory=lambda: defaultdict(Decimal))  # declared, per enrolment
    bedragen: dict = field(default_factory=lambda: defaultdict(Decimal))  # declared, per enrolment
    indexaties: dict = field(default_factory=lambda: defaultdict(list))  # per contract
    # (enrolment, month) in the file -> the stored line's OPGESLAGEN values and its pk
    bestaand: dict = field(default_factory=dict)
    vingerafdruk: tuple = ()  # of every stored line of the file's enrolments


def vingerafdruk(delen) -> tuple:
    """Count, highest id, last change, rejections and the sums of the stored lines: any line
    added, removed, changed or rejected since the file was checked changes it."""
    totaal = [0, 0, None, 0, Decimal(0), Decimal(0)]
    for deel in delen:
        r = deel.aggregate(
            n=Count("pk"),
            hoogste=Max("pk"),
            laatst=Max("gewijzigd_op"),
            afgewezen=Count("pk", filter=Q(status=S.AFGEWEZEN)),
            eenheden=Sum("eenheden"),
            bedrag=Sum("bedrag"),
        )
        _voeg_toe(totaal, r["n"], r["hoogste"], r["laatst"], r["afgewezen"])
        totaal[4] += r["eenheden"] or 0
        totaal[5] += r["bedrag"] or 0
    return _afgerond(totaal)


def _voeg_toe(totaal: list, n, hoogste, laatst, afgewezen) -> None:
    totaal[0] += n
    totaal[1] = max(totaal[1], hoogste or 0)
    if laatst is not None and (totaal[2] is None or laatst > totaal[2]):
        totaal[2] = laatst
    totaal[3] += afgewezen


def _afgerond(totaal: list) -> tuple:
    # SQLite adds decimals as floats: compared to the cent.
    return (*totaal[:4], Decimal(totaal[4]).quantize(CENT), Decimal(totaal[5]).quantize(CENT))


def lees_toetsing(gelezen, delen, uren_delen) -> Toetsing:
    """What the coded checks need, for the whole file: the stored lines of its enrolments,
    streamed once (units and amounts declared per enrolment, and the line of each month in
    the file), the hours offered per enrolment and month by the progress reports, and the
    indexations of the contracts. `gelezen` is [(nummer, rec, periode, ...)]; `delen` the
    querysets of the enrolments' lines, `uren_delen` those of their progress reports."""
    t = Toetsing()
    in_bestand = {(rec["id"], periode) for _, rec, periode, *_ in gelezen}
    if not in_bestand:
        t.vingerafdruk = _afgerond([0, 0, None, 0, 0, 0])
        return t
    contracten = {rec["contractregel__contract"] for _, rec, *_ in gelezen}
    for i in Indexatie.objects.filter(contract__in=contracten).values_list(
        "contract", "contractregel", "ingangsdatum", "percentage"
    ):
        t.indexaties[i[0]].append(i[1:])
    totaal = [0, 0, None, 0, Decimal(0), Decimal(0)]
    for deel in delen:
        for pk, ins, periode, gewijzigd_op, *waarden in deel.values_list(
            "pk", "inschrijving_id", "periode", "gewijzigd_op", *OPGESLAGEN
        ).iterator(chunk_size=5000):
            eenheden, bedrag, status = waarden[0], waarden[1], waarden[3]
            _voeg_toe(totaal, 1, pk, gewijzigd_op, status == S.AFGEWEZEN)
            totaal[4] += eenheden
            totaal[5] += bedrag
            if (ins, periode) in in_bestand:
                t.bestaand[(ins, periode)] = (pk, *waarden)
            elif status != S.AFGEWEZEN:
                # A month in this file replaces what was declared for it before.
                t.eenheden[ins] += eenheden
                t.bedragen[ins] += bedrag
    t.vingerafdruk = _afgerond(totaal)
    perioden = [periode for _, _, periode, *_ in gelezen]
    for deel in uren_delen:
        for ins, m, uren, gevolgd in (
            deel.filter(peildatum__gte=min(perioden), peildatum__lte=maandeinde(max(perioden)))
            .annotate(maand=TruncMonth("peildatum"))
            .values("inschrijving_id", "maand")
            .annotate(uren=Sum("uren_aangeboden"), gevolgd=Sum("uren_gevolgd"))
            .order_by()
            .values_list("inschrijving_id", "maand", "uren", "gevolgd")
            .iterator(chunk_size=5000)
        ):
            m = m.date() if isinstance(m, dt.datetime) else m
            t.aangeboden[(ins, m)] = (uren, gevolgd)
    return t


def vergrendel(ids: list[int]) -> None:
    """Lock the file's enrolments until the write commits: two uploads for one enrolment take
    turns. SQLite's write transaction (IMMEDIATE) already holds the whole database."""
    if connection.vendor != "postgresql" or not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM registratie_inschrijving WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
            [ids],
        )


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
