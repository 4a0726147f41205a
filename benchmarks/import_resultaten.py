"""A provider's file of exam results and modules (registratie.resultaten) at its row limit.

    .venv/bin/python benchmarks/import_resultaten.py [--rijen 200 1000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...

Every row goes through the services (a lock on the client, the plicht and date rules, the
audit, the voldaan check) in a savepoint, so a file is a month's results, not a bulk load:
this prints the time per file and per row for a dry run, the real upload and the same file
again (which changes nothing), and the queries per row, beside the row limit. `--controle`
checks the counts (CI smoke). Prints figures; never asserts on time.
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

DELEN = ("lezen", "luisteren", "schrijven", "spreken", "knm")


class Teller(list):
    """Counts the queries (CaptureQueriesContext keeps only the last 9,000)."""

    def __call__(self, execute, sql, params, many, context):
        self.append(1)
        return execute(sql, params, many, context)


def bestand(aantal: int, inschrijvingen):
    import tablib

    data = tablib.Dataset(
        headers=["inschrijving", "soort", "onderdeel", "datum", "niveau", "behaald"]
    )
    for n in range(aantal):
        ins = inschrijvingen[n // len(DELEN) % len(inschrijvingen)]
        deel = DELEN[n % len(DELEN)]
        # Within the enrolment: a month after its start, a day later for each round.
        ronde = n // (len(DELEN) * len(inschrijvingen))
        datum = ins.startdatum + dt.timedelta(days=30 + ronde)
        niveau = "" if deel == "knm" else "B1"
        behaald = "ja" if n % 2 else "nee"  # a pass also checks whether the plicht is met
        data.append([str(ins.uuid), "examen", deel, datum.isoformat(), niveau, behaald])
    return data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rijen", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--controle", action="store_true")
    args = parser.parse_args()

    from demo import laden as demo
    from demo import synthetisch
    from registratie.models import Examen, Inschrijving
    from registratie.resultaten import MAX_RIJEN, Resultatenbestand

    setup_test_environment()
    oude_naam = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        demo.laad_catalogus_en_inkoop()
        synthetisch.genereer(max(args.rijen) // len(DELEN) + 10, seed=3)
        Examen.objects.all().delete()
        inschrijvingen = list(Inschrijving.objects.select_related("client").order_by("pk"))
        per_client = {}
        for ins in inschrijvingen:
            per_client.setdefault(ins.client_id, ins)
        inschrijvingen = list(per_client.values())
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from kern.rollen import richt_rollen_in

        richt_rollen_in()
        door = get_user_model().objects.create_user("bench")
        door.groups.add(Group.objects.get(name="beheerder"))
        print(f"# {connection.vendor}; rijlimiet {MAX_RIJEN}; {len(inschrijvingen)} inschrijvingen")
        print(f"{'rijen':>6} {'stap':<12} {'s':>7} {'ms/rij':>7} {'queries/rij':>12}  uitkomst")
        for aantal in args.rijen:
            Examen.objects.all().delete()
            data = bestand(aantal, inschrijvingen)
            for stap, dry_run in (("proef", True), ("opslaan", False), ("nog eens", False)):
                queries = Teller()
                with connection.execute_wrapper(queries):
                    begin = time.perf_counter()
                    uitkomst = Resultatenbestand(data, user=door).uitvoeren(dry_run=dry_run)
                    duur = time.perf_counter() - begin
                print(
                    f"{aantal:>6} {stap:<12} {duur:>7.2f} {1000 * duur / aantal:>7.2f} "
                    f"{len(queries) / aantal:>12.1f}  {uitkomst.nieuw} nieuw, "
                    f"{uitkomst.ongewijzigd} ongewijzigd, {len(uitkomst.fouten)} fouten"
                )
                if args.controle:
                    assert uitkomst.geslaagd, uitkomst.fouten[:3]
                    verwacht = (aantal, 0) if stap != "nog eens" else (0, aantal)
                    assert (uitkomst.nieuw, uitkomst.ongewijzigd) == verwacht, stap
            if args.controle:
                assert Examen.objects.count() == aantal
        if args.controle:
            print("controle: proef, opslaan en nog eens gaven de verwachte aantallen")
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)


if __name__ == "__main__":
    main()
