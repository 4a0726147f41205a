"""A declaration approved (or paid) while a provider's upload is between reading it and
writing it stays approved: the upload writes a line only while it is still submitted or
rejected, and otherwise writes nothing and says why (issue 29, finding 4). On PostgreSQL the
approval comes from a second connection in another thread; SQLite has one writer at a time,
so there it is made on the same connection at the same moment."""

import datetime as dt
import threading
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.utils.timezone import localdate as vandaag

from declaraties.importeren import DeclaratieImport
from declaraties.models import Declaratie
from tests.factories import (
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("referentiegegevens"),
]

KOP = "clientnummer;traject_code;periode;eenheden;bedrag"


def _upload(api, regel: str):
    inhoud = f"{KOP}\n{regel}".encode()
    return api.post(
        "/api/v1/declaraties/import/",
        {"file": SimpleUploadedFile("d.csv", inhoud), "dry_run": "false"},
        format="multipart",
    )


def _inschrijving(aanbieder, nummer, code, tarief, eenheid="traject", verwacht=D("1")):
    """An enrolment of September 2026 on the provider's contract for the year."""
    regel = ContractregelFactory(
        contract=ContractFactory(
            aanbieder=aanbieder,
            startdatum=dt.date(2026, 1, 1),
            einddatum=dt.date(2026, 12, 31),
            plafond=D("100000.00"),
        ),
        traject=TrajectFactory(aanbieder=aanbieder, code=code),
        eenheid=eenheid,
        tarief=tarief,
        verwachte_eenheden=verwacht,
    )
    return InschrijvingFactory(
        client__clientnummer=nummer,
        contractregel=regel,
        datum_aanmelding=dt.date(2026, 8, 20),
        startdatum=dt.date(2026, 9, 1),
        tarief=tarief,
        eenheid=eenheid,
        verwachte_eenheden=verwacht,
    )


def _keur_goed_in_een_andere_verbinding(pk):
    def keur_goed():
        try:
            Declaratie.objects.filter(pk=pk).update(status=Declaratie.Status.GOEDGEKEURD)
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":
        draad = threading.Thread(target=keur_goed)
        draad.start()
        draad.join()
    else:
        Declaratie.objects.filter(pk=pk).update(status=Declaratie.Status.GOEDGEKEURD)


def test_een_goedkeuring_tussen_lezen_en_schrijven_blijft_staan(
    api_aanbieder, eigen_aanbieder, monkeypatch
):
    _inschrijving(eigen_aanbieder, "A1", "NT2", D("10.00"), eenheid="uur", verwacht=D("100"))
    assert _upload(api_aanbieder, "A1;NT2;2026-09;30;300").status_code == 200
    declaratie = Declaratie.objects.get()
    assert declaratie.status == "ingediend"

    origineel = DeclaratieImport._toetsing

    def toetsing_met_goedkeuring(self, gelezen):
        toetsing = origineel(self, gelezen)
        _keur_goed_in_een_andere_verbinding(declaratie.pk)  # after the read, before the write
        return toetsing

    monkeypatch.setattr(DeclaratieImport, "_toetsing", toetsing_met_goedkeuring)
    antwoord = _upload(api_aanbieder, "A1;NT2;2026-09;20;200")
    assert antwoord.status_code == 400
    assert "intussen goedgekeurd of betaald" in antwoord.json()["fouten"][0]["melding"]
    declaratie.refresh_from_db()
    assert (declaratie.status, declaratie.eenheden, declaratie.bedrag) == (
        "goedgekeurd",
        D("30.00"),
        D("300.00"),
    )


def test_twee_uploads_tegelijk_voor_een_trajectprijs_worden_niet_allebei_ingediend(
    aanbieder_gebruiker, eigen_aanbieder
):
    """Issue 31, finding 1: two files at once for one one-unit trajectprijs (October and
    November) both ended 'ingediend' and were both paid. The enrolment's lock makes the
    second upload count the first: its line is rejected with E01."""
    from rest_framework.test import APIClient

    _inschrijving(eigen_aanbieder, "T1", "UAF", D("4800.00"))
    start = threading.Barrier(2)
    codes = []

    def stuur(maand):
        try:
            api = APIClient()
            api.force_authenticate(aanbieder_gebruiker)
            start.wait()
            codes.append(_upload(api, f"T1;UAF;2026-{maand};1;4800").status_code)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=stuur, args=(m,)) for m in ("10", "11")]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert codes == [200, 200]
    statussen = sorted(Declaratie.objects.values_list("status", "code"))
    assert statussen == [("afgewezen", "E01"), ("ingediend", "")]


def test_twee_betaalbatches_tegelijk_krijgen_elk_een_eigen_nummer(eigen_aanbieder):
    """Issue 31, finding 9: two payment batches made at once for two contracts gave a 500
    (both took the same number). Both are made, with numbers one after the other."""
    from declaraties.models import Betaalbatch
    from declaraties.services import betaalbatch_maak

    for nummer, code in (("B1", "UAF"), ("B2", "NT2")):
        inschrijving = _inschrijving(eigen_aanbieder, nummer, code, D("100.00"))
        Declaratie.objects.create(
            inschrijving=inschrijving,
            periode=dt.date(2026, 10, 1),
            eenheden=D("1"),
            bedrag=D("100.00"),
            status=Declaratie.Status.GOEDGEKEURD,
        )
    start = threading.Barrier(2)
    fouten = []

    def maak(pk):
        try:
            start.wait()
            betaalbatch_maak(declaraties=Declaratie.objects.filter(pk=pk), door=None)
        except Exception as fout:  # noqa: BLE001 - the test reports what went wrong
            fouten.append(fout)
        finally:
            connections.close_all()

    draden = [
        threading.Thread(target=maak, args=(pk,))
        for pk in Declaratie.objects.values_list("pk", flat=True)
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert fouten == []
    jaar = vandaag().year
    assert sorted(Betaalbatch.objects.values_list("nummer", flat=True)) == [
        f"BB-{jaar}-0001",
        f"BB-{jaar}-0002",
    ]
    assert not Declaratie.objects.filter(betaalbatch__isnull=True).exists()
