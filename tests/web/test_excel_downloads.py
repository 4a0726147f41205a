"""Every "Excel" download of a list page is a proper workbook of the filtered list."""

import io

import openpyxl
import pytest

from tests.factories import (
    AanbiederFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
)

pytestmark = pytest.mark.django_db


def boek(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rijen(blad):
    return list(blad.values)


def test_contracten_met_filter_en_regels_op_een_eigen_blad(client, inkoper):
    rt = AanbiederFactory(naam="Refugee Team")
    eigen = ContractregelFactory(contract=ContractFactory(kenmerk="INB-RT", aanbieder=rt))
    ContractregelFactory(contract=ContractFactory(kenmerk="INB-ANDER"))
    client.force_login(inkoper)
    pagina = client.get("/contracten/", {"aanbieder": str(rt.uuid)})
    assert "INB-RT" in pagina.content.decode() and "INB-ANDER" not in pagina.content.decode()
    assert "formaat=xlsx" in pagina.context["excel_url"]
    wb = boek(client.get("/contracten/" + pagina.context["excel_url"]))
    assert wb.sheetnames[:2] == ["Contracten", "Regels"]
    contracten, regels = rijen(wb["Contracten"]), rijen(wb["Regels"])
    assert contracten[0][:2] == ("Kenmerk", "Aanbieder")
    assert [r[0] for r in contracten[1:]] == ["INB-RT"]
    assert [r[0] for r in regels[1:]] == ["INB-RT"]
    assert regels[1][5] == float(eigen.tarief)
    assert wb["Regels"]["F2"].number_format.startswith('"€"')
    assert wb["Regels"]["K2"].number_format == "0.0%"
    over = dict(rijen(wb["Over dit bestand"]))
    assert "Refugee Team" in over["Filters"]


def test_aanbod_met_filter(client, inkoper):
    TrajectFactory(naam="Taal op B1", routes=["b1"])
    TrajectFactory(naam="Alfa Z", routes=["z"])
    client.force_login(inkoper)
    wb = boek(client.get("/aanbod/", {"leerroute": "z", "formaat": "xlsx"}))
    data = rijen(wb["Trajecten"])
    assert data[0][:3] == ("Code", "Traject", "Aanbieder")
    assert [r[1] for r in data[1:]] == ["Alfa Z"]


def test_caseload_toont_standaard_actieve_clienten(client, specialist):
    ClientFactory(clientnummer="ACTIEF", specialist=specialist)
    ClientFactory(clientnummer="WEG", specialist=specialist, status="afgesloten")
    client.force_login(specialist)
    data = rijen(boek(client.get("/clienten/", {"formaat": "xlsx"}))["Clienten"])
    assert data[0][:2] == ("Clientnummer", "Naam")
    assert [r[0] for r in data[1:]] == ["ACTIEF"]
    alle = rijen(boek(client.get("/clienten/", {"formaat": "xlsx", "status": "alle"}))["Clienten"])
    assert sorted(r[0] for r in alle[1:]) == ["ACTIEF", "WEG"]


def test_portaal_inschrijvingen_alleen_eigen(client, aanbieder_gebruiker, eigen_aanbieder):
    regel = ContractregelFactory(contract=ContractFactory(aanbieder=eigen_aanbieder))
    InschrijvingFactory(contractregel=regel, client=ClientFactory(clientnummer="EIGEN"))
    InschrijvingFactory(client=ClientFactory(clientnummer="VREEMD"))
    client.force_login(aanbieder_gebruiker)
    data = rijen(boek(client.get("/portaal/", {"formaat": "xlsx"}))["Inschrijvingen"])
    assert data[0][:3] == ("Clientnummer", "Naam", "Traject")
    assert [r[0] for r in data[1:]] == ["EIGEN"]
