"""A very large upload against the production server (gunicorn, config/gunicorn.py): how much
memory does a worker take before it answers?

    .venv/bin/python benchmarks/grote_upload.py [--mb 1024] [--controle]

Starts gunicorn with DEBUG off on a database of its own, then sends multipart bodies of
several sizes to the declaration import of the API (with an API token), streamed from a
generator so this script holds 1 MB at a time: with a Content-Length of `--mb` MB, without
one (chunked), and just above and just below the file limit (IMPORT_MAX_BYTES). Per body:
the status, the seconds to the answer, how many MB were sent before it came, and the growth
of the workers' peak memory (VmHWM in /proc, summed over the workers). `--controle` asserts
that the large bodies are refused before they are read (growth under 50 MB).
"""

import argparse
import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

WORTEL = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(WORTEL))

from benchmarks.gedeeld import draai  # noqa: E402
from benchmarks.http_belasting import ADRES, omgeving, wacht_op_server  # noqa: E402

MB = 1024 * 1024
GRENS = "----grote-upload"


def kind(stap: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("loaddemo", force=True, verbosity=0)
    user = get_user_model().objects.get(username="aanbieder")
    token, _ = Token.objects.get_or_create(user=user)
    return {"token": token.key, "max_mb": settings.IMPORT_MAX_BYTES / MB}


def werkers(hoofd: int) -> list[int]:
    kinderen = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == hoofd:
                        kinderen.append(int(pid))
            except (OSError, IndexError, ValueError):
                continue
    return kinderen


def piek_mb(pids: list[int]) -> float:
    totaal = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for regel in f:
                    if regel.startswith("VmHWM:"):
                        totaal += int(regel.split()[1])
        except OSError:
            continue
    return totaal / 1024


def stuur(token: str, grootte: int, *, met_lengte: bool) -> dict:
    """Send a multipart body of `grootte` bytes in 1 MB pieces; stop sending when the
    server answers or closes."""
    kop = (
        f'--{GRENS}\r\nContent-Disposition: form-data; name="dry_run"\r\n\r\ntrue\r\n'
        f'--{GRENS}\r\nContent-Disposition: form-data; name="file"; filename="groot.csv"\r\n'
        "Content-Type: text/csv\r\n\r\nclientnummer;traject_code;periode;eenheden;bedrag\r\n"
    ).encode()
    staart = f"\r\n--{GRENS}--\r\n".encode()
    romp = grootte - len(kop) - len(staart)
    stuk = (b"X1;NT2;2026-09;1;10\r\n" * (MB // 20 + 1))[:MB]
    sok = socket.create_connection(ADRES, timeout=300)
    koppen = [
        "POST /api/v1/declaraties/import/ HTTP/1.1",
        f"Host: {ADRES[0]}",
        f"Authorization: Token {token}",
        f"Content-Type: multipart/form-data; boundary={GRENS}",
        "Connection: close",
    ]
    koppen.append(f"Content-Length: {grootte}" if met_lengte else "Transfer-Encoding: chunked")
    begin = time.perf_counter()
    verzonden = 0

    def zend(data: bytes):
        nonlocal verzonden
        if not met_lengte:
            data = f"{len(data):x}\r\n".encode() + data + b"\r\n"
        sok.sendall(data)
        verzonden += len(data)

    try:
        sok.sendall(("\r\n".join(koppen) + "\r\n\r\n").encode())
        zend(kop)
        sok.setblocking(False)
        over = romp
        while over > 0:
            try:
                if sok.recv(1, socket.MSG_PEEK):
                    break  # the answer is there: stop sending
            except BlockingIOError:
                pass
            sok.setblocking(True)
            zend(stuk[: min(MB, over)])
            sok.setblocking(False)
            over -= min(MB, over)
        else:
            sok.setblocking(True)
            zend(staart)
            if not met_lengte:
                sok.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    sok.setblocking(True)
    antwoord = http.client.HTTPResponse(sok)
    try:
        antwoord.begin()
        status = antwoord.status
        antwoord.read()
    except (http.client.HTTPException, OSError):
        status = None
    sok.close()
    return {"status": status, "s": time.perf_counter() - begin, "verzonden_mb": verzonden / MB}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=1024)
    parser.add_argument("--controle", action="store_true")
    parser.add_argument("--stap")
    args = parser.parse_args()
    if args.stap:
        import json

        print(json.dumps(kind(args.stap)))
        return
    env, db = omgeving()
    env["WEB_CONCURRENCY"] = "1"
    opbouw = draai(__file__, env, "opbouw")
    token, max_mb = opbouw["token"], opbouw["max_mb"]
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application"]
        + ["-c", "config/gunicorn.py"],
        cwd=WORTEL,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        wacht_op_server(server)
        pids = werkers(server.pid)
        print(f"# {db}, gunicorn 1 worker, bestandsgrens {max_mb:.0f} MB")
        print(f"{'verzoek':<34}{'status':>7}{'s':>7}{'verzonden MB':>14}{'piekgroei MB':>14}")
        gevallen = [
            (f"{args.mb} MB met Content-Length", args.mb * MB, True),
            (f"{args.mb} MB chunked", args.mb * MB, False),
            (f"{max_mb + 2:.0f} MB met Content-Length", int((max_mb + 2) * MB), True),
            (f"{max_mb - 1:.0f} MB met Content-Length", int((max_mb - 1) * MB), True),
        ]
        groei = {}
        for naam, grootte, met_lengte in gevallen:
            voor = piek_mb(pids)
            m = stuur(token, grootte, met_lengte=met_lengte)
            groei[naam] = piek_mb(pids) - voor
            print(
                f"{naam:<34}{m['status'] or '-':>7}{m['s']:>7.2f}{m['verzonden_mb']:>14.1f}"
                f"{groei[naam]:>14.1f}"
            )
        if args.controle:
            for naam, _, _ in gevallen[:3]:
                assert groei[naam] < 50, (naam, groei[naam])
            print("controle: de grote verzoeken zijn geweigerd voor ze gelezen werden")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
