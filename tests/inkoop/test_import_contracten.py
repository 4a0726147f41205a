"""Importing contracts and contractregels: all or nothing, every bad row reported with its row
number, column and reason; Dutch formats; re-uploading the same file changes nothing."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from inkoop.models import Contract, Contractregel
from tests.factories import AanbiederFactory, ContractFactory, TrajectFactory

pytestmark = pytest.mark.django_db

KOP = "kenmerk;aanbieder;inkoopvorm;startdatum;einddatum;plafond;status"


def upload(api_client, endpoint, inhoud: bytes, naam="bestand.csv", dry_run=False):
    bestand = SimpleUploadedFile(naam, inhoud)
    return api_client.post(
        f"/api/v1/{endpoint}/import/",
        {"file": bestand, "dry_run": str(dry_run).lower()},
        format="multipart",
    )


@pytest.fixture
def aanbieders():
    return AanbiederFactory(naam="Refugee Team"), AanbiederFactory(naam="Werkclub")


def test_puntkomma_csv_met_bom_en_nederlandse_notatie(api_inkoper, aanbieders):
    inhoud = "\ufeff" + "\n".join(
        [
            "Kenmerk;Aanbieder;Inkoopvorm;Startdatum;Einddatum;Plafond;Status",
            "INB-1;Refugee Team;aanbesteding;01-01-2026;31-12-2026;€ 1.234,50;gegund",
            "INB-2;werkclub;Open house;2026-03-01;28-02-2027;25000;concept",
        ]
    )
    response = upload(api_inkoper, "contracten", inhoud.encode("utf-8"))
    assert response.status_code == 200, response.json()
    assert response.json()["nieuw"] == 2
    inb1 = Contract.objects.get(kenmerk="INB-1")
    assert inb1.plafond == Decimal("1234.50")
    assert str(inb1.einddatum) == "2026-12-31"
    assert Contract.objects.get(kenmerk="INB-2").inkoopvorm == "open_house"


def test_zelfde_bestand_opnieuw_verandert_niets(api_inkoper, aanbieders):
    inhoud = KOP + "\nINB-1;Refugee Team;aanbesteding;01-01-2026;31-12-2026;1000,00;gegund\n"
    assert upload(api_inkoper, "contracten", inhoud.encode()).json()["nieuw"] == 1
    voor = Contract.objects.get(kenmerk="INB-1").gewijzigd_op
    tweede = upload(api_inkoper, "contracten", inhoud.encode()).json()
    assert (tweede["nieuw"], tweede["gewijzigd"], tweede["ongewijzigd"]) == (0, 0, 1)
    assert Contract.objects.get(kenmerk="INB-1").gewijzigd_op == voor


def test_een_slechte_rij_schrijft_niets_en_alle_fouten_worden_genoemd(api_inkoper, aanbieders):
    ContractFactory(kenmerk="BESTAAT", aanbieder=aanbieders[0])
    regels = [KOP]
    for i in range(1, 41):
        regels.append(f"GOED-{i};Refugee Team;aanbesteding;01-01-2026;31-12-2026;1000;gegund")
    regels[10] = "SLECHT-1;Refugee Team;aanbesteding;01-06-2026;31-05-2026;1000;gegund"
    regels[20] = "SLECHT-2;Onbekende BV;aanbesteding;01-01-2026;31-12-2026;1000;gegund"
    regels[30] = "SLECHT-3;Werkclub;aanbesteding;01-01-2026;31-12-2026;-5;gegund"
    regels[35] = "GOED-1;Werkclub;aanbesteding;01-01-2026;31-12-2026;1000;gegund"
    regels[38] = "SLECHT-4;Werkclub;veiling;31-02-2026;31-12-2026;1000;gegund"
    response = upload(api_inkoper, "contracten", "\n".join(regels).encode())
    assert response.status_code == 400
    fouten = {(f["rij"], f["kolom"]) for f in response.json()["fouten"]}
    assert fouten == {
        (11, "einddatum"),
        (21, "aanbieder"),
        (31, "plafond"),
        (36, "kenmerk"),
        (39, "inkoopvorm"),
        (39, "startdatum"),
    }
    meldingen = {f["rij"]: f["melding"] for f in response.json()["fouten"]}
    assert meldingen[11] == "De einddatum ligt voor de startdatum."
    assert meldingen[21] == "Er is geen aanbieder 'Onbekende BV'."
    assert "rij 2" in meldingen[36]
    assert list(Contract.objects.values_list("kenmerk", flat=True)) == ["BESTAAT"]


def test_dubbel_kenmerk_tegenover_de_database_wordt_bijgewerkt_niet_verdubbeld(
    api_inkoper, aanbieders
):
    ContractFactory(kenmerk="INB-1", aanbieder=aanbieders[0], plafond=Decimal("5"))
    inhoud = KOP + "\nINB-1;Refugee Team;aanbesteding;01-01-2026;31-12-2026;750;gegund"
    body = upload(api_inkoper, "contracten", inhoud.encode()).json()
    assert (body["nieuw"], body["gewijzigd"]) == (0, 1)
    assert Contract.objects.get().plafond == Decimal("750")


def test_proefimport_schrijft_niets(api_inkoper, aanbieders):
    inhoud = KOP + "\nINB-1;Refugee Team;aanbesteding;01-01-2026;31-12-2026;750;gegund"
    body = upload(api_inkoper, "contracten", inhoud.encode(), dry_run=True).json()
    assert body["nieuw"] == 1 and body["dry_run"] is True
    assert not Contract.objects.exists()


def test_ontbrekende_sleutelkolom_wordt_gemeld(api_inkoper, aanbieders):
    inhoud = "aanbieder;plafond\nRefugee Team;100"
    body = upload(api_inkoper, "contracten", inhoud.encode()).json()
    assert body["fouten"] == [
        {"rij": 1, "kolom": "kenmerk", "melding": "Deze kolom ontbreekt in het bestand."}
    ]


def test_geen_csv_of_xlsx_geeft_een_duidelijke_fout(api_inkoper):
    response = upload(api_inkoper, "contracten", b"\x00\x01\xff\xfe rommel", naam="x.pdf")
    assert response.status_code == 400
    assert "UTF-8" in response.json()["fouten"][0]["melding"]


def xlsx(rows) -> bytes:
    boek = openpyxl.Workbook()
    blad = boek.active
    for row in rows:
        blad.append(row)
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


def test_contractregels_uit_xlsx_met_traject_van_andere_aanbieder(api_inkoper, aanbieders):
    contract = ContractFactory(kenmerk="INB-7", aanbieder=aanbieders[0])
    TrajectFactory(code="RT-1", aanbieder=aanbieders[0], routes=["b1"])
    TrajectFactory(code="WC-1", aanbieder=aanbieders[1], routes=["b1"])
    inhoud = xlsx(
        [
            [
                "contract",
                "traject",
                "leerroute",
                "tarief",
                "eenheid",
                "capaciteit",
                "prestatiedeel",
            ],
            ["INB-7", "RT-1", "b1", 1850.5, "traject", 40, 10],
            ["INB-7", "WC-1", "b1", 2400, "traject", 30, 0],
            ["INB-7", "RT-1", "q", 100, "traject", -3, 0],
        ]
    )
    body = upload(api_inkoper, "contractregels", inhoud, naam="regels.xlsx").json()
    fouten = {(f["rij"], f["kolom"]) for f in body["fouten"]}
    assert (3, "traject") in fouten
    assert (4, "leerroute") in fouten
    assert (4, "capaciteit") in fouten
    assert not Contractregel.objects.filter(contract=contract).exists()


def test_contractregels_uit_xlsx(api_inkoper, aanbieders):
    ContractFactory(kenmerk="INB-7", aanbieder=aanbieders[0])
    TrajectFactory(code="RT-1", aanbieder=aanbieders[0], routes=["b1"])
    inhoud = xlsx(
        [
            [
                "contract",
                "traject",
                "leerroute",
                "tarief",
                "eenheid",
                "capaciteit",
                "prestatiedeel",
            ],
            ["INB-7", "RT-1", "b1", 1850.5, "per traject", 40, 10],
            ["INB-7", "RT-1", None, 99.99, "uur", 5, 0],
        ]
    )
    body = upload(api_inkoper, "contractregels", inhoud, naam="regels.xlsx").json()
    assert body["nieuw"] == 2, body
    regel = Contractregel.objects.get(leerroute="b1")
    assert (regel.tarief, regel.capaciteit) == (Decimal("1850.50"), 40)
    # Same file again: the routeless line is found again too, so nothing changes.
    again = upload(api_inkoper, "contractregels", inhoud, naam="regels.xlsx").json()
    assert (again["nieuw"], again["gewijzigd"], again["ongewijzigd"]) == (0, 0, 2)


def test_aanbieder_mag_niet_importeren(api_aanbieder):
    inhoud = KOP + "\nINB-1;Eigen Aanbieder;aanbesteding;01-01-2026;31-12-2026;750;gegund"
    assert upload(api_aanbieder, "contracten", inhoud.encode()).status_code == 403
    assert not Contract.objects.exists()


def test_beheercommando_import_is_alles_of_niets(tmp_path, aanbieders, capsys):
    bestand = tmp_path / "contracten.csv"
    bestand.write_text(
        KOP + "\nINB-1;Refugee Team;aanbesteding;01-01-2026;31-12-2026;750;gegund"
        "\nINB-2;Refugee Team;aanbesteding;01-01-2026;31-12-2025;750;gegund\n"
    )
    with pytest.raises(CommandError, match="1 fout"):
        call_command("import", "contracten", str(bestand))
    assert (
        "rij 3, kolom einddatum: De einddatum ligt voor de startdatum." in capsys.readouterr().err
    )
    assert not Contract.objects.exists()

    bestand.write_text(KOP + "\nINB-1;Refugee Team;aanbesteding;01-01-2026;31-12-2026;750;gegund\n")
    call_command("import", "inkoop.Contract", str(bestand))
    assert Contract.objects.get().kenmerk == "INB-1"
