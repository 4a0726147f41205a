"""HTTP load on the production server (gunicorn, config/gunicorn.py) against 127.0.0.1.

    .venv/bin/python benchmarks/http_belasting.py [--clienten 10000] [--duur 10]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...

Builds a synthetic world in its own database (SQLite file in /tmp, or `bench_http` on the
server of DATABASE_URL), starts gunicorn with DEBUG off, and for 8 and 32 concurrent clients
(threads with keep-alive connections, a bounded number of seconds each) requests the client
list, a deep page of it, the enrolment list's first and deep page, and the populatie and
monitor reports with an API token: requests/s, p50/p95/p99, errors, and the p50 against the
same request in-process (Django's test client, no server). The deep page is page 2,000, or
the last one a smaller world has. `--bestaand URL` measures a world already made (say the
million clients of `genereer_synthetisch`, which takes most of an hour) and leaves it as it
was but for the benchmark's user. `--controle` asserts that no request failed (CI smoke).
"""

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

WORTEL = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(WORTEL))

from benchmarks.gedeeld import draai, eigen_database  # noqa: E402

ADRES = ("127.0.0.1", 8765)


def paden(clienten: int) -> dict[str, str]:
    diep = max(1, min(2000, clienten // 50))
    return {
        "clientenlijst": "/api/v1/clienten/",
        f"clienten p{diep}": f"/api/v1/clienten/?page={diep}",
        "inschrijvingen": "/api/v1/inschrijvingen/",
        f"inschr. p{diep}": f"/api/v1/inschrijvingen/?page={diep}",
        "populatie": "/api/v1/rapportages/populatie/?peildatum=2026-10-31",
        "monitor": "/api/v1/rapportages/monitor/?peildatum=2026-10-31",
    }


def kind(stap: str, args: list[str]) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    if stap in ("opbouw", "bestaand"):
        from django.core.management import call_command
        from rest_framework.authtoken.models import Token

        from registratie.models import Client

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if stap == "opbouw":
            call_command("genereer_synthetisch", clienten=int(args[0]), verbosity=0)
        user = get_user_model().objects.filter(username="bench").first()
        if user is None:
            user = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
        token, _ = Token.objects.get_or_create(user=user)
        return {"token": token.key, "clienten": Client.objects.count()}
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench"))
    tijden = {}
    for naam, pad in paden(int(args[0])).items():
        client.get(pad)
        metingen = []
        for _ in range(5):
            begin = time.perf_counter()
            assert client.get(pad).status_code == 200
            metingen.append(time.perf_counter() - begin)
        tijden[naam] = statistics.median(metingen)
    return tijden


def belast(pad: str, token: str, gelijktijdig: int, duur: float) -> dict:
    tijden, fouten, slot = [], [], threading.Lock()
    einde = time.monotonic() + duur

    def werker():
        verbinding = http.client.HTTPConnection(*ADRES, timeout=120)
        eigen, eigen_fouten = [], []
        while time.monotonic() < einde:
            begin = time.perf_counter()
            try:
                verbinding.request("GET", pad, headers={"Authorization": f"Token {token}"})
                antwoord = verbinding.getresponse()
                antwoord.read()
                if antwoord.status != 200:
                    eigen_fouten.append(antwoord.status)
            except (OSError, http.client.HTTPException) as error:
                eigen_fouten.append(type(error).__name__)
                verbinding.close()
                verbinding = http.client.HTTPConnection(*ADRES, timeout=120)
            eigen.append(time.perf_counter() - begin)
        with slot:
            tijden.extend(eigen)
            fouten.extend(eigen_fouten)

    begin = time.perf_counter()
    draden = [threading.Thread(target=werker) for _ in range(gelijktijdig)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    verstreken = time.perf_counter() - begin
    tijden.sort()

    def p(q):
        return tijden[min(len(tijden) - 1, int(q * len(tijden)))] if tijden else float("nan")

    return {
        "n": len(tijden),
        "per_s": len(tijden) / verstreken,
        "p50": p(0.5),
        "p95": p(0.95),
        "p99": p(0.99),
        "fouten": fouten,
    }


def omgeving(bestaand: str | None = None) -> tuple[dict, str]:
    from cryptography.fernet import Fernet

    env = dict(
        os.environ,
        DEBUG="false",
        LOKAAL_HTTP="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        VELDSLEUTEL=Fernet.generate_key().decode(),
        BIND=f"{ADRES[0]}:{ADRES[1]}",
        LOG_LEVEL="error",
    )
    if bestaand:
        env["DATABASE_URL"] = bestaand
        return env, bestaand.split(":", 1)[0]
    return env, eigen_database("bench_http", env)


def wacht_op_server(server) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopte meteen")
        try:
            verbinding = http.client.HTTPConnection(*ADRES, timeout=2)
            verbinding.request("GET", "/healthz")
            if verbinding.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn antwoordde niet op /healthz")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clienten", type=int, default=10_000)
    parser.add_argument("--duur", type=float, default=10.0, help="seconden per meting")
    parser.add_argument("--gelijktijdig", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--controle", action="store_true")
    parser.add_argument("--bestaand", help="DATABASE_URL van een wereld die er al is")
    parser.add_argument("--stap")
    parser.add_argument("rest", nargs="*")
    args = parser.parse_args()
    if args.stap:
        print(json.dumps(kind(args.stap, args.rest)))
        return
    env, db = omgeving(args.bestaand)
    wereld = draai(__file__, env, "bestaand" if args.bestaand else "opbouw", args.clienten)
    token, clienten = wereld["token"], wereld["clienten"]
    binnen = draai(__file__, env, "inproces", clienten)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application"]
        + ["-c", "config/gunicorn.py"],
        cwd=WORTEL,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        wacht_op_server(server)
        import multiprocessing

        werkers = os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
        print(
            f"# {db}, {clienten} clienten, gunicorn {werkers} workers x "
            f"{os.environ.get('GUNICORN_THREADS', 2)} threads, {args.duur:.0f} s per meting"
        )
        print(
            f"{'pad':<17}{'gelijktijdig':>13}{'verzoeken':>10}{'per s':>8}{'p50 ms':>8}"
            f"{'p95 ms':>8}{'p99 ms':>8}{'in-proces ms':>13}{'p50/in-proces':>14}{'fouten':>8}"
        )
        alle_fouten = []
        for naam, pad in paden(clienten).items():
            for gelijktijdig in args.gelijktijdig:
                m = belast(pad, token, gelijktijdig, args.duur)
                alle_fouten += m["fouten"]
                print(
                    f"{naam:<17}{gelijktijdig:>13}{m['n']:>10}{m['per_s']:>8.1f}"
                    f"{m['p50'] * 1000:>8.0f}{m['p95'] * 1000:>8.0f}{m['p99'] * 1000:>8.0f}"
                    f"{binnen[naam] * 1000:>13.0f}{m['p50'] / binnen[naam]:>14.1f}"
                    f"{len(m['fouten']):>8}"
                )
        if args.controle:
            assert not alle_fouten, alle_fouten[:10]
            print("controle: geen enkel verzoek mislukte")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
