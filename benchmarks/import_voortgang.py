"""Progress-report import against its floor, each measurement in a fresh process.

    .venv/bin/python benchmarks/import_voortgang.py [--rijen 100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...

Builds its own database (SQLite: a file in /tmp; PostgreSQL: database `bench_import` on the
server of DATABASE_URL, dropped first), then runs every import path in a child process so
that the peak RSS is the import's own, beside hand-written floors measured in the same run:
csv + the same parsing + one dict of enrolments + executemany (and COPY on PostgreSQL).
Last, one import runs while another process enrols a client every 0.2 s: its waits and
failures ("database is locked") are counted. `--controle` asserts the outcomes (CI smoke).
Prints figures and ratios; never asserts on time.
"""

import argparse
import csv
import datetime as dt
import io
import json
import os
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

WORTEL = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(WORTEL))

from benchmarks.gedeeld import draai, eigen_database, start, uitkomst  # noqa: E402

MAP = Path(tempfile.gettempdir()) / "bench_import"


def django_opzetten():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- building the world (child) ---------------------------------------------------------------
def opbouw(n: int):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from aanbod.models import Aanbieder, Leerroute, Traject
    from inkoop.models import Contract, Contractregel
    from registratie.models import Client, Inschrijving

    aanbieder = Aanbieder.objects.create(
        naam="Bench",
        soort="taal",
        keurmerk_status="geldig",
        keurmerk_geldig_tot=dt.date(2030, 1, 1),
    )
    contract = Contract.objects.create(
        aanbieder=aanbieder,
        kenmerk="BENCH",
        inkoopvorm="subsidie",
        startdatum=dt.date(2026, 1, 1),
        einddatum=dt.date(2027, 12, 31),
        plafond=Decimal("999999999"),
        status="gegund",
    )
    regels = {}
    for code in ("BENCH", "PROEF"):
        traject = Traject.objects.create(aanbieder=aanbieder, code=code, naam=code, soort="taal")
        traject.leerroutes.set([Leerroute.objects.get(code="b1")])
        regels[code] = Contractregel.objects.create(
            contract=contract,
            traject=traject,
            leerroute_id="b1",
            tarief=Decimal("100"),
            capaciteit=n + 1000,
        )
    clienten = [Client(clientnummer=f"B{i:06d}", leerroute_id="b1") for i in range(n + 1000)]
    for c in clienten:
        c.bereken_termijnen()
    Client.objects.bulk_create(clienten, batch_size=1000)
    Inschrijving.objects.bulk_create(
        [
            Inschrijving(
                client=c,
                contractregel=regels["BENCH"],
                status="gestart",
                datum_aanmelding=dt.date(2026, 1, 5),
                startdatum=dt.date(2026, 1, 12),
                tarief=Decimal("100"),
            )
            for c in clienten[:n]
        ],
        batch_size=1000,
    )
    MAP.mkdir(exist_ok=True)
    (MAP / "goed.csv").write_bytes(csv_bestand(n))
    (MAP / "gewijzigd.csv").write_bytes(csv_bestand(n, gevolgd="31"))
    midden = f"B{n // 2:06d};BENCH;30-06-2026;40;".encode()
    slecht = csv_bestand(n).replace(midden + b"30,5", midden + b"45")
    (MAP / "slecht.csv").write_bytes(slecht)


def csv_bestand(aantal: int, gevolgd: str = "30,5") -> bytes:
    regels = [
        "clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd;"
        "verzuim_ongeoorloofd;taalniveau;participatieladder;toelichting"
    ]
    regels += [f"B{i:06d};BENCH;30-06-2026;40;{gevolgd};1,5;A2;3;maand juni" for i in range(aantal)]
    return "\n".join(regels).encode("utf-8-sig")


# -- one measurement (child) ------------------------------------------------------------------
def importeer(bestand: str, dry_run: bool) -> dict:
    from kern.bestanden import lees_bestand
    from kern.importeren import importeer
    from registratie.resources import VoortgangsrapportageResource

    start = rss_mb()
    begin = time.perf_counter()
    u = importeer(
        VoortgangsrapportageResource(),
        lees_bestand((MAP / bestand).read_bytes()),
        dry_run=dry_run,
    )
    return {
        "s": time.perf_counter() - begin,
        "rss": rss_mb(),
        "rss_start": start,
        "nieuw": u.nieuw,
        "gewijzigd": u.gewijzigd,
        "ongewijzigd": u.ongewijzigd,
        "fouten": len(u.fouten),
    }


def vloer(bestand: str, modus: str) -> dict:
    """The hand-written path: csv, the same Dutch numbers and dates, one dict of enrolments,
    then one executemany (or COPY) in one transaction; no validation, no report."""
    from django.db import connection, transaction

    from registratie.models import Inschrijving, Voortgangsrapportage

    tabel = Voortgangsrapportage._meta.db_table
    begin = time.perf_counter()
    ids = {
        (c, t): pk
        for pk, c, t in Inschrijving.objects.values_list(
            "pk", "client__clientnummer", "contractregel__traject__code"
        )
    }
    rijen = []
    lezer = csv.reader(io.StringIO((MAP / bestand).read_text("utf-8-sig")), delimiter=";")
    next(lezer)
    for c, t, peil, aangeboden, gevolgd, verzuim, niveau, trede, toelichting in lezer:
        d, m, j = peil.split("-")
        rijen.append(
            (
                ids[(c, t)],
                dt.date(int(j), int(m), int(d)),
                Decimal(aangeboden.replace(",", ".")),
                Decimal(gevolgd.replace(",", ".")),
                Decimal(0),
                Decimal(verzuim.replace(",", ".")),
                niveau,
                int(trede),
                toelichting,
            )
        )
    kolommen = (
        "inschrijving_id, peildatum, uren_aangeboden, uren_gevolgd, verzuim_geoorloofd, "
        "verzuim_ongeoorloofd, taalniveau, participatieladder, toelichting"
    )
    nu = dt.datetime.now(dt.UTC)
    with transaction.atomic(), connection.cursor() as cursor:
        if modus == "ongewijzigd":
            bestaand = {
                (i, p): (a, g, vg, vo, tn, tr, tl)
                for i, p, a, g, vg, vo, tn, tr, tl in Voortgangsrapportage.objects.values_list(
                    "inschrijving_id", "peildatum", *kolommen.split(", ")[2:]
                ).iterator(chunk_size=5000)
            }
            assert all(bestaand.get((r[0], r[1])) == r[2:] for r in rijen)
        elif modus == "gewijzigd":
            cursor.executemany(
                f"UPDATE {tabel} SET uren_gevolgd = %s, gewijzigd_op = %s "
                "WHERE inschrijving_id = %s AND peildatum = %s",
                [(r[3], nu, r[0], r[1]) for r in rijen],
            )
        elif modus == "copy":
            with cursor.cursor.copy(
                f"COPY {tabel} ({kolommen}, uuid, ingediend_op, aangemaakt_op, gewijzigd_op) "
                "FROM STDIN"
            ) as copy:
                import uuid

                for r in rijen:
                    copy.write_row((*r, uuid.uuid4(), nu, nu, nu))
        else:
            import uuid

            uuidveld = Voortgangsrapportage._meta.get_field("uuid")
            cursor.executemany(
                f"INSERT INTO {tabel} ({kolommen}, uuid, ingediend_op, aangemaakt_op, "
                f"gewijzigd_op) VALUES ({', '.join(['%s'] * 13)})",
                [
                    (*r, uuidveld.get_db_prep_value(uuid.uuid4(), connection), nu, nu, nu)
                    for r in rijen
                ],
            )
    duur = time.perf_counter() - begin
    if modus in ("nieuw", "copy"):
        Voortgangsrapportage.objects.all().delete()
    return {"s": duur, "rss": rss_mb()}


def leeg():
    from registratie.models import Voortgangsrapportage

    Voortgangsrapportage.objects.all().delete()
    return {}


def inschrijven_tijdens(stopbestand: str) -> dict:
    """Enrol a client every 0.2 s until the import's process leaves a file behind."""
    from inkoop.models import Contractregel
    from registratie.models import Client
    from registratie.services import inschrijving_create

    regel = Contractregel.objects.get(traject__code="PROEF")
    vrij = list(Client.objects.filter(inschrijvingen__isnull=True).order_by("pk")[:1000])
    wachten, fouten = [], []
    while not Path(stopbestand).exists() and vrij:
        begin = time.perf_counter()
        try:
            inschrijving_create(
                client=vrij.pop(),
                contractregel=regel,
                door=None,
                startdatum=dt.date(2026, 12, 1),
                datum_aanmelding=dt.date(2026, 11, 1),
            )
        except Exception as error:  # noqa: BLE001 - counted and shown
            fouten.append(str(error)[:80])
        wachten.append(time.perf_counter() - begin)
        time.sleep(0.2)
    return {"pogingen": len(wachten), "max_s": max(wachten, default=0), "fouten": fouten}


def kind(stap: str, args: list[str]) -> dict:
    django_opzetten()
    if stap == "opbouw":
        opbouw(int(args[0]))
        return {}
    if stap == "import":
        uitkomst = importeer(args[0], dry_run=args[1] == "proef")
        if len(args) > 2:
            Path(args[2]).touch()
        return uitkomst
    if stap == "vloer":
        return vloer(args[0], args[1])
    if stap == "leeg":
        return leeg()
    if stap == "inschrijven":
        return inschrijven_tijdens(args[0])
    raise SystemExit(f"onbekende stap {stap}")


# -- the run (parent) -------------------------------------------------------------------------
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rijen", type=int, default=100_000)
    parser.add_argument("--controle", action="store_true", help="assert outcomes (CI smoke)")
    parser.add_argument("--stap")
    parser.add_argument("rest", nargs="*")
    args = parser.parse_args()
    if args.stap:
        print(json.dumps(kind(args.stap, args.rest)))
        return
    n = args.rijen
    env = dict(os.environ, DEBUG="true")
    db = eigen_database("bench_import", env)
    begin = time.perf_counter()
    draai(__file__, env, "opbouw", n)
    print(f"# {db}, {n} rijen; opbouw {time.perf_counter() - begin:.0f} s")

    regels = []
    vloer_nieuw = draai(__file__, env, "vloer", "goed.csv", "nieuw")
    vloer_copy = draai(__file__, env, "vloer", "goed.csv", "copy") if db == "postgresql" else None
    nieuw = draai(__file__, env, "import", "goed.csv", "echt")
    regels.append(("eerste upload (alles nieuw)", nieuw, vloer_nieuw))
    vloer_zelfde = draai(__file__, env, "vloer", "goed.csv", "ongewijzigd")
    zelfde = draai(__file__, env, "import", "goed.csv", "echt")
    regels.append(("zelfde bestand opnieuw", zelfde, vloer_zelfde))
    vloer_gewijzigd = draai(__file__, env, "vloer", "gewijzigd.csv", "gewijzigd")
    draai(__file__, env, "vloer", "goed.csv", "gewijzigd")  # back to the first upload's values
    gewijzigd = draai(__file__, env, "import", "gewijzigd.csv", "echt")
    regels.append(("alle rijen gewijzigd", gewijzigd, vloer_gewijzigd))
    slecht = draai(__file__, env, "import", "slecht.csv", "echt")
    regels.append(("een foute rij in het midden", slecht, None))
    proef = draai(__file__, env, "import", "goed.csv", "proef")
    regels.append(("proefimport (dry run)", proef, None))

    print(
        f"{'pad':<30}{'ons s':>8}{'vloer s':>9}{'ratio':>7}{'rijen/s':>9}"
        f"{'piek MB':>9}{'  (start)':>9}  nieuw/gewijzigd/ongewijzigd/fouten"
    )
    for naam, u, v in regels:
        ratio = f"{u['s'] / v['s']:6.1f}x" if v else "      -"
        print(
            f"{naam:<30}{u['s']:8.2f}{(v or {}).get('s', float('nan')):9.2f}{ratio}"
            f"{n / u['s']:9.0f}{u['rss']:9.0f}{u['rss_start']:9.0f}  "
            f"{u['nieuw']}/{u['gewijzigd']}/{u['ongewijzigd']}/{u['fouten']}"
        )
    if vloer_copy:
        print(
            f"{'COPY (vloer op PostgreSQL)':<30}{'':8}{vloer_copy['s']:9.2f}  eerste upload is "
            f"{nieuw['s'] / vloer_copy['s']:.1f}x COPY"
        )

    # An enrolment every 0.2 s while a provider's upload of new rows runs.
    draai(__file__, env, "leeg")
    stop = MAP / "klaar"
    stop.unlink(missing_ok=True)
    proever = start(__file__, env, "inschrijven", stop)
    time.sleep(3)  # the prober's Django is up and enrolling
    tijdens = draai(__file__, env, "import", "goed.csv", "echt", stop)
    inschrijven = uitkomst(proever, "inschrijven")
    print(
        f"inschrijven tijdens een upload van {n} rijen ({tijdens['s']:.1f} s): "
        f"{inschrijven['pogingen']} pogingen, langste wacht {inschrijven['max_s']:.2f} s, "
        f"{len(inschrijven['fouten'])} mislukt {inschrijven['fouten'][:3]}"
    )
    if args.controle:
        assert (nieuw["nieuw"], nieuw["fouten"]) == (n, 0), nieuw
        assert (zelfde["ongewijzigd"], zelfde["nieuw"], zelfde["gewijzigd"]) == (n, 0, 0), zelfde
        assert (gewijzigd["gewijzigd"], gewijzigd["fouten"]) == (n, 0), gewijzigd
        assert (slecht["fouten"], slecht["nieuw"]) == (1, 0), slecht
        assert proef["gewijzigd"] == n, proef
        assert tijdens["nieuw"] == n, tijdens
        assert inschrijven["pogingen"] > 0 and inschrijven["fouten"] == [], inschrijven
        print("controle: uitkomsten kloppen")


if __name__ == "__main__":
    main()
