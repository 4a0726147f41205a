import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
    UserFactory,
    koppel_aanbieder,
)

URL = "/api/v1/rapportages/"


def test_lijst_van_rapportages_per_rol(api_inkoper, api_aanbieder, api_specialist, wereld):
    alle = [r["naam"] for r in api_inkoper.get(URL).json()]
    assert len(alle) == 20 and {"kosten-baten", "inkoopbehoefte", "budget", "monitor"} <= set(alle)
    # Money between gemeenten and to account for is the inkoper's: the specialist has every
    # other report.
    assert [r["naam"] for r in api_specialist.get(URL).json()] == [
        naam for naam in alle if naam not in ("doorbelasting", "verantwoording")
    ]
    assert sorted(r["naam"] for r in api_aanbieder.get(URL).json()) == [
        "contracten",
        "interventies",
        "prestaties",
        "resultaten",
        "voortgang",
    ]


def test_rapport_als_json(api_inkoper, wereld):
    body = api_inkoper.get(f"{URL}populatie/?peildatum=2026-06-30").json()
    assert (body["naam"], body["peildatum"], body["van"], body["tot"]) == (
        "populatie",
        "2026-06-30",
        "2026-01-01",
        "2026-06-30",
    )
    werk = body["rijen"][0]
    assert (werk["categorie"], werk["aantal"], werk["percentage"]) == (
        "begeleid naar werk",
        2,
        25.0,
    )


def test_rapport_als_xlsx_en_csv(api_inkoper, wereld):
    response = api_inkoper.get(f"{URL}populatie/?peildatum=2026-06-30&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="rapportage-populatie-2026-06-30.xlsx"'
    )
    boek = openpyxl.load_workbook(io.BytesIO(response.content))
    blad = boek.active
    rijen = list(blad.values)
    assert rijen[0][:3] == ("Status", "Aantal", "%")
    assert rijen[1][:3] == ("begeleid naar werk", 2, 0.25)
    assert blad["C2"].number_format == "0.0%"
    assert (blad.freeze_panes, blad.auto_filter.ref[:3]) == ("A2", "A1:")
    assert boek.properties.title == "Populatie naar status"
    assert "Peildatum: 30-06-2026" in boek.properties.subject
    assert ("Peildatum", "30-06-2026") in list(boek["Over dit bestand"].values)
    csv = api_inkoper.get(f"{URL}caseload/?peildatum=2026-06-30&format=csv")
    tekst = csv.content.decode("utf-8-sig")
    assert "Jaar;Overgenomen;Instroom" in tekst
    assert "Caseload per specialist" in tekst


@pytest.mark.parametrize(
    ("query", "veld"),
    [
        ("peildatum=30-30-2026", "peildatum"),
        ("van=2026-06-01&tot=2026-01-01", "tot"),
        ("deeltijd_factor=2", "deeltijd_factor"),
    ],
)
def test_foute_parameters_geven_400(api_inkoper, db, query, veld):
    response = api_inkoper.get(f"{URL}uitstroomredenen/?{query}")
    assert response.status_code == 400
    assert veld in response.json()


def test_onbekend_rapport_is_404(api_inkoper, db):
    assert api_inkoper.get(f"{URL}horoscoop/").status_code == 404


def test_aanbieder_krijgt_404_voor_gemeenterapporten(api_aanbieder, wereld):
    for naam in ("populatie", "kosten-baten", "caseload", "volumes"):
        assert api_aanbieder.get(f"{URL}{naam}/").status_code == 404


def test_aanbieder_ziet_alleen_eigen_contracten_en_kleine_groepen_niet(api, wereld):
    gebruiker = koppel_aanbieder(
        UserFactory(username="a-user", rol="aanbieder"), wereld["aanbieder"]
    )
    body = api(gebruiker).get(f"{URL}contracten/?peildatum=2026-06-30").json()
    assert {r["contract"] for r in body["rijen"]} == {"C1"}
    regel = next(r for r in body["rijen"] if r["niveau"] == "regel")
    # Two clients: fewer than five, so the figures about people are hidden.
    assert regel["onderdrukt"] is True
    assert regel["bezet"] is None and regel["uren_gevolgd"] is None
    assert regel["capaciteit"] == 4  # not about people
    voortgang = api(gebruiker).get(f"{URL}voortgang/?peildatum=2026-06-30").json()["rijen"]
    assert voortgang[0]["trede_verschil"] is None and voortgang[0]["onderdrukt"] is True


def test_aanbieder_ziet_groepen_van_vijf_of_meer(api, eigen_aanbieder, aanbieder_gebruiker):
    traject = TrajectFactory(aanbieder=eigen_aanbieder, naam="Groot")
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=eigen_aanbieder), traject=traject, capaciteit=20
    )
    for _ in range(5):
        InschrijvingFactory(contractregel=regel, client=ClientFactory())
    rijen = api(aanbieder_gebruiker).get(f"{URL}interventies/?peildatum=2026-06-30").json()["rijen"]
    assert rijen[0]["aantal"] == 5 and "onderdrukt" not in rijen[0]


def test_inkoper_ziet_geen_onderdrukking(api_inkoper, wereld):
    body = api_inkoper.get(f"{URL}contracten/?peildatum=2026-06-30").json()
    regel = next(r for r in body["rijen"] if r["contract"] == "C1" and r["niveau"] == "regel")
    assert regel["bezet"] == 1 and "onderdrukt" not in regel


def test_commando_tabel_json_en_xlsx(wereld, capsys, tmp_path):
    call_command("rapportage", "populatie", "--peildatum", "30-06-2026")
    uit = capsys.readouterr().out
    assert "begeleid naar werk" in uit and "25,0" in uit
    call_command("rapportage", "kosten-baten", "--peildatum", "2026-06-30", "--format", "json")
    assert '"programmakosten"' in capsys.readouterr().out
    pad = tmp_path / "r.xlsx"
    call_command(
        "rapportage",
        "volumes",
        "--peildatum",
        "2026-06-30",
        "--format",
        "xlsx",
        "--output",
        str(pad),
    )
    boek = openpyxl.load_workbook(pad)
    assert boek.properties.title.startswith("Volumes per leerroute")
    assert boek.active["A1"].value == "Leerroute"
    with pytest.raises(CommandError, match="geen datum"):
        call_command("rapportage", "populatie", "--peildatum", "gisteren")


def test_standaard_peildatum_is_vandaag(api_inkoper, db):
    from django.utils import timezone

    assert (
        api_inkoper.get(f"{URL}populatie/").json()["peildatum"] == timezone.localdate().isoformat()
    )
