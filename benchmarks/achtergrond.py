"""An XLSX export of ~100,000 progress reports, in the web request or by the worker, and what
it does to the client list meanwhile (issue 26).

    .venv/bin/python benchmarks/achtergrond.py [--clienten 14000] [--werkers 2]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...

Builds a synthetic world in its own database (SQLite file in /tmp, or `bench_http` on the
server of DATABASE_URL; 14,000 clients give ~105,000 reports) and starts gunicorn with few
workers (`--werkers`, as on a small server). First the client list's unloaded time (median
of 20 requests). Then twice an XLSX export of every report as the beheerder, while the list
is asked again and again: `direct` (EXPORT_DIRECT_MAX above the row count: the export holds
a web worker) and `achtergrond` (the default limit: 202, the db_worker process makes the
file). Prints per path the export's wall time, the peak RSS of the process that made it, the
list's p50 and p95 during the export and p50 against unloaded. `--controle` checks that both
files hold every row.
"""

import argparse
import http.client
import io
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

WORTEL = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(WORTEL))

from benchmarks import http_belasting  # noqa: E402
from benchmarks.gedeeld import draai  # noqa: E402

LIJST = "/api/v1/clienten/"
EXPORT = "/api/v1/voortgangsrapportages/export/?formaat=xlsx"


def vraag(pad: str, token: str) -> tuple[int, bytes, dict, float]:
    verbinding = http.client.HTTPConnection(*http_belasting.ADRES, timeout=600)
    begin = time.perf_counter()
    verbinding.request("GET", pad, headers={"Authorization": f"Token {token}"})
    antwoord = verbinding.getresponse()
    inhoud = antwoord.read()
    duur = time.perf_counter() - begin
    verbinding.close()
    return antwoord.status, inhoud, dict(antwoord.getheaders()), duur


def piek_mb(pids: list[int]) -> float:
    """The highest peak resident size (VmHWM) of these processes, in MB."""
    piek = 0.0
    for pid in pids:
        try:
            for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
                if regel.startswith("VmHWM:"):
                    piek = max(piek, int(regel.split()[1]) / 1024)
        except OSError:
            continue
    return piek


def kinderen(pid: int) -> list[int]:
    uit = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            velden = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(velden[1]) == pid:
            uit.append(int(stat.parent.name))
    return uit


def lijst_tijden(token: str, klaar: threading.Event) -> list[float]:
    tijden = []
    while not klaar.is_set():
        status, _, _, duur = vraag(LIJST, token)
        assert status == 200, status
        tijden.append(duur)
        time.sleep(0.2)
    return tijden


def start_server(env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application"]
        + ["-c", "config/gunicorn.py"],
        cwd=WORTEL,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    http_belasting.wacht_op_server(server)
    return server


def direct(env: dict, token: str) -> dict:
    server = start_server(dict(env, EXPORT_DIRECT_MAX=str(10**9)))
    try:
        klaar, uit = threading.Event(), {}

        def exporteer():
            status, inhoud, _, duur = vraag(EXPORT, token)
            uit.update(status=status, inhoud=inhoud, s=duur)
            klaar.set()

        draad = threading.Thread(target=exporteer)
        draad.start()
        tijden = lijst_tijden(token, klaar)
        draad.join()
        assert uit["status"] == 200, uit["status"]
        return {"s": uit["s"], "mb": piek_mb(kinderen(server.pid)), "lijst": tijden, **uit}
    finally:
        server.terminate()
        server.wait(timeout=30)


def achtergrond(env: dict, token: str) -> dict:
    server = start_server(env)
    werker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "-v", "0"],
        cwd=WORTEL,
        env=env,
    )
    try:
        status, inhoud, koppen, _ = vraag(EXPORT, token)
        assert status == 202, (status, inhoud[:300])
        taak = koppen["Location"].split("127.0.0.1:8765", 1)[-1]
        klaar, stand = threading.Event(), {}

        def volg():
            while True:
                stand.update(json.loads(vraag(taak, token)[1]))
                if stand["status"] in ("klaar", "mislukt"):
                    break
                time.sleep(1)
            klaar.set()

        draad = threading.Thread(target=volg)
        draad.start()
        tijden = lijst_tijden(token, klaar)
        draad.join()
        assert stand["status"] == "klaar", stand
        _, bestand, _, _ = vraag(stand["bestand"].split("127.0.0.1:8765", 1)[-1], token)
        from datetime import datetime

        duur = (
            datetime.fromisoformat(stand["klaar_op"]) - datetime.fromisoformat(stand["begonnen_op"])
        ).total_seconds()
        return {"s": duur, "mb": piek_mb([werker.pid]), "lijst": tijden, "inhoud": bestand}
    finally:
        werker.terminate()
        werker.wait(timeout=60)
        server.terminate()
        server.wait(timeout=30)


def rijen(inhoud: bytes) -> int:
    from openpyxl import load_workbook

    blad = load_workbook(io.BytesIO(inhoud), read_only=True).worksheets[0]
    return sum(1 for _ in blad.iter_rows(values_only=True)) - 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clienten", type=int, default=14_000)
    parser.add_argument("--werkers", type=int, default=2)
    parser.add_argument("--grens", type=int, default=5000, help="EXPORT_DIRECT_MAX")
    parser.add_argument("--controle", action="store_true")
    args = parser.parse_args()
    env, db = http_belasting.omgeving()
    env["WEB_CONCURRENCY"], env["EXPORT_DIRECT_MAX"] = str(args.werkers), str(args.grens)
    begin = time.perf_counter()
    token = draai(http_belasting.__file__, env, "opbouw", args.clienten)["token"]
    print(
        f"# {db}, {args.clienten} clienten; opbouw {time.perf_counter() - begin:.0f} s; "
        f"gunicorn {args.werkers} workers"
    )
    server = start_server(env)
    try:
        vraag(LIJST, token)
        onbelast = statistics.median(vraag(LIJST, token)[3] for _ in range(20))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"clientenlijst onbelast: p50 {onbelast * 1000:.0f} ms")
    print(
        f"{'pad':<13}{'export s':>9}{'piek MB':>9}{'lijst n':>8}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'p50/onbelast':>13}{'rijen':>9}"
    )
    aantallen = []
    for naam, meet in (("direct", direct), ("achtergrond", achtergrond)):
        m = meet(env, token)
        tijden = sorted(m["lijst"])
        p50, p95 = statistics.median(tijden), tijden[min(len(tijden) - 1, int(0.95 * len(tijden)))]
        n = rijen(m["inhoud"])
        print(
            f"{naam:<13}{m['s']:>9.1f}{m['mb']:>9.0f}{len(tijden):>8}{p50 * 1000:>8.0f}"
            f"{p95 * 1000:>8.0f}{p50 / onbelast:>12.1f}x{n:>9}"
        )
        aantallen.append(n)
    if args.controle:
        assert aantallen[0] == aantallen[1] > 0, aantallen
        print("controle: beide exports bevatten dezelfde rijen")


if __name__ == "__main__":
    main()
