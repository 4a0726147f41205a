import io

import openpyxl
import pytest

from tests.factories import AanbiederFactory, ContractFactory

pytestmark = pytest.mark.django_db


def test_export_xlsx_bevat_de_gefilterde_lijst(api_inkoper):
    ContractFactory(kenmerk="INB-A", aanbieder=AanbiederFactory(naam="Refugee Team"))
    ContractFactory(kenmerk="INB-B", status="concept")
    response = api_inkoper.get("/api/v1/contracten/export/?formaat=xlsx&status=gegund")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="contract-')
    blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rijen = list(blad.values)
    assert rijen[0][:2] == ("Kenmerk", "Aanbieder")
    assert [r[:2] for r in rijen[1:]] == [("INB-A", "Refugee Team")]
    assert blad.freeze_panes == "A2" and blad.auto_filter.ref.startswith("A1:")
    plafond = rijen[0].index("Plafond") + 1
    assert blad.cell(2, plafond).number_format.startswith('"€"')


def test_geexporteerd_bestand_leest_ongewijzigd_terug(api_inkoper):
    ContractFactory(kenmerk="INB-A", aanbieder=AanbiederFactory(naam="Refugee Team"))
    export = api_inkoper.get("/api/v1/contracten/export/?formaat=xlsx")
    bestand = io.BytesIO(export.content)
    bestand.name = "contracten.xlsx"
    response = api_inkoper.post(
        "/api/v1/contracten/import/", {"file": bestand, "dry_run": "true"}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["nieuw"], response.json()["gewijzigd"]) == (0, 0)


def test_export_ontmijnt_formules(api_inkoper):
    aanbieder = AanbiederFactory(naam='=HYPERLINK("http://kwaad")', contactpersoon="+31 6 1234")
    response = api_inkoper.get("/api/v1/aanbieders/export/?formaat=csv")
    tekst = response.getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK" in tekst
    assert "'+31 6 1234" in tekst
    xlsx = api_inkoper.get("/api/v1/aanbieders/export/?formaat=xlsx")
    blad = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    naam, kvk = list(blad.values)[1][:2]
    assert naam.startswith("'=HYPERLINK")
    assert kvk == aanbieder.kvk_nummer


def test_export_van_aanbieder_bevat_alleen_eigen_contracten(api_aanbieder, eigen_aanbieder):
    ContractFactory(kenmerk="EIGEN", aanbieder=eigen_aanbieder)
    ContractFactory(kenmerk="VREEMD")
    response = api_aanbieder.get("/api/v1/contracten/export/?formaat=csv")
    tekst = response.getvalue().decode("utf-8-sig")
    assert "EIGEN" in tekst and "VREEMD" not in tekst


def test_onbekend_exportformaat(api_inkoper):
    response = api_inkoper.get("/api/v1/contracten/export/?formaat=pdf")
    assert response.status_code == 400
    assert "formaat" in response.json()


def test_grote_export_stroomt_en_is_compleet(api_aanbieder, eigen_aanbieder):
    """The CSV leaves in pieces as it is written, the workbook row by row: 2,500 reports
    come out whole, in order, and in the same columns either way."""
    import datetime as dt

    from registratie.models import Voortgangsrapportage
    from tests.factories import ContractregelFactory, InschrijvingFactory

    inschrijving = InschrijvingFactory(
        contractregel=ContractregelFactory(contract=ContractFactory(aanbieder=eigen_aanbieder))
    )
    Voortgangsrapportage.objects.bulk_create(
        Voortgangsrapportage(
            inschrijving=inschrijving,
            peildatum=dt.date(2020, 1, 1) + dt.timedelta(days=i),
            uren_aangeboden=10,
            uren_gevolgd=i % 10,
        )
        for i in range(2500)
    )
    csv = api_aanbieder.get("/api/v1/voortgangsrapportages/export/?formaat=csv")
    stukken = list(csv.streaming_content)
    assert len(stukken) >= 3
    regels = b"".join(stukken).decode("utf-8-sig").splitlines()
    assert len(regels) == 2501
    assert regels[0].startswith("inschrijving,clientnummer,traject_code,peildatum")
    xlsx = api_aanbieder.get("/api/v1/voortgangsrapportages/export/?formaat=xlsx")
    rijen = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert len(rijen) == 2501
    assert {r[3] for r in rijen[1:]} == {
        dt.datetime(2020, 1, 1) + dt.timedelta(days=i) for i in range(2500)
    }


def test_een_niet_teken_van_voor_de_normalisatie_breekt_geen_export():
    """Issue 31, finding 11: U+FFFE in a provider's older free text made the XLSX unreadable."""
    import io

    import openpyxl

    from kern.excel import tabel, werkboek

    inhoud = werkboek("t", [tabel("t", ["toelichting"], [["goed\ufffe\uffff\x01 zo"]])])
    blad = openpyxl.load_workbook(io.BytesIO(inhoud))["t"]
    assert [c.value for c in blad["A"]] == ["toelichting", "goed zo"]
