"""Demand against what is bought: volumes per leerroute, and caseload per year and specialist."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.functions import Cast, Floor
from django.utils import timezone

from aanbod.models import Aanbieder, Leerroute, Traject
from declaraties.ramingen import raakt_jaar, ramingen
from inkoop.models import Budget, Contract, Contractregel, neemt_plaats
from inkoop.selectors import gecontracteerd_per_route
from rapportages.basis import (
    Rapport,
    Verzoek,
    clienten_op,
    percentage,
    uitgestroomd_op,
)
from registratie.models import Inschrijving, Wachtlijstplaats, Weigering

GELD0 = Decimal("0.00")


def volumes(v: Verzoek) -> Rapport:
    """Per leerroute on the peildatum: demand (who runs and who waits), the places bought in
    each capaciteitsvorm on its own footing (places at once and how many are taken; starts
    and how many are used; never added together), what is free (clients who can start now),
    what is available to the demand (who runs plus what is free), and the year's budget,
    committed and spent as the budget report counts them (declaraties.ramingen). A route
    with clients but no places, or more waiting than free, is flagged; the waiting list
    now and its waiting times; the same per traject;
    and the enrolments refused in the period, per route and reason (the demand that did
    not get a place). Eleven queries."""
    p, jaar = v.peildatum, v.peildatum.year
    van, tot = v.periode
    b = _bronnen(v)
    wachten = _wachttijden(v, van, tot)
    per_route: dict = {}
    for w in wachten:
        per_route.setdefault(w["leerroute"], []).append(w)
    routes = list(Leerroute.objects.all())
    namen = {lr.code: lr.naam for lr in routes}
    rijen = [_route_rij(route, b, per_route, wachten) for route in [*routes, None]]
    per_traject = _per_traject(v, van, tot, wachten)
    return Rapport(
        "volumes",
        "Volumes per leerroute: vraag, ingekochte plaatsen en budget",
        v,
        [
            ("categorie", "Leerroute"),
            ("clienten", "Clienten in de route"),
            ("vraag", "Vraag (lopend + wachtend)"),
            ("lopend", "Lopend"),
            ("wachtend", "Wachtend"),
            ("plaatsen_tegelijk", "Plaatsen tegelijk"),
            ("tegelijk_bezet", "Daarvan bezet"),
            ("starts", "Starts ingekocht"),
            ("starts_gebruikt", "Daarvan gebruikt"),
            ("vrij", "Vrij (kan nu starten)"),
            ("beschikbaar", "Beschikbaar (lopend + vrij)"),
            ("dekking", "Beschikbaar / vraag %"),
            ("wacht_mediaan", "Wachttijd mediaan (dagen)"),
            ("wacht_p80", "Wachttijd p80 (dagen)"),
            ("geweigerd", "Geweigerd in de periode"),
            ("budget", "Budget"),
            ("gecontracteerd", "Gecontracteerd (jaarschijf)"),
            ("verplicht", "Verplicht"),
            ("besteed", "Besteed (goedgekeurd)"),
            ("signaal", "Signaal"),
        ],
        rijen,
        extra=_tabellen(per_traject, b["weigeringen"], namen),
        toelichting=_uitleg(p, jaar, van, tot),
    )


def _tabellen(per_traject: list[dict], weigeringen: list[dict], namen: dict) -> dict:
    return {
        "tabellen": {
            "per_traject": {
                "titel": "Vraag en plaatsen per traject",
                "kolommen": [
                    {"naam": "categorie", "titel": "Traject"},
                    {"naam": "aanbieder", "titel": "Aanbieder"},
                    {"naam": "plaatsen_tegelijk", "titel": "Plaatsen tegelijk"},
                    {"naam": "starts", "titel": "Starts ingekocht"},
                    {"naam": "lopend", "titel": "Lopend"},
                    {"naam": "wachtend", "titel": "Wachtend"},
                    {"naam": "vraag", "titel": "Vraag (lopend + wachtend)"},
                    {"naam": "wacht_mediaan", "titel": "Wachttijd mediaan (dagen)"},
                    {"naam": "wacht_p80", "titel": "Wachttijd p80 (dagen)"},
                    {"naam": "geweigerd", "titel": "Geweigerd in de periode"},
                ],
                "rijen": per_traject,
            },
            "weigeringen": {
                "titel": "Geweigerde inschrijvingen in de periode naar reden",
                "kolommen": [
                    {"naam": "categorie", "titel": "Leerroute van de plaats"},
                    {"naam": "reden", "titel": "Reden"},
                    {"naam": "aantal", "titel": "Aantal"},
                ],
                "rijen": [
                    {
                        "categorie": namen.get(w["leerroute"], "routevrij"),
                        "reden": w["reden"],
                        "aantal": w["n"],
                    }
                    for w in weigeringen
                ],
            },
        }
    }


def _uitleg(p: dt.date, jaar: int, van: dt.date, tot: dt.date) -> str:
    return (
        f"Peildatum {p:%d-%m-%Y}; plaatsen onder de contracten die dan lopen, elke "
        "capaciteitsvorm apart: plaatsen tegelijk (bezet: wie nu aangemeld of gestart is) en "
        "starts in de looptijd (gebruikt: wie er startte); ze worden nooit opgeteld. Vrij: "
        "zoveel clienten kunnen nu nog starten, in een lege plaats of met een ongebruikte start. "
        "Vraag: wie nu lopend is plus wie op de wachtlijst staat; beschikbaar: wie lopend is "
        "plus wat vrij is, zodat vraag en beschikbaar allebei mensen tegelijk tellen; "
        "wachttijd: dagen van de aanvraag tot de client van de lijst ging, "
        "of tot de peildatum voor wie nog wacht, over iedereen die in de periode op de lijst "
        f"stond; budget, verplicht en besteed over {jaar}, zoals in het budgetrapport; "
        "geweigerd: inschrijfpogingen die "
        f"het register weigerde, {van:%d-%m-%Y} t/m {tot:%d-%m-%Y}."
    )


def _bronnen(v: Verzoek) -> dict:
    """What the volumes report counts per leerroute: demand, places, enrolments, money,
    budgets and refusals of the report's gemeenten (seven queries)."""
    p, jaar = v.peildatum, v.peildatum.year
    van, tot = v.periode
    vraag = dict(
        clienten_op(p, v)
        .filter(~uitgestroomd_op(p))
        .values_list("leerroute")
        .annotate(n=Count("pk"))
        .order_by()
    )
    plaatsen = {
        r["leerroute"]: r
        for r in Contractregel.objects.filter(
            contract__status=Contract.Status.GEGUND,
            contract__startdatum__lte=p,
            contract__einddatum__gte=p,
        )
        .values("leerroute")
        .annotate(**_plaatsen(v))
        .order_by()
    }
    inschrijvingen = _inschrijvingen(v)
    geld = ramingen(
        v.binnen(Inschrijving.objects, "client__gemeente")
        .filter(raakt_jaar(jaar), datum_aanmelding__lte=p)
        .exclude(contractregel__contract__aanbieder__soort=Aanbieder.Soort.INTERN),
        jaar=jaar,
        tot=p,
        per="contractregel__leerroute",
    )
    # The region's budget is its gemeenten's and its own together.
    budgetten = {
        b["leerroute"]: b
        for b in v.binnen(Budget.objects.filter(jaar=jaar))
        .values("leerroute")
        .annotate(bedrag=Sum("bedrag"), verwacht_volume=Sum("verwacht_volume"))
        .order_by()
    }
    gecontracteerd = gecontracteerd_per_route(jaar, v.contractaandeel())
    weigeringen = list(
        v.binnen(Weigering.objects.filter(datum__gte=van, datum__lte=tot))
        .values("leerroute", "reden")
        .annotate(n=Count("pk"))
        .order_by("leerroute", "-n", "reden")
    )
    geweigerd = {}
    for w in weigeringen:
        geweigerd[w["leerroute"]] = geweigerd.get(w["leerroute"], 0) + w["n"]
    return {
        "vraag": vraag,
        "plaatsen": plaatsen,
        "inschrijvingen": inschrijvingen,
        "geld": geld,
        "budgetten": budgetten,
        "gecontracteerd": gecontracteerd,
        "weigeringen": weigeringen,
        "geweigerd": geweigerd,
    }


def _inschrijvingen(v: Verzoek) -> dict:
    """Per leerroute the places taken under the contracts running on the peildatum, each on
    its own footing, and the enrolments running."""
    p, vorm = v.peildatum, Contractregel.Capaciteitsvorm
    loopt_op_p = Q(
        contractregel__contract__status=Contract.Status.GEGUND,
        contractregel__contract__startdatum__lte=p,
        contractregel__contract__einddatum__gte=p,
    )
    lopend_op_p = Q(datum_aanmelding__lte=p, geannuleerd=False) & (
        Q(einddatum__isnull=True) | Q(einddatum__gt=p)
    )
    gelijktijdig = Q(contractregel__capaciteitsvorm=vorm.GELIJKTIJDIG)
    inschrijvingen = {
        g["contractregel__leerroute"]: g
        for g in v.binnen(Inschrijving.objects, "client__gemeente")
        .values("contractregel__leerroute")
        .annotate(
            # Places taken under the contracts counted in `plaatsen`, each on its own footing.
            tegelijk_bezet=Count(
                "pk", filter=loopt_op_p & gelijktijdig & neemt_plaats(peildatum=p)
            ),
            starts_gebruikt=Count(
                "pk", filter=loopt_op_p & ~gelijktijdig & neemt_plaats(peildatum=p)
            ),
            lopend=Count("pk", filter=lopend_op_p),
        )
        .order_by()
    }
    return inschrijvingen


def _route_rij(route, b: dict, per_route: dict, wachten: list[dict]) -> dict:
    """One leerroute (None: route-free) of the volumes report."""
    code = route.code if route else None
    g = b["inschrijvingen"].get(code, {})
    budget = b["budgetten"].get(code)
    rij = {
        "categorie": route.naam if route else "routevrij / nog geen route",
        "code": code or "",
        "clienten": b["vraag"].get(code, 0),
        "plaatsen_tegelijk": b["plaatsen"].get(code, {}).get("tegelijk") or 0,
        "tegelijk_bezet": g.get("tegelijk_bezet", 0),
        "starts": b["plaatsen"].get(code, {}).get("starts") or 0,
        "starts_gebruikt": g.get("starts_gebruikt", 0),
        "lopend": g.get("lopend", 0),
        **_wachtcijfers(per_route.get(code, [])),
        "budget": budget["bedrag"] if budget else None,
        "verwacht_volume": budget["verwacht_volume"] if budget else None,
        "gecontracteerd": b["gecontracteerd"].get(code) or GELD0,
        "verplicht": b["geld"][code].verplicht if code in b["geld"] else GELD0,
        "besteed": b["geld"][code].gerealiseerd if code in b["geld"] else GELD0,
        "geweigerd": b["geweigerd"].get(code, 0),
    }
    # Free: one more client can start (a place at once not taken, or a start not used),
    # not held by an offer from the waiting list (as on the contract).
    rij["aangeboden"] = sum(
        1 for w in wachten if w["houdt_plaats"] and w["aangeboden_regel__leerroute"] == code
    )
    rij["vrij"] = (
        rij["plaatsen_tegelijk"]
        - rij["tegelijk_bezet"]
        + rij["starts"]
        - rij["starts_gebruikt"]
        - rij["aangeboden"]
    )
    # Demand and what serves it now, both in people at once: who runs, who waits; who
    # runs and who could start.
    rij["vraag"] = rij["aantal"] = rij["lopend"] + rij["wachtend"]
    rij["beschikbaar"] = rij["lopend"] + max(rij["vrij"], 0)
    rij["dekking"] = percentage(rij["beschikbaar"], rij["vraag"]) if route else None
    rij["signaal"] = _signaal(rij) if route else ""
    return rij


def _signaal(rij: dict) -> str:
    if rij["clienten"] and not (rij["plaatsen_tegelijk"] or rij["starts"]):
        return "clienten zonder ingekochte plaatsen"
    if rij["wachtend"] > max(rij["vrij"], 0):
        return "meer vraag dan ingekochte plaatsen"
    if rij["wachtend"]:
        return f"{rij['wachtend']} wachtend"
    return ""


def _wachttijden(v: Verzoek, van: dt.date, tot: dt.date) -> list[dict]:
    """Everyone on the waiting list at some time in the period (up to the peildatum): the
    route of the place waited for (as places and enrolments count: a route-free traject such
    as the voortraject is route-free, whoever waits for it), the traject, whether still
    waiting on the peildatum, and the days waited until leaving the list or the peildatum."""
    p = v.peildatum
    eind = min(tot, p)
    routevrij = set(
        Contractregel.objects.filter(leerroute__isnull=True).values_list("traject", flat=True)
    )
    uit = []
    for w in (
        v.binnen(Wachtlijstplaats.objects, "client__gemeente")
        .filter(aangevraagd_op__date__lte=eind)
        .filter(Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gte=van))
        .values(
            "leerroute",
            "traject",
            "contractregel",
            "contractregel__leerroute",
            "aangevraagd_op",
            "afgesloten_op",
            "aangeboden_op",
            "aangeboden_regel__leerroute",
        )
    ):
        if w["contractregel"]:
            w["leerroute"] = w["contractregel__leerroute"]
        elif w["traject"] in routevrij:
            w["leerroute"] = None
        aangevraagd = timezone.localtime(w["aangevraagd_op"]).date()
        nog = w["afgesloten_op"] is None or w["afgesloten_op"] > p
        tot_dag = p if nog else w["afgesloten_op"]
        # As registratie.selectors.aanbod_open_op: an offer holding its place on p.
        houdt = nog and w["aangeboden_op"] is not None and w["aangeboden_op"] <= p
        uit.append(
            {**w, "wacht_nog": nog, "houdt_plaats": houdt, "dagen": (tot_dag - aangevraagd).days}
        )
    return uit


def _wachtcijfers(wachten: list[dict]) -> dict:
    dagen = sorted(w["dagen"] for w in wachten)
    return {
        "wachtend": sum(1 for w in wachten if w["wacht_nog"]),
        "wacht_mediaan": _kwantiel(dagen, 0.5),
        "wacht_p80": _kwantiel(dagen, 0.8),
    }


def _kwantiel(gesorteerd: list[int], q: float) -> float | None:
    """The q-quantile by linear interpolation (as Excel's PERCENTILE.INC)."""
    if not gesorteerd:
        return None
    positie = (len(gesorteerd) - 1) * q
    laag = int(positie)
    hoog = min(laag + 1, len(gesorteerd) - 1)
    return round(gesorteerd[laag] + (gesorteerd[hoog] - gesorteerd[laag]) * (positie - laag), 1)


def _plaatsen(v: Verzoek) -> dict:
    """Places at once and starts bought, these gemeenten' part of them (Verzoek.contractaandeel),
    rounded down per line as the enrolment check rounds a share (Contractdeelname.plaatsen)."""
    vorm = Contractregel.Capaciteitsvorm
    deel = F("capaciteit")
    if v.gemeenten is not None:
        deel = Cast(Floor(F("capaciteit") * v.contractaandeel()), IntegerField())
    return {
        "tegelijk": Sum(deel, filter=Q(capaciteitsvorm=vorm.GELIJKTIJDIG)),
        "starts": Sum(deel, filter=Q(capaciteitsvorm=vorm.INSTROOM)),
    }


def _per_traject(v: Verzoek, van: dt.date, tot: dt.date, wachten: list[dict]) -> list[dict]:
    """Per traject with places under a running contract or clients waiting for it."""
    p = v.peildatum
    loopt = Q(
        contract__status=Contract.Status.GEGUND,
        contract__startdatum__lte=p,
        contract__einddatum__gte=p,
    )
    plaatsen = {
        r["traject"]: r
        for r in Contractregel.objects.filter(loopt)
        .values("traject")
        .annotate(**_plaatsen(v))
        .order_by()
    }
    lopend = dict(
        v.binnen(Inschrijving.objects, "client__gemeente")
        .filter(datum_aanmelding__lte=p, geannuleerd=False)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gt=p))
        .values_list("contractregel__traject")
        .annotate(n=Count("pk"))
        .order_by()
    )
    geweigerd = dict(
        v.binnen(Weigering.objects.filter(datum__gte=van, datum__lte=tot))
        .values_list("contractregel__traject")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per: dict = {}
    for w in wachten:
        per.setdefault(w["traject"], []).append(w)
    ids = set(plaatsen) | set(per)
    rijen = []
    for t in Traject.objects.filter(pk__in=ids).select_related("aanbieder").order_by("naam"):
        rij = {
            "categorie": t.naam,
            "code": t.code,
            "aanbieder": t.aanbieder.naam,
            "plaatsen_tegelijk": plaatsen.get(t.pk, {}).get("tegelijk") or 0,
            "starts": plaatsen.get(t.pk, {}).get("starts") or 0,
            "lopend": lopend.get(t.pk, 0),
            **_wachtcijfers(per.get(t.pk, [])),
            "geweigerd": geweigerd.get(t.pk, 0),
        }
        rij["vraag"] = rij["lopend"] + rij["wachtend"]
        rijen.append(rij)
    return rijen
