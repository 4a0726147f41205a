"""The region at a glance: per gemeente its clients, enrolments, waiting list and money, and
the region's total beside them (issue 24). What has no gemeente (a budget for the region
together, a client not yet placed) is a row of its own, so the rows add up to the total,
and the total agrees with the populatie and budget reports (tests/regio)."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from aanbod.models import Aanbieder
from declaraties.ramingen import raakt_jaar, ramingen
from inkoop.models import Budget
from kern.eenheden import AANTAL, EURO
from rapportages.basis import Rapport, Verzoek, begeleid_op, clienten_op
from regio.models import Gemeente
from registratie.models import Inschrijving, Wachtlijstplaats

NUL = Decimal("0.00")
CIJFERS = ("bekend", "begeleid", "lopend", "wachtend", "budget", "verplicht", "goedgekeurd")
ZONDER = "gezamenlijk (regio)"


def _per_gemeente(v: Verzoek) -> dict:
    """Per gemeente id (None: without one) every figure; five queries."""
    p, jaar = v.peildatum, v.peildatum.year
    cijfers: dict = {}

    def zet(gemeente, sleutel, waarde):
        cijfers.setdefault(gemeente, dict.fromkeys(CIJFERS, 0))[sleutel] = waarde

    for g in (
        clienten_op(p, v)
        .values("gemeente")
        .annotate(bekend=Count("pk"), begeleid=Count("pk", filter=begeleid_op(p)))
        .order_by()
    ):
        zet(g["gemeente"], "bekend", g["bekend"])
        zet(g["gemeente"], "begeleid", g["begeleid"])
    inschrijvingen = v.binnen(Inschrijving.objects, "client__gemeente")
    lopend = Q(datum_aanmelding__lte=p, geannuleerd=False) & (
        Q(einddatum__isnull=True) | Q(einddatum__gt=p)
    )
    for gemeente, n in (
        inschrijvingen.filter(lopend).values_list("client__gemeente").annotate(n=Count("pk"))
    ).order_by():
        zet(gemeente, "lopend", n)
    wachtend = Q(aangevraagd_op__date__lte=p) & (
        Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gt=p)
    )
    for gemeente, n in (
        v.binnen(Wachtlijstplaats.objects, "client__gemeente")
        .filter(wachtend)
        .values_list("client__gemeente")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        zet(gemeente, "wachtend", n)
    for gemeente, bedrag in (
        v.binnen(Budget.objects.filter(jaar=jaar))
        .values_list("gemeente")
        .annotate(s=Sum("bedrag"))
        .order_by()
    ):
        zet(gemeente, "budget", bedrag)
    geld = ramingen(
        inschrijvingen.filter(raakt_jaar(jaar), datum_aanmelding__lte=p).exclude(
            contractregel__contract__aanbieder__soort=Aanbieder.Soort.INTERN
        ),
        jaar=jaar,
        tot=p,
        per="client__gemeente",
    )
    for gemeente, raming in geld.items():
        zet(gemeente, "verplicht", raming.verplicht)
        zet(gemeente, "goedgekeurd", raming.gerealiseerd)
    return cijfers


def regio(v: Verzoek) -> Rapport:
    """Per gemeente (of those the report counts; the centrumgemeente first): clients known
    and in guidance on the peildatum, enrolments running and clients waiting, and the year's
    budget, committed and approved money as the budget report counts them (without the
    gemeente's own teams). Then what has no gemeente, and the region's total."""
    per = _per_gemeente(v)
    gemeenten = v.binnen(Gemeente.objects, "pk").order_by("rol", "naam")
    rijen = []
    for g in gemeenten:
        rijen.append(_rij(g.naam, g.cbs_code, g.get_rol_display(), per.get(g.pk)))
    if per.get(None):
        rijen.append(_rij(ZONDER, "", "", per[None]))
    if v.gemeenten is None or len(rijen) > 1:
        totaal = _rij("regio", "", "totaal", None)
        for rij in rijen:
            for sleutel in CIJFERS:
                totaal[sleutel] += rij[sleutel]
        rijen.append(totaal)
    return Rapport(
        "regio",
        "De regio per gemeente",
        v,
        [
            ("gemeente", "Gemeente"),
            ("cbs_code", "CBS-code"),
            ("rol", "Rol"),
            ("bekend", "Clienten bekend", AANTAL),
            ("begeleid", "In begeleiding", AANTAL),
            ("lopend", "Lopende inschrijvingen", AANTAL),
            ("wachtend", "Op de wachtlijst", AANTAL),
            ("budget", f"Budget {v.peildatum.year}", EURO),
            ("verplicht", f"Verplicht {v.peildatum.year}", EURO),
            ("goedgekeurd", f"Besteed (goedgekeurd) {v.peildatum.year}", EURO),
        ],
        rijen,
        toelichting="Een client telt bij de gemeente waar hij nu woont. Budget, verplicht "
        "en besteed zoals het budgetrapport ze telt (zonder eigen uitvoering). "
        f"'{ZONDER}': budget voor de regio samen (en clienten zonder gemeente); de regio "
        "is de som van de rijen.",
    )


def _rij(naam: str, cbs: str, rol: str, cijfers: dict | None) -> dict:
    cijfers = cijfers or {}
    return {
        "gemeente": naam,
        "cbs_code": cbs,
        "rol": rol,
        **{k: cijfers.get(k, 0) for k in ("bekend", "begeleid", "lopend", "wachtend")},
        **{k: cijfers.get(k) or NUL for k in ("budget", "verplicht", "goedgekeurd")},
    }
