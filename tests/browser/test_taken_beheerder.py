"""Every task docs/taken.md lists for a beheerder, done in the browser as a person would."""

from decimal import Decimal

from playwright.sync_api import expect

from inkoop.models import Contract
from registratie.models import Formatie
from tests.browser.conftest import BROWSERTEST, inloggen
from tests.browser.wereld import maak_wereld

pytestmark = BROWSERTEST

MENU = {
    "Dashboard": "Dashboard",
    "Aanbod": "Aanbod: trajecten",
    "Contracten": "Contracten",
    "Clienten": "Mijn caseload",
    "Rapportages": "Rapportages",
}


def test_beheerder_opent_elk_menu(pagina):
    maak_wereld()
    inloggen(pagina, "beh")
    for link, kop in MENU.items():
        pagina.get_by_role("navigation").get_by_role("link", name=link, exact=True).click()
        expect(pagina.get_by_role("heading", level=1)).to_have_text(kop)
    pagina.get_by_role("navigation").get_by_role("link", name="Beheer").click()
    expect(pagina.locator("#site-name, h1").first).to_be_visible()


def test_beheerder_importeert_contracten_met_proefimport_in_het_beheer(pagina, tmp_path):
    maak_wereld()
    inloggen(pagina, "beh")
    bestand = tmp_path / "contracten.csv"
    bestand.write_text(
        "kenmerk;aanbieder;inkoopvorm;startdatum;einddatum;plafond;status\n"
        "INB-2027-1;Refugee Team;aanbesteding;01-01-2027;31-12-2027;1.000,00;gegund\n"
        "INB-2027-2;Onbekend BV;aanbesteding;01-01-2027;31-12-2027;1.000,00;gegund\n",
        encoding="utf-8",
    )
    pagina.goto("/admin/inkoop/contract/import/")
    pagina.locator("input[name=import_file]").set_input_files(str(bestand))
    pagina.locator("select[name=format]").select_option(label="csv")
    pagina.locator("input[type=submit]").click()
    expect(pagina.locator("main, #content").first).to_contain_text("Onbekend BV")
    expect(pagina.locator("input[name=confirm]")).to_have_count(0)
    assert not Contract.objects.filter(kenmerk__startswith="INB-2027").exists()

    bestand.write_text(
        bestand.read_text().splitlines()[0] + "\n" + bestand.read_text().splitlines()[1] + "\n"
    )
    pagina.goto("/admin/inkoop/contract/import/")
    pagina.locator("input[name=import_file]").set_input_files(str(bestand))
    pagina.locator("select[name=format]").select_option(label="csv")
    pagina.locator("input[type=submit]").click()
    pagina.locator("input[name=confirm]").click()
    expect(pagina.locator("#content")).to_contain_text("INB-2027-1")
    assert Contract.objects.get(kenmerk="INB-2027-1").aanbieder.naam == "Refugee Team"


def test_beheerder_legt_de_formatie_van_een_specialist_vast(pagina):
    maak_wereld()
    inloggen(pagina, "beh")
    pagina.goto("/admin/registratie/formatie/add/")
    pagina.get_by_label("Specialist").select_option(label="spec")
    pagina.get_by_label("Van").fill("01-01-2026")
    pagina.get_by_label("Fte").fill("2")
    pagina.locator("input[name=_save]").click()
    expect(pagina.locator("#content")).to_contain_text("Een fte is hoogstens 1,5.")
    assert not Formatie.objects.exists()

    pagina.get_by_label("Fte").fill("0.8")
    pagina.locator("input[name=_save]").click()
    expect(pagina.locator(".messagelist")).to_contain_text("toegevoegd")
    formatie = Formatie.objects.get()
    assert (formatie.specialist.username, formatie.fte) == ("spec", Decimal("0.80"))


def test_beheerder_leest_een_referentielijst_in_en_ziet_wie_niet_in_beeld_is(pagina, tmp_path):
    w = maak_wereld()
    inloggen(pagina, "beh")
    lijst = tmp_path / "duo.csv"
    lijst.write_text("BSN;clientnummer\n111222333;\n;EHV-0042\n123456789;\n", encoding="utf-8")
    pagina.get_by_role("navigation").get_by_role("link", name="Rapportages").click()
    pagina.get_by_role("link", name="referentielijst van DUO of de BRP").click()
    pagina.get_by_label("Bestand").set_input_files(str(lijst))
    pagina.get_by_label("Peildatum").fill(w.klant.datum_inschrijving_gemeente.isoformat())
    pagina.get_by_label("Bron").select_option("duo")
    pagina.get_by_role("button", name="Lijst inlezen").click()
    expect(pagina.get_by_role("alert")).to_contain_text("Rij 4, kolom bsn: '123456789' is geen")
    lijst.write_text("BSN;clientnummer\n111222333;\n;EHV-0042\n", encoding="utf-8")
    pagina.get_by_label("Bestand").set_input_files(str(lijst))
    pagina.get_by_role("button", name="Lijst inlezen").click()
    expect(pagina.get_by_text("2 personen, 1 in het register, 1 niet in beeld")).to_be_visible()
    tabel = pagina.get_by_role("region", name="Niet in beeld")
    expect(tabel.locator("tbody tr")).to_have_count(1)
    expect(tabel).to_contain_text("111222333")


def test_beheerder_ziet_wie_een_dossier_las_en_downloadt_de_inzage(pagina):
    w = maak_wereld()
    inloggen(pagina, "spec")
    pagina.goto(f"/clienten/{w.klant.uuid}/inburgering/")
    pagina.get_by_role("button", name="Uitloggen").click()

    inloggen(pagina, "beh")
    pagina.goto(f"/clienten/{w.klant.uuid}/")
    pagina.get_by_role("link", name="Logboek en inzage (AVG)").click()
    pagina.get_by_label("Actie").select_option("gelezen")
    pagina.get_by_role("button", name="Toon").click()
    logboek = pagina.get_by_role("region", name="Logboek")
    expect(logboek).to_contain_text(f"Inburgering {w.klant.clientnummer}")
    expect(logboek).to_contain_text("spec")
    with pagina.expect_download() as download:
        pagina.get_by_role("link", name="Inzage downloaden (AVG)").click()
    assert download.value.suggested_filename.startswith(f"inzage-{w.klant.clientnummer}-")
    pagina.get_by_label("Actie").select_option("geexporteerd")
    pagina.get_by_role("button", name="Toon").click()
    expect(logboek).to_contain_text(f"Inzage {w.klant.clientnummer} gedownload")


def test_beheerder_kiest_kolommen_voor_de_export(pagina_met_csp):
    """Issue 28: 'select all' on the admin's export page did nothing (the CSP blocks the
    library's inline handler)."""
    maak_wereld()
    inloggen(pagina_met_csp, "beh")
    pagina_met_csp.goto("/admin/inkoop/contract/export/")
    kolommen = pagina_met_csp.locator("input[type=checkbox][name^=contractresource_]")
    expect(kolommen.first).to_be_checked()
    pagina_met_csp.locator("input.select-toggle").uncheck()
    for i in range(kolommen.count()):
        expect(kolommen.nth(i)).not_to_be_checked()
    pagina_met_csp.locator("input.select-toggle").check()
    expect(kolommen.first).to_be_checked()
