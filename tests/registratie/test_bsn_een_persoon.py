"""One BSN is one person (issue 31, finding 8): nine ASCII digits passing the elfproef, one
client per BSN on every path, and a reference list that counts a person once."""

import datetime as dt

import pytest
import tablib

from registratie.bsn import herbereken
from registratie.models import Client, elfproef
from registratie.referentie import referentielijst_importeer
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db

BSN = "111222333"
ARABISCH = "".join(chr(0x0660 + int(c)) for c in BSN)  # Arabic-Indic digits
BREED = "".join(chr(0xFF10 + int(c)) for c in BSN)  # full-width digits


def test_alleen_ascii_cijfers_halen_de_elfproef():
    assert elfproef(BSN)
    assert not elfproef(ARABISCH) and not elfproef(BREED)


def test_een_tweede_client_met_hetzelfde_bsn_wordt_geweigerd(api_specialist):
    ClientFactory(clientnummer="P-1", bsn=BSN)
    for spelling in (BSN, BREED):  # full width is read as ASCII, and then it is the same BSN
        response = api_specialist.post(
            "/api/v1/clienten/", {"clientnummer": "P-2", "bsn": spelling}, format="json"
        )
        assert response.status_code == 400, response.json()
        assert response.json()["bsn"] == ["Client P-1 heeft dit BSN al; één persoon is één client."]
    response = api_specialist.post(
        "/api/v1/clienten/", {"clientnummer": "P-3", "bsn": ARABISCH}, format="json"
    )
    assert response.status_code == 400
    assert "elfproef" in response.json()["bsn"][0]
    assert Client.objects.count() == 1


def test_het_formulier_weigert_een_bekend_bsn(client, specialist):
    ClientFactory(clientnummer="P-1", bsn=BSN)
    client.force_login(specialist)
    response = client.post("/clienten/nieuw/", {"clientnummer": "P-2", "bsn": BSN})
    assert response.status_code == 200
    assert "Client P-1 heeft dit BSN al" in response.content.decode()
    assert not Client.objects.filter(clientnummer="P-2").exists()


def test_eigen_bsn_bewaren_mag_en_anonimiseren_wist_de_sleutel():
    from registratie.avg import anonimiseer

    persoon = ClientFactory(
        clientnummer="P-1",
        bsn=BSN,
        uitstroom_datum=dt.date(2010, 1, 4),
        uitstroom_reden="voltijd_baan",
        status="afgesloten",
    )
    persoon.full_clean()  # its own BSN is not "another client's"
    assert Client.objects.get(pk=persoon.pk).bsn_sleutel
    assert anonimiseer()["clienten"] == 1
    assert Client.objects.get(pk=persoon.pk).bsn_sleutel is None
    ClientFactory(clientnummer="P-2", bsn=BSN)  # the BSN is free again


def test_de_referentielijst_telt_een_persoon_een_keer(specialist):
    ClientFactory(clientnummer="P-1", bsn=BSN)
    data = tablib.Dataset(headers=["bsn"])
    for spelling in (BSN, BREED, ARABISCH):
        data.append([spelling])
    uitkomst, lijst = referentielijst_importeer(
        data, peildatum=dt.date(2026, 5, 1), bron="duo", bestandsnaam="duo.csv", door=specialist
    )
    # Full width reads as the same person; Arabic-Indic digits are no BSN.
    assert [(f["rij"], f["kolom"]) for f in uitkomst.fouten] == [(3, "bsn"), (4, "bsn")]
    data = tablib.Dataset([BSN], headers=["bsn"])
    uitkomst, lijst = referentielijst_importeer(
        data, peildatum=dt.date(2026, 5, 1), bron="duo", bestandsnaam="duo.csv", door=specialist
    )
    assert (uitkomst.nieuw, uitkomst.ongewijzigd) == (1, 1)
    assert lijst.personen.get().client.clientnummer == "P-1"


def test_herberekenen_noemt_wie_hetzelfde_bsn_heeft(settings):
    eerste = ClientFactory(clientnummer="P-1", bsn=BSN)
    tweede = ClientFactory(clientnummer="P-2", bsn="123456782")
    Client.objects.filter(pk=tweede.pk).update(bsn=eerste.bsn)  # as before the key existed
    Client.objects.filter(pk=tweede.pk).update(bsn_sleutel=None)
    settings.BSN_ZOEKSLEUTEL = "een-nieuwe-sleutel"
    assert herbereken(Client) == [("P-2", "P-1")]
    assert Client.objects.get(pk=eerste.pk).bsn_sleutel != eerste.bsn_sleutel
    assert Client.objects.get(pk=tweede.pk).bsn_sleutel is None
