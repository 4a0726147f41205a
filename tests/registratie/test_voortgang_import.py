"""Providers deliver progress reports as a file: all or nothing, every bad row reported,
re-uploading the same file changes nothing, and only for enrolments in their own contracts."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from kern.bulk import Bulkschrijver
from kern.models import Auditregel
from registratie import resources
from registratie.models import Voortgangsrapportage
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
)

pytestmark = pytest.mark.django_db
KOP = (
    "clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd;verzuim_ongeoorloofd;"
    "taalniveau;participatieladder;toelichting"
)


@pytest.fixture
def eigen_regel(eigen_aanbieder):
    traject = TrajectFactory(aanbieder=eigen_aanbieder, code="RT-WERKFIT")
    return ContractregelFactory(
        contract=ContractFactory(aanbieder=eigen_aanbieder), traject=traject, capaciteit=2000
    )


@pytest.fixture
def inschrijvingen(eigen_regel):
    return [
        InschrijvingFactory(
            contractregel=eigen_regel, client=ClientFactory(clientnummer=f"K{i:04d}")
        )
        for i in range(1, 6)
    ]


@pytest.fixture(params=["per_blok", "hele_scope"])
def leespad(request, monkeypatch):
    """A large file reads the uploader's whole scope once instead of IN lists per block:
    both ways must find the same enrolments and nothing outside the scope."""
    if request.param == "hele_scope":
        monkeypatch.setattr(resources, "GROOT_BESTAND", 0)


def upload(api_client, inhoud: bytes, naam="voortgang.csv", dry_run=False):
    return api_client.post(
        "/api/v1/voortgangsrapportages/import/",
        {"file": SimpleUploadedFile(naam, inhoud), "dry_run": "true" if dry_run else "false"},
        format="multipart",
    )


def regel(nummer, peildatum="31-03-2026", aangeboden="40", gevolgd="36", ladder="3", extra=""):
    return f"K{nummer:04d};RT-WERKFIT;{peildatum};{aangeboden};{gevolgd};2,5;A2;{ladder};{extra}"


def test_puntkomma_csv_met_bom_en_nederlandse_datums(api_aanbieder, inschrijvingen):
    tekst = "\ufeff" + "\n".join(
        [KOP, regel(1, aangeboden="40,5", gevolgd="38,25"), regel(2, peildatum="2026-03-31")]
    )
    response = upload(api_aanbieder, tekst.encode("utf-8"))
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "dry_run": False,
        "geslaagd": True,
        "nieuw": 2,
        "gewijzigd": 0,
        "ongewijzigd": 0,
        "afgewezen": 0,
        "fouten": [],
    }
    r = Voortgangsrapportage.objects.get(inschrijving=inschrijvingen[0])
    assert (r.uren_aangeboden, r.uren_gevolgd, r.verzuim_ongeoorloofd) == (
        Decimal("40.50"),
        Decimal("38.25"),
        Decimal("2.50"),
    )
    assert (str(r.peildatum), r.taalniveau, r.participatieladder) == ("2026-03-31", "A2", 3)
    assert r.ingediend_door.username == "t-aanbieder"


def test_een_slechte_rij_midden_in_1000_schrijft_niets(api_aanbieder, eigen_regel):
    clienten = ClientFactory.create_batch(1000)
    for c in clienten:
        InschrijvingFactory(contractregel=eigen_regel, client=c)
    regels = [KOP] + [f"{c.clientnummer};RT-WERKFIT;30-06-2026;40;30;0;A1;2;" for c in clienten]
    regels[500] = regels[500].replace(";40;30;", ";40;45;")  # more followed than offered
    response = upload(api_aanbieder, "\n".join(regels).encode())
    assert response.status_code == 400
    assert response.json()["fouten"] == [
        {
            "rij": 501,
            "kolom": "uren_gevolgd",
            "melding": "Er zijn meer uren gevolgd dan aangeboden.",
            "clientnummer": clienten[499].clientnummer,
        }
    ]
    assert not Voortgangsrapportage.objects.exists()


def test_alle_slechte_rijen_worden_genoemd(api_aanbieder, inschrijvingen):
    regels = [
        KOP,
        regel(1),
        regel(2, peildatum="31-02-2026"),
        regel(3, aangeboden="-1"),
        regel(4, ladder="7"),
        "K9999;RT-WERKFIT;31-03-2026;10;5;0;A1;2;",
        regel(1),  # duplicate of row 2
        regel(5, peildatum="01-01-2030"),
        regel(5).replace(";A2;", ";Z9;"),
    ]
    body = upload(api_aanbieder, "\n".join(regels).encode()).json()
    assert {(f["rij"], f["kolom"]) for f in body["fouten"]} == {
        (3, "peildatum"),
        (4, "uren_aangeboden"),
        (5, "participatieladder"),
        (6, "clientnummer"),
        (7, "peildatum"),
        (8, "peildatum"),
        (9, "taalniveau"),
    }
    dubbel = next(f for f in body["fouten"] if f["rij"] == 7)
    assert "ook op rij 2" in dubbel["melding"]
    assert not Voortgangsrapportage.objects.exists()


def test_zelfde_bestand_opnieuw_verandert_niets_en_een_wijziging_wordt_geteld(
    api_aanbieder, inschrijvingen, leespad
):
    tekst = "\n".join([KOP, regel(1), regel(2), regel(3)]).encode()
    assert upload(api_aanbieder, tekst).json()["nieuw"] == 3
    voor = list(Voortgangsrapportage.objects.order_by("pk").values_list("gewijzigd_op", flat=True))
    again = upload(api_aanbieder, tekst).json()
    assert (again["nieuw"], again["gewijzigd"], again["ongewijzigd"]) == (0, 0, 3)
    assert (
        list(Voortgangsrapportage.objects.order_by("pk").values_list("gewijzigd_op", flat=True))
        == voor
    )
    gewijzigd = "\n".join([KOP, regel(1, ladder="4"), regel(2), regel(3)]).encode()
    body = upload(api_aanbieder, gewijzigd).json()
    assert (body["nieuw"], body["gewijzigd"], body["ongewijzigd"]) == (0, 1, 2)
    assert Voortgangsrapportage.objects.get(inschrijving=inschrijvingen[0]).participatieladder == 4


def test_inschrijving_bij_id_uit_xlsx(api_aanbieder, inschrijvingen, leespad):
    boek = openpyxl.Workbook()
    boek.active.append(["Inschrijving", "Peildatum", "Uren aangeboden", "Uren gevolgd"])
    import datetime as dt

    boek.active.append([str(inschrijvingen[0].uuid).upper(), dt.datetime(2026, 4, 30), 12, 12])
    buffer = io.BytesIO()
    boek.save(buffer)
    body = upload(api_aanbieder, buffer.getvalue(), naam="v.xlsx").json()
    assert body["nieuw"] == 1, body
    assert str(Voortgangsrapportage.objects.get().peildatum) == "2026-04-30"


def test_aanbieder_kan_niet_rapporteren_over_een_ander(api_aanbieder, inschrijvingen, leespad):
    vreemd = InschrijvingFactory(client=ClientFactory(clientnummer="VREEMD"))
    tekst = "\n".join(
        [
            "inschrijving;peildatum;uren_aangeboden;uren_gevolgd",
            f"{vreemd.uuid};31-03-2026;10;10",
            f"{inschrijvingen[0].uuid};31-03-2026;10;10",
        ]
    )
    body = upload(api_aanbieder, tekst.encode()).json()
    assert body["fouten"][0]["rij"] == 2
    assert "niet onder uw contracten" in body["fouten"][0]["melding"]
    tekst = (
        f"clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd\n"
        f"VREEMD;{vreemd.contractregel.traject.code};31-03-2026;10;10"
    )
    body = upload(api_aanbieder, tekst.encode()).json()
    assert body["fouten"][0]["kolom"] == "clientnummer"
    assert not Voortgangsrapportage.objects.exists()


def test_ontbrekende_kolommen(api_aanbieder, inschrijvingen):
    body = upload(api_aanbieder, b"clientnummer;peildatum\nK0001;31-03-2026").json()
    assert {f["kolom"] for f in body["fouten"]} == {
        "uren_aangeboden",
        "uren_gevolgd",
        "inschrijving",
    }


def test_proefimport_telt_maar_schrijft_niet(api_aanbieder, inschrijvingen):
    body = upload(api_aanbieder, "\n".join([KOP, regel(1)]).encode(), dry_run=True).json()
    assert (body["dry_run"], body["nieuw"]) == (True, 1)
    assert not Voortgangsrapportage.objects.exists()
    assert not Auditregel.objects.filter(actie="geimporteerd").exists()


def test_import_wordt_gelogd(api_aanbieder, inschrijvingen, aanbieder_gebruiker):
    upload(api_aanbieder, "\n".join([KOP, regel(1)]).encode(), naam="maart.csv")
    regel_ = Auditregel.objects.get(actie="geimporteerd")
    assert regel_.gebruiker == aanbieder_gebruiker
    assert "maart.csv" in regel_.omschrijving


def test_beheercommando_import(tmp_path, inschrijvingen, capsys):
    bestand = tmp_path / "voortgang.csv"
    bestand.write_text("\n".join([KOP, regel(1), regel(2, gevolgd="50")]), encoding="utf-8-sig")
    with pytest.raises(CommandError):
        call_command("import", "voortgangsrapportages", str(bestand))
    assert "rij 3, kolom uren_gevolgd" in capsys.readouterr().err
    bestand.write_text("\n".join([KOP, regel(1), regel(2)]), encoding="utf-8-sig")
    call_command("import", "voortgangsrapportages", str(bestand))
    assert Voortgangsrapportage.objects.count() == 2


def test_beheer_import_met_voorvertoning(client, beheerder, inschrijvingen):
    client.force_login(beheerder)
    bestand = SimpleUploadedFile("v.csv", "\n".join([KOP, regel(1), regel(2, ladder="9")]).encode())
    html = client.post(
        "/admin/registratie/voortgangsrapportage/import/",
        {"import_file": bestand, "format": "0", "resource": "0"},
    ).content.decode()
    assert "De trede is een geheel getal van 1 tot 6." in html
    assert not Voortgangsrapportage.objects.exists()


def test_rapportage_via_api_voor_eigen_inschrijving(api_aanbieder, inschrijvingen):
    vreemd = InschrijvingFactory()
    data = {"peildatum": "2026-03-31", "uren_aangeboden": "10", "uren_gevolgd": "8"}
    eigen = api_aanbieder.post(
        "/api/v1/voortgangsrapportages/",
        data | {"inschrijving": str(inschrijvingen[0].uuid)},
        format="json",
    )
    assert eigen.status_code == 201, eigen.json()
    assert eigen.json()["ingediend_door"] == "t-aanbieder"
    ander = api_aanbieder.post(
        "/api/v1/voortgangsrapportages/", data | {"inschrijving": str(vreemd.uuid)}, format="json"
    )
    assert ander.status_code == 400
    dubbel = api_aanbieder.post(
        "/api/v1/voortgangsrapportages/",
        data | {"inschrijving": str(inschrijvingen[0].uuid)},
        format="json",
    )
    assert dubbel.status_code == 400
    assert Voortgangsrapportage.objects.count() == 1


def test_alle_fouten_van_een_rij_in_een_keer_met_het_clientnummer(api_aanbieder, inschrijvingen):
    body = upload(
        api_aanbieder, "\n".join([KOP, regel(2, gevolgd="50", ladder="9")]).encode()
    ).json()
    assert {(f["kolom"], f["clientnummer"]) for f in body["fouten"]} == {
        ("participatieladder", "K0002"),
        ("uren_gevolgd", "K0002"),  # the cross-field rule, in the same pass
    }


@pytest.mark.parametrize(
    ("inhoud", "soort"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud Office-bestand"),
    ],
)
def test_een_pdf_of_oud_bestand_heet_geen_csv_of_excel(api_aanbieder, inhoud, soort):
    body = upload(api_aanbieder, inhoud, naam="rapport.pdf").json()
    melding = str(body)
    assert "Dit is geen CSV- of Excelbestand" in melding and soort in melding
    assert "ontbreekt" not in melding


def test_een_rapportage_die_tijdens_de_import_verschijnt_laat_de_hele_import_weigeren(
    api_aanbieder, inschrijvingen, monkeypatch
):
    """Rows are checked outside the write transaction; a report stored in between (another
    upload) makes the write fail as a whole, with a message, not a 500 or half a file."""
    schrijven = Bulkschrijver.schrijven

    def intussen(self, **kwargs):
        Voortgangsrapportage.objects.create(
            inschrijving=inschrijvingen[1],
            peildatum="2026-03-31",
            uren_aangeboden=1,
            uren_gevolgd=1,
        )
        return schrijven(self, **kwargs)

    monkeypatch.setattr(Bulkschrijver, "schrijven", intussen)
    response = upload(api_aanbieder, "\n".join([KOP, regel(1), regel(2)]).encode())
    assert response.status_code == 400
    assert "tijdens de import gewijzigd" in response.json()["fouten"][0]["melding"]
    assert (response.json()["nieuw"], response.json()["geslaagd"]) == (0, False)
    # (the stand-in for the other upload ran inside this transaction and went with it)
    assert not Voortgangsrapportage.objects.exists()
    assert not Auditregel.objects.filter(actie="geimporteerd").exists()
