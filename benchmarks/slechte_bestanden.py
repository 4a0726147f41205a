"""Every file of the bad-file corpus (tests/kern/slechte_bestanden.py) through the reader
every import path uses: time and peak memory per file, the worst of them, and what it said.
Then the full-size bombs of issues 29 and 31 (7.9 million shared strings, one cell of 180 MB,
3.2 million cell styles), each in a child process of its own: time, peak RSS and RSS after,
read by openpyxl directly (as before the XML check) and by lees_bestand.

    .venv/bin/python benchmarks/slechte_bestanden.py [--zonder-bommen] [--klein] [--controle]

`--klein` makes the bombs at the sizes the tests use and reads them with lees_bestand only;
`--controle` (CI smoke) asserts every corpus file is read or refused as the tests expect and
every bomb is refused.
"""

import multiprocessing
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402

from kern.bestanden import lees_bestand  # noqa: E402
from tests.kern.slechte_bestanden import (  # noqa: E402
    CORPUS,
    gedeelde_teksten_bom,
    lange_cel,
    stijlen_bom,
)


def _rss_mib() -> float:
    with open("/proc/self/status") as status:
        regel = next(r for r in status if r.startswith("VmRSS:"))
    return int(regel.split()[1]) / 1024


def _openpyxl_direct(inhoud: bytes) -> str:
    """How the file was read before the XML check: openpyxl in read-only mode."""
    import io

    import openpyxl

    boek = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    rijen = sum(1 for _ in boek.worksheets[0].iter_rows(values_only=True))
    boek.close()
    return f"gelezen: {rijen} rijen"


def _meet(lezer: str, inhoud: bytes, uit) -> None:
    voor = _rss_mib()
    begin = time.perf_counter()
    try:
        uitkomst = _openpyxl_direct(inhoud) if lezer == "openpyxl" else "gelezen"
        if lezer != "openpyxl":
            lees_bestand(inhoud)
    except ValidationError as error:
        uitkomst = f"geweigerd: {error.messages[0][:60]}"
    duur = time.perf_counter() - begin
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    uit.put((duur, voor, piek, _rss_mib(), uitkomst))


def bommen(klein: bool, controle: bool) -> None:
    ctx = multiprocessing.get_context("fork")
    if klein:
        bestanden = {
            "1,1 mln gedeelde teksten": gedeelde_teksten_bom(),
            "cel van 200.000 tekens": lange_cel(),
            "300.000 opmaakstijlen": stijlen_bom(),
        }
    else:
        bestanden = {
            "7,9 mln gedeelde teksten": gedeelde_teksten_bom(7_900_000, b"xx"),
            "cel van 180 MB": lange_cel(180 * 1024 * 1024),
            "3,2 mln opmaakstijlen": stijlen_bom(3_200_000),
        }
    print(f"{'bestand':<26} {'lezer':<12} {'tijd':>8} {'RSS voor':>9} {'piek':>9} {'na':>9}")
    for naam, inhoud in bestanden.items():
        for lezer in ("lees_bestand",) if klein else ("openpyxl", "lees_bestand"):
            rij = ctx.Queue()
            kind = ctx.Process(target=_meet, args=(lezer, inhoud, rij))
            kind.start()
            duur, voor, piek, na, uitkomst = rij.get()
            kind.join()
            print(
                f"{naam:<26} {lezer:<12} {duur:7.1f}s {voor:7.0f}MB {piek:7.0f}MB {na:7.0f}MB"
                f"  {len(inhoud) // 1024} KB; {uitkomst}"
            )
            if controle and lezer == "lees_bestand":
                assert uitkomst.startswith("geweigerd"), (naam, uitkomst)


def main(controle: bool):
    slechtste_tijd, slechtste_geheugen = ("", 0.0), ("", 0.0)
    for naam, inhoud, verwacht in CORPUS:
        tracemalloc.start()
        begin = time.perf_counter()
        try:
            dataset = lees_bestand(inhoud, naam)
            uitkomst = f"gelezen: {len(dataset)} rijen x {len(dataset.headers or [])} kolommen"
        except ValidationError as error:
            uitkomst = f"geweigerd: {error.messages[0][:70]}"
            # What the reader says is what the upload shows (tests/kern/test_slechte_bestanden).
            if controle and verwacht is not None:
                assert verwacht in error.messages[0], (naam, error.messages[0], verwacht)
        duur = time.perf_counter() - begin
        _, piek = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        piek_mib = piek / 1024 / 1024
        print(
            f"{naam:<24} {len(inhoud):>10} B {duur * 1000:8.1f} ms {piek_mib:7.2f} MiB  {uitkomst}"
        )
        slechtste_tijd = max(slechtste_tijd, (naam, duur), key=lambda x: x[1])
        slechtste_geheugen = max(slechtste_geheugen, (naam, piek_mib), key=lambda x: x[1])
    print(
        f"{len(CORPUS)} bestanden; traagste {slechtste_tijd[0]} {slechtste_tijd[1] * 1000:.0f} ms; "
        f"meeste geheugen {slechtste_geheugen[0]} {slechtste_geheugen[1]:.1f} MiB"
    )


if __name__ == "__main__":
    main("--controle" in sys.argv)
    if "--zonder-bommen" not in sys.argv:
        bommen("--klein" in sys.argv, "--controle" in sys.argv)
    if "--controle" in sys.argv:
        print(f"controle: {len(CORPUS)} bestanden gelezen of geweigerd zoals verwacht")
