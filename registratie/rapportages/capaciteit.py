"""Demand against what is bought: volumes per leerroute, and caseload per year and specialist."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import ExtractYear

from aanbod.models import Leerroute
from inkoop.models import Budget, Contract, Contractregel
from inkoop.selectors import neemt_plaats
from registratie.models import Inschrijving, Weigering
from registratie.rapportages.basis import Rapport, Verzoek, clienten_op, percentage

GELD0 = Decimal("0.00")


def volumes(v: Verzoek) -> Rapport:
    """Per leerroute on the peildatum: demand (clients with that route, not flowed out),
    contracted places, places taken (by each regel's capaciteitsvorm), free, and the year's
    budget, committed and spent. A route with demand but no places, or more demand than
    places, is flagged; and the enrolments refused in the period, per route and reason (the
    demand that did not get a place). Six queries."""
    p, jaar = v.peildatum, v.peildatum.year
    vraag = dict(
        clienten_op(p)
        .filter(Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gt=p))
        .values_list("leerroute")
        .annotate(n=Count("pk"))
        .order_by()
    )
    plaatsen = dict(
        Contractregel.objects.filter(
            contract__status=Contract.Status.GEGUND,
            contract__startdatum__lte=p,
            contract__einddatum__gte=p,
        )
        .values_list("leerroute")
        .annotate(n=Sum("capaciteit"))
        .order_by()
    )
    in_jaar = Q(datum_aanmelding__year=jaar, datum_aanmelding__lte=p)
    loopt_op_p = Q(
        contractregel__contract__status=Contract.Status.GEGUND,
        contractregel__contract__startdatum__lte=p,
        contractregel__contract__einddatum__gte=p,
    )
    inschrijvingen = {
        g["contractregel__leerroute"]: g
        for g in Inschrijving.objects.values("contractregel__leerroute")
        .annotate(
            # Places taken under the contracts counted in `plaatsen`, by each regel's form.
            ingeschreven=Count("pk", filter=loopt_op_p & neemt_plaats(peildatum=p)),
            verplicht=Sum("tarief", filter=in_jaar),
            besteed=Sum(
                "tarief",
                filter=in_jaar & Q(startdatum__lte=p) & ~Q(status=Inschrijving.Status.AANGEMELD),
            ),
        )
        .order_by()
    }
    budgetten = {b.leerroute_id: b for b in Budget.objects.filter(jaar=jaar)}
    van, tot = v.periode
    weigeringen = list(
        Weigering.objects.filter(datum__gte=van, datum__lte=tot)
        .values("leerroute", "reden")
        .annotate(n=Count("pk"))
        .order_by("leerroute", "-n", "reden")
    )
    geweigerd = {}
    for w in weigeringen:
        geweigerd[w["leerroute"]] = geweigerd.get(w["leerroute"], 0) + w["n"]
    routes = list(Leerroute.objects.all())
    namen = {lr.code: lr.naam for lr in routes}
    rijen = []
    for route in [*routes, None]:
        code = route.code if route else None
        g = inschrijvingen.get(code, {})
        budget = budgetten.get(code)
        rij = {
            "categorie": route.naam if route else "routevrij / nog geen route",
            "code": code or "",
            "vraag": vraag.get(code, 0),
            "plaatsen": plaatsen.get(code) or 0,
            "ingeschreven": g.get("ingeschreven", 0),
            "budget": budget.bedrag if budget else None,
            "verwacht_volume": budget.verwacht_volume if budget else None,
            "verplicht": g.get("verplicht") or GELD0,
            "besteed": g.get("besteed") or GELD0,
            "geweigerd": geweigerd.get(code, 0),
        }
        rij["vrij"] = rij["plaatsen"] - rij["ingeschreven"]
        rij["aantal"] = rij["vraag"]
        rij["dekking"] = percentage(rij["plaatsen"], rij["vraag"]) if route else None
        if route is None:
            rij["signaal"] = ""
        elif rij["vraag"] and not rij["plaatsen"]:
            rij["signaal"] = "vraag zonder ingekochte plaatsen"
        elif rij["vraag"] > rij["plaatsen"]:
            rij["signaal"] = "meer vraag dan ingekochte plaatsen"
        else:
            rij["signaal"] = ""
        rijen.append(rij)
    return Rapport(
        "volumes",
        "Volumes per leerroute: vraag, ingekochte plaatsen en budget",
        v,
        [
            ("categorie", "Leerroute"),
            ("vraag", "Vraag (clienten)"),
            ("plaatsen", "Plaatsen"),
            ("ingeschreven", "Bezet"),
            ("vrij", "Vrij"),
            ("geweigerd", "Geweigerd in de periode"),
            ("dekking", "Plaatsen / vraag %"),
            ("budget", "Budget"),
            ("verplicht", "Verplicht"),
            ("besteed", "Besteed"),
            ("signaal", "Signaal"),
        ],
        rijen,
        extra={
            "tabellen": {
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
                }
            }
        },
        toelichting=f"Peildatum {p:%d-%m-%Y}; plaatsen en bezet onder de contracten die dan "
        "lopen, bezet volgens de capaciteitsvorm van elke regel; budget, verplicht en besteed "
        f"over {jaar}; geweigerd: inschrijfpogingen die het register weigerde, "
        f"{van:%d-%m-%Y} t/m {tot:%d-%m-%Y}.",
    )


def caseload(v: Verzoek) -> Rapport:
    """Per year up to the peildatum: carried over, inflow, total guided, outflow, remaining
    (one aggregate query with a filter per year); and per specialist on the peildatum
    against the norm (one grouped query)."""
    p = v.peildatum
    norm = int(v.parameters.get("norm") or settings.CASELOAD_NORM)
    basis = clienten_op(p).filter(begeleid_sinds__isnull=False)
    eerste = basis.aggregate(j=Min(ExtractYear("begeleid_sinds")))["j"] or p.year
    jaren = range(max(eerste, p.year - 9), p.year + 1)
    tellingen = {}
    for jaar in jaren:
        begin, eind = dt.date(jaar, 1, 1), min(dt.date(jaar, 12, 31), p)
        nog_bezig = Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gte=begin)
        tellingen[f"over_{jaar}"] = Count("pk", filter=Q(begeleid_sinds__lt=begin) & nog_bezig)
        tellingen[f"in_{jaar}"] = Count(
            "pk", filter=Q(begeleid_sinds__gte=begin, begeleid_sinds__lte=eind)
        )
        tellingen[f"uit_{jaar}"] = Count(
            "pk",
            filter=Q(
                uitstroom_datum__gte=begin,
                uitstroom_datum__lte=eind,
                begeleid_sinds__lte=F("uitstroom_datum"),
            ),
        )
    t = basis.aggregate(**tellingen)
    rijen = []
    for jaar in jaren:
        totaal = t[f"over_{jaar}"] + t[f"in_{jaar}"]
        rijen.append(
            {
                "categorie": str(jaar),
                "jaar": jaar,
                "overgenomen": t[f"over_{jaar}"],
                "instroom": t[f"in_{jaar}"],
                "aantal": totaal,
                "uitstroom": t[f"uit_{jaar}"],
                "resterend": totaal - t[f"uit_{jaar}"],
            }
        )
    specialisten = (
        basis.filter(
            Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gt=p), begeleid_sinds__lte=p
        )
        .values("specialist__username", "specialist__first_name", "specialist__last_name")
        .annotate(n=Count("pk"))
        .order_by("specialist__username")
    )
    per_specialist = [
        {
            "categorie": " ".join(
                filter(None, [s["specialist__first_name"], s["specialist__last_name"]])
            )
            or s["specialist__username"]
            or "geen specialist",
            "specialist": s["specialist__username"] or "",
            "aantal": s["n"],
            "norm": norm,
            "percentage_norm": percentage(s["n"], norm),
            "signaal": "boven de norm" if s["n"] > norm else "",
        }
        for s in specialisten
    ]
    return Rapport(
        "caseload",
        "Caseload per jaar en per specialist",
        v,
        [
            ("categorie", "Jaar"),
            ("overgenomen", "Overgenomen"),
            ("instroom", "Instroom"),
            ("aantal", "Totaal begeleid"),
            ("uitstroom", "Uitstroom"),
            ("resterend", "Resterend"),
        ],
        rijen,
        extra={
            "norm": norm,
            "tabellen": {
                "per_specialist": {
                    "titel": f"Caseload per specialist (norm {norm})",
                    "kolommen": [
                        {"naam": "categorie", "titel": "Specialist"},
                        {"naam": "aantal", "titel": "Clienten"},
                        {"naam": "percentage_norm", "titel": "% van norm"},
                        {"naam": "signaal", "titel": "Signaal"},
                    ],
                    "rijen": per_specialist,
                }
            },
        },
        toelichting="Begeleid vanaf de brede intake (of anders de eerste inschrijving); het "
        "lopende jaar telt tot en met de peildatum.",
    )
