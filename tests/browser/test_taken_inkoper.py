"""Every task docs/taken.md lists for an inkoper, done in the browser as a person would."""

from decimal import Decimal

import openpyxl
import pytest
from django.utils.timezone import localdate as vandaag
from playwright.sync_api import expect

from inkoop.models import Contract, Instroomprognose
from tests.browser.conftest import BROWSERTEST, inloggen, schermafdruk
from tests.browser.wereld import ingelogd_in_wereld

pytestmark = BROWSERTEST


@pytest.fixture
def w(pagina):
    return ingelogd_in_wereld(pagina, "ink")


def test_inkoper_bekijkt_het_dashboard_op_een_peildatum_en_downloadt_excel(pagina, w, download):
    expect(pagina.get_by_role("heading", name="Dashboard")).to_be_visible()
    pagina.get_by_role("textbox", name="Peildatum").fill("2026-06-30")
    pagina.get_by_role("button", name="Toon").click()
    expect(pagina.get_by_text("Alle cijfers op 30-06-2026")).to_be_visible()
    pad = download(lambda: pagina.locator("a[download]", has_text="populatie").click())
    boek = openpyxl.load_workbook(pad)
    assert list(boek.active.values)[0][:3] == ("Status", "Aantal", "%")
    assert "Peildatum: 30-06-2026" in boek.properties.subject
    # A key figure leads to its report, on the same peildatum.
    pagina.locator("ul.kerncijfers").get_by_role("link", name="Bezetting").click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("bezetting, verplichting")
    expect(pagina.locator("table#rapport")).to_contain_text("INB-RT-1")
    expect(pagina.get_by_role("textbox", name="Peildatum")).to_have_value("2026-06-30")


def test_inkoper_ziet_signalen_en_handelt_ze_af(pagina, w):
    """Issue 28: the dashboard says what to act on, with the page to act on it."""
    import datetime as dt

    from registratie.services import wachtlijst_plaats
    from tests.factories import ClientFactory, ContractFactory

    ContractFactory(
        kenmerk="INB-EINDE",
        aanbieder=w.contract.aanbieder,
        startdatum=vandaag() - dt.timedelta(days=300),
        einddatum=vandaag() + dt.timedelta(days=20),
    )
    wachtlijst_plaats(client=ClientFactory(), traject=w.plafond.traject, door=None)
    pagina.reload()
    signalen = pagina.locator("ul.signalen")
    expect(signalen).to_contain_text("Contract INB-EINDE eindigt over 20 dagen")
    # INB-KRAP: a free place its plafond cannot pay for while a client waits for it.
    expect(signalen).to_contain_text("geblokkeerd door het plafond")
    signalen.locator("li", has_text="INB-EINDE").get_by_role("link").click()
    expect(pagina.get_by_role("heading", name="Contract INB-EINDE")).to_be_visible()


def test_inkoper_zoekt_in_het_aanbod_en_opent_een_aanbieder(pagina, w, download):
    pagina.get_by_role("link", name="Aanbod", exact=True).click()
    pagina.get_by_role("textbox", name="Zoeken").fill("werk")
    pagina.get_by_label("Leerroute").select_option(label="B1-route")
    pagina.get_by_role("button", name="Zoeken").click()
    tabel = pagina.locator("table")
    expect(tabel).to_contain_text("Werkfit via evenementen")
    expect(tabel).not_to_contain_text("Alfabetisering")
    pad = download(lambda: pagina.get_by_role("link", name="Excel").click())
    rijen = list(openpyxl.load_workbook(pad)["Trajecten"].values)
    assert rijen[0][:3] == ("Code", "Traject", "Aanbieder")
    assert {r[1] for r in rijen[1:]} == {"Werkfit via evenementen", "Werkclub intensief"}
    tabel.get_by_role("link", name="Refugee Team").first.click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Refugee Team")
    expect(pagina.locator("main")).to_contain_text("INB-RT-1")


def test_inkoper_filtert_contracten_en_downloadt_contracten_en_regels(pagina, w, download):
    pagina.get_by_role("link", name="Contracten", exact=True).click()
    pagina.get_by_label("Aanbieder").select_option(label="Refugee Team")
    pagina.get_by_label("Loopt op datum").fill(vandaag().isoformat())
    pagina.get_by_role("button", name="Zoeken").click()
    tabel = pagina.locator("table")
    expect(tabel).to_contain_text("INB-RT-1")
    expect(tabel).not_to_contain_text("INB-VOL")
    pad = download(lambda: pagina.get_by_role("link", name="Excel").click())
    boek = openpyxl.load_workbook(pad)
    contracten, regels = list(boek["Contracten"].values), list(boek["Regels"].values)
    assert [r[0] for r in contracten[1:]] == ["INB-RT-1"]
    assert regels[0][:3] == ("Contract", "Aanbieder", "Traject")
    assert sorted(r[2] for r in regels[1:]) == ["Sportmaatje", "Werkfit via evenementen"]


def test_inkoper_bewerkt_een_contract_en_een_regel(pagina, w):
    pagina.goto(f"/contracten/{w.contract.uuid}/")
    pagina.get_by_role("link", name="Bewerken", exact=True).click()
    pagina.get_by_label("Plafond (EUR)").fill("-5")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("alert")).to_be_visible()
    assert pagina.title().startswith("Fout:")
    pagina.get_by_label("Plafond (EUR)").fill("75.000,00")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_text("Contract INB-RT-1 is bijgewerkt.")).to_be_visible()
    assert Contract.objects.get(pk=w.contract.pk).plafond == Decimal("75000.00")

    pagina.get_by_role("link", name="Bewerken Werkfit via evenementen").click()
    pagina.get_by_role("textbox", name="Capaciteit").fill("12")
    pagina.get_by_label("Tarief (EUR)").fill("2.600,00")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_text("Werkfit via evenementen: 12 plaatsen à € 2.600,00")).to_be_visible()
    w.regel.refresh_from_db()
    assert (w.regel.capaciteit, w.regel.tarief) == (12, Decimal("2600.00"))


def test_inkoper_bekijkt_een_rapportage_als_pagina_en_als_excel(pagina, w, download):
    alle = pagina.get_by_role("region", name="Alle rapportages")
    alle.get_by_role("link", name="Bezetting, verplichting, plafond en uren per contract").click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("bezetting")
    pagina.get_by_role("textbox", name="Peildatum").fill(vandaag().isoformat())
    pagina.get_by_role("button", name="Toon").click()
    expect(pagina.locator("table#rapport")).to_contain_text("INB-RT-1")
    pad = download(lambda: pagina.get_by_role("link", name="Excel").click())
    boek = openpyxl.load_workbook(pad)
    # Contract totals and their regels on separate sheets, so a SUM never counts twice.
    assert boek.sheetnames[:2] == ["Contracten", "Regels"]


def test_inkoper_kiest_de_capaciteitsvorm_van_een_regel(pagina, w):
    pagina.goto(f"/contracten/{w.contract.uuid}/")
    pagina.get_by_role("link", name="Bewerken Werkfit via evenementen").click()
    pagina.get_by_label("Capaciteitsvorm").select_option("instroom")
    pagina.get_by_role("textbox", name="Capaciteit").fill("0")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("alert")).to_contain_text("Er zijn al 1 inschrijvingen op deze regel")
    w.regel.refresh_from_db()
    assert (w.regel.capaciteitsvorm, w.regel.capaciteit) == ("gelijktijdig", 10)

    pagina.get_by_role("textbox", name="Capaciteit").fill("5")
    pagina.get_by_role("button", name="Opslaan").click()
    rij = pagina.locator("table#regels tr", has_text="Werkfit via evenementen")
    expect(rij).to_contain_text("een start in de looptijd")
    w.regel.refresh_from_db()
    assert (w.regel.capaciteitsvorm, w.regel.capaciteit) == ("instroom", 5)


def test_inkoper_legt_een_instroomprognose_vast_in_het_beheer(pagina, w):
    pagina.goto("/admin/inkoop/instroomprognose/add/")
    pagina.get_by_label("Jaar:", exact=True).fill("2020")
    pagina.get_by_label("Halfjaar").select_option("2")
    pagina.get_by_label("Aantal").fill("40")
    pagina.locator("input[name=_save]").click()
    expect(pagina.locator(".messagelist")).to_contain_text("al voorbij")
    assert Instroomprognose.objects.get(jaar=2020, halfjaar=2).aantal == 40

    pagina.goto("/admin/inkoop/instroomprognose/add/")
    pagina.get_by_label("Jaar:", exact=True).fill("2020")
    pagina.get_by_label("Halfjaar").select_option("2")
    pagina.get_by_label("Aantal").fill("41")
    pagina.locator("input[name=_save]").click()
    expect(pagina.locator(".errornote, .errorlist").first).to_be_visible()
    expect(pagina.locator("#content")).to_contain_text("al een prognose voor dit halfjaar")
    assert Instroomprognose.objects.count() == 1


def test_inkoper_keurt_declaraties_goed_en_maakt_een_betaalbatch(pagina, w, download, tmp_path):
    """From invoice to payment: the provider sends an e-invoice with one wrong line and sees
    why, sends it right; the inkoper approves and prepares the batch, a second person
    releases it, and the export carries the order number and the ledger codes."""
    from financien.models import Financieringsbron
    from financien.standaard import standaardbronnen
    from inkoop.services import bronnen_vastleggen
    from tests.factories.efactuur import ubl_factuur

    # What finance books on: the order number, and the line paid 60/40 from two streams.
    standaardbronnen(Financieringsbron)
    Financieringsbron.objects.filter(code="spuk-wi2021").update(
        grootboekrekening="4711", kostenplaats="6200"
    )
    bronnen = standaardbronnen(Financieringsbron)
    w.contract.ordernummer = "PO-2026-0042"
    w.contract.save()
    w.contract.aanbieder.kvk_nummer = "12345678"
    w.contract.aanbieder.save()
    bronnen_vastleggen(
        regel=w.lopend.contractregel,
        aandelen={bronnen["spuk-wi2021"]: 60, bronnen["participatiebudget"]: 40},
        door=None,
    )
    goed = (w.lopend.uuid, f"{w.lopend.startdatum:%Y-%m}", "1", "2500.00")
    fout = (w.aangemeld.uuid, f"{w.aangemeld.startdatum:%Y-%m}", "1", "999.00")
    bestand = tmp_path / "factuur.xml"

    pagina.context.clear_cookies()
    inloggen(pagina, "aanb")
    pagina.get_by_role("navigation").get_by_role("link", name="Declaraties").click()
    bestand.write_bytes(ubl_factuur(regels=[goed, fout]))
    pagina.get_by_label("Factuur (XML)").set_input_files(bestand)
    pagina.get_by_role("button", name="Factuur insturen").click()
    melding = pagina.get_by_role("alert")
    expect(melding).to_contain_text("Factuur factuur.xml is geweigerd")
    expect(melding).to_contain_text("Regel 2: T01")
    schermafdruk(pagina, "aanbieder-efactuur-geweigerd")
    bestand.write_bytes(ubl_factuur(regels=[goed]))
    pagina.get_by_label("Factuur (XML)").set_input_files(bestand)
    pagina.get_by_role("button", name="Factuur insturen").click()
    expect(pagina.get_by_text("Factuur F-2026-001 is ontvangen: 1 regel(s)")).to_be_visible()

    pagina.context.clear_cookies()
    inloggen(pagina, "ink")
    pagina.get_by_role("navigation").get_by_role("link", name="Declaraties").click()
    overzicht = pagina.locator("table#overzicht")
    expect(overzicht.locator("tr", has_text="INB-RT-1")).to_contain_text("€\xa02.500,00 (1)")
    overzicht.get_by_role("button", name="Goedkeuren INB-RT-1 (1)").click()
    expect(pagina.get_by_text("1 regel(s) goedgekeurd.")).to_be_visible()

    pagina.get_by_label("Omschrijving van de betaalbatch").fill("Declaraties oktober")
    pagina.get_by_role("button", name="Betaalbatch voorbereiden (1 goedgekeurde regel)").click()
    expect(pagina.get_by_text("is voorbereid")).to_be_visible()
    batches = pagina.locator("section[aria-labelledby=kop-batches]")
    expect(batches).to_contain_text("wacht op vrijgave")
    expect(batches.get_by_role("button", name="Vrijgeven BB-")).to_have_count(0)  # four eyes
    schermafdruk(pagina, "inkoper-declaraties")

    # The second pair of eyes releases it; then it is paid and finance may take it.
    pagina.context.clear_cookies()
    inloggen(pagina, "beh")
    pagina.goto("/declaraties/")
    pagina.get_by_role("button", name="Vrijgeven BB-").click()
    expect(pagina.get_by_text("is vrijgegeven")).to_be_visible()
    schermafdruk(pagina, "beheerder-betaalbatch-vrijgegeven")
    pad = download(lambda: pagina.get_by_role("link", name="Excel BB-").first.click())
    kop, *rijen = openpyxl.load_workbook(pad)["Regels"].values
    rijen = [dict(zip(kop, r, strict=True)) for r in rijen]
    assert [
        (r["Aanbieder"], r["Ordernummer"], r["Financieringsbron"], r["Grootboekrekening"])
        for r in rijen
    ] == [
        ("Refugee Team", "PO-2026-0042", "SPUK Wi2021 (inburgeringsvoorzieningen)", "4711"),
        ("Refugee Team", "PO-2026-0042", "Participatiebudget", None),
    ]
    assert [r["Uit te betalen"] for r in rijen] == [1500, 1000]  # 2.500 split to the cent
    assert {r["Factuurnummer"] for r in rijen} == {"F-2026-001"}
    expect(pagina.locator("table#regels")).to_contain_text("betaald")


def test_inkoper_wijst_een_declaratieregel_af_met_een_reden(pagina, w):
    from declaraties.importeren import DeclaratieResource
    from declaraties.models import Declaratie
    from kern.bestanden import lees_bestand
    from kern.importeren import importeer

    regels = (
        "inschrijving;periode;eenheden;bedrag\n"
        f"{w.lopend.uuid};{w.lopend.startdatum:%Y-%m};1;2500\n"
    )
    importeer(DeclaratieResource(), lees_bestand(regels.encode()), dry_run=False)
    pagina.get_by_role("navigation").get_by_role("link", name="Declaraties").click()
    rij = pagina.locator("table#regels tr", has_text="EHV-0042")
    rij.get_by_text("Afwijzen").first.click()
    rij.get_by_role("button", name="Afwijzen").click()
    expect(
        pagina.get_by_text("Niet gelukt: Geef een reden; de aanbieder ziet die.")
    ).to_be_visible()
    assert Declaratie.objects.get().status == "ingediend"

    rij = pagina.locator("table#regels tr", has_text="EHV-0042")
    rij.get_by_text("Afwijzen").first.click()
    rij.get_by_label("Reden").fill("Geen presentielijst bijgevoegd")
    rij.get_by_role("button", name="Afwijzen").click()
    expect(pagina.locator("table#regels")).to_contain_text("Geen presentielijst bijgevoegd")
    expect(pagina.locator("table#regels .label.signaal")).to_have_text("M01")
    assert (Declaratie.objects.get().status, Declaratie.objects.get().code) == ("afgewezen", "M01")


def test_inkoper_exporteert_een_lange_lijst_op_de_achtergrond(pagina, w, download, settings):
    """Above EXPORT_DIRECT_MAX the Excel is made by the worker: the task's page shows the
    bar, which moves to done without a reload, and then offers the file."""
    from tests.kern.test_taken import werker

    settings.EXPORT_DIRECT_MAX = 0
    pagina.get_by_role("navigation").get_by_role("link", name="Contracten").click()
    pagina.get_by_role("link", name="Excel").click()
    expect(pagina.get_by_role("heading", name="Contracten als Excel")).to_be_visible()
    expect(pagina.locator("#taak-status")).to_have_text("Wacht op zijn beurt")
    schermafdruk(pagina, "inkoper-taak-wacht")
    werker()  # the worker's turn; the page asks by itself how far it is
    expect(pagina.locator("#taak-status")).to_have_text("Klaar")
    expect(pagina.locator("#taak-voortgang")).to_have_attribute("value", "100")
    expect(pagina.locator("#taak-tekst")).to_contain_text("Klaar in")
    schermafdruk(pagina, "inkoper-taak-klaar")
    pad = download(lambda: pagina.get_by_role("link", name="Download contracten-").click())
    kop, *rijen = openpyxl.load_workbook(pad)["Contracten"].values
    assert kop[0] == "Kenmerk"
    assert sorted(r[0] for r in rijen) == sorted(Contract.objects.values_list("kenmerk", flat=True))
