"""The enrolment list keeps its order, newest start first and within a day by client number,
on every page: the index behind the first page (inschrijving_nieuwste_eerst) changes how the
database finds the rows, never which rows or in what order."""

import datetime as dt
import random

import pytest

from tests.factories import InschrijvingFactory

pytestmark = pytest.mark.django_db


def test_elke_pagina_volgt_startdatum_aflopend_en_dan_clientnummer(api, beheerder):
    beheer = api(beheerder)
    rnd = random.Random(4)
    dagen = [dt.date(2026, 3, 2), dt.date(2026, 5, 4), dt.date(2026, 1, 12)]
    # Inserted in a shuffled order, so neither the key nor the insertion order is the answer.
    rijen = [(dag, f"V{rnd.randint(1000, 9999)}-{i}") for i in range(24) for dag in [dagen[i % 3]]]
    rnd.shuffle(rijen)
    for dag, nummer in rijen:
        InschrijvingFactory(
            client__clientnummer=nummer, startdatum=dag, datum_aanmelding=dag - dt.timedelta(7)
        )
    gezien = []
    for pagina in (1, 2, 3, 4):
        antwoord = beheer.get(f"/api/v1/inschrijvingen/?page_size=7&page={pagina}")
        assert antwoord.status_code == 200, (pagina, antwoord.content[:200])
        gezien += [(r["startdatum"], r["clientnummer"]) for r in antwoord.json()["results"]]
    verwacht = sorted(rijen, key=lambda r: r[1])
    verwacht.sort(key=lambda r: r[0], reverse=True)
    assert gezien == [(d.isoformat(), n) for d, n in verwacht]
