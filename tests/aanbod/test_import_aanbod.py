import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aanbod.models import Aanbieder, Traject
from tests.factories import AanbiederFactory

pytestmark = pytest.mark.django_db


def upload(client, endpoint, tekst: str):
    bestand = SimpleUploadedFile("bestand.csv", tekst.encode("utf-8"))
    return client.post(f"/api/v1/{endpoint}/import/", {"file": bestand}, format="multipart")


def test_kvk_nummer_van_geen_acht_cijfers_in_een_import(api_inkoper):
    tekst = "naam,kvk_nummer,soort\nGoed BV,12345678,taal\nFout BV,1234,taal\nDubbel,12345678,taal"
    response = upload(api_inkoper, "aanbieders", tekst)
    assert response.status_code == 400
    fouten = response.json()["fouten"]
    assert {(f["rij"], f["kolom"]) for f in fouten} == {(3, "kvk_nummer"), (4, "kvk_nummer")}
    assert "8 cijfers" in next(f["melding"] for f in fouten if f["rij"] == 3)
    assert not Aanbieder.objects.exists()


def test_trajecten_met_leerroutes_en_onbekende_route(api_inkoper):
    AanbiederFactory(naam="Summa College")
    tekst = (
        "code;aanbieder;naam;soort;leerroutes;duur_weken;uren_per_week;max_leeftijd\n"
        "SUM-1;Summa College;Duaal;duaal traject;onderwijs, b1;52;24,5;28\n"
        "SUM-2;Summa College;Fout;duaal;b1, b9;52;;\n"
    )
    body = upload(api_inkoper, "trajecten", tekst).json()
    assert body["fouten"] == [
        {"rij": 3, "kolom": "leerroutes", "melding": "Er is geen leerroute: b9."}
    ]
    assert not Traject.objects.exists()

    tekst = tekst.replace("b1, b9", "z")
    body = upload(api_inkoper, "trajecten", tekst).json()
    assert body["nieuw"] == 2, body
    sum1 = Traject.objects.get(code="SUM-1")
    assert sorted(sum1.leerroutes.values_list("code", flat=True)) == ["b1", "onderwijs"]
    assert str(sum1.uren_per_week) == "24.5"
    assert list(Traject.objects.get(code="SUM-2").leerroutes.values_list("code", flat=True)) == [
        "z"
    ]
    again = upload(api_inkoper, "trajecten", tekst).json()
    assert (again["nieuw"], again["gewijzigd"], again["ongewijzigd"]) == (0, 0, 2)
