"""The Wi2021 record over the API: the specialist records decisions and results; a provider
reports exams and modules for its own enrolments only, and reads no dossier."""

import datetime as dt

import pytest

from registratie.examens import NIET_UW_DOSSIER
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
)

pytestmark = pytest.mark.django_db


def plichtig_client(**kwargs):
    return ClientFactory(
        datum_pip=dt.date(2024, 3, 1),
        plicht_regime="wi2021",
        plicht_status="plichtig",
        plicht_status_datum=dt.date(2024, 1, 1),
        plicht_bron="duo",
        **kwargs,
    )


def test_specialist_legt_een_schakeling_vast_en_leest_het_dossier(api_specialist):
    """Art. 15 Wi2021 and the Besluit: after 18 months only the onderwijsroute may switch
    (to the B1-route); B1 to Z is refused, whatever the motivation."""
    client = plichtig_client()
    url = f"/api/v1/clienten/{client.uuid}/"
    response = api_specialist.post(
        url + "pip/",
        {
            "datum": "2025-12-01",
            "leerroute": "z",
            "reden": "schakelen",
            "toelichting": "Na twee jaar geen voortgang op A1.",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "01-09-2025" in response.json()["leerroute"][0]
    onderwijs = plichtig_client(leerroute_id="onderwijs")
    url = f"/api/v1/clienten/{onderwijs.uuid}/"
    response = api_specialist.post(
        url + "pip/",
        {"datum": "2025-12-01", "leerroute": "b1", "reden": "schakelen"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["volgnummer"] == 2 and response.json()["na_schakeltermijn"]
    dossier = api_specialist.get(url + "inburgering/").json()
    assert [v["leerroute"] for v in dossier["pip_versies"]] == ["onderwijs", "b1"]
    assert dossier["pip_versies"][0]["map"] is False  # no MAP in the onderwijsroute
    assert dossier["termijn_eind"] == "2027-03-01"
    assert api_specialist.get(url).json()["leerroute"] == "b1"


def test_module_afgerond_voor_de_start_via_de_api(api_specialist):
    client = plichtig_client()
    url = f"/api/v1/clienten/{client.uuid}/module/"
    response = api_specialist.post(
        url,
        {"soort": "knm", "startdatum": "2025-03-01", "afgerond_op": "2025-02-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "voor ze begon" in response.json()["afgerond_op"][0]


def test_aanbieder_meldt_een_examen_bij_de_eigen_inschrijving(
    api_aanbieder, eigen_aanbieder, api_specialist
):
    client = plichtig_client()
    eigen = InschrijvingFactory(
        client=client,
        contractregel=ContractregelFactory(contract=ContractFactory(aanbieder=eigen_aanbieder)),
    )
    andere = InschrijvingFactory(client=client)
    examen = {"onderdeel": "lezen", "datum": "2026-03-01", "niveau": "B1", "behaald": True}
    response = api_aanbieder.post(
        f"/api/v1/inschrijvingen/{eigen.uuid}/examen/", examen, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["inschrijving"] == str(eigen.uuid)
    response = api_aanbieder.post(
        f"/api/v1/inschrijvingen/{andere.uuid}/examen/",
        examen | {"datum": "2026-03-02"},
        format="json",
    )
    assert response.status_code == 404
    assert client.examens.count() == 1
    # The provider reads no dossier and records no PIP.
    assert api_aanbieder.get(f"/api/v1/clienten/{client.uuid}/inburgering/").status_code == 403
    response = api_aanbieder.post(
        f"/api/v1/clienten/{client.uuid}/pip/",
        {"datum": "2025-01-01", "leerroute": "z", "reden": "schakelen"},
        format="json",
    )
    assert response.status_code == 403
    dossier = api_specialist.get(f"/api/v1/clienten/{client.uuid}/inburgering/").json()
    assert [(e["onderdeel"], e["niveau"]) for e in dossier["examens"]] == [("lezen", "B1")]


def test_aanbieder_kan_geen_examen_melden_voor_wie_niet_plichtig_is(api_aanbieder, eigen_aanbieder):
    client = ClientFactory(
        plicht_regime="wi2021",
        plicht_status="vrijgesteld",
        plicht_status_datum=dt.date(2024, 1, 1),
        plicht_bron="duo",
    )
    eigen = InschrijvingFactory(
        client=client,
        contractregel=ContractregelFactory(contract=ContractFactory(aanbieder=eigen_aanbieder)),
    )
    response = api_aanbieder.post(
        f"/api/v1/inschrijvingen/{eigen.uuid}/examen/",
        {"onderdeel": "knm", "datum": "2025-06-01", "behaald": True},
        format="json",
    )
    assert response.status_code == 400
    # Not which status, nor that it is the status: the provider learns only the refusal.
    assert response.json()["onderdeel"] == [NIET_UW_DOSSIER]
