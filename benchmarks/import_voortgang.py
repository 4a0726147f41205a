"""Progress-report import speed: rows per second for a 10,000-row file.

    .venv/bin/python benchmarks/import_voortgang.py [--rijen 10000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering .venv/bin/python benchmarks/...

Runs in a throw-away test database (like the test suite) and prints figures, never asserts.
"""

import argparse
import datetime as dt
import os
import resource
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def maak_gegevens(aantal: int):
    from aanbod.models import Aanbieder, Leerroute, Traject
    from inkoop.models import Contract, Contractregel
    from registratie.models import Client, Inschrijving

    aanbieder = Aanbieder.objects.create(
        naam="Bench",
        soort="taal",
        keurmerk_status="geldig",
        keurmerk_geldig_tot=dt.date(2030, 1, 1),
    )
    traject = Traject.objects.create(aanbieder=aanbieder, code="BENCH", naam="Bench", soort="taal")
    traject.leerroutes.set([Leerroute.objects.get(code="b1")])
    contract = Contract.objects.create(
        aanbieder=aanbieder,
        kenmerk="BENCH",
        inkoopvorm="subsidie",
        startdatum=dt.date(2026, 1, 1),
        einddatum=dt.date(2026, 12, 31),
        plafond=Decimal("99999999"),
        status="gegund",
    )
    regel = Contractregel.objects.create(
        contract=contract,
        traject=traject,
        leerroute_id="b1",
        tarief=Decimal("100"),
        capaciteit=aantal,
    )
    clienten = [Client(clientnummer=f"B{i:06d}", leerroute_id="b1") for i in range(aantal)]
    for c in clienten:
        c.bereken_termijnen()
    Client.objects.bulk_create(clienten, batch_size=1000)
    ids = dict(Client.objects.values_list("clientnummer", "pk"))
    Inschrijving.objects.bulk_create(
        [
            Inschrijving(
                client_id=ids[f"B{i:06d}"],
                contractregel=regel,
                status="gestart",
                datum_aanmelding=dt.date(2026, 1, 5),
                startdatum=dt.date(2026, 1, 12),
                tarief=Decimal("100"),
            )
            for i in range(aantal)
        ],
        batch_size=1000,
    )


def csv_bestand(aantal: int, gevolgd: str = "30,5") -> bytes:
    regels = [
        "clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd;"
        "verzuim_ongeoorloofd;taalniveau;participatieladder;toelichting"
    ]
    regels += [f"B{i:06d};BENCH;30-06-2026;40;{gevolgd};1,5;A2;3;maand juni" for i in range(aantal)]
    return "\n".join(regels).encode("utf-8-sig")


def meet(label, functie, rijen):
    begin = time.perf_counter()
    uitkomst = functie()
    duur = time.perf_counter() - begin
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label:<48} {duur:6.2f} s {rijen / duur:8.0f} rijen/s  max RSS {piek:5.0f} MiB"
        f"  nieuw={uitkomst.nieuw} gewijzigd={uitkomst.gewijzigd} "
        f"ongewijzigd={uitkomst.ongewijzigd} fouten={len(uitkomst.fouten)}"
    )
    return uitkomst


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rijen", type=int, default=10_000)
    args = parser.parse_args()
    n = args.rijen

    from kern.importeren import importeer, lees_bestand
    from registratie.models import Voortgangsrapportage
    from registratie.resources import VoortgangsrapportageResource

    setup_test_environment()
    oude_naam = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        maak_gegevens(n)
        print(f"database: {connection.vendor}, {n} rijen, Python-proces {os.getpid()}")

        def run(inhoud, dry_run=False):
            return importeer(VoortgangsrapportageResource(), lees_bestand(inhoud), dry_run=dry_run)

        goed = csv_bestand(n)
        meet("eerste upload (alles nieuw)", lambda: run(goed), n)
        assert Voortgangsrapportage.objects.count() == n
        meet("zelfde bestand opnieuw (niets verandert)", lambda: run(goed), n)
        meet("alle rijen gewijzigd", lambda: run(csv_bestand(n, gevolgd="31")), n)
        midden = f"B{n // 2:06d};BENCH;30-06-2026;40;".encode()
        slecht = csv_bestand(n).replace(midden + b"30,5", midden + b"45")
        meet("een foute rij in het midden (niets geschreven)", lambda: run(slecht), n)
        meet("proefimport (dry run)", lambda: run(goed, dry_run=True), n)
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)


if __name__ == "__main__":
    main()
