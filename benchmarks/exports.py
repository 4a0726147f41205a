"""Exports of ~100,000 progress reports: ours (the API) against the library's old path and a
floor, each in a fresh process so the peak RSS is the export's own.

    .venv/bin/python benchmarks/exports.py [--clienten 14000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...

Builds a synthetic world (manage.py genereer_synthetisch; 14,000 clients give ~105,000
reports) in its own database (SQLite file in /tmp, or `bench_export` on the server of
DATABASE_URL), then measures `GET /api/v1/voortgangsrapportages/export/?formaat=csv|xlsx` as
the beheerder, the library's `resource.export()` + format (what the API did before), and a
floor: csv.writer / openpyxl write-only over values_list().iterator(). `--controle` checks
that every path gives every row (CI smoke). Prints figures and ratios.
"""

import argparse
import csv
import io
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gedeeld import draai, eigen_database  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def kind(stap: str, args: list[str]) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if stap == "opbouw":
        call_command("migrate", verbosity=0)
        call_command("genereer_synthetisch", clienten=int(args[0]), verbosity=0)
        from django.contrib.auth import get_user_model

        get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
        return {}
    from registratie.models import Voortgangsrapportage
    from registratie.resources import VoortgangsrapportageResource

    pad, formaat = args
    start = rss_mb()
    begin = time.perf_counter()
    if pad == "ons":
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()
        client = Client()
        client.force_login(get_user_model().objects.get(username="bench"))
        response = client.get(f"/api/v1/voortgangsrapportages/export/?formaat={formaat}")
        assert response.status_code == 200, response.status_code
        if response.streaming:
            grootte = rijen = 0
            for stuk in response.streaming_content:
                grootte += len(stuk)
                rijen += stuk.count(b"\n")
            rijen -= 1
        else:
            inhoud = response.content
            grootte, rijen = len(inhoud), _xlsx_rijen(inhoud)
    elif pad == "bibliotheek":
        from django.contrib.auth import get_user_model

        from kern.exporteren import EXPORTFORMATEN
        from registratie.selectors import voortgangsrapportages_for

        beheerder = get_user_model().objects.get(username="bench")
        dataset = VoortgangsrapportageResource().export(
            queryset=voortgangsrapportages_for(beheerder), force_native_type=formaat == "xlsx"
        )
        inhoud = EXPORTFORMATEN[formaat]().export_data(dataset)
        inhoud = inhoud.encode() if isinstance(inhoud, str) else inhoud
        grootte = len(inhoud)
        rijen = inhoud.count(b"\n") - 1 if formaat == "csv" else _xlsx_rijen(inhoud)
    else:
        velden = (
            "inschrijving__uuid",
            "inschrijving__client__clientnummer",
            "inschrijving__contractregel__traject__code",
            "peildatum",
            "uren_aangeboden",
            "uren_gevolgd",
            "verzuim_geoorloofd",
            "verzuim_ongeoorloofd",
            "taalniveau",
            "participatieladder",
            "toelichting",
        )
        waarden = Voortgangsrapportage.objects.values_list(*velden).iterator(chunk_size=2000)
        if formaat == "csv":
            buffer, grootte, rijen = io.StringIO(), 0, 0
            schrijver = csv.writer(buffer)
            for rijen, rij in enumerate(waarden, 1):
                schrijver.writerow(rij)
                if rijen % 1000 == 0:
                    grootte += len(buffer.getvalue().encode())
                    buffer.seek(0)
                    buffer.truncate()
            grootte += len(buffer.getvalue().encode())
        else:
            from openpyxl import Workbook

            boek = Workbook(write_only=True)
            blad = boek.create_sheet("Export")
            blad.append(list(velden))
            for rij in waarden:
                blad.append([str(rij[0]), *rij[1:]])
            uit = io.BytesIO()
            boek.save(uit)
            grootte = len(uit.getvalue())
            rijen = _xlsx_rijen(uit.getvalue())
    return {
        "s": time.perf_counter() - begin,
        "rss": rss_mb(),
        "start": start,
        "mb": grootte / 1e6,
        "rijen": rijen,
        "totaal": Voortgangsrapportage.objects.count(),
    }


def _xlsx_rijen(inhoud: bytes) -> int:
    from openpyxl import load_workbook

    blad = load_workbook(io.BytesIO(inhoud), read_only=True).worksheets[0]
    return sum(1 for _ in blad.iter_rows(values_only=True)) - 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clienten", type=int, default=14_000)
    parser.add_argument("--controle", action="store_true")
    parser.add_argument("--stap")
    parser.add_argument("rest", nargs="*")
    args = parser.parse_args()
    if args.stap:
        print(json.dumps(kind(args.stap, args.rest)))
        return
    env = dict(os.environ, DEBUG="true")
    db = eigen_database("bench_export", env)
    begin = time.perf_counter()
    draai(__file__, env, "opbouw", args.clienten)
    duur = time.perf_counter() - begin
    print(f"# {db}, {args.clienten} synthetische clienten; opbouw {duur:.0f} s")
    print(
        f"{'formaat':<8}{'pad':<13}{'s':>8}{'x vloer':>9}{'piek MB':>9}{'(start)':>9}"
        f"{'MB':>7}{'rijen':>9}"
    )
    for formaat in ("csv", "xlsx"):
        vloer = draai(__file__, env, "meet", "vloer", formaat)
        for pad in ("ons", "bibliotheek", "vloer"):
            m = vloer if pad == "vloer" else draai(__file__, env, "meet", pad, formaat)
            print(
                f"{formaat:<8}{pad:<13}{m['s']:8.2f}{m['s'] / vloer['s']:8.1f}x{m['rss']:9.0f}"
                f"{m['start']:9.0f}{m['mb']:7.1f}{m['rijen']:9}"
            )
            if args.controle:
                assert m["rijen"] == m["totaal"], (formaat, pad, m)
    if args.controle:
        print("controle: elke export bevat elke rij")


if __name__ == "__main__":
    main()
