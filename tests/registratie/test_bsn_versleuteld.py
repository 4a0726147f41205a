"""The BSN is encrypted at rest with the key from the environment and shown only to the roles
that keep personal files."""

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.db import connection

from registratie.models import Client
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
)

pytestmark = pytest.mark.django_db


def opgeslagen_bsn(client):
    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn FROM registratie_client WHERE id = %s", [client.pk])
        return cursor.fetchone()[0]


def test_de_database_bevat_het_bsn_niet_en_de_app_leest_het_terug(api_specialist):
    response = api_specialist.post(
        "/api/v1/clienten/", {"clientnummer": "V1", "bsn": "111222333"}, format="json"
    )
    assert response.status_code == 201
    client = Client.objects.get(clientnummer="V1")
    opgeslagen = opgeslagen_bsn(client)
    assert "111222333" not in opgeslagen
    assert Client.objects.get(pk=client.pk).bsn == "111222333"
    zonder = ClientFactory(bsn="")
    assert opgeslagen_bsn(zonder) is None
    assert Client.objects.get(pk=zonder.pk).bsn == ""


def test_een_andere_sleutel_kan_het_niet_lezen_en_rotatie_wel(settings):
    client = ClientFactory(bsn="111222333")
    oud = settings.VELDSLEUTELS
    veld = Client._meta.get_field("bsn")
    try:
        settings.VELDSLEUTELS = [Fernet.generate_key().decode()]
        veld.__dict__.pop("f", None)
        with pytest.raises(InvalidToken):
            Client.objects.get(pk=client.pk)
        # rotation: a new key first, the old one after it; re-saving moves to the new key
        settings.VELDSLEUTELS = [settings.VELDSLEUTELS[0], *oud]
        veld.__dict__.pop("f", None)
        herlezen = Client.objects.get(pk=client.pk)
        assert herlezen.bsn == "111222333"
        herlezen.save(update_fields=["bsn"])
        settings.VELDSLEUTELS = settings.VELDSLEUTELS[:1]
        veld.__dict__.pop("f", None)
        assert Client.objects.get(pk=client.pk).bsn == "111222333"
    finally:
        settings.VELDSLEUTELS = oud
        veld.__dict__.pop("f", None)


def test_alleen_specialist_en_beheerder_zien_het_bsn(
    api, specialist, beheerder, inkoper, aanbieder_gebruiker, eigen_aanbieder
):
    client = ClientFactory(bsn="111222333")
    InschrijvingFactory(
        client=client,
        contractregel=ContractregelFactory(contract=ContractFactory(aanbieder=eigen_aanbieder)),
    )
    for gebruiker, ziet in (
        (specialist, True),
        (beheerder, True),
        (inkoper, False),
        (aanbieder_gebruiker, False),
    ):
        lijst = api(gebruiker).get("/api/v1/clienten/").content.decode()
        detail = api(gebruiker).get(f"/api/v1/clienten/{client.uuid}/").content.decode()
        assert ("111222333" in lijst) is ziet, gebruiker
        assert ("111222333" in detail) is ziet, gebruiker
