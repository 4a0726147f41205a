"""What the benchmarks that run their steps in child processes share: a database of their
own, and a step run as `python <script> --stap ...` that prints its outcome as JSON."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def eigen_database(naam: str, env: dict) -> str:
    """Point env's DATABASE_URL at a fresh database `naam`: on the PostgreSQL server of
    DATABASE_URL (dropped and made anew), else a SQLite file in /tmp. Returns the vendor."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        basis = url.rsplit("/", 1)[0]
        with psycopg.connect(f"{basis}/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")
            c.execute(f"CREATE DATABASE {naam}")
        env["DATABASE_URL"] = f"{basis}/{naam}"
        return "postgresql"
    pad = Path(tempfile.gettempdir()) / f"{naam}.sqlite3"
    for bestand in pad.parent.glob(pad.name + "*"):
        bestand.unlink()
    env["DATABASE_URL"] = f"sqlite:///{pad}"
    return "sqlite"


def start(script: str, env: dict, stap: str, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, script, "--stap", stap, *map(str, args)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def uitkomst(proces: subprocess.Popen, stap: str) -> dict:
    uit, fout = proces.communicate()
    if proces.returncode:
        raise SystemExit(f"stap {stap} faalde:\n{fout[-3000:]}")
    return json.loads(uit.strip().splitlines()[-1])


def draai(script: str, env: dict, stap: str, *args) -> dict:
    return uitkomst(start(script, env, stap, *args), stap)
