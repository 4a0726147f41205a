"""The national indicators of the Wet inburgering 2021, per cohort: PIP on time, the routes,
switches and afschalen, modules, exams per part, the plicht fulfilled within the term, and
who still works after 6 and 12 months. Five queries, whatever the number of clients."""

from collections import defaultdict

from django.db.models.functions import ExtractYear

from registratie.models import Examen, Module, Nazorgcontact, PipVersie, PlichtStatus, plus_maanden
from registratie.rapportages.basis import WERK, Rapport, Verzoek, clienten_op, percentage

ROUTES = (("b1", "B1-route"), ("onderwijs", "Onderwijsroute"), ("z", "Z-route"))
MODULES = (("knm", "KNM"), ("map", "MAP"), ("pvt", "PVT"))
ONBEKEND = "onbekend"


def _nazorg(contacten: list, uitstroom, maanden: int, peildatum):
    """Whether the client works `maanden` after the outflow, by the first contact from then
    on (up to the peildatum); None when nobody asked yet."""
    vanaf = plus_maanden(uitstroom, maanden)
    for datum, werkt in contacten:
        if vanaf <= datum <= peildatum:
            return werkt
    return None


def monitor(v: Verzoek) -> Rapport:
    p = v.peildatum
    clienten = list(
        clienten_op(p)
        .annotate(cohort=ExtractYear("datum_inschrijving_gemeente"))
        .values_list(
            "pk",
            "cohort",
            "datum_pip",
            "pip_deadline",
            "plicht_status",
            "plicht_status_datum",
            "termijn_eind",
            "uitstroom_datum",
            "uitstroom_reden",
        )
    )
    route, geschakeld, afgeschaald = {}, set(), set()
    for client, reden, leerroute in (
        PipVersie.objects.filter(datum__lte=p)
        .order_by("client", "volgnummer")
        .values_list("client", "reden", "leerroute")
    ):
        route[client] = leerroute
        if reden == PipVersie.Reden.SCHAKELEN:
            geschakeld.add(client)
        elif reden == PipVersie.Reden.AFSCHALEN:
            afgeschaald.add(client)
    modules = set(
        Module.objects.filter(afgerond_op__lte=p).values_list("client", "soort").distinct()
    )
    examens = set(
        Examen.objects.filter(behaald=True, datum__lte=p)
        .values_list("client", "onderdeel")
        .distinct()
    )
    contacten = defaultdict(list)
    for client, datum, werkt in (
        Nazorgcontact.objects.filter(datum__lte=p)
        .order_by("client", "datum")
        .values_list("client", "datum", "werkt_nog")
    ):
        contacten[client].append((datum, werkt))

    tel = defaultdict(lambda: defaultdict(int))  # indicator -> cohort -> count
    cohorten = set()
    for pk, cohort, pip, deadline, status, status_datum, eind, uit, reden in clienten:
        cohort = str(cohort) if cohort else ONBEKEND
        cohorten.add(cohort)
        for k in (cohort, "totaal"):
            tel["clienten"][k] += 1
            if (deadline and deadline <= p) or (pip and pip <= p):
                tel["pip_beoordeeld"][k] += 1
                if pip and pip <= p and deadline and pip <= deadline:
                    tel["pip_op_tijd"][k] += 1
            tel[f"route_{route.get(pk) or 'geen'}"][k] += 1
            tel["geschakeld"][k] += pk in geschakeld
            tel["afgeschaald"][k] += pk in afgeschaald
            for soort, _ in MODULES:
                tel[f"module_{soort}"][k] += (pk, soort) in modules
            for deel in Examen.Onderdeel.values:
                tel[f"examen_{deel}"][k] += (pk, deel) in examens
            voldaan = status == PlichtStatus.VOLDAAN and status_datum and status_datum <= p
            tel["voldaan"][k] += bool(voldaan)
            if voldaan or (eind and eind <= p):
                tel["termijn_beoordeeld"][k] += 1
                tel["binnen_termijn"][k] += bool(voldaan and eind and status_datum <= eind)
            if uit and reden in WERK:
                for maanden in (6, 12):
                    if plus_maanden(uit, maanden) <= p:
                        werkt = _nazorg(contacten[pk], uit, maanden, p)
                        if werkt is not None:
                            tel[f"bekend_{maanden}"][k] += 1
                            tel[f"werkt_{maanden}"][k] += werkt
    kolommen_cohort = sorted(cohorten - {ONBEKEND}) + ([ONBEKEND] if ONBEKEND in cohorten else [])
    sleutels = [*kolommen_cohort, "totaal"]

    def rij(code, titel, teller=None, noemer=None):
        r = {"categorie": titel, "code": code}
        for k in sleutels:
            if noemer is None:
                r[k] = tel[teller or code][k]
            else:  # no percentage of nobody
                r[k] = percentage(tel[teller][k], tel[noemer][k]) if tel[noemer][k] else None
        return r

    rijen = [
        rij("clienten", "Clienten"),
        rij("pip_beoordeeld", "PIP: termijn van 10 weken verstreken of PIP vastgesteld"),
        rij("pip_op_tijd", "PIP binnen 10 weken"),
        rij("pct_pip_op_tijd", "PIP binnen 10 weken (%)", "pip_op_tijd", "pip_beoordeeld"),
        *(rij(f"route_{code}", f"Leerroute: {naam}") for code, naam in ROUTES),
        rij("route_geen", "Nog geen PIP"),
        rij("geschakeld", "Geschakeld naar een andere leerroute"),
        rij("afgeschaald", "Afgeschaald (lager taaldoel)"),
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
        [("categorie", "Indicator"), *((k, k) for k in kolommen_cohort), ("totaal", "Totaal")],
        rijen,
        toelichting="Cohort: het jaar van inschrijving in de gemeente. Alles op de peildatum: "
        "de leerroute van het laatste PIP-besluit tot dan, modules afgerond en examens behaald "
        "tot dan. Binnen de termijn: voldaan op of voor het einde van de (verlengde) termijn, "
        "van wie de termijn verstreken is of die voldaan heeft. Werkt na 6 of 12 maanden: het "
        "eerste nazorgcontact vanaf 6 of 12 maanden na de uitstroom naar werk.",
    )
