"""Spells of guidance: a client drops out and comes back, or flows out and comes back. The
rules on every write, and reports that count each spell once: a return is not a new inflow,
an outflow one came back from still counts as an outflow of its year."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from rapportages.rapporten import maak_rapport
from registratie.begeleiding import (
    begeleiding_hervat,
    begeleiding_onderbreek,
    client_uitstroom_registreer,
)
from registratie.models import Client
from registratie.services import inschrijving_create
from tests.factories import ClientFactory, ContractregelFactory, InschrijvingFactory

pytestmark = pytest.mark.django_db


def begeleid(**kwargs):
    return ClientFactory(
        status="in_begeleiding", datum_inschrijving_gemeente=dt.date(2025, 1, 5), **kwargs
    )


def test_uitval_beeindigt_lopende_inschrijvingen_elk_met_een_reden(specialist):
    """Issue 28: an uitval was refused while enrolments ran, and could not end them in the
    same step as the outflow can."""
    client = begeleid(datum_brede_intake=dt.date(2025, 1, 10))
    lopend = InschrijvingFactory(
        client=client, datum_aanmelding=dt.date(2025, 2, 1), startdatum=dt.date(2025, 2, 15)
    )
    with pytest.raises(ValidationError) as fout:
        begeleiding_onderbreek(
            client=client, datum=dt.date(2025, 5, 1), reden="ziekte", door=specialist
        )
    melding = fout.value.message_dict["beeindigingen"][0]
    assert f"nog open: {lopend.contractregel.traject.naam}" in melding
    client.refresh_from_db()
    assert client.status == "in_begeleiding" and not client.onderbrekingen.exists()

    begeleiding_onderbreek(
        client=client,
        datum=dt.date(2025, 5, 1),
        reden="ziekte",
        door=specialist,
        beeindigingen={str(lopend.uuid): "voortijdig_client"},
    )
    lopend.refresh_from_db()
    assert (lopend.status, lopend.einddatum, lopend.reden_einde) == (
        "voortijdig_beeindigd",
        dt.date(2025, 5, 1),
        "voortijdig_client",
    )
    client.refresh_from_db()
    assert client.status == "uitgevallen"


def test_uitval_met_een_lopende_inschrijving_in_het_formulier(client, specialist):
    klant = begeleid(datum_brede_intake=dt.date(2025, 1, 10), specialist=specialist)
    lopend = InschrijvingFactory(
        client=klant, datum_aanmelding=dt.date(2025, 2, 1), startdatum=dt.date(2025, 2, 15)
    )
    client.force_login(specialist)
    pagina = client.get(f"/clienten/{klant.uuid}/uitval/").content.decode()
    assert f"Reden einde {lopend.contractregel.traject.naam}" in pagina
    antwoord = client.post(
        f"/clienten/{klant.uuid}/uitval/",
        {"datum": "2025-05-01", "reden": "ziekte", f"einde_{lopend.uuid}": "voortijdig_client"},
    )
    assert antwoord.status_code == 302
    lopend.refresh_from_db()
    assert lopend.status == "voortijdig_beeindigd"


@pytest.mark.parametrize(
    ("status", "datum", "tekst"),
    [
        ("in_beeld", dt.date(2025, 5, 1), "Alleen een client in begeleiding"),
        ("in_begeleiding", dt.date(2025, 1, 1), "liep vanaf 10-01-2025"),
    ],
)
def test_uitval_geweigerd(specialist, status, datum, tekst):
    client = ClientFactory(status=status, datum_brede_intake=dt.date(2025, 1, 10))
    with pytest.raises(ValidationError, match=tekst):
        begeleiding_onderbreek(client=client, datum=datum, reden="ziekte", door=specialist)


def test_uitval_en_terugkeer(specialist):
    client = begeleid(datum_brede_intake=dt.date(2025, 1, 10))
    begeleiding_onderbreek(
        client=client, datum=dt.date(2025, 5, 1), reden="zwangerschap", door=specialist
    )
    client.refresh_from_db()
    assert client.status == "uitgevallen"
    # While interrupted, no place is offered.
    with pytest.raises(ValidationError, match="onderbroken"):
        inschrijving_create(
            client=client,
            contractregel=ContractregelFactory(),
            startdatum=dt.date(2026, 1, 5),
            door=specialist,
        )
    with pytest.raises(ValidationError, match="01-05-2025"):
        begeleiding_hervat(client=client, datum=dt.date(2025, 4, 1), door=specialist)
    begeleiding_hervat(client=client, datum=dt.date(2025, 9, 1), door=specialist)
    client.refresh_from_db()
    assert client.status == "in_begeleiding"
    (spell,) = client.onderbrekingen.all()
    assert (spell.van, spell.tot, spell.reden) == (
        dt.date(2025, 5, 1),
        dt.date(2025, 9, 1),
        "zwangerschap",
    )
    with pytest.raises(ValidationError, match="niets om van terug"):
        begeleiding_hervat(client=client, datum=dt.date(2025, 10, 1), door=specialist)


def test_uitstroom_terugkeer_en_weer_uitstroom(specialist):
    client = begeleid(datum_brede_intake=dt.date(2025, 2, 1))
    client_uitstroom_registreer(
        client=client, datum=dt.date(2025, 6, 30), reden="voltijd_baan", door=specialist
    )
    with pytest.raises(ValidationError, match="al vastgelegd"):
        client_uitstroom_registreer(
            client=client, datum=dt.date(2025, 7, 30), reden="opleiding", door=specialist
        )
    begeleiding_hervat(
        client=client, datum=dt.date(2025, 10, 1), toelichting="Baan verloren", door=specialist
    )
    client.refresh_from_db()
    assert client.status == "in_begeleiding" and not client.is_uitgestroomd
    with pytest.raises(ValidationError, match="01-10-2025"):
        client_uitstroom_registreer(
            client=client, datum=dt.date(2025, 9, 1), reden="opleiding", door=specialist
        )
    client_uitstroom_registreer(
        client=client, datum=dt.date(2026, 3, 31), reden="opleiding", door=specialist
    )
    client.refresh_from_db()
    assert (client.uitstroom_datum, client.uitstroom_reden) == (dt.date(2026, 3, 31), "opleiding")
    (eerste,) = client.onderbrekingen.all()
    assert (eerste.soort, eerste.van, eerste.uitstroom_reden) == (
        "uitstroom",
        dt.date(2025, 6, 30),
        "voltijd_baan",
    )


@pytest.fixture
def twee_spells(specialist):
    # A: guided from 10-01-2025, ill from 01-05-2025, back 01-09-2025.
    a = begeleid(clientnummer="A", datum_brede_intake=dt.date(2025, 1, 10))
    begeleiding_onderbreek(client=a, datum=dt.date(2025, 5, 1), reden="ziekte", door=specialist)
    begeleiding_hervat(client=a, datum=dt.date(2025, 9, 1), door=specialist)
    # B: guided from 01-02-2025, to work 30-06-2025, back 01-10-2025, to school 31-03-2026.
    b = begeleid(clientnummer="B", datum_brede_intake=dt.date(2025, 2, 1))
    client_uitstroom_registreer(
        client=b, datum=dt.date(2025, 6, 30), reden="voltijd_baan", door=specialist
    )
    begeleiding_hervat(client=b, datum=dt.date(2025, 10, 1), door=specialist)
    client_uitstroom_registreer(
        client=b, datum=dt.date(2026, 3, 31), reden="opleiding", door=specialist
    )
    return a, b


@pytest.mark.parametrize(
    ("peildatum", "verwacht"),
    [
        (dt.date(2025, 4, 1), {"in_begeleiding": 2}),
        (dt.date(2025, 6, 1), {"uitgevallen": 1, "in_begeleiding": 1}),
        (dt.date(2025, 7, 15), {"uitgevallen": 1, "begeleid_naar_werk": 1}),
        (dt.date(2025, 12, 1), {"in_begeleiding": 2}),
        (dt.date(2026, 6, 1), {"in_begeleiding": 1, "begeleid_naar_onderwijs": 1}),
    ],
)
def test_populatie_volgt_de_spells(twee_spells, peildatum, verwacht):
    rijen = {r["code"]: r["aantal"] for r in maak_rapport("populatie", peildatum=peildatum).rijen}
    assert rijen.pop("totaal") == 2
    assert {k: v for k, v in rijen.items() if v} == verwacht


def test_uitstroomredenen_telt_elke_uitstroom(twee_spells):
    rapport = maak_rapport(
        "uitstroomredenen",
        peildatum=dt.date(2026, 6, 1),
        van=dt.date(2025, 1, 1),
        tot=dt.date(2026, 6, 1),
    )
    rijen = {r["code"]: r["aantal"] for r in rapport.rijen if r.get("niveau") == 1}
    assert (rijen["voltijd_baan"], rijen["opleiding"]) == (1, 1)


def test_caseload_telt_een_terugkeer_niet_als_instroom(twee_spells):
    rijen = {
        r.get("jaar"): r
        for r in maak_rapport("caseload", peildatum=dt.date(2026, 6, 1)).rijen
        if r.get("jaar")
    }
    assert (rijen[2025]["instroom"], rijen[2025]["uitstroom"]) == (2, 1)
    # Both were in guidance on 1 January 2026; B left again in March.
    assert (rijen[2026]["overgenomen"], rijen[2026]["instroom"], rijen[2026]["uitstroom"]) == (
        2,
        0,
        1,
    )
    assert Client.objects.get(clientnummer="B").status == "afgesloten"  # four months passed


def test_de_tijdlijn_zet_elke_toelichting_bij_haar_eigen_regel(specialist):
    """Issue 28: the uitval's note showed on the return line."""
    from registratie.tijdlijn import client_tijdlijn

    client = begeleid(datum_brede_intake=dt.date(2025, 1, 10))
    begeleiding_onderbreek(
        client=client,
        datum=dt.date(2025, 5, 1),
        reden="ziekte",
        toelichting="opgenomen in het ziekenhuis",
        door=specialist,
    )
    begeleiding_hervat(
        client=client, datum=dt.date(2025, 7, 1), toelichting="hersteld", door=specialist
    )
    regels = {r["datum"]: r["tekst"] for r in client_tijdlijn(client, specialist)}
    assert "opgenomen in het ziekenhuis" in regels[dt.date(2025, 5, 1)]
    assert regels[dt.date(2025, 7, 1)] == "Terug in begeleiding: hersteld"
