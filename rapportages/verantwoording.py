"""The year's accountability per funding stream (issue 25): the basis of what a gemeente
accounts for, in SiSa for the specific grant SPUK Wi2021 (Divosa, *Wet inburgering in vraag
en antwoord* §2 Financiën: the inburgeringsvoorzieningen are paid from the SPUK and
accounted for per year)."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, Sum

from aanbod.models import Aanbieder
from declaraties.models import Declaratie
from declaraties.ramingen import raakt_jaar, ramingen
from declaraties.selectors import betaald
from financien.models import Financieringsbron
from inkoop.models import Bronverdeling, Budget
from kern.eenheden import AANTAL, EURO
from rapportages.basis import Rapport, Verzoek
from registratie.models import Inschrijving

NUL = Decimal("0")
GELD = ("verplicht", "gerealiseerd", "betaald")
GEEN_BRON = "geen financieringsbron"
LEEG = {**dict.fromkeys(GELD, NUL), "clienten": 0, "inschrijvingen": 0}


def _verdeling(regels) -> dict:
    """Per contract line its streams and their part (0 to 1); a line without a financing
    is paid from no named stream (None) in full."""
    delen = defaultdict(list)
    for regel, bron, aandeel in Bronverdeling.objects.filter(contractregel__in=regels).values_list(
        "contractregel", "bron", "aandeel"
    ):
        delen[regel].append((bron, aandeel / 100))
    return {regel: delen.get(regel) or [(None, Decimal(1))] for regel in regels}


def _per_bron(v: Verzoek, jaar: int, p: dt.date) -> tuple[dict, dict]:
    """Per stream (None: none) the money of the year's enrolments as the budget report
    counts it, split by each line's financing, and the enrolments and clients behind it
    (counted in the database); and the enrolments and clients of all streams together."""
    inschrijvingen = (
        v.binnen(Inschrijving.objects, "client__gemeente")
        .filter(raakt_jaar(jaar), datum_aanmelding__lte=p)
        .exclude(contractregel__contract__aanbieder__soort=Aanbieder.Soort.INTERN)
    )
    geld = ramingen(inschrijvingen, jaar=jaar, tot=p, per="contractregel")
    uitbetaald = dict(
        v.binnen(Declaratie.objects, "inschrijving__client__gemeente")
        .filter(periode__gte=dt.date(jaar, 1, 1), periode__lte=p)
        .values_list("inschrijving__contractregel")
        .annotate(s=betaald())
        .order_by()
    )
    per = defaultdict(lambda: {**dict.fromkeys(GELD, NUL), "clienten": 0, "inschrijvingen": 0})
    for regel, delen in _verdeling(set(geld) | set(uitbetaald)).items():
        for bron, deel in delen:
            rij = per[bron]
            if regel in geld:
                rij["verplicht"] += geld[regel].verplicht * deel
                rij["gerealiseerd"] += geld[regel].gerealiseerd * deel
            rij["betaald"] += (uitbetaald.get(regel) or NUL) * deel
    # A line paid from two streams counts its enrolments for both; a line without a
    # financing (no Bronverdeling) for None.
    for r in (
        inschrijvingen.values(bron=F("contractregel__bronverdeling__bron"))
        .annotate(n=Count("pk"), c=Count("client", distinct=True))
        .order_by()
    ):
        per[r["bron"]]["inschrijvingen"] += r["n"]
        per[r["bron"]]["clienten"] += r["c"]
    return per, inschrijvingen.aggregate(
        inschrijvingen=Count("pk"), clienten=Count("client", distinct=True)
    )


def verantwoording(v: Verzoek) -> Rapport:
    """Per funding stream for one year (parameter `jaar`, default the peildatum's): the
    year's budgets of the stream; of the enrolments the money committed, realised (approved)
    and paid as the budget report counts it (declaraties.ramingen, without the gemeente's
    own teams), split over the streams by each contract line's financing
    (inkoop.Bronverdeling); and the enrolments and clients behind it (an enrolment on a line
    paid from two streams counts for both). Money on a line without a financing, and a
    budget without a stream, show apart, so the total equals the budget report's."""
    jaar = int(v.parameters.get("jaar") or v.peildatum.year)
    p = min(v.peildatum, dt.date(jaar, 12, 31))
    per, samen = _per_bron(v, jaar, p)
    begroot = dict(
        v.binnen(Budget.objects.filter(jaar=jaar))
        .values_list("bron")
        .annotate(s=Sum("bedrag"))
        .order_by()
    )
    rijen = []
    for bron in [*Financieringsbron.objects.all(), None]:
        sleutel = bron.pk if bron else None
        if bron is None and sleutel not in per and sleutel not in begroot:
            continue
        if bron is not None and not bron.actief and sleutel not in per and sleutel not in begroot:
            continue
        cijfers = per.get(sleutel) or LEEG
        rijen.append(
            {
                "categorie": bron.naam if bron else GEEN_BRON,
                "code": bron.code if bron else "",
                "grootboekrekening": bron.grootboekrekening if bron else "",
                "kostenplaats": bron.kostenplaats if bron else "",
                "sisa": ("ja" if bron.sisa else "nee") if bron else "",
                "begroot": begroot.get(sleutel) or NUL,
                **{k: cijfers[k] for k in GELD},
                "inschrijvingen": cijfers["inschrijvingen"],
                "clienten": cijfers["clienten"],
            }
        )
    totaal = {"categorie": "totaal", "code": "totaal", "sisa": ""}
    for k in ("begroot", *GELD):
        totaal[k] = sum((r[k] for r in rijen), NUL)
    totaal["inschrijvingen"] = samen["inschrijvingen"]
    totaal["clienten"] = samen["clienten"]
    rijen.append(totaal)
    return Rapport(
        "verantwoording",
        f"Verantwoording per financieringsbron {jaar}",
        v,
        [
            ("categorie", "Financieringsbron"),
            ("grootboekrekening", "Grootboekrekening"),
            ("kostenplaats", "Kostenplaats"),
            ("sisa", "SiSa"),
            ("begroot", "Begroot", EURO),
            ("verplicht", "Verplicht", EURO),
            ("gerealiseerd", "Gerealiseerd (goedgekeurd)", EURO),
            ("betaald", "Betaald", EURO),
            ("inschrijvingen", "Inschrijvingen", AANTAL),
            ("clienten", "Clienten", AANTAL),
        ],
        rijen,
        extra={"jaar": jaar},
        toelichting=f"Het geld van {jaar} zoals het budgetrapport het telt, verdeeld over de "
        "financieringsbronnen naar de financiering van elke contractregel (contract, "
        "'Financiering'). Een inschrijving op een regel die uit twee bronnen wordt betaald, "
        f"telt bij beide; het totaal telt haar één keer. '{GEEN_BRON}': regels en budgetten "
        "zonder bron. De basis van de jaarverantwoording, voor de SPUK Wi2021 in SiSa.",
    )
