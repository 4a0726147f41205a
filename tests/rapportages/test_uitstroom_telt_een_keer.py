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


def test_bemiddeling_en_resultaten_houden_de_eerdere_uitstroom(specialist):
    """The same client: a job in June 2025, back in September, out again in 2026 for another
    reason. 2025 keeps its placement in bemiddeling (fulltime from the reason; type and
    sector were not kept), and the enrolment that ended in May 2025 keeps its outflow to
    work within 6 months in resultaten."""
    from tests.factories import InschrijvingFactory

    klant = ClientFactory(status="in_begeleiding", datum_brede_intake=dt.date(2025, 1, 10))
    InschrijvingFactory(
        client=klant,
        datum_aanmelding=dt.date(2025, 1, 20),
        startdatum=dt.date(2025, 2, 1),
        status="afgerond",
        einddatum=dt.date(2025, 5, 31),
        reden_einde="volgens_plan",
    )
    client_uitstroom_registreer(
        client=klant, datum=dt.date(2025, 6, 2), reden="voltijd_baan", door=specialist
    )
    begeleiding_hervat(client=klant, datum=dt.date(2025, 9, 1), door=specialist)
    client_uitstroom_registreer(
        client=klant,
        datum=dt.date(2026, 3, 2),
        reden="overig",
        uitstroom_subreden="verhuisd",
        door=specialist,
    )
    bemiddeling = maak_rapport(
        "bemiddeling",
        peildatum=dt.date(2026, 6, 30),
        van=dt.date(2025, 1, 1),
        tot=dt.date(2025, 12, 31),
    )
    assert bemiddeling.extra["totaal"] == 1
    fulltime = next(r for r in bemiddeling.rijen if r["code"] == "fulltime")
    assert fulltime["aantal"] == 1
    [rij] = maak_rapport(
        "resultaten",
        peildatum=dt.date(2026, 6, 30),
        van=dt.date(2025, 1, 1),
        tot=dt.date(2025, 12, 31),
    ).rijen
    assert (rij["werk_6"], rij["werk_12"]) == (1, 1)
