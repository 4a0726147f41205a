"""A provider's token shows its own Aanbieder, trajecten and contracts, nothing of others."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import (
    AanbiederFactory,
    BudgetFactory,
    ContractFactory,
    ContractregelFactory,
    KostenpostFactory,
    TrajectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def token_client(aanbieder_gebruiker):
    token = Token.objects.create(user=aanbieder_gebruiker)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def twee_aanbieders(eigen_aanbieder):
    ander = AanbiederFactory(naam="Andere Aanbieder")
    eigen_regel = ContractregelFactory(contract=ContractFactory(aanbieder=eigen_aanbieder))
    andere_regel = ContractregelFactory(contract=ContractFactory(aanbieder=ander))
    return eigen_regel, andere_regel


def test_aanbieder_ziet_alleen_eigen_contracten(token_client, twee_aanbieders):
    eigen, ander = twee_aanbieders
    body = token_client.get("/api/v1/contracten/").json()
    assert [c["id"] for c in body["results"]] == [str(eigen.contract.uuid)]
    assert body["count"] == 1


def test_contract_van_een_ander_is_404(token_client, twee_aanbieders):
    _, ander = twee_aanbieders
    assert token_client.get(f"/api/v1/contracten/{ander.contract.uuid}/").status_code == 404
    assert token_client.get(f"/api/v1/contractregels/{ander.uuid}/").status_code == 404
    assert token_client.get(f"/api/v1/trajecten/{ander.traject.uuid}/").status_code == 404
    assert (
        token_client.get(f"/api/v1/aanbieders/{ander.contract.aanbieder.uuid}/").status_code == 404
    )


def test_eigen_contract_is_leesbaar(token_client, twee_aanbieders):
    eigen, _ = twee_aanbieders
    response = token_client.get(f"/api/v1/contracten/{eigen.contract.uuid}/")
    assert response.status_code == 200
    assert response.json()["kenmerk"] == eigen.contract.kenmerk


def test_aanbieder_ziet_eigen_aanbieder_trajecten_en_regels(token_client, twee_aanbieders):
    eigen, _ = twee_aanbieders
    TrajectFactory()  # someone else's
    aanbieders = token_client.get("/api/v1/aanbieders/").json()["results"]
    assert [a["naam"] for a in aanbieders] == ["Eigen Aanbieder"]
    trajecten = token_client.get("/api/v1/trajecten/").json()["results"]
    assert [t["id"] for t in trajecten] == [str(eigen.traject.uuid)]
    regels = token_client.get("/api/v1/contractregels/").json()["results"]
    assert [r["id"] for r in regels] == [str(eigen.uuid)]


def test_aanbieder_ziet_geen_budgetten_of_kostenposten(token_client):
    BudgetFactory()
    KostenpostFactory()
    assert token_client.get("/api/v1/budgetten/").json()["count"] == 0
    assert token_client.get("/api/v1/kostenposten/").json()["count"] == 0


def test_aanbieder_kan_geen_contract_wijzigen(token_client, twee_aanbieders):
    eigen, _ = twee_aanbieders
    response = token_client.patch(
        f"/api/v1/contracten/{eigen.contract.uuid}/", {"plafond": "1.00"}, format="json"
    )
    assert response.status_code == 403


def test_gebruiker_zonder_rol_ziet_niets(api, db, twee_aanbieders):
    from tests.factories import UserFactory

    response = api(UserFactory(username="zonder-rol")).get("/api/v1/contracten/")
    assert response.status_code == 403


def test_anoniem_krijgt_geen_toegang(api, db):
    assert api(None).get("/api/v1/contracten/").status_code in (401, 403)


def test_aanbieder_zonder_koppeling_ziet_niets(api, db, twee_aanbieders):
    from tests.factories import UserFactory

    los = UserFactory(username="losse-aanbieder", rol="aanbieder")
    assert api(los).get("/api/v1/contracten/").json()["count"] == 0
    assert api(los).get("/api/v1/aanbieders/").json()["count"] == 0


def test_inkoper_ziet_alle_contracten(api_inkoper, twee_aanbieders):
    assert api_inkoper.get("/api/v1/contracten/").json()["count"] == 2
