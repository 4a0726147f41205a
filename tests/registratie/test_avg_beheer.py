"""Reading a client's file is in the audit log, whoever reads it and however (page,
Inburgering page, API); the beheerder lists who read or changed it and downloads the inzage,
which is itself logged as an export. Nobody else gets either page."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from aanbod.models import Leerroute
from kern.models import Auditregel
from registratie.inburgering import pip_vastleggen
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_lezen_via_pagina_inburgering_en_api_staat_in_het_logboek(
    client, api_specialist, specialist, beheerder
):
    klant = ClientFactory(specialist=specialist)
    client.force_login(specialist)
    assert client.get(f"/clienten/{klant.uuid}/").status_code == 200
    assert client.get(f"/clienten/{klant.uuid}/inburgering/").status_code == 200
    assert api_specialist.get(f"/api/v1/clienten/{klant.uuid}/").status_code == 200
    assert api_specialist.get(f"/api/v1/clienten/{klant.uuid}/inburgering/").status_code == 200
    gelezen = Auditregel.objects.filter(actie="gelezen", object_uuid=klant.uuid)
    assert sorted(gelezen.values_list("omschrijving", flat=True)) == sorted(
        [
            klant.clientnummer,
            f"Inburgering {klant.clientnummer}",
            f"Client {klant.clientnummer} (API)",
            f"Inburgering {klant.clientnummer} (API)",
        ]
    )
    assert set(gelezen.values_list("gebruikersnaam", flat=True)) == {specialist.username}

    client.force_login(beheerder)
    pagina = client.get(f"/clienten/{klant.uuid}/logboek/?actie=gelezen")
    assert pagina.status_code == 200
    regels = pagina.context["object_list"]
    assert len(regels) == 4 and {r.actie for r in regels} == {"gelezen"}
    assert f"Inburgering {klant.clientnummer} (API)" in pagina.content.decode()


def test_het_logboek_toont_ook_de_records_over_de_client(client, beheerder, specialist):
    klant = ClientFactory(specialist=specialist, datum_pip=None)
    versie = pip_vastleggen(
        client=klant,
        datum=dt.date(2026, 3, 2),
        leerroute=Leerroute.objects.get(code="b1"),
        reden="initieel",
        door=specialist,
    )
    client.force_login(beheerder)
    pagina = client.get(f"/clienten/{klant.uuid}/logboek/")
    assert any(r.object_uuid == versie.uuid for r in pagina.context["object_list"])


def test_de_beheerder_downloadt_de_inzage_en_dat_staat_in_het_log(client, beheerder, specialist):
    klant = ClientFactory(voornaam="Amina")
    client.force_login(beheerder)
    antwoord = client.get(f"/clienten/{klant.uuid}/inzage/")
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"].startswith(
        f'attachment; filename="inzage-{klant.clientnummer}-'
    )
    inhoud = json.loads(antwoord.content)
    assert inhoud["client"]["voornaam"] == "Amina"
    assert "registratie.pipversie" in inhoud["records"]
    export = Auditregel.objects.get(actie="geexporteerd", object_uuid=klant.uuid)
    assert export.gebruikersnaam == beheerder.username

    client.force_login(specialist)
    assert client.get(f"/clienten/{klant.uuid}/inzage/").status_code == 403
    assert client.get(f"/clienten/{klant.uuid}/logboek/").status_code == 403


def test_de_betaalbatch_en_het_sjabloon_met_clientnummers_staan_als_download_in_het_log(
    client, api_inkoper, inkoper, aanbieder_gebruiker
):
    from declaraties.models import Betaalbatch

    batch = Betaalbatch.objects.create(nummer="BB-7", vrijgegeven_op=timezone.now())
    client.force_login(inkoper)
    assert client.get(f"/betaalbatches/{batch.uuid}.csv").status_code == 200
    assert api_inkoper.get(f"/api/v1/betaalbatches/{batch.uuid}/export/").status_code == 200
    client.force_login(aanbieder_gebruiker)
    assert client.get("/portaal/sjabloon.xlsx").status_code == 200
    downloads = Auditregel.objects.filter(actie="geexporteerd").order_by("pk")
    assert [(d.gebruikersnaam, d.omschrijving.split("-")[0]) for d in downloads] == [
        (inkoper.username, "Download betaalbatch"),
        (inkoper.username, "Download betaalbatch"),
        (aanbieder_gebruiker.username, "Download voortgang"),
    ]
