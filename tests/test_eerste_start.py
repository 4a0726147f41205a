"""What a newcomer sees after `make run`: the server is started with the Makefile's own
`run` recipe (its environment and its runserver line, paths moved to a temporary database and
static folder), and every stylesheet, icon and script that the login page and the dashboard
name answers 200 with the right content type. A page served without its stylesheet went
unnoticed once because the tests only used the test client."""

import http.cookiejar
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
INHOUDSTYPEN = {".css": "text/css", ".svg": "image/svg+xml", ".js": "javascript"}


def _make_recept(doel: str) -> list[str]:
    """The recipe lines of one Makefile target, as written."""
    regels, binnen = [], False
    for regel in (ROOT / "Makefile").read_text().splitlines():
        if regel.startswith(f"{doel}:"):
            binnen = True
        elif binnen and regel.startswith("\t"):
            regels.append(regel.strip())
        elif binnen:
            break
    return regels


def _runserver_opdracht(poort: int) -> list[str]:
    (regel,) = [r for r in _make_recept("run") if "runserver" in r]
    woorden = shlex.split(regel.replace("$(RUNENV)", "").replace("$(HOST)", f"127.0.0.1:{poort}"))
    assert woorden[0] == "$(BIN)/python", regel
    return [sys.executable, *woorden[1:]]


def _run_omgeving(tmp_path: Path) -> dict[str, str]:
    makefile = (ROOT / "Makefile").read_text()
    (runenv,) = re.findall(r"^RUNENV := (.*)$", makefile, re.M)
    omgeving = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    for sleutel, waarde in re.findall(r"(\w+)=(\S+)", runenv):
        omgeving[sleutel] = waarde
    # The Makefile's defaults (DEBUG ?= false) and this checkout's keys, made fresh here.
    omgeving["DEBUG"] = re.search(r"^DEBUG\s+\?= (\w+)", makefile, re.M).group(1)
    omgeving |= {
        "SECRET_KEY": "sleutel-van-een-nieuwe-checkout-" + "x" * 30,
        "VELDSLEUTEL": Fernet.generate_key().decode(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    return omgeving


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bronnen(html: str) -> set[str]:
    return set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html))


@pytest.mark.slow
@pytest.mark.db_agnostic
def test_make_run_dient_de_paginas_met_hun_opmaak(tmp_path):
    omgeving = _run_omgeving(tmp_path)
    assert omgeving["DEBUG"] == "false"
    beheer = [sys.executable, "manage.py"]
    for stap in (["migrate", "--no-input", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        subprocess.run(beheer + stap, cwd=ROOT, env=omgeving, check=True, timeout=300)
    maak_gebruiker = (
        "from tests.factories import UserFactory; "
        "UserFactory(username='nieuw', password='een-lang-wachtwoord', rol='inkoper')"
    )
    subprocess.run(
        beheer + ["shell", "-c", maak_gebruiker], cwd=ROOT, env=omgeving, check=True, timeout=60
    )
    poort = _vrije_poort()
    server = subprocess.Popen(
        _runserver_opdracht(poort),
        cwd=ROOT,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    basis = f"http://127.0.0.1:{poort}"
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        for _ in range(150):
            try:
                inlog = browser.open(f"{basis}/inloggen/", timeout=5).read().decode()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"runserver stopte: {server.stdout.read()}")
                time.sleep(0.2)
        else:
            pytest.fail("runserver antwoordde niet binnen 30 s")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', inlog).group(1)
        gegevens = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": "nieuw", "password": "een-lang-wachtwoord"}
        ).encode()
        verzoek = urllib.request.Request(
            f"{basis}/inloggen/", data=gegevens, headers={"Referer": f"{basis}/inloggen/"}
        )
        browser.open(verzoek, timeout=10).read()
        dashboard = browser.open(f"{basis}/dashboard/", timeout=30).read().decode()
        assert "Uitloggen (nieuw)" in dashboard

        bronnen = _bronnen(inlog) | _bronnen(dashboard)
        assert any(b.endswith(".css") for b in bronnen), bronnen
        assert any("favicon" in b for b in bronnen), bronnen
        for bron in sorted(bronnen):
            # Hashed names, as collectstatic made them: the browser may keep them forever.
            assert re.search(r"\.[0-9a-f]{12}\.\w+$", bron), bron
            antwoord = browser.open(f"{basis}{bron}", timeout=10)
            assert antwoord.status == 200, bron
            verwacht = INHOUDSTYPEN[Path(bron).suffix]
            assert verwacht in antwoord.headers["Content-Type"], (bron, antwoord.headers)
            assert antwoord.read(), bron
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=30)
