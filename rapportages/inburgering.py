"""The national indicators of the Wet inburgering 2021, per cohort: PIP on time, the routes,
switches and afschalen, modules, exams per part, the plicht fulfilled within the term, and
who still works after 6 and 12 months. A few aggregate queries grouped by cohort in the
database (clients, routes, and one per table of records), and two for the contacts after a
work outflow, whatever the number of clients."""

import statistics
from collections import defaultdict

from django.db.models import Count, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import ExtractYear

from aanbod.models import Traject
from kern.eenheden import AANTAL, DAGEN, PROCENT
from rapportages.basis import WERK, Rapport, Verzoek, clienten_op, percentage
from registratie.models import (
    Doelgroep,
    Examen,
    Inschrijving,
    Module,
    Nazorgcontact,
    PipVersie,
    PlichtStatus,
    plus_maanden,
)

ROUTES = (("b1", "B1-route"), ("onderwijs", "Onderwijsroute"), ("z", "Z-route"))
MODULES = (("knm", "KNM"), ("map", "MAP"), ("pvt", "PVT"), ("tst", "Taalschakeltraject"))
TAALCURSUS = (Traject.Soort.TAAL, Traject.Soort.ALFABETISERING, Traject.Soort.Z_ROUTE)
ONBEKEND = "onbekend"


def _nazorg(contacten: list, uitstroom, maanden: int, peildatum):
    """Whether the client works `maanden` after the outflow, by the first contact from then
    on (up to the peildatum); None when nobody asked yet."""
    vanaf = plus_maanden(uitstroom, maanden)
    for datum, werkt in contacten:
        if vanaf <= datum <= peildatum:
            return werkt
    return None


def _wie_heeft(tel, basis, qs, veld: str, indicatoren: dict, *, een_per_client=False) -> None:
    """Per cohort the clients with at least one record of `qs` per value of `veld` (the
    indicator `indicatoren[value]`): one scan of the table, grouped, rather than a subplan
    per indicator that each parallel worker runs again. `een_per_client`: the table holds
    at most one record per client and value (a constraint), so no need to count distinct."""
    for groep in (
        qs.filter(client__in=basis.values("pk"), **{f"{veld}__in": list(indicatoren)})
        .values(veld, cohort=ExtractYear("client__datum_inschrijving_gemeente"))
        .annotate(n=Count("client", distinct=not een_per_client))
        .order_by()
    ):
        cohort = str(groep["cohort"]) if groep["cohort"] else ONBEKEND
        indicator = indicatoren[groep[veld]]
        tel[indicator][cohort] += groep["n"]
        tel[indicator]["totaal"] += groep["n"]


def _pip_tot_taalcursus(basis, p, sleutels) -> dict[str, dict]:
    """Per cohort: how many started a language course after their first PIP, and the
    median number of days between (the monitor's 'tijdige start'). From the language
    courses' enrolments, grouped per client, not from every client joined to every
    enrolment."""
    eerste = (
        Inschrijving.objects.filter(
            client__in=basis.filter(datum_pip__lte=p).values("pk"),
            contractregel__traject__soort__in=TAALCURSUS,
            startdatum__lte=p,
            startdatum__gte=F("client__datum_pip"),
        )
        .values("client")
        .annotate(
            cohort=ExtractYear("client__datum_inschrijving_gemeente"),
            pip=F("client__datum_pip"),
            taal_start=Min("startdatum"),
        )
        .order_by()
    )
    dagen = defaultdict(list)
    for cohort, pip, start in eerste.values_list("cohort", "pip", "taal_start"):
        for k in (str(cohort) if cohort else ONBEKEND, "totaal"):
            dagen[k].append((start - pip).days)
    return {
        "gestart_taal": {k: len(dagen[k]) for k in sleutels},
        "dagen_pip_taal": {
            "eenheid": DAGEN,
            **{k: round(statistics.median(dagen[k])) if dagen[k] else None for k in sleutels},
        },
    }


def monitor(v: Verzoek) -> Rapport:
    p = v.peildatum
    versies = PipVersie.objects.filter(datum__lte=p)
    route_op = Subquery(
        versies.filter(client=OuterRef("pk")).order_by("-volgnummer").values("leerroute")[:1]
    )
    voldaan = Q(plicht_status=PlichtStatus.VOLDAAN, plicht_status_datum__lte=p)
    voorwaarden = {
        "clienten": Q(),
        "pip_beoordeeld": Q(pip_deadline__lte=p) | Q(datum_pip__lte=p),
        "pip_op_tijd": Q(datum_pip__lte=p) & Q(datum_pip__lte=F("pip_deadline")),
        **{f"doelgroep_{code}": Q(doelgroep=code) for code in Doelgroep.values},
        "doelgroep_onbekend": Q(doelgroep=""),
        "voldaan": voldaan,
        "termijn_beoordeeld": voldaan | Q(termijn_eind__lte=p),
        "binnen_termijn": voldaan & Q(plicht_status_datum__lte=F("termijn_eind")),
    }
    basis = clienten_op(p, v).annotate(cohort=ExtractYear("datum_inschrijving_gemeente"))
    tel = defaultdict(lambda: defaultdict(int))  # indicator -> cohort -> count
    cohorten = set()
    # The leerroute on the peildatum in a query of its own, grouped by it: as a filter per
    # route it was a subquery per client per route (four per client, 1.0 of 1.3 s at
    # 100,000 clients on PostgreSQL); grouped, it is one per client.
    _wie_heeft(
        tel,
        basis,
        versies,
        "reden",
        {PipVersie.Reden.SCHAKELEN: "geschakeld", PipVersie.Reden.AFSCHALEN: "afgeschaald"},
    )
    modules = Module.objects.filter(afgerond_op__lte=p)
    soorten = {s: f"module_{s}" for s, _ in MODULES}
    # Registratie.Module: one per client and soort (module_een_per_soort).
    _wie_heeft(tel, basis, modules, "soort", soorten, een_per_client=True)
    examens = Examen.objects.filter(Examen.telt(), behaald=True, datum__lte=p)
    delen = {d: f"examen_{d}" for d in Examen.Onderdeel.values}
    _wie_heeft(tel, basis, examens, "onderdeel", delen)
    routes = {code for code, _ in ROUTES}
    for groep in (
        basis.annotate(route_op=route_op)
        .values("cohort", "route_op")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        cohort = str(groep["cohort"]) if groep["cohort"] else ONBEKEND
        code = groep["route_op"]
        if code is None or code in routes:
            k = f"route_{code}" if code else "route_geen"
            tel[k][cohort] += groep["n"]
            tel[k]["totaal"] += groep["n"]
    for groep in (
        basis.values("cohort")
        .annotate(**{k: Count("pk", filter=q) for k, q in voorwaarden.items()})
        .order_by()
    ):
        cohort = str(groep["cohort"]) if groep["cohort"] else ONBEKEND
        cohorten.add(cohort)
        for k in voorwaarden:
            tel[k][cohort] += groep[k]
            tel[k]["totaal"] += groep[k]
    # Still working after 6 and 12 months: the work outflows and their contacts only.
    werk = basis.filter(uitstroom_reden__in=WERK, uitstroom_datum__lte=p).values_list(
        "pk", "cohort", "uitstroom_datum"
    )
    contacten = defaultdict(list)
    for client, datum, werkt in (
        Nazorgcontact.objects.filter(datum__lte=p, client__in=werk.values("pk"))
        .order_by("client", "datum")
        .values_list("client", "datum", "werkt_nog")
    ):
        contacten[client].append((datum, werkt))
    for pk, cohort, uit in werk:
        cohort = str(cohort) if cohort else ONBEKEND
        for maanden in (6, 12):
            if plus_maanden(uit, maanden) <= p:
                werkt = _nazorg(contacten[pk], uit, maanden, p)
                if werkt is not None:
                    for k in (cohort, "totaal"):
                        tel[f"bekend_{maanden}"][k] += 1
                        tel[f"werkt_{maanden}"][k] += werkt
    kolommen_cohort = sorted(cohorten - {ONBEKEND}) + ([ONBEKEND] if ONBEKEND in cohorten else [])
    sleutels = [*kolommen_cohort, "totaal"]
    tot_taal = _pip_tot_taalcursus(basis, p, sleutels)

    def rij(code, titel, teller=None, noemer=None):
        if code in tot_taal:
            return {"categorie": titel, "code": code, **tot_taal[code]}
        r = {"categorie": titel, "code": code}
        if noemer is not None:
            r["eenheid"] = PROCENT
        for k in sleutels:
            if noemer is None:
                r[k] = tel[teller or code][k]
            else:  # no percentage of nobody
                r[k] = percentage(tel[teller][k], tel[noemer][k]) if tel[noemer][k] else None
        return r

    rijen = [
        rij("clienten", "Clienten"),
        *(rij(f"doelgroep_{code}", f"Doelgroep: {naam}") for code, naam in Doelgroep.choices),
        rij("doelgroep_onbekend", "Doelgroep niet vastgelegd"),
        rij("pip_beoordeeld", "PIP: termijn van 10 weken verstreken of PIP vastgesteld"),
        rij("pip_op_tijd", "PIP binnen 10 weken"),
        rij("pct_pip_op_tijd", "PIP binnen 10 weken (%)", "pip_op_tijd", "pip_beoordeeld"),
        *(rij(f"route_{code}", f"Leerroute: {naam}") for code, naam in ROUTES),
        rij("route_geen", "Nog geen PIP"),
        rij("geschakeld", "Geschakeld naar een andere leerroute"),
        rij("afgeschaald", "Afgeschaald (een of meer examenonderdelen op A2)"),
        rij("gestart_taal", "Gestart met een taalcursus na het PIP"),
        rij("dagen_pip_taal", "Dagen van PIP tot start eerste taalcursus (mediaan)"),
        *(rij(f"module_{code}", f"Module {naam} afgerond") for code, naam in MODULES),
        *(
            rij(f"examen_{code}", f"Examen {naam} behaald")
            for code, naam in Examen.Onderdeel.choices
        ),
        rij("voldaan", "Inburgeringsplicht voldaan"),
        rij("termijn_beoordeeld", "Termijn verstreken of plicht voldaan"),
        rij("binnen_termijn", "Voldaan binnen de termijn"),
        rij(
            "pct_binnen_termijn",
            "Voldaan binnen de termijn (%)",
            "binnen_termijn",
            "termijn_beoordeeld",
        ),
        rij("bekend_6", "Uitgestroomd naar werk, na 6 maanden nagevraagd"),
        rij("pct_werkt_6", "Werkt na 6 maanden (%)", "werkt_6", "bekend_6"),
        rij("bekend_12", "Uitgestroomd naar werk, na 12 maanden nagevraagd"),
        rij("pct_werkt_12", "Werkt na 12 maanden (%)", "werkt_12", "bekend_12"),
    ]
    return Rapport(
        "monitor",
        "Landelijke indicatoren inburgering per cohort",
        v,
        [
            ("categorie", "Indicator"),
            *((str(k), str(k), AANTAL) for k in kolommen_cohort),
            ("totaal", "Totaal", AANTAL),
        ],
        rijen,
        toelichting="Cohort: het jaar van inschrijving in de gemeente. Alles op de peildatum: "
        "de leerroute van het laatste PIP-besluit tot dan, modules afgerond en examens behaald "
        "tot dan; een examen dat een aanbieder meldt telt pas als DUO het bevestigt. Taalcursus: "
        "taal, alfabetisering of het Z-route-programma. Binnen de termijn: voldaan op of voor "
        "het einde van de (verlengde) termijn, "
        "van wie de termijn verstreken is of die voldaan heeft. Werkt na 6 of 12 maanden: het "
        "eerste nazorgcontact vanaf 6 of 12 maanden na de uitstroom naar werk.",
    )
