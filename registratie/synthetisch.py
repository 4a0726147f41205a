"""A deterministic synthetic world at any size, for benchmarks and load tests.

Clients with an intake spread over three years, one or two enrolments each on the demo's
contract lines, a progress report per month of every enrolment, outflow for about a third,
and an approved declaration per finished enrolment. Everything goes in with bulk inserts in
blocks, so 100,000 clients need neither minutes of Python per row nor gigabytes of memory.
The same (number, seed) gives the same world: each client draws from its own generator.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction

from inkoop.models import Contractregel
from registratie.models import Client, Declaratie, Inschrijving, Voortgangsrapportage

PREFIX = "SYN"
EERSTE_INTAKE = dt.date(2024, 1, 1)
LAATSTE_INTAKE = dt.date(2026, 9, 30)
TOT = dt.date(2026, 10, 31)  # the world's "today": no report or end after it
ROUTES = ("b1", "b1", "b1", "z", "onderwijs")
WERK = ("voltijd_baan", "deeltijd_baan", "opleiding")
BLOK = 2000


@dataclass
class Telling:
    clienten: int = 0
    inschrijvingen: int = 0
    rapportages: int = 0
    declaraties: int = 0

    def __iadd__(self, ander):
        for veld in ("clienten", "inschrijvingen", "rapportages", "declaraties"):
            setattr(self, veld, getattr(self, veld) + getattr(ander, veld))
        return self


def genereer(aantal: int, seed: int = 1, *, melding=None) -> Telling:
    """Add `aantal` synthetic clients after the ones already there (numbers SYN0000001...)."""
    regels = _regels_per_route()
    vanaf = Client.objects.filter(clientnummer__startswith=PREFIX).count()
    telling = Telling()
    for begin in range(vanaf, vanaf + aantal, BLOK):
        eind = min(begin + BLOK, vanaf + aantal)
        with transaction.atomic():
            telling += _blok(begin, eind, seed, regels)
        if melding:
            melding(eind - vanaf, telling)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would gather later
    return telling


def _regels_per_route() -> dict[str, list[Contractregel]]:
    per_route = defaultdict(list)
    for regel in Contractregel.objects.select_related("contract").order_by("pk"):
        routes = [regel.leerroute_id] if regel.leerroute_id else list(set(ROUTES))
        for route in routes:
            per_route[route].append(regel)
    if not all(per_route.get(r) for r in set(ROUTES)):
        raise ValueError(
            "Er zijn geen contractregels voor elke leerroute; laad eerst de catalogus "
            "(manage.py loaddemo)."
        )
    return per_route


def _blok(begin: int, eind: int, seed: int, regels) -> Telling:
    clienten, plannen = [], []
    for i in range(begin, eind):
        rnd = random.Random(seed * 10_000_019 + i)
        intake = EERSTE_INTAKE + dt.timedelta(
            days=rnd.randint(0, (LAATSTE_INTAKE - EERSTE_INTAKE).days)
        )
        route = rnd.choice(ROUTES)
        uitstroom = intake + dt.timedelta(days=rnd.randint(240, 720))
        uit = rnd.random() < 0.35 and uitstroom <= TOT
        client = Client(
            clientnummer=f"{PREFIX}{i + 1:07d}",
            leerroute_id=route,
            geboortedatum=dt.date(1970, 1, 1) + dt.timedelta(days=rnd.randint(0, 12000)),
            geslacht=rnd.choice("mvx"),
            datum_huisvesting=intake - dt.timedelta(days=rnd.randint(20, 60)),
            datum_inschrijving_gemeente=intake - dt.timedelta(days=rnd.randint(5, 19)),
            datum_brede_intake=intake,
            datum_pip=intake + dt.timedelta(days=rnd.randint(14, 90)),
            ontzorgen_start=intake,
            ontzorgen_eind=intake + dt.timedelta(days=183),
            datum_start_voortraject=intake + dt.timedelta(days=rnd.randint(30, 60)),
            uitstroom_datum=uitstroom if uit else None,
            uitstroom_reden=rnd.choice(WERK) if uit else "",
            dienstverband=rnd.choice(("fulltime", "parttime")) if uit else "",
            status=Client.Status.UITGESTROOMD if uit else Client.Status.IN_BEGELEIDING,
        )
        client.bereken_termijnen()
        clienten.append(client)
        plannen.append((rnd, route, intake, uitstroom if uit else TOT))
    Client.objects.bulk_create(clienten, batch_size=1000)

    inschrijvingen = []
    for client, (rnd, route, intake, grens) in zip(clienten, plannen, strict=True):
        start = intake + dt.timedelta(days=rnd.randint(30, 120))
        for _ in range(1 if rnd.random() < 0.5 else 2):
            if start >= grens:
                break
            regel = rnd.choice(regels[route])
            eind = start + dt.timedelta(days=rnd.randint(90, 300))
            klaar = eind <= grens
            inschrijvingen.append(
                Inschrijving(
                    client=client,
                    contractregel=regel,
                    datum_aanmelding=start - dt.timedelta(days=rnd.randint(7, 45)),
                    startdatum=start,
                    status=Inschrijving.Status.AFGEROND if klaar else Inschrijving.Status.GESTART,
                    einddatum=eind if klaar else None,
                    reden_einde=Inschrijving.RedenEinde.VOLGENS_PLAN if klaar else "",
                    tarief=regel.tarief,
                    eenheid=regel.eenheid,
                    verwachte_eenheden=regel.verwachte_eenheden,
                )
            )
            start = eind + dt.timedelta(days=rnd.randint(7, 60))
    Inschrijving.objects.bulk_create(inschrijvingen, batch_size=1000)

    rapporten, declaraties = [], []
    for ins in inschrijvingen:
        rnd = random.Random(seed * 7_000_003 + ins.pk)
        laatst = min(ins.einddatum or TOT, TOT)
        peildatum, trede = ins.startdatum + dt.timedelta(days=30), rnd.randint(1, 3)
        niveau = rnd.randint(0, 2)
        while peildatum <= laatst:
            aangeboden = Decimal(rnd.choice((24, 32, 40)))
            rapporten.append(
                Voortgangsrapportage(
                    inschrijving_id=ins.pk,
                    peildatum=peildatum,
                    uren_aangeboden=aangeboden,
                    uren_gevolgd=aangeboden - Decimal(rnd.randint(0, 8)),
                    verzuim_ongeoorloofd=Decimal(rnd.randint(0, 2)),
                    participatieladder=trede,
                    taalniveau=("A0", "A1", "A2", "B1")[niveau],
                )
            )
            trede = min(6, trede + (rnd.random() < 0.2))
            niveau = min(3, niveau + (rnd.random() < 0.15))
            peildatum += dt.timedelta(days=30)
        if ins.einddatum:
            declaraties.append(
                Declaratie(
                    inschrijving_id=ins.pk,
                    periode=ins.einddatum.replace(day=1),
                    eenheden=Decimal("1"),
                    bedrag=ins.tarief,
                    status=Declaratie.Status.GOEDGEKEURD,
                )
            )
    Voortgangsrapportage.objects.bulk_create(rapporten, batch_size=2000)
    Declaratie.objects.bulk_create(declaraties, batch_size=2000)
    return Telling(len(clienten), len(inschrijvingen), len(rapporten), len(declaraties))
