"""Every monitoring report at growing worlds (default 1,000 / 10,000 / 100,000 clients).

    .venv/bin/python benchmarks/rapportages.py [--clienten 1000 10000 100000] [--gemeenten 21]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...

Grows one synthetic world (demo.synthetisch, as `manage.py genereer_synthetisch`) in a
throw-away test database and times every report in-process at each size, with its queries;
"x per 10x" is the growth from one size to the next (1.0 = flat, 10 = linear). `--controle`
checks each report gives rows and that the population counts every synthetic client (CI
smoke). `--gemeenten N` spreads the clients over a region of N gemeenten (a centrumgemeente
and N-1 deelnemende, each with its own budgets, a share of the joint contracts) and times
every report twice: for the region, and for one deelnemende gemeente. Prints figures; never
asserts on time.
"""

import argparse
import datetime as dt
import math
import os
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

PEIL = dt.date(2026, 10, 31)


def meet_alle(gemeente=None) -> dict[str, tuple[float, int, int]]:
    from rapportages.rapporten import RAPPORTEN, maak_rapport

    uitkomst = {}
    for naam in RAPPORTEN:
        # warm: the first run pays for imports and plans
        maak_rapport(naam, peildatum=PEIL, gemeente=gemeente)
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            rapport = maak_rapport(naam, peildatum=PEIL, gemeente=gemeente)
            uitkomst[naam] = (time.perf_counter() - begin, len(queries), len(rapport.rijen))
    return uitkomst


def maak_regio(aantal: int):
    """N gemeenten over the clients (by key, so every gemeente has a mix), a budget per
    gemeente and route, and the first two awarded contracts joint: the centrumgemeente 40 %,
    the rest shared evenly. Returns one deelnemende gemeente to filter on."""
    from django.db.models.functions import Mod

    from aanbod.models import Leerroute
    from inkoop.models import Budget, Contract, Contractdeelname
    from regio.models import Gemeente
    from registratie.models import Client

    gemeenten = [
        Gemeente.objects.create(
            naam=f"Gemeente {i:02d}",
            cbs_code=f"{9000 + i}",
            rol="centrum" if i == 0 else "deelnemend",
        )
        for i in range(aantal)
    ]
    for i, g in enumerate(gemeenten):
        Client.objects.annotate(r=Mod("id", aantal)).filter(r=i).update(gemeente=g)
        for route in Leerroute.objects.all():
            Budget.objects.create(jaar=PEIL.year, leerroute=route, gemeente=g, bedrag=100000)
    rest = (Decimal(60) / (aantal - 1)).quantize(Decimal("0.01"))
    for contract in Contract.objects.filter(status="gegund").order_by("kenmerk")[:2]:
        for g in gemeenten:
            aandeel = Decimal(100) - rest * (aantal - 1) if g.rol == "centrum" else rest
            Contractdeelname.objects.create(contract=contract, gemeente=g, aandeel=aandeel)
    return gemeenten[1]


def druk_af(metingen: dict, titel: str):
    print(titel)
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


def _regio_opnieuw():
    """A bigger world gets its region anew (the new clients have no gemeente yet)."""
    from inkoop.models import Budget, Contractdeelname
    from regio.models import Gemeente
    from registratie.models import Client

    Contractdeelname.objects.all().delete()
    Budget.objects.exclude(gemeente=None).delete()
    Client.objects.update(gemeente=None)
    Gemeente.objects.all().delete()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clienten", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--controle", action="store_true")
    parser.add_argument("--gemeenten", type=int, default=0, help="een regio van N gemeenten")
    args = parser.parse_args()

    from demo import laden as demo
    from demo import synthetisch
    from registratie.models import Client, Inschrijving, Voortgangsrapportage

    setup_test_environment()
    oude_naam = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        demo.laad_catalogus_en_inkoop()
        metingen, per_gemeente, wereld = {}, {}, {}
        for aantal in args.clienten:
            begin = time.perf_counter()
            synthetisch.genereer(aantal - Client.objects.count(), seed=1)
            wereld[aantal] = (
                Inschrijving.objects.count(),
                Voortgangsrapportage.objects.count(),
                time.perf_counter() - begin,
            )
            if args.gemeenten > 1:
                _regio_opnieuw()
                gemeente = maak_regio(args.gemeenten)
                per_gemeente[aantal] = meet_alle(gemeente)
            metingen[aantal] = meet_alle()
        print(f"# {connection.vendor}, peildatum {PEIL:%d-%m-%Y}")
        for aantal, (inschrijvingen, rapporten, duur) in wereld.items():
            print(
                f"# {aantal} clienten: {inschrijvingen} inschrijvingen, {rapporten} "
                f"voortgangsrapportages (erbij gemaakt in {duur:.0f} s)"
            )
        maten = list(metingen)
        if args.gemeenten > 1:
            druk_af(metingen, f"## de regio: {args.gemeenten} gemeenten, geen filter")
            druk_af(per_gemeente, "## een deelnemende gemeente (filter)")
        else:
            druk_af(metingen, "## een gemeente")
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
