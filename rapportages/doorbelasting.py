"""Charge-back in the region (doorbelasting): what the centrumgemeente charges each gemeente
for a period, as the basis of its invoice. Per gemeente: the approved declarations of its
clients' enrolments (less a prestatiedeel that lapsed), and its share of the fixed costs
(the cost posts of the period's years, pro rata by days) by the key: its share of the
region's clients in guidance on the peildatum."""

import datetime as dt
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from declaraties.models import Declaratie
from inkoop.models import Kostenpost
from kern.eenheden import AANTAL, EURO, PROCENT
from rapportages.basis import CENT, Rapport, Verzoek, begeleid_op, clienten_op, percentage
from regio.models import Gemeente
from registratie.models import PrestatieStatus

NUL = Decimal("0")
GELD = DecimalField(max_digits=14, decimal_places=2)
KOSTEN = (
    Kostenpost.Soort.FORMATIE,
    Kostenpost.Soort.INHUUR,
    Kostenpost.Soort.UITBESTEED,
    Kostenpost.Soort.ADVIES,
    Kostenpost.Soort.OVERIG,
)


def vaste_kosten(van: dt.date, tot: dt.date) -> Decimal:
    """The region's joint cost posts (less reimbursements; no gemeente: a gemeente's own
    posts are its own) of the years the period touches, each year's amount by the days of
    that year in the period. Subsidies are shown elsewhere, not charged on."""
    totaal = NUL
    for jaar in range(van.year, tot.year + 1):
        begin, eind = max(van, dt.date(jaar, 1, 1)), min(tot, dt.date(jaar, 12, 31))
        dagen = (eind - begin).days + 1
        posten = Kostenpost.objects.filter(jaar=jaar, gemeente__isnull=True).aggregate(
            kosten=Coalesce(Sum("bedrag", filter=Q(soort__in=KOSTEN)), NUL, output_field=GELD),
            terug=Coalesce(
                Sum("bedrag", filter=Q(soort=Kostenpost.Soort.VERGOEDING)), NUL, output_field=GELD
            ),
        )
        jaar_dagen = (dt.date(jaar, 12, 31) - dt.date(jaar, 1, 1)).days + 1
        totaal += (posten["kosten"] - posten["terug"]) * dagen / jaar_dagen
    return totaal


# What a declaration charges: its amount, less a withheld prestatiedeel that lapsed.
NETTO = Sum(
    F("bedrag")
    - Case(
        When(inschrijving__prestatie_status=PrestatieStatus.NIET_BEREIKT, then=F("ingehouden")),
        default=Value(NUL),
        output_field=GELD,
    ),
    output_field=GELD,
)


def _goedgekeurd(van: dt.date, tot: dt.date):
    return Declaratie.objects.filter(
        status__in=(Declaratie.Status.GOEDGEKEURD, Declaratie.Status.BETAALD),
        periode__gte=van.replace(day=1),
        periode__lte=tot,
    )


def _declaraties_per_gemeente(van: dt.date, tot: dt.date) -> dict:
    """Per gemeente: the approved (or paid) declarations of the period for its clients'
    enrolments, less a withheld prestatiedeel that lapsed."""
    declaraties = (
        _goedgekeurd(van, tot)
        .values("inschrijving__client__gemeente")
        .annotate(bedrag=NETTO, regels=Count("pk"))
        .order_by()
    )
    return {d["inschrijving__client__gemeente"]: d for d in declaraties}


def _specificatie(v: Verzoek, van: dt.date, tot: dt.date) -> dict:
    """For one gemeente's invoice: what it is charged per contract and traject."""
    pad = "inschrijving__contractregel__"
    rijen = [
        {
            "gemeente": r["inschrijving__client__gemeente__naam"],
            "contract": r[f"{pad}contract__kenmerk"],
            "traject": r[f"{pad}traject__naam"],
            "declaraties": r["regels"],
            "bedrag": r["bedrag"].quantize(CENT),
        }
        for r in v.binnen(_goedgekeurd(van, tot), "inschrijving__client__gemeente")
        .values(
            "inschrijving__client__gemeente__naam",
            f"{pad}contract__kenmerk",
            f"{pad}traject__naam",
        )
        .annotate(bedrag=NETTO, regels=Count("pk"))
        .order_by("inschrijving__client__gemeente__naam", f"{pad}contract__kenmerk")
    ]
    return {
        "specificatie": {
            "titel": "Specificatie: goedgekeurde trajecten per contract",
            "kolommen": [
                {"naam": "gemeente", "titel": "Gemeente"},
                {"naam": "contract", "titel": "Contract"},
                {"naam": "traject", "titel": "Traject"},
                {"naam": "declaraties", "titel": "Declaraties", "eenheid": AANTAL},
                {"naam": "bedrag", "titel": "Door te belasten", "eenheid": EURO},
            ],
            "rijen": rijen,
        }
    }


def _regio(rijen: list[dict], begeleid: int) -> dict:
    return {
        "gemeente": "regio",
        "cbs_code": "",
        "rol": "",
        "declaraties": sum(r["declaraties"] for r in rijen),
        "trajecten": sum((r["trajecten"] for r in rijen), NUL),
        "begeleid": begeleid,
        "sleutel": 100.0 if begeleid else None,
        "vaste_kosten": sum((r["vaste_kosten"] for r in rijen), NUL),
        "totaal": sum((r["totaal"] for r in rijen), NUL),
    }


def doorbelasting(v: Verzoek) -> Rapport:
    van, tot = v.periode
    gemeenten = Gemeente.objects.order_by("rol", "naam")  # the centrumgemeente first
    zichtbaar = v.gemeenten
    per_gemeente = _declaraties_per_gemeente(van, tot)
    begeleid = dict(
        clienten_op(tot)
        .filter(begeleid_op(tot))
        .values_list("gemeente")
        .annotate(n=Count("pk"))
        .order_by()
    )
    regio_begeleid = sum(n for g, n in begeleid.items() if g is not None)
    kosten = vaste_kosten(van, tot)
    rijen = []
    for g in gemeenten:
        if zichtbaar is not None and g.pk not in zichtbaar:
            continue
        d = per_gemeente.get(g.pk, {})
        sleutel = Decimal(begeleid.get(g.pk, 0)) / regio_begeleid if regio_begeleid else NUL
        aandeel_kosten = kosten * sleutel
        rijen.append(
            {
                "gemeente": g.naam,
                "cbs_code": g.cbs_code,
                "rol": g.get_rol_display(),
                "declaraties": d.get("regels", 0),
                "trajecten": d.get("bedrag") or NUL,
                "begeleid": begeleid.get(g.pk, 0),
                "sleutel": percentage(begeleid.get(g.pk, 0), regio_begeleid),
                "vaste_kosten": aandeel_kosten,
                "totaal": (d.get("bedrag") or NUL) + aandeel_kosten,
            }
        )
    if zichtbaar is None and len(rijen) > 1:
        rijen.append(_regio(rijen, regio_begeleid))
    return Rapport(
        "doorbelasting",
        "Doorbelasting per gemeente",
        v,
        [
            ("gemeente", "Gemeente"),
            ("cbs_code", "CBS-code"),
            ("rol", "Rol"),
            ("declaraties", "Goedgekeurde declaraties", AANTAL),
            ("trajecten", "Trajecten (goedgekeurd)", EURO),
            ("begeleid", "Clienten in begeleiding", AANTAL),
            ("sleutel", "Verdeelsleutel vaste kosten", PROCENT),
            ("vaste_kosten", "Aandeel vaste kosten", EURO),
            ("totaal", "Door te belasten", EURO),
        ],
        rijen,
        # A gemeente's own charge-back lists its lines, the basis of its invoice.
        extra={"tabellen": _specificatie(v, van, tot)} if zichtbaar is not None else {},
        toelichting="Per gemeente: de goedgekeurde (en betaalde) declaraties van de periode "
        "voor de inschrijvingen van haar clienten, min een prestatiedeel dat is vervallen; en "
        "haar deel van de vaste kosten van de periode (kostenposten min vergoedingen, naar rato "
        "van de dagen) naar haar aandeel in de clienten in begeleiding op de peildatum. De basis "
        "van de factuur van de centrumgemeente.",
    )
