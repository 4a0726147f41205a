"""The caseload as the evaluation computed it: 2020 expected 479 carried over + 60 not yet
picked up + 100 inflow = 639, with 5 specialists 128 per fte; at norm 100 at least 6.4 fte."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rapportages.rapporten import maak_rapport
from registratie.models import Client, Formatie
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = dt.date


def clienten(aantal: int, prefix: str, **datums):
    Client.objects.bulk_create(
        Client(clientnummer=f"{prefix}{i:04d}", status="in_begeleiding", **datums)
        for i in range(aantal)
    )


@pytest.fixture
def evaluatie_2020():
    clienten(
        479, "OUD", datum_inschrijving_gemeente=D(2019, 3, 1), datum_brede_intake=D(2019, 5, 1)
    )
    # Known before 2020, not yet picked up on 1 January; ten of them are picked up in 2020.
    clienten(50, "WACHT", datum_inschrijving_gemeente=D(2019, 10, 1))
    clienten(
        10, "LATER", datum_inschrijving_gemeente=D(2019, 11, 1), datum_brede_intake=D(2020, 4, 1)
    )
    clienten(
        100, "NIEUW", datum_inschrijving_gemeente=D(2020, 2, 1), datum_brede_intake=D(2020, 3, 1)
    )
    # Flowed out before 2020: not in 2020's workload.
    clienten(
        7,
        "WEG",
        datum_inschrijving_gemeente=D(2018, 1, 1),
        datum_brede_intake=D(2018, 2, 1),
        uitstroom_datum=D(2019, 12, 1),
        uitstroom_reden="overig",
        uitstroom_subreden="verhuisd",
    )
    for i in range(5):
        Formatie.objects.create(
            specialist=UserFactory(username=f"spec{i}", rol="specialist"),
            van=D(2019, 1, 1),
            fte=Decimal("1.00"),
        )


def test_de_evaluatie_van_2020_komt_eruit(evaluatie_2020):
    rapport = maak_rapport("caseload", user=None, peildatum=D(2020, 12, 31)).als_dict()
    rij = next(r for r in rapport["rijen"] if r["jaar"] == 2020)
    assert (rij["overgenomen"], rij["niet_opgepakt"], rij["nieuw"], rij["werklast"]) == (
        479,
        60,
        100,
        639,
    )
    assert rij["instroom"] == 110  # picked up in 2020: the 100 new and 10 of the waiting
    assert (rij["fte"], rij["per_fte"]) == (Decimal("5.00"), 127.8)
    assert (rij["fte_nodig"], rij["fte_verschil"]) == (Decimal("6.4"), Decimal("1.4"))
    ideaal = maak_rapport(
        "caseload", user=None, peildatum=D(2020, 12, 31), parameters={"norm": 90}
    ).als_dict()
    assert next(r for r in ideaal["rijen"] if r["jaar"] == 2020)["fte_nodig"] == Decimal("7.1")


def test_formatie_telt_naar_rato_van_de_periode(evaluatie_2020):
    # One specialist leaves on 30 June 2020 (182 of 366 days) and one joins half-time.
    Formatie.objects.filter(specialist__username="spec0").update(tot=D(2020, 6, 30))
    Formatie.objects.create(
        specialist=UserFactory(username="spec5", rol="specialist"),
        van=D(2020, 7, 1),
        fte=Decimal("0.50"),
    )
    rij = next(
        r
        for r in maak_rapport("caseload", user=None, peildatum=D(2020, 12, 31)).als_dict()["rijen"]
        if r["jaar"] == 2020
    )
    verwacht = Decimal(4) + Decimal(182) / 366 + Decimal("0.5") * 184 / 366
    assert rij["fte"] == verwacht.quantize(Decimal("0.01"))


def test_formatie_met_foute_periode_of_fte_wordt_geweigerd():
    spec = UserFactory(username="s", rol="specialist")
    with pytest.raises(ValidationError):
        Formatie(specialist=spec, van=D(2020, 1, 1), tot=D(2019, 1, 1), fte=1).full_clean()
    with pytest.raises(ValidationError):
        Formatie(specialist=spec, van=D(2020, 1, 1), fte=Decimal("2")).full_clean()


def test_de_pagina_toont_fte_als_getal_niet_als_bedrag(client, inkoper, evaluatie_2020):
    client.force_login(inkoper)
    html = client.get("/rapportages/caseload/", {"peildatum": "2020-12-31"}).content.decode()
    rij = html.split(">2020</td>", 1)[1].split("</tr>", 1)[0]
    for tekst in (">639<", ">5,00<", ">127,8<", ">6,40<", ">1,40<"):
        assert tekst in rij, tekst
    assert "€" not in rij


def test_volgend_jaar_met_de_prognose(evaluatie_2020):
    from inkoop.models import Instroomprognose

    Instroomprognose.objects.create(jaar=2021, halfjaar=1, aantal=60)
    Instroomprognose.objects.create(jaar=2021, halfjaar=2, aantal=40)
    rapport = maak_rapport("caseload", user=None, peildatum=D(2020, 12, 31)).als_dict()
    rij = next(r for r in rapport["rijen"] if r["jaar"] == 2021)
    # Guided on 31-12-2020: 479 + 10 + 100 = 589; still waiting: 50; prognosis 100.
    assert (rij["overgenomen"], rij["niet_opgepakt"], rij["nieuw"], rij["werklast"]) == (
        589,
        50,
        100,
        739,
    )
    assert rij["categorie"] == "2021 (prognose)"
    # 739 / 100 = 7.4 fte needed against the 5.00 recorded for 2021.
    assert (rij["fte"], rij["fte_nodig"], rij["fte_verschil"]) == (
        Decimal("5.00"),
        Decimal("7.4"),
        Decimal("2.4"),
    )
