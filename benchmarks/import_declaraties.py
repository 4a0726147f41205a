"""Declaration import speed against the progress-report import, on the same enrolments:
a first upload, the same file again (changes nothing) and every line changed.

    .venv/bin/python benchmarks/import_declaraties.py [--rijen 100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering .venv/bin/python benchmarks/...

Runs in a throw-away test database and prints figures and ratios, never asserts on time.
`--controle` asserts the outcomes (CI smoke): every line new, then unchanged, then every line
changed and rejected (U01), and no file error.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from benchmarks.import_voortgang import csv_bestand, opbouw  # noqa: E402


def declaraties(aantal: int, uren: int = 30) -> bytes:
    regels = ["clientnummer;traject_code;periode;eenheden;bedrag"]
    regels += [f"B{i:06d};BENCH;2026-06;{uren};{uren * 100},00" for i in range(aantal)]
    return "\n".join(regels).encode("utf-8-sig")


def meet(label, functie, rijen) -> float:
    begin = time.perf_counter()
    uitkomst = functie()
    duur = time.perf_counter() - begin
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label:<52} {duur:6.2f} s {rijen / duur:8.0f} rijen/s  max RSS {piek:5.0f} MiB  "
        f"nieuw={uitkomst.nieuw} gewijzigd={uitkomst.gewijzigd} "
        f"ongewijzigd={uitkomst.ongewijzigd} afgewezen={uitkomst.afgewezen} "
        f"fouten={len(uitkomst.fouten)}"
    )
    return duur, uitkomst


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rijen", type=int, default=100_000)
    parser.add_argument("--controle", action="store_true", help="assert outcomes (CI smoke)")
    args = parser.parse_args()
    n = args.rijen

    from declaraties.importeren import DeclaratieResource
    from inkoop.models import Contractregel
    from kern.bestanden import lees_bestand
    from kern.importeren import importeer
    from registratie.models import Inschrijving
    from registratie.resources import VoortgangsrapportageResource

    setup_test_environment()
    oude_naam = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        opbouw(n)
        # An hour price, as NT2 is bought: 100 per hour, 400 hours per enrolment.
        Contractregel.objects.update(eenheid="uur", verwachte_eenheden=400)
        Inschrijving.objects.update(eenheid="uur", verwachte_eenheden=400)
        print(f"database: {connection.vendor}, {n} rijen, Python-proces {os.getpid()}")

        def run(resource_class, inhoud):
            return importeer(resource_class(), lees_bestand(inhoud), dry_run=False)

        voortgang, _ = meet(
            "voortgangsrapportages: eerste upload",
            lambda: run(VoortgangsrapportageResource, csv_bestand(n)),
            n,
        )
        bestand = declaraties(n)
        (eerste, u1) = meet(
            "declaraties: eerste upload", lambda: run(DeclaratieResource, bestand), n
        )
        (opnieuw, u2) = meet(
            "declaraties: zelfde bestand opnieuw", lambda: run(DeclaratieResource, bestand), n
        )
        (gewijzigd, u3) = meet(
            "declaraties: elke regel gewijzigd (U01: meer uren)",
            lambda: run(DeclaratieResource, declaraties(n, uren=45)),
            n,
        )
        print(
            f"verhouding declaraties / voortgang (eerste upload): {eerste / voortgang:.2f}; "
            f"opnieuw / eerste: {opnieuw / eerste:.2f}; "
            f"gewijzigd / eerste: {gewijzigd / eerste:.2f}"
        )
        if args.controle:
            assert (u1.nieuw, u1.afgewezen, len(u1.fouten)) == (n, 0, 0), u1
            assert (u2.ongewijzigd, u2.nieuw, u2.gewijzigd, len(u2.fouten)) == (n, 0, 0, 0), u2
            # 45 hours against the 40 the progress reports offered: each line changed, to U01.
            assert (u3.gewijzigd, u3.afgewezen, len(u3.fouten)) == (n, n, 0), u3
            print(f"controle: {n} nieuw, {n} ongewijzigd, {n} gewijzigd en afgewezen (U01)")
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)


if __name__ == "__main__":
    main()
