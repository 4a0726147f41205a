"""A list costs the same number of queries whatever its length (no query per row), and a
deep page (keys first, then its rows) shows the same rows in the same order as the plain
query would."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client as WebClient
from django.test.utils import CaptureQueriesContext

from kern import paginator
from registratie.models import Voortgangsrapportage
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
)

pytestmark = pytest.mark.django_db

API = [
    "/api/v1/clienten/",
    "/api/v1/inschrijvingen/",
    "/api/v1/voortgangsrapportages/",
    "/api/v1/contracten/",
    "/api/v1/contractregels/",
]


def _vul(regel, specialist, aantal, vanaf):
    for i in range(vanaf, vanaf + aantal):
        inschrijving = InschrijvingFactory(
            contractregel=regel,
            client=ClientFactory(clientnummer=f"Q{i:04d}", specialist=specialist),
        )
        for maand in (1, 2):
            Voortgangsrapportage.objects.create(
                inschrijving=inschrijving,
                peildatum=dt.date(2026, maand, 28),
                uren_aangeboden=10,
                uren_gevolgd=8,
            )


def _tel(client, url) -> int:
    client.get(url)  # the first request fills per-process caches (roles, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def test_lijsten_kosten_evenveel_queries_bij_3_en_bij_30_rijen(
    api, beheerder, specialist, aanbieder_gebruiker, eigen_aanbieder
):
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=eigen_aanbieder), capaciteit=100
    )
    _vul(regel, specialist, 3, 0)
    bekijkers = {"beheerder": api(beheerder), "aanbieder": api(aanbieder_gebruiker)}
    web = {}
    for naam, user in (("specialist", specialist), ("aanbieder", aanbieder_gebruiker)):
        web[naam] = WebClient()
        web[naam].force_login(user)
    web_urls = {"specialist": ["/clienten/", "/aanbod/", "/wachtlijst/"]}
    web_urls["aanbieder"] = ["/portaal/", "/portaal/geschiedenis/"]
    voor = {(n, u): _tel(c, u) for n, c in bekijkers.items() for u in API}
    voor |= {(n, u): _tel(web[n], u) for n in web for u in web_urls[n]}
    _vul(regel, specialist, 27, 3)
    na = {(n, u): _tel(c, u) for n, c in bekijkers.items() for u in API}
    na |= {(n, u): _tel(web[n], u) for n in web for u in web_urls[n]}
    assert na == voor


def test_een_diepe_pagina_geeft_dezelfde_rijen_als_de_gewone(
    api, beheerder, specialist, monkeypatch
):
    _vul(ContractregelFactory(capaciteit=100), specialist, 30, 0)
    client = api(beheerder)
    for url in (
        "/api/v1/voortgangsrapportages/?page_size=7&page=4",
        "/api/v1/inschrijvingen/?page_size=4&page=3&ordering=client__clientnummer",
    ):
        gewoon = client.get(url).json()["results"]
        monkeypatch.setattr(paginator, "DIEP", 0)
        diep = client.get(url).json()["results"]
        monkeypatch.setattr(paginator, "DIEP", 1000)
        assert [r["id"] for r in diep] == [r["id"] for r in gewoon]
        assert diep == gewoon
        assert len(diep) in (7, 4)
