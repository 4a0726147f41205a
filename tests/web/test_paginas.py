"""The pages for people: roles, scoping (404 outside your scope), forms and their messages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.timezone import localdate as vandaag

from inkoop.models import Contract, Contractregel
from registratie.models import Inschrijving, Voortgangsrapportage
from tests.factories import (
    AanbiederFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
)

pytestmark = pytest.mark.django_db


def test_startpagina_stuurt_elke_rol_naar_haar_eigen_pagina(
    client, inkoper, specialist, aanbieder_gebruiker
):
    for user, doel in (
        (inkoper, "/dashboard/"),
        (specialist, "/clienten/"),
        (aanbieder_gebruiker, "/portaal/"),
    ):
        client.force_login(user)
        assert client.get("/")["Location"] == doel
        client.logout()


def test_anoniem_moet_inloggen(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize(
    ("url", "rol"),
    [
        ("/dashboard/", "aanbieder"),
        ("/contracten/", "specialist"),
        ("/clienten/", "inkoper"),
        ("/portaal/", "specialist"),
    ],
)
def test_pagina_van_een_andere_rol_is_403(
    client, inkoper, specialist, aanbieder_gebruiker, url, rol
):
    user = {"inkoper": inkoper, "specialist": specialist, "aanbieder": aanbieder_gebruiker}[rol]
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_inloggen_wordt_afgeremd_na_te_veel_pogingen(client, inkoper):
    for _ in range(4):
        response = client.post("/inloggen/", {"username": "t-inkoper", "password": "fout"})
        assert "Te veel mislukte pogingen" not in response.content.decode()
    client.post("/inloggen/", {"username": "t-inkoper", "password": "fout"})  # the fifth
    response = client.post(
        "/inloggen/", {"username": "t-inkoper", "password": "geheim-wachtwoord-1"}
    )
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_inloggen_met_juist_wachtwoord(client, inkoper):
    response = client.post(
        "/inloggen/", {"username": "t-inkoper", "password": "geheim-wachtwoord-1"}
    )
    assert response.status_code == 302


def test_contract_aanmaken_met_fouten_en_dan_goed(client, inkoper):
    aanbieder = AanbiederFactory()
    client.force_login(inkoper)
    data = {
        "aanbieder": aanbieder.pk,
        "kenmerk": "WEB-1",
        "inkoopvorm": "subsidie",
        "startdatum": "2026-06-01",
        "einddatum": "2026-05-01",
        "plafond": "1000",
        "status": "gegund",
    }
    response = client.post("/contracten/nieuw/", data)
    assert response.status_code == 200
    assert "De einddatum ligt voor de startdatum." in response.content.decode()
    assert not Contract.objects.exists()
    response = client.post("/contracten/nieuw/", data | {"einddatum": "31-12-2026"})
    contract = Contract.objects.get()
    assert response["Location"] == f"/contracten/{contract.uuid}/"
    assert "€\xa01.000,00" in client.get(response["Location"]).content.decode()


def test_regel_kan_alleen_trajecten_van_de_eigen_aanbieder_kiezen(client, inkoper):
    contract = ContractFactory()
    eigen = TrajectFactory(aanbieder=contract.aanbieder)
    vreemd = TrajectFactory()
    client.force_login(inkoper)
    url = f"/contracten/{contract.uuid}/regels/nieuw/"
    html = client.get(url).content.decode()
    assert eigen.naam in html and vreemd.naam not in html
    response = client.post(
        url,
        {
            "traject": vreemd.pk,
            "leerroute": "b1",
            "tarief": "10",
            "eenheid": "traject",
            "capaciteitsvorm": "instroom",
            "capaciteit": 5,
            "prestatiedeel": 0,
        },
    )
    assert response.status_code == 200 and not Contractregel.objects.exists()
    client.post(
        url,
        {
            "traject": eigen.pk,
            "leerroute": "b1",
            "tarief": "1.250,50",
            "eenheid": "traject",
            "capaciteitsvorm": "instroom",
            "capaciteit": 5,
            "prestatiedeel": 0,
        },
    )
    assert Contractregel.objects.get().tarief == Decimal("1250.50")


def test_onbekend_contract_is_404(client, inkoper):
    client.force_login(inkoper)
    assert client.get("/contracten/00000000-0000-0000-0000-000000000000/").status_code == 404


@pytest.fixture
def plaatsen():
    ruim = ContractregelFactory(capaciteit=5)
    vol = ContractregelFactory(capaciteit=1)
    InschrijvingFactory(contractregel=vol)
    return ruim, vol


def test_specialist_schrijft_in_en_wordt_geweigerd_bij_vol(client, specialist, plaatsen):
    ruim, vol = plaatsen
    klant = ClientFactory()
    client.force_login(specialist)
    url = f"/clienten/{klant.uuid}/inschrijven/"
    start = (vandaag() + dt.timedelta(days=3)).isoformat()
    response = client.post(url, {"contractregel": vol.pk, "startdatum": start})
    assert response.status_code == 409
    assert "is vol" in response.content.decode()
    response = client.post(url, {"contractregel": ruim.pk, "startdatum": start})
    assert response.status_code == 302
    assert Inschrijving.objects.filter(client=klant, contractregel=ruim).exists()


def test_specialist_kan_alleen_trajecten_van_de_route_van_de_client_kiezen(
    client, specialist, plaatsen
):
    ruim, _ = plaatsen  # both B1-route
    routevrij = ContractregelFactory(leerroute=None)
    klant = ClientFactory(leerroute_id="z")
    client.force_login(specialist)
    response = client.get(f"/clienten/{klant.uuid}/inschrijven/")
    keuzes = [label for _, label in response.context["form"].fields["contractregel"].choices]
    assert not any(ruim.traject.naam in label for label in keuzes)
    assert any(routevrij.traject.naam in label for label in keuzes)
    # The other route's place is listed with its reason, not offered.
    html = response.content.decode()
    assert "andere leerroute" in html and "De client volgt de Z-route" in html


def test_uitstroom_vastleggen(client, specialist):
    klant = ClientFactory()
    client.force_login(specialist)
    url = f"/clienten/{klant.uuid}/uitstroom/"
    response = client.post(url, {"datum": "2026-05-01", "reden": "overig"})
    assert response.status_code == 400
    assert "Kies bij" in response.content.decode()
    recent = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    response = client.post(
        url, {"datum": recent, "reden": "deeltijd_baan", "dienstverband": "parttime"}
    )
    assert response.status_code == 302
    klant.refresh_from_db()
    assert (klant.status, klant.uitstroom_reden) == ("nazorg", "deeltijd_baan")


def test_clientpagina_toont_de_tijdlijn(client, specialist):
    ins = InschrijvingFactory(client=ClientFactory(datum_brede_intake=dt.date(2026, 1, 20)))
    client.force_login(specialist)
    html = client.get(f"/clienten/{ins.client.uuid}/").content.decode()
    assert "20-01-2026" in html and "Brede intake" in html
    assert f"Gestart: {ins.contractregel.traject.naam}" in html


@pytest.fixture
def eigen_inschrijving(eigen_aanbieder):
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=eigen_aanbieder),
        traject=TrajectFactory(aanbieder=eigen_aanbieder, code="EIGEN"),
    )
    return InschrijvingFactory(contractregel=regel, client=ClientFactory(clientnummer="K1"))


def upload(client, tekst):
    return client.post(
        "/portaal/upload/", {"bestand": SimpleUploadedFile("v.csv", tekst.encode("utf-8"))}
    )


KOP = "clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd\n"


def test_aanbieder_upload_voorbeeld_en_bevestigen(client, aanbieder_gebruiker, eigen_inschrijving):
    client.force_login(aanbieder_gebruiker)
    response = upload(client, KOP + "K1;EIGEN;31-03-2026;10;12\n")
    assert response.status_code == 400
    assert "Er zijn meer uren gevolgd dan aangeboden." in response.content.decode()
    assert client.post("/portaal/upload/bevestigen/").status_code == 302
    assert not Voortgangsrapportage.objects.exists()  # nothing was waiting

    response = upload(client, KOP + "K1;EIGEN;31-03-2026;10;8\n")
    assert "1 nieuw" in response.content.decode()
    assert not Voortgangsrapportage.objects.exists()  # only a preview so far
    response = client.post("/portaal/upload/bevestigen/")
    assert response["Location"] == "/portaal/geschiedenis/"
    assert Voortgangsrapportage.objects.get().uren_gevolgd == Decimal("8")
    assert "v.csv" in client.get("/portaal/geschiedenis/").content.decode()

    # A changed row shows what changes (issue 28: "1 gewijzigd" and not what).
    html = upload(client, KOP + "K1;EIGEN;31-03-2026;10;9\n").content.decode()
    assert "1\n          gewijzigd" in html or "1 gewijzigd" in html.replace("\n", " ")
    assert "8,00 → 9,00" in html and "10,00 →" not in html


def test_sjabloon_bevat_de_eigen_lopende_inschrijvingen(
    client, aanbieder_gebruiker, eigen_inschrijving
):
    import io

    import openpyxl

    InschrijvingFactory(client=ClientFactory(clientnummer="VREEMD"))
    client.force_login(aanbieder_gebruiker)
    response = client.get("/portaal/sjabloon.xlsx")
    boek = openpyxl.load_workbook(io.BytesIO(response.content))
    blad = boek.active
    rijen = list(blad.values)
    assert rijen[0][:5] == ("Clientnummer", "Naam", "Traject", "Trajectcode", "Peildatum")
    assert rijen[0][-1] == "Inschrijving (id, niet wijzigen)"
    assert [r[0] for r in rijen[1:]] == ["K1"]
    assert rijen[1][-1] == str(eigen_inschrijving.uuid)
    # The peildatum is the last day of the previous month, as a date cell.
    eerste = vandaag().replace(day=1)
    assert rijen[1][4].date() == eerste - dt.timedelta(days=1)
    assert blad["E2"].number_format == "DD-MM-YYYY"
    lijsten = {str(v.sqref).split(":")[0]: v.formula1 for v in blad.data_validations.dataValidation}
    assert lijsten == {"J2": '"A0,A1,A2,B1,B2,C1"', "K2": '"1,2,3,4,5,6"'}
    assert "Uitleg" in boek.sheetnames and blad.freeze_panes == "A2"


def test_ingevuld_sjabloon_leest_terug(client, aanbieder_gebruiker, eigen_inschrijving):
    import io

    import openpyxl

    client.force_login(aanbieder_gebruiker)
    boek = openpyxl.load_workbook(
        io.BytesIO(client.get("/portaal/sjabloon.xlsx?peildatum=2026-03-31").content)
    )
    blad = boek.active
    for kolom, waarde in (("F", 40), ("G", 36), ("H", 2), ("I", 0), ("J", "A2"), ("K", 3)):
        blad[f"{kolom}2"] = waarde
    bestand = io.BytesIO()
    boek.save(bestand)
    bestand.seek(0)
    bestand.name = "ingevuld.xlsx"
    response = client.post("/portaal/upload/", {"bestand": bestand})
    assert response.status_code == 200, response.content.decode()
    assert response.context["uitkomst"].nieuw == 1


def test_portaal_toont_alleen_eigen_inschrijvingen(client, aanbieder_gebruiker, eigen_inschrijving):
    InschrijvingFactory(client=ClientFactory(clientnummer="VREEMD"))
    client.force_login(aanbieder_gebruiker)
    html = client.get("/portaal/").content.decode()
    assert "K1" in html and "VREEMD" not in html


def test_lijsten_pagineren_zoeken_en_sorteren(client, specialist):
    for i in range(30):
        ClientFactory(clientnummer=f"P{i:02d}", specialist=specialist)
    client.force_login(specialist)
    html = client.get("/clienten/").content.decode()
    assert "P00" in html and "P29" not in html and "Pagina 1 van 2" in html
    html = client.get("/clienten/?sortering=-clientnummer").content.decode()
    assert "P29" in html and "P00" not in html
    html = client.get("/clienten/?q=P07").content.decode()
    assert "P07" in html and "P08" not in html
    html = client.get("/clienten/?q=onbekend").content.decode()
    assert "Geen clienten gevonden" in html


def test_dashboard_met_peildatum_en_excel_download(client, inkoper):
    ContractregelFactory(capaciteit=3)
    client.force_login(inkoper)
    html = client.get("/dashboard/?peildatum=2026-06-30").content.decode()
    assert "30-06-2026" in html
    assert 'href="/api/v1/rapportages/volumes/?peildatum=2026-06-30&format=xlsx"' in html
    download = client.get("/api/v1/rapportages/volumes/?peildatum=2026-06-30&format=xlsx")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")


def test_foute_peildatum_of_filter_geeft_een_melding_geen_fout(client, inkoper):
    client.force_login(inkoper)
    response = client.get("/dashboard/?peildatum=gisteren")
    assert response.status_code == 200
    assert "Voer een geldige datum in." in response.content.decode()
    response = client.get("/aanbod/?leerroute=x-route")
    assert response.status_code == 200
    assert 'class="veldfout"' in response.content.decode()


def test_nieuwe_client_met_termijnen_en_ongeldig_bsn(client, specialist):
    from registratie.models import Client

    client.force_login(specialist)
    data = {
        "clientnummer": "NIEUW-1",
        "bsn": "123456789",
        "status": "in_beeld",
        "datum_inschrijving_gemeente": "2026-01-05",
        "leerroute": "z",
    }
    response = client.post("/clienten/nieuw/", data)
    assert response.status_code == 200
    assert "elfproef" in response.content.decode()
    assert not Client.objects.exists()
    response = client.post("/clienten/nieuw/", data | {"bsn": "111222333"})
    nieuw = Client.objects.get()
    assert response["Location"] == f"/clienten/{nieuw.uuid}/"
    assert (nieuw.pip_deadline, nieuw.specialist) == (dt.date(2026, 3, 16), None)
    html = client.get(f"/clienten/{nieuw.uuid}/").content.decode()
    assert "16-03-2026" in html


def test_inschrijving_starten_en_beeindigen_vanaf_de_clientpagina(client, specialist):
    ins = InschrijvingFactory(status="aangemeld", startdatum=dt.date(2026, 3, 1))
    client.force_login(specialist)
    client.post(f"/inschrijvingen/{ins.uuid}/start/", {"startdatum": "2026-03-02"})
    ins.refresh_from_db()
    assert (ins.status, ins.startdatum) == ("gestart", dt.date(2026, 3, 2))
    response = client.post(
        f"/inschrijvingen/{ins.uuid}/beeindig/",
        {"einddatum": "2026-02-01", "reden_einde": "volgens_plan"},
        follow=True,
    )
    assert "De einddatum ligt voor de startdatum." in response.content.decode()
    client.post(
        f"/inschrijvingen/{ins.uuid}/beeindig/",
        {"einddatum": "2026-05-01", "reden_einde": "volgens_plan"},
    )
    ins.refresh_from_db()
    assert (ins.status, ins.einddatum) == ("afgerond", dt.date(2026, 5, 1))


def test_inschrijving_buiten_bereik_is_404(client, aanbieder_gebruiker, specialist):
    ins = InschrijvingFactory()
    client.force_login(specialist)
    assert client.post(f"/inschrijvingen/{ins.uuid}/onzin/", {}).status_code == 404
    client.force_login(aanbieder_gebruiker)
    assert client.post(f"/inschrijvingen/{ins.uuid}/start/", {}).status_code == 403
