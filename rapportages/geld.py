"""Kosten-baten: programme cost against the benefit saved by outflow to work."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils.formats import number_format

from aanbod.models import Aanbieder, Leerroute
from declaraties.models import Declaratie
from declaraties.ramingen import Raming, raakt_jaar, ramingen
from declaraties.selectors import betaald
from inkoop.models import Budget, Contract, Kostenpost
from inkoop.selectors import gecontracteerd_per_route
from kern.formaten import euro
from rapportages.basis import (
    CENT,
    Rapport,
    Verzoek,
    clienten_op,
    onderdruk,
    uitstromen,
)
from registratie.models import Inschrijving, PrestatieStatus, Uitstroomreden


def kosten_baten(v: Verzoek) -> Rapport:
    """For one year (parameter `jaar`, default the peildatum's), as the evaluation computed
    it: programme cost = cost posts + bought trajecten - refunds (vergoeding); subsidies are
    shown, not subtracted. Bought trajecten are counted per enrolment as the budget counts
    them (declaraties.ramingen: approved over the year's months plus still to come), never
    those of the gemeente's own teams (whose cost is the formatie already), and not at all
    when a cost post is marked as holding them (the ledger's 'uitbesteed' often does). Per
    client: divided by the year's inflow (clients whose guidance began
    that year). Savings: full-time outflows x a year's benefit + part-time x the part-time
    factor x a year's benefit. Four queries."""
    jaar = int(v.parameters.get("jaar") or v.peildatum.year)
    uitkering = Decimal(str(v.parameters.get("uitkering_per_jaar") or settings.UITKERING_PER_JAAR))
    factor = Decimal(str(v.parameters.get("deeltijd_factor") or settings.DEELTIJD_FACTOR))
    begin, eind = dt.date(jaar, 1, 1), min(dt.date(jaar, 12, 31), v.peildatum)
    Soort = Kostenpost.Soort

    posten, vergoeding, subsidie, al_in = _kostenposten(v, jaar)
    eigen_kosten = sum(posten.values(), Decimal("0"))
    trajecten = _ingekochte_trajecten(v, jaar, eind)
    programma = eigen_kosten + (Decimal(0) if al_in else trajecten) - vergoeding

    t = clienten_op(eind, v).aggregate(
        instroom=Count("pk", filter=Q(begeleid_sinds__gte=begin, begeleid_sinds__lte=eind)),
    )
    # Outflows as every report counts them: in their own year, also when the client came back.
    uit = uitstromen(begin, eind, v)
    for sleutel, reden in (
        ("voltijd", Uitstroomreden.VOLTIJD_BAAN),
        ("deeltijd", Uitstroomreden.DEELTIJD_BAAN),
    ):
        t[sleutel] = sum(n for (r, _), n in uit.items() if r == reden)
    per_client = (programma / t["instroom"]).quantize(CENT) if t["instroom"] else None
    uitkeringslasten = (t["instroom"] * uitkering).quantize(CENT)
    besparing_voltijd = (t["voltijd"] * uitkering).quantize(CENT)
    besparing_deeltijd = (t["deeltijd"] * factor * uitkering).quantize(CENT)
    besparing = besparing_voltijd + besparing_deeltijd

    def rij(code, categorie, bedrag=None, aantal=None):
        return {"code": code, "categorie": categorie, "bedrag": bedrag, "aantal": aantal}

    rijen = [
        *[
            rij(f"kosten.{soort}", f"kosten: {Soort(soort).label}", bedrag)
            for soort, bedrag in sorted(posten.items())
        ],
        rij(
            "ingekochte_trajecten",
            f"ingekochte trajecten (al in de kostenpost {', '.join(al_in)}; niet opgeteld)"
            if al_in
            else "ingekochte trajecten (goedgekeurd plus nog te verwachten; zonder eigen "
            "uitvoering)",
            trajecten,
        ),
        rij("vergoeding", "vergoedingen (in mindering)", -vergoeding),
        rij("programmakosten", "programmakosten", programma),
        rij("subsidie", "subsidies (ter informatie, niet in mindering)", subsidie),
        rij("instroom", "instroom in de aanpak", aantal=t["instroom"]),
        rij("kosten_per_client", "programmakosten per client van de instroom", per_client),
        rij(
            "uitkeringslasten_instroom",
            "een jaar uitkering voor de hele instroom",
            uitkeringslasten,
            t["instroom"],
        ),
        rij("uitstroom_voltijd", "uitstroom naar voltijd werk", besparing_voltijd, t["voltijd"]),
        rij(
            "uitstroom_deeltijd", "uitstroom naar deeltijd werk", besparing_deeltijd, t["deeltijd"]
        ),
        rij("besparing", "besparing op uitkeringen (een jaar)", besparing),
        rij("saldo", "besparing min programmakosten", besparing - programma),
    ]
    return Rapport(
        "kosten-baten",
        f"Kosten en baten {jaar}",
        v,
        [("categorie", "Post"), ("aantal", "Aantal"), ("bedrag", "Bedrag (EUR)")],
        rijen,
        extra={"jaar": jaar, "uitkering_per_jaar": uitkering, "deeltijd_factor": factor},
        toelichting=_kosten_baten_uitleg(uitkering, factor),
    )


def _kostenposten(v: Verzoek, jaar: int) -> tuple[dict, Decimal, Decimal, list[str]]:
    """The year's cost posts per soort (of the report's gemeenten; the region: theirs and its
    own together), its refunds and subsidies apart, and the posts marked as already holding
    the bought trajecten."""
    posten, al_in = {}, []
    for soort, omschrijving, bedrag, bevat in v.binnen(
        Kostenpost.objects.filter(jaar=jaar)
    ).values_list("soort", "omschrijving", "bedrag", "bevat_trajecten"):
        posten[soort] = posten.get(soort, Decimal("0")) + bedrag
        if bevat:
            al_in.append(omschrijving)
    vergoeding = posten.pop(Kostenpost.Soort.VERGOEDING, Decimal("0"))
    subsidie = posten.pop(Kostenpost.Soort.SUBSIDIE, Decimal("0"))
    return posten, vergoeding, subsidie, al_in


def _ingekochte_trajecten(v: Verzoek, jaar: int, eind: dt.date) -> Decimal:
    """Bought trajecten, per enrolment as the budget counts them: approved plus still to
    come, without the gemeente's own teams."""
    geld = ramingen(
        v.binnen(Inschrijving.objects, "client__gemeente")
        .filter(raakt_jaar(jaar), datum_aanmelding__lte=eind)
        .exclude(contractregel__contract__aanbieder__soort=Aanbieder.Soort.INTERN),
        jaar=jaar,
        tot=eind,
        per=None,
    ).get(None, Raming())
    return geld.gerealiseerd + geld.verwacht


def _kosten_baten_uitleg(uitkering: Decimal, factor: Decimal) -> str:
    return (
        "Programmakosten zijn de kostenposten plus de ingekochte trajecten (goedgekeurd plus "
        "nog te verwachten, zoals in het budget; niet als een kostenpost ze al bevat) min de "
        "vergoedingen (subsidies staan erbij maar gaan er niet af, en trajecten van de eigen "
        "teams tellen niet boven op hun formatie); per client gedeeld door de instroom van het "
        f"jaar. De besparing is een jaar uitkering ({euro(uitkering)}) per uitstroom naar "
        f"voltijd werk en {number_format(factor * 100, 0)} % daarvan per deeltijdbaan."
    )


def budget(v: Verzoek) -> Rapport:
    """Per leerroute for one year (parameter `jaar`, default the peildatum's): the budget,
    what is contracted (capacity x tarief x units, by the contract's slice of the year), and
    of the enrolments registered up to the peildatum the money in the year's months
    (declaraties.ramingen): committed, spent (approved), still to come and what lapsed; and
    what was paid (declaraties.selectors.betaald); never the gemeente's own teams, whose
    cost is the formatie. Committed or contracted above the budget is a signal. Five
    queries."""
    jaar = int(v.parameters.get("jaar") or v.peildatum.year)
    p = min(v.peildatum, dt.date(jaar, 12, 31))
    budgetten, gecontracteerd, geld, betaald_per_route = _budget_bronnen(v, jaar, p)
    nul = Decimal("0.00")
    rijen = []
    for route in [*Leerroute.objects.all(), None]:
        code = route.code if route else None
        raming = geld.get(code, Raming())
        rij = {
            "categorie": route.naam if route else "routevrij",
            "code": code or "",
            "budget": budgetten.get(code),
            "gecontracteerd": gecontracteerd.get(code) or nul,
            "verplicht": raming.verplicht,
            "goedgekeurd": raming.gerealiseerd,
            "betaald": betaald_per_route.get(code) or nul,
            "nog_te_verwachten": raming.verwacht,
            "vervallen": raming.vervallen,
        }
        rij["signaal"] = _budgetsignaal(rij)
        rijen.append(rij)
    totaal = {"categorie": "totaal", "code": "totaal", "signaal": ""}
    for sleutel in (
        "gecontracteerd",
        "verplicht",
        "goedgekeurd",
        "betaald",
        "nog_te_verwachten",
        "vervallen",
    ):
        totaal[sleutel] = sum((r[sleutel] for r in rijen), nul)
    totaal["budget"] = sum((r["budget"] for r in rijen if r["budget"] is not None), nul)
    rijen.append(totaal)
    return Rapport(
        "budget",
        f"Budget per leerroute {jaar}",
        v,
        [
            ("categorie", "Leerroute"),
            ("budget", "Budget"),
            ("gecontracteerd", "Gecontracteerd"),
            ("verplicht", "Verplicht"),
            ("goedgekeurd", "Besteed (goedgekeurd)"),
            ("betaald", "Betaald"),
            ("nog_te_verwachten", "Nog te verwachten"),
            ("vervallen", "Vervallen"),
            ("signaal", "Signaal"),
        ],
        rijen,
        extra={"jaar": jaar},
        toelichting=_budget_uitleg(jaar, p),
    )


def _budget_bronnen(v: Verzoek, jaar: int, p: dt.date) -> tuple:
    """Per leerroute: the budget, the contracted amount, the money per enrolment and what
    was paid, of the report's gemeenten."""
    begin = dt.date(jaar, 1, 1)
    # The region's budget is its gemeenten's and its own together.
    budgetten = dict(
        v.binnen(Budget.objects.filter(jaar=jaar))
        .values_list("leerroute")
        .annotate(s=Sum("bedrag"))
        .order_by()
    )
    gecontracteerd = gecontracteerd_per_route(jaar, v.contractaandeel())
    geld = ramingen(
        v.binnen(Inschrijving.objects, "client__gemeente")
        .filter(raakt_jaar(jaar), datum_aanmelding__lte=p)
        .exclude(contractregel__contract__aanbieder__soort=Aanbieder.Soort.INTERN),
        jaar=jaar,
        tot=p,
        per="contractregel__leerroute",
    )
    betaald_per_route = dict(
        v.binnen(Declaratie.objects, "inschrijving__client__gemeente")
        .filter(periode__gte=begin, periode__lte=p)
        .values_list("inschrijving__contractregel__leerroute")
        .annotate(s=betaald())
        .order_by()
    )
    return budgetten, gecontracteerd, geld, betaald_per_route


def _budget_uitleg(jaar: int, p: dt.date) -> str:
    return (
        f"{jaar} tot en met {p:%d-%m-%Y}. Zonder de eigen teams van de gemeente "
        "(inbesteed: hun kosten zijn de formatie). Gecontracteerd: capaciteit × tarief × "
        "eenheden van de gegunde regels, voor het deel van het contract dat in het jaar valt "
        "(de jaarschijf: naar rato van de dagen, of zoals het contract het vastlegt). Verplicht: "
        "tarief × eenheden van de inschrijvingen (zonder wie voor de start afzegde), verdeeld "
        "over de maanden waarin zij lopen (tot het einde, of tot de verwachte einddatum); dit "
        "jaar telt zijn maanden. Besteed: de goedgekeurde declaraties over de maanden van het "
        "jaar, zonder een vervallen prestatiedeel; betaald: wat de betaalbatches betaalden (een "
        "ingehouden prestatiedeel pas als het is vrijgegeven). Nog te verwachten: per "
        "inschrijving wat verplicht is en nog niet gedeclareerd, zonder wat na een voortijdig "
        "einde niet meer komt. Vervallen: wat een voortijdig einde schrapte en een vervallen "
        "prestatiedeel."
    )


def _budgetsignaal(rij: dict) -> str:
    if rij["budget"] is None:
        return "geen budget" if (rij["verplicht"] or rij["gecontracteerd"]) and rij["code"] else ""
    if rij["verplicht"] > rij["budget"]:
        return f"verplicht {euro(rij['verplicht'] - rij['budget'])} boven het budget"
    if rij["gecontracteerd"] > rij["budget"]:
        return f"gecontracteerd {euro(rij['gecontracteerd'] - rij['budget'])} boven het budget"
    return ""


PRESTATIES_UITLEG = (
    "Van elke goedgekeurde declaratie wordt het prestatiedeel van de "
    "contractregel ingehouden. Het komt vrij als het resultaat uit het register blijkt "
    "(volgens plan afgerond, het taalniveau in een voortgangsrapportage, een hogere trede, "
    "of uitstroom naar werk of opleiding binnen de termijn) of de specialist het bevestigt, "
    "en wordt dan in de volgende betaalbatch betaald; na de termijn zonder resultaat "
    "vervalt het."
)


def prestaties(v: Verzoek) -> Rapport:
    """Per contract with a prestatiedeel: enrolments, results reached, not reached and still
    open, and the money withheld, released (paid in a batch), payable (reached, not yet in a
    batch), forfeited and still withheld. A provider sees its own contracts, small groups
    suppressed. Results are established by the daily run (`manage.py dagelijks`) and before
    each payment batch. Three queries."""
    S = PrestatieStatus
    inschrijvingen = v.binnen(Inschrijving.objects, "client__gemeente").exclude(prestatie_status="")
    if v.aanbieder is not None:
        inschrijvingen = inschrijvingen.filter(contractregel__contract__aanbieder=v.aanbieder)
    tellingen = {
        r["contractregel__contract"]: r
        for r in inschrijvingen.values("contractregel__contract")
        .annotate(
            aantal=Count("pk"),
            bereikt=Count("pk", filter=Q(prestatie_status=S.BEREIKT)),
            niet_bereikt=Count("pk", filter=Q(prestatie_status=S.NIET_BEREIKT)),
            open=Count("pk", filter=Q(prestatie_status=S.OPEN)),
        )
        .order_by()
    }
    goedgekeurd = Q(status__in=[Declaratie.Status.GOEDGEKEURD, Declaratie.Status.BETAALD])
    bedragen = {
        r["inschrijving__contractregel__contract"]: r
        for r in Declaratie.objects.filter(goedgekeurd, inschrijving__in=inschrijvingen)
        .values("inschrijving__contractregel__contract")
        .annotate(
            totaal=Sum("ingehouden"),
            vrijgegeven=Sum(
                "ingehouden",
                filter=Q(inschrijving__prestatie_betaalbatch__vrijgegeven_op__isnull=False),
            ),
            te_betalen=Sum(
                "ingehouden",
                filter=Q(inschrijving__prestatie_status=S.BEREIKT)
                & Q(inschrijving__prestatie_betaalbatch__vrijgegeven_op__isnull=True),
            ),
            vervallen=Sum("ingehouden", filter=Q(inschrijving__prestatie_status=S.NIET_BEREIKT)),
            nog_ingehouden=Sum("ingehouden", filter=Q(inschrijving__prestatie_status=S.OPEN)),
        )
        .order_by()
    }
    nul = Decimal("0.00")
    rijen = []
    for contract in Contract.objects.filter(pk__in=tellingen).select_related("aanbieder"):
        t, b = tellingen[contract.pk], bedragen.get(contract.pk, {})
        rijen.append(
            {
                "categorie": f"{contract.kenmerk} – {contract.aanbieder.naam}",
                "contract": contract.kenmerk,
                **{k: t[k] for k in ("aantal", "bereikt", "niet_bereikt", "open")},
                "ingehouden": b.get("totaal") or nul,
                **{
                    k: b.get(k) or nul
                    for k in ("vrijgegeven", "te_betalen", "vervallen", "nog_ingehouden")
                },
            }
        )
    rijen.sort(key=lambda r: r["contract"])
    return Rapport(
        "prestaties",
        "Prestatiedeel per contract: resultaten en ingehouden bedragen",
        v,
        [
            ("categorie", "Contract"),
            ("aantal", "Inschrijvingen met prestatiedeel"),
            ("bereikt", "Resultaat bereikt"),
            ("niet_bereikt", "Niet bereikt"),
            ("open", "Nog open"),
            ("ingehouden", "Ingehouden"),
            ("vrijgegeven", "Vrijgegeven (betaald)"),
            ("te_betalen", "Vrij, nog te betalen"),
            ("vervallen", "Vervallen"),
            ("nog_ingehouden", "Nog ingehouden"),
        ],
        onderdruk(rijen, v, telveld="aantal"),
        toelichting=PRESTATIES_UITLEG,
    )
