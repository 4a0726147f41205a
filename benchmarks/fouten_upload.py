"""A declaration file of 200,000 bad rows through the API as a provider (issue 31, finding
5): time, peak RSS of the worker and the size of the answer, with the error list capped (as
now) and uncapped (as before: every error in the answer).

    .venv/bin/python benchmarks/fouten_upload.py [--rijen 200000] [--controle]

`--controle` (CI smoke) asserts the outcomes: both answers a 400, every error in the answer
without the cap and at most the cap with it.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.gedeeld import eigen_database  # noqa: E402


def stap(rijen: int, zonder_grens: bool) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from rest_framework.test import APIClient

    import kern.importeren
    import registratie.bestanden
    from tests.factories import AanbiederFactory, UserFactory, koppel_aanbieder

    if zonder_grens:
        kern.importeren.MAX_FOUTEN = registratie.bestanden.MAX_FOUTRIJEN = 10**9
    gebruiker = UserFactory(username=f"b-{time.time_ns()}", rol="aanbieder")
    koppel_aanbieder(
        gebruiker, AanbiederFactory(kvk_nummer=str(time.time_ns())[-8:], naam=f"A{time.time_ns()}")
    )
    regels = ["clientnummer;traject_code;periode;eenheden;bedrag"]
    regels += [f"ONBEKEND{i};NT2;2026-09;1;10" for i in range(rijen)]
    inhoud = "\n".join(regels).encode()
    api = APIClient()
    api.force_authenticate(gebruiker)
    begin = time.perf_counter()
    antwoord = api.post(
        "/api/v1/declaraties/import/",
        {"file": SimpleUploadedFile("fouten.csv", inhoud), "dry_run": "true"},
        format="multipart",
    )
    return {
        "bestand_mb": round(len(inhoud) / 1024 / 1024, 1),
        "status": antwoord.status_code,
        "seconden": round(time.perf_counter() - begin, 1),
        "piek_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "antwoord_mb": round(len(antwoord.content) / 1024 / 1024, 2),
        "fouten": len(json.loads(antwoord.content)["fouten"]),
        "grens": min(kern.importeren.MAX_FOUTEN, registratie.bestanden.MAX_FOUTRIJEN),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rijen", type=int, default=200_000)
    parser.add_argument("--stap", choices=["met", "zonder"])
    parser.add_argument("--controle", action="store_true", help="assert outcomes (CI smoke)")
    args = parser.parse_args()
    if args.stap:
        print(json.dumps(stap(args.rijen, args.stap == "zonder")))
        return
    env = dict(os.environ)
    eigen_database("bench_fouten", env)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    uitkomst = {}
    for soort in ("zonder", "met"):
        uit = subprocess.run(
            [sys.executable, __file__, "--stap", soort, "--rijen", str(args.rijen)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        grens = "zonder grens (voorheen)" if soort == "zonder" else "met grens (nu)"
        print(f"{grens:<24} {uit.stdout.strip().splitlines()[-1]}")
        uitkomst[soort] = json.loads(uit.stdout.strip().splitlines()[-1])
    if args.controle:
        zonder, met = uitkomst["zonder"], uitkomst["met"]
        assert zonder["status"] == met["status"] == 400, uitkomst
        assert (
            zonder["fouten"] == args.rijen and met["fouten"] <= met["grens"] + 1 < zonder["fouten"]
        ), uitkomst
        print(f"controle: {args.rijen} fouten zonder grens, {met['fouten']} met")


if __name__ == "__main__":
    main()
