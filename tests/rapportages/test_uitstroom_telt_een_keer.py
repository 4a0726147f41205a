"""An outflow counts in its own year in every report, whatever happened after (issue 22: a
client who left for work, came back and left again a year later changed the earlier year's
count in kosten-baten, 61 -> 60, while uitstroomredenen kept 61)."""

import datetime as dt

import pytest

from rapportages.rapporten import maak_rapport
from registratie.begeleiding import begeleiding_hervat, client_uitstroom_registreer
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def voltijd(rapport):
    return next(r for r in rapport.rijen if r["code"] == "uitstroom_voltijd")["aantal"]


def test_een_tweede_uitstroom_verandert_het_vorige_jaar_niet(specialist):
    klant = ClientFactory(status="in_begeleiding", datum_brede_intake=dt.date(2025, 1, 10))
    client_uitstroom_registreer(
        client=klant, datum=dt.date(2025, 6, 2), reden="voltijd_baan", door=specialist
    )
    eind_2025 = dt.date(2025, 12, 31)
    assert voltijd(maak_rapport("kosten-baten", peildatum=eind_2025)) == 1

    begeleiding_hervat(client=klant, datum=dt.date(2025, 9, 1), door=specialist)
    client_uitstroom_registreer(
        client=klant, datum=dt.date(2026, 3, 2), reden="voltijd_baan", door=specialist
    )
    assert voltijd(maak_rapport("kosten-baten", peildatum=eind_2025)) == 1
    assert voltijd(maak_rapport("kosten-baten", peildatum=dt.date(2026, 6, 30))) == 1
    redenen = maak_rapport("uitstroomredenen", peildatum=eind_2025, van=dt.date(2025, 1, 1))
    assert next(r for r in redenen.rijen if r["code"] == "voltijd_baan")["aantal"] == 1
