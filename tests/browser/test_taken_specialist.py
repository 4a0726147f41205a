"""Every task docs/taken.md lists for a specialist, done in the browser as a person would."""

import datetime as dt
import io

import openpyxl
import pytest
from django.utils.timezone import localdate as vandaag
from playwright.sync_api import expect

from rapportages.rapporten import rapporten_voor
from registratie.models import Client, Examen, Inschrijving, Wachtlijstplaats
from tests.browser.conftest import BROWSERTEST, schermafdruk
from tests.browser.wereld import ingelogd_in_wereld
from tests.factories import InschrijvingFactory

pytestmark = BROWSERTEST


@pytest.fixture
def w(pagina):
    return ingelogd_in_wereld(pagina, "spec")


def open_client(pagina, nummer: str):
    pagina.goto("/clienten/?status=alle")
    pagina.get_by_role("link", name=nummer).click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text(nummer)


def test_specialist_ziet_caseload_op_eerstvolgende_termijn_en_downloadt_excel(pagina, w, download):
    expect(pagina.get_by_role("heading", name="Mijn caseload")).to_be_visible()
    tabel = pagina.locator("table")
    expect(tabel).to_contain_text("EHV-0042")
    expect(tabel.get_by_role("columnheader", name="Eerstvolgende termijn")).to_be_visible()
    # Both PIPs are overdue (due 10 weeks after registration); the oldest comes first.
    rijen = tabel.locator("tbody tr")
    for n, client in enumerate(sorted([w.nieuw, w.klant], key=lambda c: c.pip_deadline)):
        expect(rijen.nth(n)).to_contain_text(client.clientnummer)
        expect(rijen.nth(n)).to_contain_text(f"PIP {client.pip_deadline:%d-%m-%Y} verlopen")
    pad = download(lambda: pagina.get_by_role("link", name="Excel").click())
    rijen = list(openpyxl.load_workbook(pad)["Clienten"].values)
    assert rijen[0][:2] == ("Clientnummer", "Naam")
    assert {r[0] for r in rijen[1:]} == {"EHV-0042", "EHV-0043"}


def test_specialist_legt_een_nieuwe_client_vast(pagina, w):
    pagina.get_by_role("link", name="Nieuwe client").click()
    pagina.get_by_label("Clientnummer").fill("EHV-0100")
    pagina.get_by_label("BSN").fill("123456789")
    pagina.get_by_label("Voornaam").fill("Yonas")
    pagina.get_by_label("Datum inschrijving gemeente").fill("2026-09-01")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("alert")).to_contain_text("Dit is geen geldig BSN")
    expect(pagina.locator("#formulierfout")).to_be_focused()
    assert pagina.title().startswith("Fout:")
    assert not Client.objects.filter(clientnummer="EHV-0100").exists()

    pagina.get_by_label("BSN").fill("")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_text("Client EHV-0100 is aangemaakt.")).to_be_visible()
    expect(pagina.locator(".gegevens")).to_contain_text("10-11-2026")  # PIP 10 weeks later
    client = Client.objects.get(clientnummer="EHV-0100")
    assert (client.voornaam, client.specialist.username) == ("Yonas", "spec")


def test_specialist_bewerkt_een_client(pagina, w):
    open_client(pagina, "EHV-0043")
    pagina.get_by_role("link", name="Gegevens bewerken").click()
    pagina.get_by_label("Leerroute").select_option(label="Z-route")
    pagina.get_by_label("Datum PIP").fill("2026-03-15")
    pagina.get_by_label("Uitkomst ABC-plan").select_option(label="onderwijs-scholing")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_text("Client EHV-0043 is bijgewerkt.")).to_be_visible()
    expect(pagina.locator(".gegevens")).to_contain_text("Z-route")
    expect(pagina.locator(".gegevens")).to_contain_text("onderwijs-scholing")
    expect(pagina.locator(".gegevens")).to_contain_text("15-09-2027")  # switch until +18 months
    w.nieuw.refresh_from_db()
    assert (w.nieuw.leerroute_id, w.nieuw.schakelen_uiterlijk) == ("z", dt.date(2027, 9, 15))
    assert w.nieuw.abc_uitkomst == "onderwijs_scholing"


def test_specialist_schrijft_in_en_ziet_waarom_andere_plaatsen_niet_kunnen(pagina, w):
    open_client(pagina, "EHV-0043")
    pagina.get_by_role("link", name="Inschrijven op traject").click()
    plaatsen = pagina.locator("table#plaatsen")
    for traject, reden in (
        ("Werkclub intensief", "vol"),
        ("Taal op B1", "plafond bereikt"),
        ("Alfabetisering", "andere leerroute"),
    ):
        rij = plaatsen.locator("tr", has_text=traject)
        expect(rij.locator(".label.signaal")).to_have_text(reden)
    keuzes = pagina.get_by_label("Traject").locator("option").all_inner_texts()
    assert not any(t in " ".join(keuzes) for t in ("Werkclub", "Taal op B1", "Alfabetisering"))
    schermafdruk(pagina, "inschrijven-met-geweigerde-plaatsen")

    pagina.get_by_label("Traject").select_option(label=next(k for k in keuzes if "Werkfit" in k))
    pagina.get_by_role("button", name="Inschrijven").click()
    expect(
        pagina.get_by_text("EHV-0043 is aangemeld voor Werkfit via evenementen.")
    ).to_be_visible()
    ins = Inschrijving.objects.get(client=w.nieuw)
    assert (ins.contractregel, ins.status) == (w.regel, "aangemeld")
    w.nieuw.refresh_from_db()
    assert w.nieuw.status == Client.Status.IN_BEGELEIDING


def test_specialist_krijgt_de_reden_als_de_laatste_plaats_net_is_vergeven(pagina, w):
    w.regel.capaciteit = 2  # one running enrolment, so one place left
    w.regel.save()
    open_client(pagina, "EHV-0043")
    pagina.get_by_role("link", name="Inschrijven op traject").click()
    pagina.get_by_label("Traject").select_option(value=str(w.regel.pk))
    InschrijvingFactory(contractregel=w.regel)  # a colleague takes it meanwhile
    pagina.get_by_role("button", name="Inschrijven").click()
    expect(pagina.get_by_role("alert")).to_contain_text("is vol: alle 2 plaatsen zijn bezet")
    assert not Inschrijving.objects.filter(client=w.nieuw).exists()


def test_specialist_start_een_aangemelde_inschrijving(pagina, w):
    open_client(pagina, "EHV-0042")
    pagina.get_by_text("Starten of beëindigen: Sportmaatje").click()
    paneel = pagina.locator(f"#actie-{w.aangemeld.uuid}")
    morgen = (vandaag() + dt.timedelta(days=1)).isoformat()
    paneel.get_by_label("Gestart op").fill(morgen)
    paneel.get_by_role("button", name="Start vastleggen").click()
    paneel = pagina.locator(f"#actie-{w.aangemeld.uuid}")
    expect(paneel).to_have_attribute("open", "")
    expect(paneel.get_by_role("alert")).to_contain_text("ligt in de toekomst")
    assert pagina.title().startswith("Fout:")
    w.aangemeld.refresh_from_db()
    assert w.aangemeld.status == "aangemeld"

    paneel.get_by_label("Gestart op").fill(vandaag().isoformat())
    paneel.get_by_role("button", name="Start vastleggen").click()
    expect(pagina.get_by_text("Sportmaatje is gestart.")).to_be_visible()
    w.aangemeld.refresh_from_db()
    assert (w.aangemeld.status, w.aangemeld.startdatum) == ("gestart", vandaag())


@pytest.mark.parametrize("reden", Inschrijving.RedenEinde.values)
def test_specialist_beeindigt_een_inschrijving_met_elke_reden(pagina, w, reden):
    open_client(pagina, "EHV-0042")
    pagina.get_by_text("Beëindigen: Werkfit via evenementen").click()
    paneel = pagina.locator(f"#actie-{w.lopend.uuid}")
    paneel.get_by_label("Reden").select_option(reden)
    paneel.get_by_role("button", name="Beëindigen").click()
    expect(pagina.get_by_text("Werkfit via evenementen is beëindigd.")).to_be_visible()
    label = Inschrijving.RedenEinde(reden).label
    status = "afgerond" if reden == "volgens_plan" else "voortijdig beëindigd"
    rij = pagina.locator("table tr", has_text="Werkfit via evenementen")
    expect(rij).to_contain_text(status)
    expect(rij).to_contain_text(f"({label})")
    w.lopend.refresh_from_db()
    assert (w.lopend.reden_einde, w.lopend.einddatum) == (reden, vandaag())
    if reden == "volgens_plan":
        schermafdruk(pagina, "client-na-beeindigen")


def test_specialist_ziet_welk_veld_ontbreekt_bij_beeindigen(pagina, w):
    open_client(pagina, "EHV-0042")
    pagina.get_by_text("Beëindigen: Werkfit via evenementen").click()
    paneel = pagina.locator(f"#actie-{w.lopend.uuid}")
    paneel.get_by_role("button", name="Beëindigen").click()
    paneel = pagina.locator(f"#actie-{w.lopend.uuid}")
    expect(paneel).to_have_attribute("open", "")
    expect(paneel.get_by_role("alert")).to_contain_text("Reden: Kies een reden van beëindiging.")
    expect(pagina.locator("#formulierfout")).to_be_focused()
    paneel.get_by_role("link", name="Reden").click()
    expect(paneel.get_by_label("Reden")).to_be_focused()
    w.lopend.refresh_from_db()
    assert w.lopend.status == "gestart"


def test_specialist_legt_uitstroom_vast_en_beeindigt_de_lopende_inschrijvingen(pagina, w):
    open_client(pagina, "EHV-0042")
    pagina.get_by_role("link", name="Uitstroom vastleggen").click()
    pagina.get_by_label("Datum uitstroom").fill(vandaag().isoformat())
    pagina.get_by_role("combobox", name="Reden (verplicht)", exact=True).select_option(
        label="deeltijd baan"
    )
    pagina.get_by_label("Dienstverband").select_option("fulltime")
    pagina.get_by_role("button", name="Opslaan").click()
    fout = pagina.get_by_role("alert")
    expect(fout).to_contain_text("Reden einde Werkfit via evenementen")
    expect(fout).to_contain_text("Reden einde Sportmaatje")
    # The contradiction is named once the reasons are given.
    pagina.get_by_label("Reden einde Werkfit via evenementen").select_option("werk")
    pagina.get_by_label("Reden einde Sportmaatje").select_option("voortijdig_afspraak")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("alert")).to_contain_text("Een deeltijdbaan is geen fulltime")
    assert Client.objects.get(pk=w.klant.pk).uitstroom_datum is None

    pagina.get_by_label("Dienstverband").select_option("parttime")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_text("2 inschrijving(en) beëindigd")).to_be_visible()
    expect(pagina.get_by_role("link", name="Inschrijven op traject")).to_have_count(0)
    expect(pagina.locator(".gegevens")).to_contain_text("deeltijd baan, parttime")
    klant = Client.objects.get(pk=w.klant.pk)
    assert (klant.status, klant.uitstroom_reden) == ("nazorg", "deeltijd_baan")
    assert not klant.inschrijvingen.filter(status__in=Inschrijving.ACTIEF).exists()
    assert set(klant.inschrijvingen.values_list("reden_einde", flat=True)) == {
        "werk",
        "voortijdig_afspraak",
    }
    # A client who has left is not offered a place at all.
    pagina.goto(f"/clienten/{klant.uuid}/inschrijven/")
    expect(pagina.get_by_role("button", name="Inschrijven")).to_have_count(0)
    expect(pagina.locator(".waarschuwing")).to_contain_text("uitgestroomd")


def test_specialist_bekijkt_een_rapportage(pagina, w, download):
    pagina.get_by_role("link", name="Rapportages").click()
    pagina.get_by_role("link", name="Caseload").click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Caseload")
    pad = download(lambda: pagina.get_by_role("link", name="Excel").click())
    boek = openpyxl.load_workbook(io.BytesIO(pad.read_bytes()))
    assert boek.properties.title.startswith("Caseload")
    assert list(boek.active.values)[0][0] == "Jaar"


def test_specialist_laat_alle_rapportages_in_een_werkboek_maken(pagina, w, download):
    """The workbook of every report is made by the worker; the task page counts the
    reports and then offers the file, a sheet per report."""
    from tests.kern.test_taken import werker

    pagina.get_by_role("link", name="Rapportages").click()
    formulier = pagina.get_by_role("form", name="Alle rapportages in één werkboek")
    formulier.get_by_label("Peildatum").fill("2026-06-30")
    formulier.get_by_role("button", name="Maak het werkboek").click()
    expect(pagina.get_by_role("heading", name="Alle rapportages op 30-06-2026")).to_be_visible()
    werker()
    expect(pagina.locator("#taak-status")).to_have_text("Klaar")
    schermafdruk(pagina, "specialist-werkboek-klaar")
    pad = download(lambda: pagina.get_by_role("link", name="Download rapportages-").click())
    boek = openpyxl.load_workbook(pad)
    # A sheet (or more) per report a specialist may see, none for the money between gemeenten.
    spec = Client.objects.get(clientnummer="EHV-0043").specialist
    assert len(boek.sheetnames) > len(rapporten_voor(spec)) and "Over dit bestand" in boek
    assert not any("oorbelasting" in naam for naam in boek.sheetnames)


def test_specialist_zet_op_de_wachtlijst_en_neemt_het_aanbod_aan(pagina, w):
    open_client(pagina, "EHV-0043")
    pagina.get_by_role("link", name="Inschrijven op traject").click()
    rij = pagina.locator("table#plaatsen tr", has_text="Werkclub intensief")
    rij.get_by_role("button", name="Op de wachtlijst voor deze plaats").click()
    expect(
        pagina.get_by_text("EHV-0043 staat op de wachtlijst voor Werkclub intensief (plaats 1")
    ).to_be_visible()
    expect(pagina.locator("#wachtlijst")).to_be_visible()
    schermafdruk(pagina, "client-op-de-wachtlijst")

    # Another client's enrolment on that traject ends: the place is offered to EHV-0043.
    bezet = Inschrijving.objects.get(contractregel=w.vol, client__clientnummer="BEZET-1")
    pagina.goto(f"/clienten/{bezet.client.uuid}/")
    pagina.get_by_text("Beëindigen: Werkclub intensief").click()
    paneel = pagina.locator(f"#actie-{bezet.uuid}")
    paneel.get_by_label("Reden").select_option("verhuisd")
    paneel.get_by_role("button", name="Beëindigen").click()
    expect(pagina.get_by_text("Werkclub intensief is beëindigd.")).to_be_visible()

    pagina.get_by_role("link", name="Clienten").click()
    aanbod = pagina.get_by_role("region", name="Plaats aangeboden van de wachtlijst")
    expect(aanbod).to_contain_text("EHV-0043: Werkclub intensief (INB-VOL)")
    schermafdruk(pagina, "caseload-met-aanbod")
    aanbod.get_by_role("link", name="EHV-0043").click()
    sectie = pagina.get_by_role("region", name="Werkclub intensief plaats aangeboden")
    expect(sectie).to_contain_text("Het aanbod geldt tot en met")
    sectie.get_by_role("button", name="Aanbod aannemen en inschrijven").click()

    expect(pagina.get_by_text("EHV-0043 is ingeschreven op Werkclub intensief.")).to_be_visible()
    expect(pagina.locator("table tr", has_text="Werkclub intensief")).to_contain_text("aangemeld")
    ins = Inschrijving.objects.get(client=w.nieuw)
    assert (ins.contractregel, ins.startdatum) == (w.vol, vandaag())
    assert Wachtlijstplaats.objects.get(client=w.nieuw).status == "ingeschreven"


def test_specialist_geeft_voorrang_met_een_reden(pagina, w):
    from registratie import services

    eerste = services.wachtlijst_plaats(client=w.klant, contractregel=w.vol, door=None)
    services.wachtlijst_plaats(client=w.nieuw, contractregel=w.vol, door=None)
    open_client(pagina, "EHV-0043")
    sectie = pagina.locator("#wachtlijst ~ section", has_text="Werkclub intensief")
    expect(sectie).to_contain_text("Plaats 2 in de rij")
    sectie.get_by_text("Voorrang geven of van de lijst halen").click()
    sectie.get_by_role("button", name="Voorrang geven").click()
    expect(
        pagina.get_by_text("Niet gelukt. Reden: Geef een reden; die wordt vastgelegd.")
    ).to_be_visible()

    sectie = pagina.locator("#wachtlijst ~ section", has_text="Werkclub intensief")
    sectie.get_by_text("Voorrang geven of van de lijst halen").click()
    sectie.get_by_label("Vóór").select_option(label="1. EHV-0042")
    sectie.get_by_label("Reden (wordt vastgelegd)").fill("Werkgever wacht op certificaat")
    sectie.get_by_role("button", name="Voorrang geven").click()
    expect(pagina.get_by_text("EHV-0043 gaat nu vóór EHV-0042")).to_be_visible()
    expect(pagina.locator("#wachtlijst ~ section")).to_contain_text("Plaats 1 in de rij")
    eerste.refresh_from_db()
    pagina.get_by_role("link", name="Wachtlijst").click()
    rijen = pagina.locator("table tbody tr")
    expect(rijen.nth(0)).to_contain_text("EHV-0043")
    expect(rijen.nth(1)).to_contain_text("EHV-0042")


def test_specialist_bevestigt_het_resultaat_voor_het_prestatiedeel(pagina, w):
    Inschrijving.objects.filter(pk=w.lopend.pk).update(prestatie_status="open")
    open_client(pagina, "EHV-0042")
    pagina.get_by_text("Resultaat bevestigen (prestatiedeel): Werkfit via evenementen").click()
    paneel = pagina.locator(f"#prestatie-{w.lopend.uuid}")
    paneel.get_by_role("button", name="Resultaat bevestigen").click()
    paneel = pagina.locator(f"#prestatie-{w.lopend.uuid}")
    expect(paneel.get_by_role("alert")).to_contain_text("Noem waaruit het resultaat blijkt.")
    paneel.get_by_label("Waaruit blijkt het").fill("Certificaat evenementenbeveiliging")
    paneel.get_by_role("button", name="Resultaat bevestigen").click()
    expect(
        pagina.get_by_text("Het resultaat van Werkfit via evenementen is bevestigd")
    ).to_be_visible()
    expect(pagina.locator("table tr", has_text="Werkfit via evenementen").first).to_contain_text(
        "prestatiedeel: bereikt"
    )
    w.lopend.refresh_from_db()
    assert w.lopend.prestatie_bron == "specialist: Certificaat evenementenbeveiliging"


def test_specialist_legt_pip_besluiten_modules_en_examens_vast(pagina, w):
    """The Wi2021 record: after 18 months the B1-route no longer switches (art. 15 Wi2021),
    but it may afschalen one exam part (art. 17 lid 3); a module that cannot end before it
    starts; an exam; the client page shows them in its timeline."""
    klant = Client.objects.get(pk=w.klant.pk)
    klant.datum_pip = vandaag() - dt.timedelta(days=600)  # past the 18 months
    klant.plicht_regime, klant.plicht_status = "wi2021", "plichtig"
    klant.plicht_status_datum, klant.plicht_bron = klant.datum_inschrijving_gemeente, "duo"
    klant.save()
    open_client(pagina, "EHV-0042")
    expect(pagina.locator(".gegevens")).to_contain_text("inburgeringsplichtig")
    pagina.get_by_role("link", name="Inburgering: PIP, modules, examens").click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Inburgering van EHV-0042")

    pip = pagina.locator("#actie-pip")
    pip.locator("summary").click()
    pip.get_by_label("Datum besluit").fill(vandaag().isoformat())
    pip.get_by_label("Reden").select_option("schakelen")
    pip.get_by_label("Leerroute").select_option(label="Z-route")
    pip.get_by_label("Toelichting").fill("Na twee toetsen blijkt B1 niet haalbaar.")
    pip.get_by_role("button", name="PIP-besluit vastleggen").click()
    expect(pagina.get_by_role("alert")).to_contain_text(
        "alleen nog de overstap van de onderwijsroute"
    )
    assert klant.pip_versies.count() == 1
    pip = pagina.locator("#actie-pip")
    pip.get_by_label("Reden").select_option("afschalen")
    pip.get_by_label("Leerroute").select_option(label="B1-route")
    pip.get_by_label("schrijven").check()
    pip.get_by_role("button", name="PIP-besluit vastleggen").click()
    expect(pagina.get_by_text("PIP-besluit vastgelegd.")).to_be_visible()
    tabel = pagina.get_by_role("region", name="PIP-besluiten, horizontaal te scrollen")
    expect(tabel.locator("tbody tr")).to_have_count(2)
    expect(tabel).to_contain_text("(A2: schrijven)")
    assert klant.pip_versies.last().afgeschaald == ["schrijven"]

    module = pagina.locator("#actie-module")
    module.locator("summary").click()
    module.get_by_label("Module").select_option("knm")
    module.get_by_label("Startdatum").fill((vandaag() - dt.timedelta(days=10)).isoformat())
    module.get_by_label("Afgerond op").fill((vandaag() - dt.timedelta(days=20)).isoformat())
    module.get_by_role("button", name="Module vastleggen").click()
    expect(pagina.get_by_role("alert")).to_contain_text("kan niet worden afgerond")
    assert not klant.modules.exists()

    examen = pagina.locator("#actie-examen")
    examen.locator("summary").click()
    examen.get_by_label("Onderdeel").select_option("knm")
    examen.get_by_label("Examendatum").fill((vandaag() - dt.timedelta(days=3)).isoformat())
    examen.get_by_label("Uitslag").select_option("ja")
    examen.get_by_role("button", name="Uitslag vastleggen").click()
    expect(pagina.get_by_text("Examenuitslag vastgelegd.")).to_be_visible()
    expect(pagina.get_by_role("region", name="Examens")).to_contain_text("behaald")
    schermafdruk(pagina, "specialist-inburgering")

    pagina.get_by_role("link", name="← EHV-0042").click()
    tijdlijn = pagina.locator(".tijdlijn")
    expect(tijdlijn).to_contain_text("PIP-besluit 2: afschalen")
    expect(tijdlijn).to_contain_text("Examen KNM: behaald")


def test_specialist_legt_uitval_en_terugkeer_vast(pagina, w):
    nieuw = Client.objects.get(pk=w.nieuw.pk)
    nieuw.status, nieuw.datum_brede_intake = "in_begeleiding", vandaag() - dt.timedelta(days=90)
    nieuw.save()
    # A running enrolment ends in the same step, with its own reason (issue 28).
    lopend = InschrijvingFactory(
        client=nieuw,
        contractregel=w.regel,
        datum_aanmelding=vandaag() - dt.timedelta(days=60),
        startdatum=vandaag() - dt.timedelta(days=50),
    )
    open_client(pagina, "EHV-0043")
    pagina.get_by_role("link", name="Uitval vastleggen").click()
    pagina.get_by_label("Uitgevallen op").fill((vandaag() - dt.timedelta(days=30)).isoformat())
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("alert")).to_contain_text("Kies de reden van de uitval")
    pagina.locator("#id_reden").select_option("ziekte")
    pagina.get_by_label("Toelichting").fill("opgenomen")
    pagina.locator("select[name^=einde_]").select_option("voortijdig_client")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(
        pagina.get_by_text("Uitval van EHV-0043 vastgelegd; 1 inschrijving(en) beëindigd.")
    ).to_be_visible()
    lopend.refresh_from_db()
    assert lopend.status == "voortijdig_beeindigd"
    expect(pagina.locator(".gegevens")).to_contain_text("uitgevallen")
    expect(pagina.get_by_role("link", name="Inschrijven op traject")).to_have_count(0)

    pagina.get_by_role("link", name="Terugkeer vastleggen").click()
    pagina.get_by_label("Terug in begeleiding op").fill(
        (vandaag() - dt.timedelta(days=40)).isoformat()
    )
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("alert")).to_contain_text("terug kan niet eerder")
    pagina.get_by_label("Terug in begeleiding op").fill(vandaag().isoformat())
    pagina.get_by_label("Toelichting").fill("hersteld")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_text("EHV-0043 is terug in begeleiding.")).to_be_visible()
    tijdlijn = pagina.locator(".tijdlijn")
    expect(tijdlijn).to_contain_text("Uitgevallen: ziekte (opgenomen)")
    expect(tijdlijn).to_contain_text("Terug in begeleiding: hersteld")
    assert Client.objects.get(pk=nieuw.pk).status == "in_begeleiding"


def test_specialist_verlengt_de_termijn_en_legt_een_nazorgcontact_vast(pagina, w):
    klant = Client.objects.get(pk=w.klant.pk)
    klant.datum_pip = vandaag() - dt.timedelta(days=400)
    klant.uitstroom_datum = vandaag() - dt.timedelta(days=200)
    klant.uitstroom_reden, klant.status = "voltijd_baan", "afgesloten"
    klant.save()
    klant.refresh_from_db()
    eind = klant.termijn_eind
    pagina.goto(f"/clienten/{klant.uuid}/inburgering/")

    verlenging = pagina.locator("#actie-verlenging")
    verlenging.locator("summary").click()
    verlenging.get_by_label("Datum besluit").fill(vandaag().isoformat())
    verlenging.get_by_label("Nieuwe einddatum").fill((eind - dt.timedelta(days=1)).isoformat())
    verlenging.get_by_label("Reden").fill("Langdurig ziek")
    verlenging.get_by_role("button", name="Verlenging vastleggen").click()
    expect(pagina.get_by_role("alert")).to_contain_text(f"na het huidige einde ({eind:%d-%m-%Y})")
    nieuw = eind + dt.timedelta(days=180)
    pagina.locator("#actie-verlenging").get_by_label("Nieuwe einddatum").fill(nieuw.isoformat())
    pagina.locator("#actie-verlenging").get_by_role("button", name="Verlenging vastleggen").click()
    expect(pagina.get_by_text("Termijn verlengd.")).to_be_visible()
    expect(pagina.locator(".gegevens")).to_contain_text(f"tot {nieuw:%d-%m-%Y} (verlengd)")

    nazorg = pagina.locator("#actie-nazorgcontact")
    nazorg.locator("summary").click()
    nazorg.get_by_label("Datum contact").fill((vandaag() - dt.timedelta(days=10)).isoformat())
    nazorg.get_by_label("Soort").select_option("werkgever")
    nazorg.get_by_label("Werkt de client nog?").select_option("ja")
    nazorg.get_by_role("button", name="Contact vastleggen").click()
    expect(pagina.get_by_text("Nazorgcontact vastgelegd.")).to_be_visible()
    expect(pagina.locator("#nazorg + ul")).to_contain_text("(met de werkgever): werkt nog")
    assert Client.objects.get(pk=klant.pk).termijn_eind == nieuw


def test_specialist_leest_een_duo_bestand_in_en_ziet_welke_meldingen_bevestigd_zijn(
    pagina, w, tmp_path
):
    """Issue 23: DUO is the source of exam results. A provider's reported pass waits for
    DUO; the specialist reads in DUO's file (first with an unknown client, refused with row
    and column, nothing stored) and sees which provider's report DUO confirmed."""
    klant = Client.objects.get(pk=w.klant.pk)
    klant.plicht_regime, klant.plicht_status = "wi2021", "plichtig"
    klant.plicht_status_datum, klant.plicht_bron = klant.datum_inschrijving_gemeente, "duo"
    klant.save()
    examendag = vandaag() - dt.timedelta(days=10)
    gemeld = Examen.objects.create(
        client=klant,
        onderdeel="lezen",
        datum=examendag,
        niveau="B1",
        behaald=True,
        inschrijving=w.lopend,
        bron="aanbieder",
    )
    kop = "clientnummer;onderdeel;niveau;datum;uitslag\n"
    rij = f"EHV-0042;lezen;B1;{examendag:%d-%m-%Y};behaald\n"
    fout = tmp_path / "duo-fout.csv"
    fout.write_text(kop + rij + f"EHV-9999;spreken;B1;{examendag:%d-%m-%Y};behaald\n")
    pagina.get_by_role("link", name="DUO-bestand inlezen").click()
    pagina.get_by_label("Bestand").set_input_files(str(fout))
    pagina.get_by_role("button", name="Bestand inlezen").click()
    expect(pagina.get_by_role("alert")).to_contain_text("Geen client met dit clientnummer")
    expect(pagina.get_by_role("alert")).to_contain_text("3")  # the row
    gemeld.refresh_from_db()
    assert gemeld.duo_bevestigd_op is None

    goed = tmp_path / "duo.csv"
    goed.write_text(kop + rij)
    pagina.get_by_label("Bestand").set_input_files(str(goed))
    pagina.get_by_role("button", name="Bestand inlezen").click()
    expect(pagina.get_by_text("duo.csv ingelezen: 0 nieuw, 1 gewijzigd")).to_be_visible()
    bevestigd = pagina.get_by_role("region", name="Door DUO bevestigde meldingen van aanbieders")
    expect(bevestigd).to_contain_text("EHV-0042")
    expect(bevestigd).to_contain_text("Refugee Team")
    schermafdruk(pagina, "specialist-duo-bestand")
    gemeld.refresh_from_db()
    assert gemeld.duo_bevestigd_op == vandaag()
    bevestigd.get_by_role("link", name="EHV-0042").click()
    expect(pagina.get_by_role("region", name="Examens")).to_contain_text("bevestigd door DUO")
