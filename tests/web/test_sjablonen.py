"""Every provider upload has a template that its import reads back (issue 28: the declaration
and results pages said 'as in the template' and offered none)."""

import datetime as dt
import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.utils.timezone import localdate as vandaag

from kern.models import Auditregel
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def eigen(eigen_aanbieder):
    regel = ContractregelFactory(
        contract=ContractFactory(
            aanbieder=eigen_aanbieder,
            startdatum=vandaag() - dt.timedelta(days=200),
            einddatum=vandaag() + dt.timedelta(days=200),
        ),
        traject=TrajectFactory(aanbieder=eigen_aanbieder, code="EIGEN"),
        eenheid="uur",
        tarief=D("10.00"),
        verwachte_eenheden=D("100"),
    )
    InschrijvingFactory(client=ClientFactory(clientnummer="VREEMD"))  # another provider's
    return InschrijvingFactory(
        contractregel=regel,
        client=ClientFactory(
            clientnummer="K1",
            plicht_regime="wi2021",
            plicht_status="plichtig",
            plicht_status_datum=dt.date(2025, 1, 1),
            plicht_bron="duo",
        ),
        datum_aanmelding=vandaag() - dt.timedelta(days=100),
        startdatum=vandaag() - dt.timedelta(days=90),
    )


def als_bestand(boek, naam):
    bestand = io.BytesIO()
    boek.save(bestand)
    bestand.seek(0)
    bestand.name = naam
    return bestand


def test_het_declaratiesjabloon_leest_terug(client, aanbieder_gebruiker, eigen):
    client.force_login(aanbieder_gebruiker)
    antwoord = client.get("/portaal/declaraties/sjabloon.xlsx")
    assert antwoord.status_code == 200
    boek = openpyxl.load_workbook(io.BytesIO(antwoord.content))
    blad = boek["Declaraties"]
    rijen = list(blad.values)
    assert [r[0] for r in rijen[1:]] == ["K1"]  # its own enrolment only
    vorige = vandaag().replace(day=1) - dt.timedelta(days=1)
    assert rijen[1][4] == f"{vorige:%Y-%m}" and rijen[1][6] == 10 and rijen[1][7] == "per uur"
    blad["F2"], blad["I2"] = 12, 120
    antwoord = client.post(
        "/portaal/declaraties/upload/", {"bestand": als_bestand(boek, "declaraties.xlsx")}
    )
    assert antwoord.status_code == 200, antwoord.content.decode()
    assert antwoord.context["uitkomst"].nieuw == 1, antwoord.context["uitkomst"].fouten
    assert Auditregel.objects.filter(
        actie=Auditregel.Actie.GEEXPORTEERD, omschrijving__contains="declaraties-sjabloon"
    ).exists()


def test_het_resultatensjabloon_leest_terug(client, aanbieder_gebruiker, eigen):
    client.force_login(aanbieder_gebruiker)
    boek = openpyxl.load_workbook(
        io.BytesIO(client.get("/portaal/resultaten/sjabloon.xlsx").content)
    )
    inschrijvingen = list(boek["Inschrijvingen"].values)
    assert [r[0] for r in inschrijvingen[1:]] == ["K1"]
    nummer, code = inschrijvingen[1][0], inschrijvingen[1][3]
    examendatum = vandaag() - dt.timedelta(days=10)
    boek["Resultaten"].append([nummer, code, "examen", "lezen", examendatum, "A2", "ja"])
    antwoord = client.post(
        "/portaal/resultaten/", {"bestand": als_bestand(boek, "resultaten.xlsx")}
    )
    assert antwoord.status_code == 200, antwoord.content.decode()
    assert antwoord.context["uitkomst"].nieuw == 1, antwoord.context["uitkomst"].fouten
