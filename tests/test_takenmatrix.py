"""The task table (docs/taken.md) and the browser tests live side by side: a task without a test,
a named test that does not exist, or a browser test that is not in the table fails here."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def taken() -> list[tuple[str, str, list[str]]]:
    tekst = (ROOT / "docs" / "taken.md").read_text(encoding="utf-8")
    blok = re.split(r"\n##+ ", tekst.split("# Taken per rol", 1)[1], maxsplit=1)[0]
    rijen = []
    for regel in blok.splitlines():
        cellen = [c.strip() for c in regel.strip().strip("|").split("|")]
        if len(cellen) == 3 and cellen[0] not in ("rol", "---"):
            rijen.append((cellen[0], cellen[1], re.findall(r"`(test_\w+)`", cellen[2])))
    return rijen


def browsertests() -> set[str]:
    namen = set()
    for pad in (ROOT / "tests" / "browser").glob("test_*.py"):
        for knoop in ast.parse(pad.read_text(encoding="utf-8")).body:
            if isinstance(knoop, ast.FunctionDef) and knoop.name.startswith("test_"):
                namen.add(knoop.name)
    return namen


def test_elke_rol_heeft_taken_en_elke_taak_een_bestaande_browsertest():
    rijen = taken()
    assert {rol for rol, _, _ in rijen} >= {"inkoper", "specialist", "aanbieder", "beheerder"}
    bestaand = browsertests()
    zonder = [taak for _, taak, tests in rijen if not tests]
    assert not zonder, f"Taken zonder browsertest: {zonder}"
    onbekend = [t for _, _, tests in rijen for t in tests if t not in bestaand]
    assert not onbekend, f"In docs/taken.md genoemd maar niet in tests/browser/: {onbekend}"


def test_elke_browsertest_staat_in_de_takenlijst():
    genoemd = {t for _, _, tests in taken() for t in tests}
    assert not browsertests() - genoemd, "Browsertests zonder taak in docs/taken.md"
