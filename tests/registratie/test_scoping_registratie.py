"""A provider sees only its own enrolments and, of their clients, only what it needs; an
inkoper sees no personal files; anything outside your scope is a 404."""

import pytest

from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    VoortgangsrapportageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(eigen_aanbieder):
    eigen = InschrijvingFactory(
        contractregel=ContractregelFactory(contract=ContractFactory(aanbieder=eigen_aanbieder)),
        client=ClientFactory(clientnummer="EIGEN-1", bsn="111222333"),
    )
    vreemd = InschrijvingFactory(client=ClientFactory(clientnummer="VREEMD-1"))
    ClientFactory(clientnummer="ZONDER-INSCHRIJVING")
    return {
        "eigen": eigen,
        "vreemd": vreemd,
        "eigen_rapport": VoortgangsrapportageFactory(inschrijving=eigen),
        "vreemd_rapport": VoortgangsrapportageFactory(inschrijving=vreemd),
    }


def ids(response):
    return {r["id"] for r in response.json()["results"]}


def test_aanbieder_ziet_alleen_eigen_inschrijvingen(api_aanbieder, dossiers):
    assert ids(api_aanbieder.get("/api/v1/inschrijvingen/")) == {str(dossiers["eigen"].uuid)}
    assert (
        api_aanbieder.get(f"/api/v1/inschrijvingen/{dossiers['vreemd'].uuid}/").status_code == 404
    )


def test_aanbieder_ziet_alleen_eigen_rapportages(api_aanbieder, dossiers):
    assert ids(api_aanbieder.get("/api/v1/voortgangsrapportages/")) == {
        str(dossiers["eigen_rapport"].uuid)
    }
    url = f"/api/v1/voortgangsrapportages/{dossiers['vreemd_rapport'].uuid}/"
    assert api_aanbieder.get(url).status_code == 404
    assert api_aanbieder.patch(url, {"toelichting": "x"}, format="json").status_code == 404


def test_aanbieder_ziet_van_clienten_alleen_nummer_naam_en_route(api_aanbieder, dossiers):
    response = api_aanbieder.get("/api/v1/clienten/")
    [client] = response.json()["results"]
    assert set(client) == {"id", "clientnummer", "voornaam", "achternaam", "leerroute"}
    assert client["clientnummer"] == "EIGEN-1"
    vreemd = dossiers["vreemd"].client
    assert api_aanbieder.get(f"/api/v1/clienten/{vreemd.uuid}/").status_code == 404


def test_aanbieder_kan_geen_clienten_wijzigen(api_aanbieder, dossiers):
    client = dossiers["eigen"].client
    response = api_aanbieder.patch(
        f"/api/v1/clienten/{client.uuid}/", {"voornaam": "X"}, format="json"
    )
    assert response.status_code == 403


def test_aanbieder_ziet_rapporten_en_export_alleen_eigen(api_aanbieder, dossiers):
    csv = api_aanbieder.get("/api/v1/voortgangsrapportages/export/?formaat=csv")
    tekst = csv.getvalue().decode("utf-8-sig")
    assert "EIGEN-1" in tekst and "VREEMD-1" not in tekst


def test_inkoper_ziet_geen_persoonsdossiers(api_inkoper, dossiers):
    for endpoint in ("clienten", "inschrijvingen", "voortgangsrapportages"):
        assert api_inkoper.get(f"/api/v1/{endpoint}/").json()["count"] == 0
    assert api_inkoper.get(f"/api/v1/clienten/{dossiers['eigen'].client.uuid}/").status_code == 404


def test_specialist_ziet_alle_dossiers_met_bsn(api_specialist, dossiers):
    body = api_specialist.get("/api/v1/clienten/?q=EIGEN").json()
    assert body["results"][0]["bsn"] == "111222333"
    assert api_specialist.get("/api/v1/clienten/").json()["count"] == 3


@pytest.mark.parametrize("endpoint", ["clienten", "inschrijvingen", "voortgangsrapportages"])
def test_lijsten_hebben_een_vast_aantal_queries(
    api, aanbieder_gebruiker, specialist, endpoint, django_assert_num_queries, eigen_aanbieder
):
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=eigen_aanbieder), capaciteit=100
    )
    for _ in range(8):
        VoortgangsrapportageFactory(inschrijving=InschrijvingFactory(contractregel=regel))
    # specialist: groups, the gemeenten (regio.selectors), count, page. provider: groups, its
    # aanbieder link, count, page.
    for user, verwacht in ((specialist, 4), (aanbieder_gebruiker, 4)):
        for page_size in (2, 8):
            user.refresh_from_db()
            for attr in ("_rollen_cache", "_aanbieder_cache", "_gemeenten_cache"):
                user.__dict__.pop(attr, None)
            with django_assert_num_queries(verwacht):
                response = api(user).get(f"/api/v1/{endpoint}/?page_size={page_size}")
            assert len(response.json()["results"]) == page_size
