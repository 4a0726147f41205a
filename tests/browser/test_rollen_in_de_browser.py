"""Each role's main path, end to end, in a real browser."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils.timezone import localdate
from playwright.sync_api import expect

from inkoop.models import Contract
from registratie.models import Voortgangsrapportage
from tests.browser.conftest import BROWSERTEST, inloggen, schermafdruk
from tests.factories import (
    AanbiederFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
    UserFactory,
    koppel_aanbieder,
)

pytestmark = BROWSERTEST


def test_inkoper_maakt_een_contract_en_ziet_het_op_het_dashboard(pagina):
    UserFactory(username="ink", rol="inkoper", is_staff=True)
    aanbieder = AanbiederFactory(naam="Taalhuis Zuid")
    TrajectFactory(aanbieder=aanbieder, naam="Taal op B1", routes=["b1"])
    vandaag = localdate()

    inloggen(pagina, "ink")
    expect(pagina.get_by_role("heading", name="Dashboard")).to_be_visible()
    pagina.get_by_role("link", name="Contracten", exact=True).click()
    pagina.get_by_role("link", name="Nieuw contract").click()
    pagina.get_by_label("Aanbieder").select_option(label="Taalhuis Zuid")
    pagina.get_by_label("Kenmerk").fill("INB-E2E-1")
    pagina.get_by_label("Inkoopvorm").select_option("aanbesteding")
    pagina.get_by_label("Startdatum").fill((vandaag - dt.timedelta(days=30)).isoformat())
    pagina.get_by_label("Einddatum").fill((vandaag - dt.timedelta(days=60)).isoformat())
    pagina.get_by_label("Plafond (EUR)").fill("50.000,00")
    pagina.get_by_label("Status").select_option("gegund")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("alert")).to_contain_text("De einddatum ligt voor de startdatum.")

    pagina.get_by_label("Einddatum").fill((vandaag + dt.timedelta(days=300)).isoformat())
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("heading", name="Contract INB-E2E-1")).to_be_visible()
    pagina.get_by_role("link", name="Regel toevoegen").click()
    pagina.get_by_label("Traject").select_option(label="Taal op B1 (Taalhuis Zuid)")
    pagina.get_by_label("Leerroute").select_option(label="B1-route")
    pagina.get_by_label("Tarief (EUR)").fill("2.500,00")
    pagina.get_by_role("textbox", name="Capaciteit").fill("20")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_text("20 plaatsen à € 2.500,00 opgeslagen")).to_be_visible()

    pagina.get_by_role("link", name="Dashboard").click()
    pagina.locator("ul.kerncijfers").get_by_role("link", name="Bezetting").click()
    tabel = pagina.locator("table#rapport")
    expect(tabel.get_by_role("cell", name="INB-E2E-1").first).to_be_visible()
    expect(tabel.get_by_role("cell", name="Taalhuis Zuid").first).to_be_visible()
    assert Contract.objects.get(kenmerk="INB-E2E-1").plafond == Decimal("50000.00")


def test_aanbieder_uploadt_met_een_foute_rij_verbetert_en_bevestigt(pagina, tmp_path):
    aanbieder = AanbiederFactory(naam="Refugee Team")
    koppel_aanbieder(UserFactory(username="rt", rol="aanbieder"), aanbieder)
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=aanbieder),
        traject=TrajectFactory(aanbieder=aanbieder, code="RT-1"),
    )
    for nummer in ("K1", "K2"):
        InschrijvingFactory(contractregel=regel, client=ClientFactory(clientnummer=nummer))
    kop = "clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd;participatieladder"
    fout = tmp_path / "voortgang.csv"
    fout.write_text(
        f"{kop}\nK1;RT-1;31-03-2026;40;36;3\nK2;RT-1;31-03-2026;40;36;9\n", encoding="utf-8"
    )

    inloggen(pagina, "rt")
    expect(pagina.get_by_role("heading", name="Inschrijvingen")).to_be_visible()
    pagina.get_by_role("link", name="Rapportages uploaden").first.click()
    pagina.get_by_label("Bestand").set_input_files(str(fout))
    pagina.get_by_role("button", name="Controleren").click()
    expect(pagina.get_by_role("alert")).to_contain_text("1 fout")
    fouten = pagina.locator("table#fouten")
    expect(fouten).to_contain_text("Participatieladder")
    expect(fouten).to_contain_text("De trede is een geheel getal van 1 tot 6.")
    expect(pagina.get_by_role("button", name="Bevestigen en opslaan")).to_have_count(0)

    fout.write_text(
        f"{kop}\nK1;RT-1;31-03-2026;40;36;3\nK2;RT-1;31-03-2026;40;36;4\n", encoding="utf-8"
    )
    pagina.get_by_label("Bestand").set_input_files(str(fout))
    pagina.get_by_role("button", name="Controleren").click()
    expect(pagina.get_by_role("status").last).to_contain_text("2 nieuw")
    assert not Voortgangsrapportage.objects.exists()
    schermafdruk(pagina, "upload-voorbeeld")
    pagina.get_by_role("button", name="Bevestigen en opslaan").click()
    expect(pagina.get_by_text("voortgang.csv is verwerkt: 2 nieuw")).to_be_visible()
    assert Voortgangsrapportage.objects.count() == 2


def te_breed(pagina) -> list:
    """The scrolling table regions whose table is wider than the region."""
    return pagina.evaluate(
        """() => Array.from(document.querySelectorAll('.tabel-houder'))
            .filter(h => h.scrollWidth > h.clientWidth + 2)
            .map(h => [h.clientWidth, h.scrollWidth])"""
    )


@pytest.mark.db_agnostic
def test_schermafdrukken_dashboard_en_clientpagina(pagina):
    call_command("loaddemo", verbosity=0, force=True)
    inloggen(pagina, "inkoper", "demo-2026")
    expect(
        pagina.get_by_role("heading", name="Vraag en beschikbare plaatsen per leerroute")
    ).to_be_visible()
    signalen = pagina.locator("ul.signalen")
    expect(signalen.locator("li", has_text="Z-route:").first).to_contain_text("op de wachtlijst")
    expect(signalen.locator("li", has_text="B1-route: tekort van")).to_be_visible()
    schermafdruk(pagina, "dashboard")
    # At 1280 px the columns a person acts on fit without scrolling the table (issue 28).
    for naam in ("volumes", "contracten", "resultaten", "inkoopbehoefte", "caseload", "budget"):
        pagina.goto(f"/rapportages/{naam}/")
        assert not te_breed(pagina), (naam, te_breed(pagina))
        if naam in ("budget", "inkoopbehoefte", "caseload"):
            schermafdruk(pagina, f"rapport-{naam}")
    pagina.goto("/declaraties/")
    assert not te_breed(pagina)
    pagina.get_by_role("button", name="Uitloggen (inkoper)").click()

    inloggen(pagina, "specialist", "demo-2026")
    schermafdruk(pagina, "caseload")
    pagina.locator("tbody a").first.click()
    expect(pagina.get_by_role("heading", name="Tijdlijn")).to_be_visible()
    schermafdruk(pagina, "client")


def test_alleen_met_het_toetsenbord(pagina):
    UserFactory(username="toets", rol="specialist")
    pagina.goto("/inloggen/")
    pagina.keyboard.press("Tab")
    expect(pagina.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    pagina.get_by_label("Gebruikersnaam").focus()
    pagina.keyboard.type("toets")
    pagina.keyboard.press("Tab")
    expect(pagina.get_by_label("Wachtwoord")).to_be_focused()
    pagina.keyboard.type("geheim-wachtwoord-1")
    pagina.keyboard.press("Enter")
    expect(pagina.get_by_role("heading", name="Mijn caseload")).to_be_visible()
