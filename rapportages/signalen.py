"""The dashboard's signals, in one place: what an inkoper should act on, each with the page to
act on it. A signal is raised from the same figures as the reports and the enrolment rules
(the budget report, the contract's plafond as the enrolment service counts it), so a signal
and the page it links to agree."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from inkoop.models import Contract, Contractregel
from inkoop.selectors import bruikbaar_voor, contract_verplicht_bedrag
from kern.eenheden import GETAL, toon
from kern.formaten import euro
from rapportages.rapporten import maak_rapport
from registratie.models import Inschrijving, Wachtlijstplaats
from registratie.selectors import aanbod_bedrag, wachtend_voor

BUDGET, CONTRACT_EINDIGT, PLAFOND_VOL = "budget", "contract_eindigt", "plafond_vol"
VRAAG, TEKORT = "vraag", "tekort"


@dataclass
class Signaal:
    soort: str
    titel: str
    tekst: str
    link: str
    actie: str


def signalen(*, peildatum: dt.date, user=None) -> list[Signaal]:
    """Every signal on the peildatum, the most urgent kind first."""
    uit = _budget(peildatum, user) + _vraag(peildatum, user)
    if peildatum == timezone.localdate():  # a place is free or blocked now, not in the past
        uit += _plafond_vol(user)
    uit += _tekort(peildatum, user) + _contracten_eindigen(peildatum, user)
    return uit


def _link(naam: str, peildatum: dt.date) -> str:
    return reverse("rapport-pagina", args=[naam]) + f"?peildatum={peildatum:%Y-%m-%d}"


def _vraag(peildatum, user) -> list[Signaal]:
    """A leerroute with more demand than places bought, or people waiting (the volumes
    report's own signal)."""
    rapport = maak_rapport("volumes", user=user, peildatum=peildatum)
    return [
        Signaal(
            VRAAG,
            f"{rij['categorie']}: {rij['signaal']}",
            f"Vraag {rij['vraag']}: {rij['lopend']} lopend en {rij['wachtend']} op de "
            f"wachtlijst; {rij['vrij']} kunnen nu nog starten.",
            _link("volumes", peildatum),
            "Bekijk de volumes",
        )
        for rij in rapport.rijen
        if rij.get("code") and rij.get("signaal")
    ]


def _tekort(peildatum, user) -> list[Signaal]:
    """Per leerroute the first half-year ahead short of places (the inkoopbehoefte)."""
    rapport = maak_rapport("inkoopbehoefte", user=user, peildatum=peildatum)
    eerste = {}
    for rij in rapport.rijen:
        if rij["signaal"] and rij["leerroute"] not in eerste:
            eerste[rij["leerroute"]] = rij
    uit = []
    for rij in eerste.values():
        begin = dt.date.fromisoformat(rij["begin"])
        maanden = (begin.year - peildatum.year) * 12 + begin.month - peildatum.month
        wanneer = "nu" if maanden <= 0 else f"over {maanden} maand{'en' if maanden != 1 else ''}"
        uit.append(
            Signaal(
                TEKORT,
                f"{rij['route'][:1].upper()}{rij['route'][1:]}: {rij['signaal']} in het "
                f"{rij['halfjaar']} ({wanneer})",
                f"Nodig {toon(rij['plaatsen_nodig'], GETAL)}, gecontracteerd "
                f"{toon(rij['gecontracteerd'], GETAL)}.",
                _link("inkoopbehoefte", peildatum),
                "Bekijk de inkoopbehoefte",
            )
        )
    return uit


def _budget(peildatum, user) -> list[Signaal]:
    """A leerroute whose committed or contracted money is above its budget, or that commits
    money without a budget (the budget report's own signal)."""
    rapport = maak_rapport("budget", user=user, peildatum=peildatum)
    link = _link("budget", peildatum)
    return [
        Signaal(
            BUDGET,
            f"Budget {rij['categorie']}",
            f"{rij['signaal'][:1].upper()}{rij['signaal'][1:]} ({rapport.extra['jaar']}).",
            link,
            "Bekijk het budget",
        )
        for rij in rapport.rijen
        if rij["signaal"] and rij["code"] != "totaal"
    ]


def _contracten_eindigen(peildatum, user) -> list[Signaal]:
    """Granted contracts that end within SIGNAAL_CONTRACT_DAGEN days, one signal per end
    date (a year's contracts often end together), with the enrolments still running on
    them: buy again, extend, or let them end."""
    grens = peildatum + dt.timedelta(days=settings.SIGNAAL_CONTRACT_DAGEN)
    contracten = (
        _bruikbaar(Contract.objects, user)
        .filter(status=Contract.Status.GEGUND, einddatum__gte=peildatum, einddatum__lte=grens)
        .select_related("aanbieder")
        .annotate(
            lopend=Count(
                "regels__inschrijvingen",
                filter=Q(regels__inschrijvingen__status__in=Inschrijving.ACTIEF),
            )
        )
        .order_by("einddatum", "kenmerk")
    )
    per_datum: dict[dt.date, list] = {}
    for c in contracten:
        per_datum.setdefault(c.einddatum, []).append(c)
    uit = []
    for einddatum, groep in per_datum.items():
        dagen = (einddatum - peildatum).days
        wanneer = "vandaag" if dagen == 0 else f"over {dagen} dag{'en' if dagen != 1 else ''}"
        lopend = sum(c.lopend for c in groep)
        nog = f"{lopend} inschrijving{'en' if lopend != 1 else ''} lopen nog"
        if len(groep) == 1:
            c = groep[0]
            titel = f"Contract {c.kenmerk} eindigt {wanneer}"
            tekst = f"{c.aanbieder.naam}, tot en met {einddatum:%d-%m-%Y}; {nog}."
            link, actie = reverse("contract", args=[c.uuid]), "Open het contract"
        else:
            namen = ", ".join(c.kenmerk for c in groep[:5])
            meer = f" en {len(groep) - 5} meer" if len(groep) > 5 else ""
            titel = f"{len(groep)} contracten eindigen {wanneer}"
            tekst = f"Tot en met {einddatum:%d-%m-%Y}: {namen}{meer}; {nog}."
            link = (
                reverse("contracten")
                + f"?status=gegund&actief_op={peildatum:%Y-%m-%d}"
                + f"&eindigt_uiterlijk={einddatum:%Y-%m-%d}"
            )
            actie = "Bekijk de contracten"
        uit.append(Signaal(CONTRACT_EINDIGT, titel, tekst, link, actie))
    return uit


def _bruikbaar(qs, user, pad: str = "pk"):
    """In a region: the contracts the user's gemeente may use (the command line: all)."""
    return qs if user is None else bruikbaar_voor(qs, user, pad)


def _plafond_vol(user) -> list[Signaal]:
    """A regel with free places that the contract's plafond no longer pays for, while
    clients wait for it: the places cannot be offered (wachtlijst_bied_aan counts the same)."""
    vandaag = timezone.localdate()
    regels = (
        _bruikbaar(Contractregel.objects, user, "contract")
        .filter(
            contract__status=Contract.Status.GEGUND,
            contract__startdatum__lte=vandaag,
            contract__einddatum__gte=vandaag,
        )
        .select_related("contract", "traject", "leerroute")
        .order_by("contract__kenmerk", "pk")
    )
    uit, ruimte = [], {}
    for regel in regels:
        prijs = regel.bedrag_per_inschrijving
        if prijs <= 0:
            continue
        aangeboden = Wachtlijstplaats.objects.filter(
            status=Wachtlijstplaats.Status.AANGEBODEN, aangeboden_regel=regel
        ).count()
        vrij = regel.capaciteit - regel.bezetting() - aangeboden
        if vrij <= 0:
            continue
        contract = regel.contract
        if contract.pk not in ruimte:
            ruimte[contract.pk] = (
                contract.plafond - contract_verplicht_bedrag(contract) - aanbod_bedrag(contract)
            )
        if ruimte[contract.pk] >= prijs:
            continue
        wachtend = Wachtlijstplaats.objects.filter(wachtend_voor(regel)).count()
        if not wachtend:
            continue
        uit.append(
            Signaal(
                PLAFOND_VOL,
                f"{regel.traject.naam}: {vrij} vrije plaats{'en' if vrij != 1 else ''} "
                "geblokkeerd door het plafond",
                f"Contract {contract.kenmerk} heeft nog {euro(max(ruimte[contract.pk], 0))} "
                f"onder het plafond, een plaats kost {euro(prijs)}; {wachtend} client"
                f"{'en' if wachtend != 1 else ''} wacht{'en' if wachtend != 1 else ''}.",
                reverse("contract", args=[contract.uuid]),
                "Verhoog het plafond of koop elders in",
            )
        )
    return uit
