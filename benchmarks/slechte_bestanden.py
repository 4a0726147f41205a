"""Every file of the bad-file corpus (tests/kern/slechte_bestanden.py) through the reader
every import path uses: time and peak memory per file, the worst of them, and what it said.

    .venv/bin/python benchmarks/slechte_bestanden.py
"""

import os
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
from tests.kern.slechte_bestanden import CORPUS  # noqa: E402


def main():
    slechtste_tijd, slechtste_geheugen = ("", 0.0), ("", 0.0)
    for naam, inhoud, _ in CORPUS:
        tracemalloc.start()
        begin = time.perf_counter()
        try:
            dataset = lees_bestand(inhoud, naam)
            uitkomst = f"gelezen: {len(dataset)} rijen x {len(dataset.headers or [])} kolommen"
        except ValidationError as error:
            uitkomst = f"geweigerd: {error.messages[0][:70]}"
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
    main()
