"""The production server starts as the example systemd unit says and answers: its
ExecStartPre and ExecStart lines are run as written (paths moved to this checkout), with
DEBUG off, and /healthz and a hashed, compressed static file come back."""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "deploy" / "inburgering.service"


def _regels(sleutel):
    return [
        regel.split("=", 1)[1]
        for regel in UNIT.read_text().splitlines()
        if regel.startswith(f"{sleutel}=")
    ]


def _opdracht(regel):
    woorden = shlex.split(regel.replace("/opt/inburgering", str(ROOT)))
    if woorden[0].endswith("/python"):
        woorden[0] = sys.executable
    elif woorden[0].endswith("/gunicorn"):
        woorden[0] = str(Path(sys.executable).parent / "gunicorn")
    return woorden


def _vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _haal(url, **koppen):
    verzoek = urllib.request.Request(url, headers=koppen)
    with urllib.request.urlopen(verzoek, timeout=5) as antwoord:
        return antwoord.status, dict(antwoord.headers), antwoord.read()


@pytest.mark.db_agnostic
def test_de_systemd_unit_start_gunicorn_dat_antwoordt(tmp_path):
    poort = _vrije_poort()
    omgeving = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    for regel in _regels("Environment"):
        sleutel, waarde = regel.split("=", 1)
        omgeving[sleutel] = waarde
    # What /etc/inburgering.env holds in production; here a database of its own.
    omgeving |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'productie.sqlite3'}",
        "SECRET_KEY": "een-productiesleutel-alleen-voor-deze-test-" + "x" * 20,
        "VELDSLEUTEL": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "USE_X_FORWARDED_PROTO": "true",
        "STATIC_ROOT": str(tmp_path / "static"),
        "BIND": f"127.0.0.1:{poort}",
        "WEB_CONCURRENCY": "2",
    }
    assert omgeving["DEBUG"] == "false"
    for regel in _regels("ExecStartPre"):
        subprocess.run(_opdracht(regel), cwd=ROOT, env=omgeving, check=True, timeout=180)
    (start,) = _regels("ExecStart")
    server = subprocess.Popen(
        _opdracht(start),
        cwd=ROOT,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        basis = f"http://127.0.0.1:{poort}"
        for _ in range(100):
            try:
                status, koppen, inhoud = _haal(f"{basis}/healthz")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"gunicorn stopte: {server.stdout.read()}")
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn antwoordde niet binnen 20 s")
        assert status == 200 and b'"database": "ok"' in inhoud
        assert koppen["Server"].startswith("gunicorn")

        https = {"X-Forwarded-Proto": "https"}
        _s, _k, pagina = _haal(f"{basis}/inloggen/", **https)
        (css,) = set(re.findall(r"/static/kern/site\.[0-9a-f]{12}\.css", pagina.decode()))
        status, koppen, _ = _haal(f"{basis}{css}", **https, **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert koppen.get("Content-Encoding") == "gzip"
        assert "immutable" in koppen["Cache-Control"]
    finally:
        server.terminate()
        uitvoer, _ = server.communicate(timeout=30)
    # One JSON line per request.
    assert '"pad": "/healthz", "status": 200' in uitvoer
