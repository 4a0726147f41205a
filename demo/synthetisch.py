"""A deterministic synthetic world at any size, for benchmarks and load tests.

Clients with an intake spread over three years, one or two enrolments each on the demo's
contract lines, a progress report per month of every enrolment, outflow for about a third,
and an approved declaration per finished enrolment; the Wi2021 record (plicht, PIP versions
with switches and afschalingen, modules, exams, nazorg contacts, an uitval or a return now
and then), a place on a waiting list or an extended term now and then, and per block a DUO
reference list. Everything goes in with bulk inserts in blocks, so 100,000 clients need
neither minutes of Python per row nor gigabytes of memory. The same (number, seed) gives
the same world: each client draws from its own generator.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, reset_queries, transaction
from django.utils import timezone

from declaraties.models import Declaratie
from inkoop.models import Contractregel
from regio.models import Gemeente
from registratie import voortgangstand
from registratie.models import (
    Client,
    Examen,
    Inschrijving,
    Module,
    Nazorgcontact,
    Onderbreking,
    PipVersie,
    Referentielijst,
    Referentiepersoon,
    Termijnverlenging,
    Voortgangsrapportage,
    Wachtlijstplaats,
    plus_maanden,
)
from registratie.signals import inschrijvingen_gewijzigd

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
    # In a region the clients are spread over its gemeenten by number, so every gemeente
    # has a share of each kind of client and the same (number, seed) the same world.
    gemeenten = list(Gemeente.objects.order_by("pk").values_list("pk", flat=True))
    vanaf = Client.objects.filter(clientnummer__startswith=PREFIX).count()
    telling = Telling()
    for begin in range(vanaf, vanaf + aantal, BLOK):
        eind = min(begin + BLOK, vanaf + aantal)
        with transaction.atomic():
            telling += _blok(begin, eind, seed, regels, gemeenten)
        # With DEBUG on, Django keeps the last 9,000 queries with their SQL, and a block's
        # bulk inserts are long: a million clients peaked at 2 GB. Memory stays per block.
        reset_queries()
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


def _blok(begin: int, eind: int, seed: int, regels, gemeenten: list[int]) -> Telling:
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
            plicht_regime="wi2021",
            plicht_status="plichtig",
            plicht_status_datum=intake,
            plicht_bron="duo",
            gemeente_id=gemeenten[i % len(gemeenten)] if gemeenten else None,
        )
        client.bereken_termijnen()
        clienten.append(client)
        plannen.append((rnd, route, intake, uitstroom if uit else TOT))
    Client.objects.bulk_create(clienten, batch_size=1000)
    _inburgering(clienten, seed)
    _wachten_en_lijsten(clienten, plannen, seed, regels, begin)

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
    inschrijvingen_gewijzigd.send(Inschrijving, pks=[i.pk for i in inschrijvingen])
    voortgangstand.bijwerken(i.pk for i in inschrijvingen)
    return Telling(len(clienten), len(inschrijvingen), len(rapporten), len(declaraties))


def _inburgering(clienten: list[Client], seed: int) -> None:
    """The Wi2021 record of each client, from a generator of its own (so the rest of the
    world is what it was before this existed)."""
    versies, modules, examens, contacten, onderbrekingen, voldaan = [], [], [], [], [], []
    for client in clienten:
        rnd = random.Random(seed * 3_000_017 + int(client.clientnummer[len(PREFIX) :]))
        pip, route = client.datum_pip, client.leerroute_id
        taaldoel = "B1" if route != "z" else ""
        versies.append(
            PipVersie(
                client=client,
                volgnummer=1,
                datum=pip,
                leerroute_id=route,
                taaldoel=taaldoel,
                reden="initieel",
            )
        )
        kans = rnd.random()
        if route == "b1" and kans < 0.08 and plus_maanden(pip, 8) <= TOT:
            route = "z"
            taaldoel = ""
            versies.append(
                PipVersie(
                    client=client,
                    volgnummer=2,
                    datum=plus_maanden(pip, rnd.randint(6, 8)),
                    leerroute_id=route,
                    reden="schakelen",
                )
            )
        elif route == "b1" and kans < 0.14 and plus_maanden(pip, 10) <= TOT:
            taaldoel = "A2"
            versies.append(
                PipVersie(
                    client=client,
                    volgnummer=2,
                    datum=plus_maanden(pip, rnd.randint(9, 10)),
                    leerroute_id=route,
                    taaldoel="A2",
                    reden="afschalen",
                )
            )
        client.leerroute_id = route
        data = []
        for soort, na in (("knm", 4), ("pvt", 3), ("map", 8), ("z_route", 30)):
            if soort == "z_route" and route != "z":
                continue
            klaar = plus_maanden(pip, na + rnd.randint(0, 4))
            if klaar <= TOT and rnd.random() < 0.8:
                modules.append(Module(client=client, soort=soort, afgerond_op=klaar))
                data.append(klaar)
            elif rnd.random() < 0.5:
                modules.append(Module(client=client, soort=soort, startdatum=pip))
                data.append(None)
            else:
                data.append(None)
        if route != "z":
            datum = plus_maanden(pip, rnd.randint(12, 30))
            for deel in ("lezen", "luisteren", "schrijven", "spreken", "knm"):
                if datum > TOT or rnd.random() < 0.15:
                    data.append(None)
                    continue
                behaald = rnd.random() < 0.8
                examens.append(
                    Examen(
                        client=client,
                        onderdeel=deel,
                        datum=datum,
                        niveau="" if deel == "knm" else (taaldoel or "B1"),
                        behaald=behaald,
                    )
                )
                data.append(datum if behaald else None)
        if data and all(data):
            client.plicht_status, client.plicht_status_datum = "voldaan", max(data)
            client.plicht_bron = "gemeente"
            voldaan.append(client)
        if client.uitstroom_reden in ("voltijd_baan", "deeltijd_baan"):
            for maanden in (6, 12):
                datum = plus_maanden(client.uitstroom_datum, maanden)
                if datum <= TOT and rnd.random() < 0.7:
                    contacten.append(
                        Nazorgcontact(
                            client=client,
                            datum=datum,
                            soort="telefoon",
                            werkt_nog=rnd.random() < 0.75,
                        )
                    )
        if client.uitstroom_datum is None and rnd.random() < 0.05:
            van = client.datum_brede_intake + dt.timedelta(days=rnd.randint(60, 200))
            if van + dt.timedelta(days=90) <= TOT:
                onderbrekingen.append(
                    Onderbreking(
                        client=client,
                        soort="uitval",
                        van=van,
                        tot=van + dt.timedelta(days=rnd.randint(30, 90)),
                        reden=rnd.choice(("ziekte", "zwangerschap", "tijdelijk_weg")),
                    )
                )
    PipVersie.objects.bulk_create(versies, batch_size=BLOK)
    Module.objects.bulk_create(modules, batch_size=BLOK)
    Examen.objects.bulk_create(examens, batch_size=BLOK)
    Nazorgcontact.objects.bulk_create(contacten, batch_size=BLOK)
    Onderbreking.objects.bulk_create(onderbrekingen, batch_size=BLOK)
    Client.objects.bulk_update(
        clienten,
        ["leerroute", "plicht_status", "plicht_status_datum", "plicht_bron"],
        batch_size=1000,
    )


def _wachten_en_lijsten(clienten: list[Client], plannen, seed: int, regels, begin: int) -> None:
    """Now and then a place on a waiting list, an extended term, and a reference list of DUO
    with some of the block's clients and a few people not in the register (niet in beeld)."""
    plaatsen, verlengingen, verlengd = [], [], []
    lijst = Referentielijst.objects.create(
        peildatum=TOT, bron=Referentielijst.Bron.DUO, bestandsnaam=f"synthetisch-{begin}.csv"
    )
    personen = []
    for client, (_rnd, route, intake, _grens) in zip(clienten, plannen, strict=True):
        rnd = random.Random(seed * 5_000_011 + int(client.clientnummer[len(PREFIX) :]))
        if rnd.random() < 0.04:
            gevraagd = timezone.make_aware(
                dt.datetime.combine(intake + dt.timedelta(days=rnd.randint(20, 60)), dt.time(9))
            )
            plaatsen.append(
                Wachtlijstplaats(
                    client=client,
                    traject=rnd.choice(regels[route]).traject,
                    leerroute_id=route,
                    status=Wachtlijstplaats.Status.INGETROKKEN
                    if client.uitstroom_datum
                    else Wachtlijstplaats.Status.WACHTEND,
                    aangevraagd_op=gevraagd,
                    rang=gevraagd,
                )
            )
        if client.termijn_eind and not client.uitstroom_datum and rnd.random() < 0.02:
            datum = plus_maanden(client.datum_pip, rnd.randint(18, 30))
            if datum <= TOT:
                client.verlengd_tot = plus_maanden(client.termijn_eind, 6)
                verlengingen.append(
                    Termijnverlenging(
                        client=client,
                        datum=datum,
                        nieuwe_einddatum=client.verlengd_tot,
                        reden="Ziekte (synthetisch)",
                    )
                )
                client.bereken_termijnen()
                verlengd.append(client)
        if rnd.random() < 0.03:
            personen.append(
                Referentiepersoon(
                    lijst=lijst,
                    rij=len(personen) + 2,
                    clientnummer=client.clientnummer,
                    client=client,
                )
            )
            if rnd.random() < 0.2:
                personen.append(
                    Referentiepersoon(
                        lijst=lijst, rij=len(personen) + 2, clientnummer=f"NIB{client.clientnummer}"
                    )
                )
    Wachtlijstplaats.objects.bulk_create(plaatsen, batch_size=BLOK)
    Termijnverlenging.objects.bulk_create(verlengingen, batch_size=BLOK)
    Referentiepersoon.objects.bulk_create(personen, batch_size=BLOK)
    Client.objects.bulk_update(verlengd, ["verlengd_tot", "termijn_eind"], batch_size=1000)
