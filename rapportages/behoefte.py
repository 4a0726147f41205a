"""Inkoopbehoefte: the places each leerroute and traject kind will need in the next four
half-years, from the inflow prognosis and what the register observed in the last year."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, F, Sum
from django.utils.formats import number_format

from aanbod.models import Leerroute, Traject
from inkoop.models import Budget, Contract, Contractregel, Instroomprognose
from kern.eenheden import GETAL
from rapportages.basis import Rapport, Verzoek
from registratie.models import Client, Inschrijving

HALFJAREN = 4
VENSTER = 365  # days of history the mix, the starts per client and the durations come from
ROUTEVRIJ = ""


@dataclass(frozen=True)
class Halfjaar:
    jaar: int
    helft: int

    @property
    def begin(self) -> dt.date:
        return dt.date(self.jaar, 1 if self.helft == 1 else 7, 1)

    @property
    def eind(self) -> dt.date:
        return dt.date(self.jaar, 6, 30) if self.helft == 1 else dt.date(self.jaar, 12, 31)

    @property
    def dagen(self) -> int:
        return (self.eind - self.begin).days + 1

    @property
    def naam(self) -> str:
        return f"{self.helft}e halfjaar {self.jaar}"

    def volgende(self) -> "Halfjaar":
        return Halfjaar(self.jaar, 2) if self.helft == 1 else Halfjaar(self.jaar + 1, 1)

    @classmethod
    def van(cls, datum: dt.date) -> "Halfjaar":
        return cls(datum.year, 1 if datum.month <= 6 else 2)


def _overlap(begin: dt.date, eind: dt.date, h: Halfjaar) -> int:
    return max(0, (min(eind, h.eind) - max(begin, h.begin)).days + 1)


def inkoopbehoefte(v: Verzoek) -> Rapport:
    """Per half-year and leerroute (and per traject kind in a second table): expected clients
    = inflow x route share; expected starts = clients x starts per client observed; places
    needed at the same time = starts per day x mean duration (Little's law, L = lambda x W);
    contracted places in that half-year on the same footing; the shortage; and the money at
    the current tarieven against half the year's budget. Eight queries."""
    p = v.peildatum
    venster = (p - dt.timedelta(days=VENSTER - 1), p)
    halfjaren = [Halfjaar.van(p).volgende()]
    while len(halfjaren) < HALFJAREN:
        halfjaren.append(halfjaren[-1].volgende())

    # 1. Inflow per half-year: the prognosis, or else the last year's inflow halved.
    # The region's prognosis and budget are its gemeenten's and its own together.
    prognoses = {
        (g["jaar"], g["halfjaar"]): g["aantal"]
        for g in v.binnen(Instroomprognose.objects.filter(jaar__gte=halfjaren[0].jaar))
        .values("jaar", "halfjaar")
        .annotate(aantal=Sum("aantal"))
        .order_by()
    }
    in_route = dict(
        v.binnen(Client.objects)
        .filter(
            datum_brede_intake__gte=venster[0],
            datum_brede_intake__lte=p,
            leerroute__isnull=False,
        )
        .values_list("leerroute")
        .annotate(n=Count("pk"))
        .order_by()
    )
    nieuw = sum(in_route.values())
    waargenomen_instroom = Decimal(nieuw) / 2

    # 2. The route mix: observed, unless the inkoper overrides it (percentages).
    routes = list(Leerroute.objects.all())
    mix = {
        r.code: Decimal(in_route.get(r.code, 0)) / nieuw if nieuw else Decimal(0) for r in routes
    }
    overschreven = {
        r.code: Decimal(str(v.parameters[f"mix_{r.code}"])) / 100
        for r in routes
        if v.parameters.get(f"mix_{r.code}") is not None
    }
    mix.update(overschreven)

    # 3. Starts per client in the window, per (route of the place, traject kind).
    starts = {
        (s["contractregel__leerroute"] or ROUTEVRIJ, s["contractregel__traject__soort"]): s["n"]
        for s in v.binnen(Inschrijving.objects, "client__gemeente")
        .filter(startdatum__gte=venster[0], startdatum__lte=p, geannuleerd=False)
        .values("contractregel__leerroute", "contractregel__traject__soort")
        .annotate(n=Count("pk"))
        .order_by()
    }

    # 4. Mean duration per kind: enrolments that ended in the window (not cancelled), else
    # the catalogue's duration in weeks.
    duur = {
        d["contractregel__traject__soort"]: d["dagen"]
        for d in v.binnen(Inschrijving.objects, "client__gemeente")
        .filter(einddatum__gte=venster[0], einddatum__lte=p, geannuleerd=False)
        .annotate(looptijd=F("einddatum") - F("startdatum"))
        .values("contractregel__traject__soort")
        .annotate(dagen=Avg("looptijd"))
        .order_by()
    }
    duur = {k: _dagen(d) for k, d in duur.items()}
    catalogus = {
        t["soort"]: t["weken"]
        for t in Traject.objects.filter(duur_weken__isnull=False)
        .values("soort")
        .annotate(weken=Avg("duur_weken"))
        .order_by()
    }

    # 5. Contracted places per (route, kind): every awarded regel whose term touches a
    # half-year, with its capaciteitsvorm; the current tarieven also from the regels of the
    # last year, so a route whose contracts end still has a price.
    regels = list(
        Contractregel.objects.filter(
            contract__status=Contract.Status.GEGUND,
            contract__einddatum__gte=venster[0],
            contract__startdatum__lte=halfjaren[-1].eind,
        )
        .annotate(aandeel=v.contractaandeel())
        .values(
            "leerroute",
            "aandeel",
            "traject__soort",
            "capaciteit",
            "capaciteitsvorm",
            "tarief",
            "verwachte_eenheden",
            "contract__startdatum",
            "contract__einddatum",
        )
    )
    tarieven: dict = {}
    for r in regels:
        tarieven.setdefault((r["leerroute"] or ROUTEVRIJ, r["traject__soort"]), []).append(
            r["tarief"] * r["verwachte_eenheden"]
        )
    budgetten = {
        (b["jaar"], b["leerroute"]): b["bedrag"]
        for b in v.binnen(
            Budget.objects.filter(jaar__gte=halfjaren[0].jaar, jaar__lte=halfjaren[-1].jaar)
        )
        .values("jaar", "leerroute")
        .annotate(bedrag=Sum("bedrag"))
        .order_by()
    }

    segmenten = sorted(
        set(starts) | {(r["leerroute"] or ROUTEVRIJ, r["traject__soort"]) for r in regels}
    )
    soortnamen = dict(Traject.Soort.choices)
    routenamen = {r.code: r.naam for r in routes} | {ROUTEVRIJ: "routevrij"}
    rijen, details = [], []
    for h in halfjaren:
        prognose = prognoses.get((h.jaar, h.helft))
        instroom = Decimal(prognose) if prognose is not None else waargenomen_instroom
        per_route: dict = {}
        for route, soort in segmenten:
            clienten_nu = nieuw if route == ROUTEVRIJ else in_route.get(route, 0)
            per_client = Decimal(starts.get((route, soort), 0)) / clienten_nu if clienten_nu else 0
            verwacht = instroom * (1 if route == ROUTEVRIJ else mix.get(route, 0))
            lam = verwacht * per_client  # expected starts in the half-year
            w = duur.get(soort) or Decimal(catalogus.get(soort) or 0) * 7
            nodig = lam / h.dagen * w  # places held at the same time (L = lambda x W)
            contract = _gecontracteerd(regels, route, soort, h, w)
            tarief = _gemiddeld(tarieven.get((route, soort), []))
            bedrag = lam * tarief
            rij = {
                "categorie": f"{h.naam} – {routenamen.get(route, route)} – "
                f"{soortnamen.get(soort, soort)}",
                "halfjaar": h.naam,
                "leerroute": route,
                "soort": soort,
                "verwachte_clienten": _r(verwacht),
                "starts_per_client": _r(per_client, "0.01"),
                "verwachte_starts": _r(lam),
                "duur_dagen": _r(w),
                "plaatsen_nodig": _r(nodig),
                "gecontracteerd": _r(contract),
                "tekort": _r(nodig - contract),
                "tarief": _r(tarief, "0.01"),
                "bedrag": _r(bedrag, "0.01"),
            }
            details.append(rij)
            totaal = per_route.setdefault(
                route, {"nodig": 0, "contract": 0, "bedrag": 0, "starts": 0}
            )
            totaal["nodig"] += nodig
            totaal["contract"] += contract
            totaal["bedrag"] += bedrag
            totaal["starts"] += lam
        for route in [*(r.code for r in routes), ROUTEVRIJ]:
            t = per_route.get(route, {"nodig": 0, "contract": 0, "bedrag": 0, "starts": 0})
            budget = budgetten.get((h.jaar, route))
            tekort = Decimal(t["nodig"]) - Decimal(t["contract"])
            rijen.append(
                {
                    "categorie": f"{h.naam} – {routenamen[route]}",
                    "halfjaar": h.naam,
                    "begin": h.begin.isoformat(),
                    "leerroute": route,
                    "route": routenamen[route],
                    "instroom": _r(instroom),
                    "bron": "prognose"
                    if prognose is not None
                    else "geschat uit de afgelopen 12 maanden",
                    "aandeel": None if route == ROUTEVRIJ else _r(mix.get(route, 0) * 100),
                    "verwachte_clienten": _r(
                        instroom * (1 if route == ROUTEVRIJ else mix.get(route, 0))
                    ),
                    "verwachte_starts": _r(t["starts"]),
                    "plaatsen_nodig": _r(t["nodig"]),
                    "gecontracteerd": _r(t["contract"]),
                    "tekort": _r(tekort),
                    "bedrag": _r(t["bedrag"], "0.01"),
                    "budget": None if budget is None else _r(budget / 2, "0.01"),
                    "signaal": f"tekort van {number_format(_r(tekort))} plaatsen tegelijk"
                    if tekort >= 1
                    else "",
                }
            )
    mix_tekst = ", ".join(
        f"{routenamen[c]} {number_format(_r(a * 100))}%" + (" (opgegeven)" * (c in overschreven))
        for c, a in mix.items()
    )
    return Rapport(
        "inkoopbehoefte",
        "Inkoopbehoefte per leerroute, de komende vier halfjaren",
        v,
        [
            ("categorie", "Halfjaar en leerroute"),
            ("instroom", "Instroom"),
            ("bron", "Bron instroom"),
            ("aandeel", "Aandeel route %"),
            ("verwachte_clienten", "Verwachte clienten"),
            ("verwachte_starts", "Verwachte starts"),
            ("plaatsen_nodig", "Plaatsen nodig (tegelijk)"),
            ("gecontracteerd", "Gecontracteerd (tegelijk)", GETAL),
            ("tekort", "Tekort (+) of over (-)"),
            ("bedrag", "Kosten tegen huidige tarieven"),
            ("budget", "Budget (half jaarbudget)"),
            ("signaal", "Signaal"),
        ],
        rijen,
        extra={
            "mix": {c: float(a) for c, a in mix.items()},
            "tabellen": {
                "per_soort": {
                    "titel": "De invoer per leerroute en soort traject",
                    "kolommen": [
                        {"naam": "categorie", "titel": "Halfjaar, leerroute van de plaats, soort"},
                        {"naam": "verwachte_clienten", "titel": "Verwachte clienten"},
                        {"naam": "starts_per_client", "titel": "Starts per client (12 mnd)"},
                        {"naam": "verwachte_starts", "titel": "Verwachte starts (λ)"},
                        {"naam": "duur_dagen", "titel": "Gemiddelde duur in dagen (W)"},
                        {"naam": "plaatsen_nodig", "titel": "Plaatsen nodig (L)"},
                        {"naam": "gecontracteerd", "titel": "Gecontracteerd", "eenheid": GETAL},
                        {"naam": "tekort", "titel": "Tekort (+) of over (-)"},
                        {"naam": "tarief", "titel": "Gemiddeld tarief"},
                        {"naam": "bedrag", "titel": "Kosten"},
                    ],
                    "rijen": details,
                }
            },
        },
        toelichting=(
            "Zo is gerekend. De instroom per halfjaar komt uit de instroomprognose (taakstelling "
            "statushouders plus verwachte gezinsmigranten); zonder prognose is het de helft van "
            f"de instroom van de afgelopen 12 maanden ({nieuw} clienten kregen een leerroute). "
            f"Die instroom verdeelt zich over de leerroutes zoals in die 12 maanden ({mix_tekst}). "
            "Per leerroute en soort traject is het aantal starts per client in die 12 maanden "
            "het verwachte aantal starts (λ) per verwachte client; routevrije delen gelden voor "
            "alle clienten. Hoeveel plaatsen tegelijk nodig zijn volgt uit de wet van Little: "
            "L = λ per dag × W, met W de gemiddelde duur van de trajecten van die soort die in "
            "die 12 maanden eindigden (anders de duur uit de catalogus). Gecontracteerd telt de "
            "plaatsen van gegunde contractregels naar het deel van het halfjaar dat het contract "
            "loopt; een capaciteit 'instroom' (starts in de looptijd) telt naar hetzelfde deel "
            "als λ × W. Kosten: verwachte starts × het gemiddelde bedrag per inschrijving "
            "(tarief × eenheden) van de regels, tegen de helft van het jaarbudget van de route."
        ),
    )


def _gecontracteerd(regels, route, soort, h: Halfjaar, w) -> Decimal:
    totaal = Decimal(0)
    for r in regels:
        if (r["leerroute"] or ROUTEVRIJ, r["traject__soort"]) != (route, soort):
            continue
        begin, eind = r["contract__startdatum"], r["contract__einddatum"]
        deel = Decimal(_overlap(begin, eind, h)) / h.dagen
        capaciteit = r["capaciteit"] * Decimal(str(r["aandeel"]))  # these gemeenten' part
        if r["capaciteitsvorm"] == Contractregel.Capaciteitsvorm.GELIJKTIJDIG:
            totaal += capaciteit * deel
        else:  # starts in the term, as many of them in this half-year, held for W days
            looptijd = (eind - begin).days + 1
            starts_hier = capaciteit * _overlap(begin, eind, h) / looptijd
            totaal += starts_hier / h.dagen * Decimal(w)
    return totaal


def _gemiddeld(waarden) -> Decimal:
    return sum(waarden, Decimal(0)) / len(waarden) if waarden else Decimal(0)


def _dagen(waarde) -> Decimal:
    """Avg of a date difference: a timedelta (PostgreSQL) or microseconds (SQLite)."""
    if isinstance(waarde, dt.timedelta):
        return Decimal(waarde.total_seconds()) / 86400
    return Decimal(waarde) / 86_400_000_000


def _r(waarde, stap: str = "0.1") -> Decimal:
    return Decimal(waarde).quantize(Decimal(stap))
