"""Every monitoring report at growing worlds (default 1,000 / 10,000 / 100,000 clients).

    .venv/bin/python benchmarks/rapportages.py [--clienten 1000 10000 100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...

Grows one synthetic world (demo.synthetisch, as `manage.py genereer_synthetisch`) in a
throw-away test database and times every report in-process at each size, with its queries;
"x per 10x" is the growth from one size to the next (1.0 = flat, 10 = linear). `--controle`
checks each report gives rows and that the population counts every synthetic client (CI
smoke). Prints figures; never asserts on time.
"""

import argparse
import datetime as dt
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PEIL = dt.date(2026, 10, 31)


def meet_alle() -> dict[str, tuple[float, int, int]]:
    from rapportages.rapporten import RAPPORTEN, maak_rapport

    uitkomst = {}
    for naam in RAPPORTEN:
        maak_rapport(naam, peildatum=PEIL)  # warm: the first run pays for imports and plans
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            rapport = maak_rapport(naam, peildatum=PEIL)
            uitkomst[naam] = (time.perf_counter() - begin, len(queries), len(rapport.rijen))
    return uitkomst


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clienten", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--controle", action="store_true")
    args = parser.parse_args()

    from demo import laden as demo
    from demo import synthetisch
    from registratie.models import Client, Inschrijving, Voortgangsrapportage

    setup_test_environment()
    oude_naam = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        demo.laad_catalogus_en_inkoop()
        metingen, wereld = {}, {}
        for aantal in args.clienten:
            begin = time.perf_counter()
            synthetisch.genereer(aantal - Client.objects.count(), seed=1)
            wereld[aantal] = (
                Inschrijving.objects.count(),
                Voortgangsrapportage.objects.count(),
                time.perf_counter() - begin,
            )
            metingen[aantal] = meet_alle()
        print(f"# {connection.vendor}, peildatum {PEIL:%d-%m-%Y}")
        for aantal, (inschrijvingen, rapporten, duur) in wereld.items():
            print(
                f"# {aantal} clienten: {inschrijvingen} inschrijvingen, {rapporten} "
                f"voortgangsrapportages (erbij gemaakt in {duur:.0f} s)"
            )
        maten = list(metingen)
        kop = f"{'rapport':<20}" + "".join(f"{m:>10} cl." for m in maten)
        kop += "".join(f"{'x per 10x':>11}" for _ in maten[1:]) + "  queries"
        print(kop)
        for naam in metingen[maten[0]]:
            tijden = [metingen[m][naam][0] for m in maten]
            regel = f"{naam:<20}" + "".join(f"{t:>12.3f} s"[1:] for t in tijden)
            for i in range(1, len(maten)):
                # growth per tenfold, whatever the step between two sizes
                stap = math.log10(maten[i] / maten[i - 1])
                regel += f"{(tijden[i] / tijden[i - 1]) ** (1 / stap):>11.1f}"
            regel += "  " + " / ".join(str(metingen[m][naam][1]) for m in maten)
            print(regel)
        if args.controle:
            from rapportages.rapporten import maak_rapport
            from registratie.models import Referentiepersoon

            totaal = maak_rapport("populatie", peildatum=PEIL).rijen[-1]["aantal"]
            # The register's clients and the people on DUO's list who are not in it.
            niet_in_beeld = Referentiepersoon.objects.filter(client=None).count()
            assert 0 < totaal <= maten[-1] + niet_in_beeld, (totaal, niet_in_beeld)
            gevuld = ("populatie", "interventies", "contracten", "voortgang", "wachttijden")
            leeg = [n for n in gevuld if metingen[maten[-1]][n][2] == 0]
            assert not leeg, f"rapporten zonder rijen: {leeg}"
            print(f"controle: elk rapport liep, {', '.join(gevuld)} met rijen; populatie {totaal}")
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)


if __name__ == "__main__":
    main()
