"""Time of every monitoring report at growing numbers of clients (10 / 100 x the demo).

    .venv/bin/python benchmarks/rapportages.py [--clienten 2000 20000]
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/rapportages.py

Builds each population with bulk inserts in a throw-away test database, then prints the
seconds and queries per report; the ratio column is large / small time.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PEIL = dt.date(2026, 6, 30)


def bevolk(vanaf: int, aantal: int, rnd: random.Random):
    from inkoop.models import Contractregel
    from registratie.models import Client, Inschrijving, Voortgangsrapportage

    regels = list(Contractregel.objects.all())
    clienten = []
    for i in range(vanaf, vanaf + aantal):
        intake = dt.date(2025, 1, 1) + dt.timedelta(days=rnd.randint(0, 520))
        uit = rnd.random() < 0.3 and intake < dt.date(2026, 3, 1)
        c = Client(
            clientnummer=f"S{i:07d}",
            leerroute_id=rnd.choice(["b1", "b1", "z", "onderwijs"]),
            datum_huisvesting=intake - dt.timedelta(days=40),
            datum_inschrijving_gemeente=intake - dt.timedelta(days=30),
            datum_brede_intake=intake,
            datum_pip=intake + dt.timedelta(days=30),
            ontzorgen_start=intake,
            ontzorgen_eind=intake + dt.timedelta(days=200),
            datum_start_voortraject=intake + dt.timedelta(days=45),
            uitstroom_datum=intake + dt.timedelta(days=120) if uit else None,
            uitstroom_reden=rnd.choice(["voltijd_baan", "deeltijd_baan", "opleiding"])
            if uit
            else "",
            dienstverband="fulltime" if uit else "",
            status="uitgestroomd" if uit else "in_begeleiding",
        )
        c.bereken_termijnen()
        clienten.append(c)
    Client.objects.bulk_create(clienten, batch_size=2000)  # sets pk on SQLite and PostgreSQL
    inschrijvingen = []
    for pk, intake in ((c.pk, c.datum_brede_intake) for c in clienten):
        regel = rnd.choice(regels)
        start = intake + dt.timedelta(days=45)
        klaar = start + dt.timedelta(days=84) < PEIL
        inschrijvingen.append(
            Inschrijving(
                client_id=pk,
                contractregel=regel,
                datum_aanmelding=start - dt.timedelta(days=14),
                startdatum=start,
                status="afgerond" if klaar else "gestart",
                einddatum=start + dt.timedelta(days=84) if klaar else None,
                reden_einde="volgens_plan" if klaar else "",
                tarief=regel.tarief,
            )
        )
    Inschrijving.objects.bulk_create(inschrijvingen, batch_size=2000)
    rapporten = []
    for ins_pk, start in ((i.pk, i.startdatum) for i in inschrijvingen):
        for maand in (1, 2):
            rapporten.append(
                Voortgangsrapportage(
                    inschrijving_id=ins_pk,
                    peildatum=start + dt.timedelta(days=30 * maand),
                    uren_aangeboden=Decimal("30"),
                    uren_gevolgd=Decimal("25"),
                    participatieladder=rnd.randint(1, 6),
                    taalniveau=rnd.choice(["A0", "A1", "A2"]),
                )
            )
    Voortgangsrapportage.objects.bulk_create(rapporten, batch_size=2000)
    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum would gather after a bulk load.
        cursor.execute("ANALYZE")


def meet_alle():
    from registratie.rapportages import RAPPORTEN, maak_rapport

    uitkomst = {}
    totaal = maak_rapport("populatie", peildatum=PEIL).rijen[-1]["aantal"]
    print(f"populatie op de peildatum: {totaal} clienten")
    for naam in RAPPORTEN:
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            maak_rapport(naam, peildatum=PEIL)
            uitkomst[naam] = (time.perf_counter() - begin, len(queries))
    return uitkomst


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clienten", type=int, nargs=2, default=[2000, 20000])
    klein, groot = parser.parse_args().clienten

    from registratie import demo

    setup_test_environment()
    oude_naam = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        demo.laad_catalogus_en_inkoop()
        rnd = random.Random(1)
        bevolk(0, klein, rnd)
        a = meet_alle()
        bevolk(klein, groot - klein, rnd)
        b = meet_alle()
        print(f"database: {connection.vendor}; peildatum {PEIL}; {klein} en {groot} clienten")
        print(f"{'rapport':<22}{klein:>9} cl.{groot:>10} cl.   ratio  queries")
        for naam in a:
            (ta, qa), (tb, qb) = a[naam], b[naam]
            print(f"{naam:<22}{ta:>10.3f} s{tb:>10.3f} s  {tb / ta:6.1f}  {qa} / {qb}")
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)


if __name__ == "__main__":
    main()
