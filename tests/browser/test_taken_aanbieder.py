"""Every task docs/taken.md lists for a provider, done in the browser as a person would."""

import openpyxl
import pytest
from django.utils.timezone import localdate as vandaag
from playwright.sync_api import expect

from declaraties.models import Declaratie
from registratie.models import Voortgangsrapportage
from tests.browser.conftest import BROWSERTEST, schermafdruk
from tests.browser.wereld import ingelogd_in_wereld

pytestmark = BROWSERTEST


@pytest.fixture
def w(pagina):
    return ingelogd_in_wereld(pagina, "aanb")


def test_aanbieder_ziet_eigen_inschrijvingen_en_downloadt_excel(pagina, w, download):
    expect(pagina.get_by_role("heading", name="Inschrijvingen")).to_be_visible()
    tabel = pagina.locator("table")
    expect(tabel).to_contain_text("EHV-0042")
    expect(tabel).not_to_contain_text("BEZET-1")  # another provider's enrolment
    pad = download(lambda: pagina.get_by_role("link", name="Excel").click())
    rijen = list(openpyxl.load_workbook(pad)["Inschrijvingen"].values)
    assert rijen[0][:3] == ("Clientnummer", "Naam", "Traject")
    assert {r[0] for r in rijen[1:]} == {"EHV-0042"}


def test_aanbieder_vult_het_sjabloon_in_uploadt_met_fouten_verbetert_en_bevestigt(
    pagina, w, download, tmp_path
):
    pagina.get_by_role("link", name="Rapportages uploaden").first.click()
    pad = download(lambda: pagina.get_by_role("button", name="Sjabloon downloaden (Excel)").click())
    boek = openpyxl.load_workbook(pad)
    blad = boek["Voortgang"]
    kop = [c.value for c in blad[1]]
    assert kop[:5] == ["Clientnummer", "Naam", "Traject", "Trajectcode", "Peildatum"]
    assert kop[-1] == "Inschrijving (id, niet wijzigen)"
    assert [c.value for c in blad["A"]][1:] == ["EHV-0042"]  # the running enrolment
    assert "Uitleg" in boek.sheetnames

    for kolom, waarde in (("F", 40), ("G", 44), ("J", "A2"), ("K", 9)):
        blad[f"{kolom}2"] = waarde
    fout = tmp_path / "voortgang-fout.xlsx"
    boek.save(fout)
    pagina.get_by_label("Bestand").set_input_files(str(fout))
    pagina.get_by_role("button", name="Controleren").click()
    expect(pagina.get_by_role("alert")).to_contain_text("2 fouten")
    fouten = pagina.locator("table#fouten")
    # Every error of the row at once, with the clientnummer beside it.
    for kolom in ("Participatieladder", "Uren gevolgd"):
        expect(fouten.locator("tr", has_text=kolom)).to_contain_text("EHV-0042")
    expect(pagina.get_by_role("button", name="Bevestigen en opslaan")).to_have_count(0)

    blad["G2"], blad["K2"] = 36, 3
    goed = tmp_path / "voortgang.xlsx"
    boek.save(goed)
    pagina.get_by_label("Bestand").set_input_files(str(goed))
    pagina.get_by_role("button", name="Controleren").click()
    expect(pagina.get_by_role("status").last).to_contain_text("1 nieuw")
    schermafdruk(pagina, "upload-sjabloon-voorbeeld")
    assert not Voortgangsrapportage.objects.exists()
    pagina.get_by_role("button", name="Bevestigen en opslaan").click()
    expect(pagina.get_by_text("voortgang.xlsx is verwerkt: 1 nieuw")).to_be_visible()
    expect(pagina.locator("main")).to_contain_text("voortgang.xlsx")  # upload history
    rapport = Voortgangsrapportage.objects.get()
    assert (rapport.inschrijving, rapport.participatieladder, rapport.taalniveau) == (
        w.lopend,
        3,
        "A2",
    )


def test_aanbieder_krijgt_een_duidelijke_melding_bij_een_pdf(pagina, w, tmp_path):
    pdf = tmp_path / "rapportage.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n")
    pagina.get_by_role("link", name="Rapportages uploaden").first.click()
    pagina.get_by_label("Bestand").set_input_files(str(pdf))
    pagina.get_by_role("button", name="Controleren").click()
    expect(pagina.get_by_role("alert")).to_contain_text(
        "Dit is geen CSV- of Excelbestand maar een PDF"
    )


def test_aanbieder_bekijkt_de_eigen_rapportage(pagina, w):
    pagina.get_by_role("link", name="Rapportages", exact=True).click()
    expect(pagina.get_by_role("link", name="Populatie")).to_have_count(0)
    pagina.get_by_role("link", name="Voortgang").click()
    expect(pagina.get_by_role("heading", level=1)).to_be_visible()
    expect(pagina.locator("table#rapport")).to_be_visible()


def test_aanbieder_declareert_en_ziet_een_afwijzing_en_waarom(pagina, w, tmp_path):
    vorige = w.lopend.startdatum.strftime("%Y-%m")
    deze = vandaag().strftime("%Y-%m")
    bestand = tmp_path / "declaraties.csv"
    bestand.write_text(
        "clientnummer;traject_code;periode;eenheden;bedrag\n"
        f"EHV-0042;RT-WERK;{vorige};1;2.500,00\n"
        f"EHV-0042;RT-SPORT;{deze};1;999,00\n",
        encoding="utf-8",
    )
    pagina.get_by_role("navigation").get_by_role("link", name="Declaraties").click()
    pagina.get_by_role("link", name="Declaraties uploaden").click()
    pagina.get_by_label("Bestand").set_input_files(str(bestand))
    pagina.get_by_role("button", name="Controleren").click()
    expect(pagina.get_by_role("status")).to_contain_text("1 regel wordt afgewezen")
    expect(pagina.locator("table")).to_contain_text("afgewezen: €\xa0999,00 wijkt af van 1 ×")
    assert not Declaratie.objects.exists()  # nothing before confirming
    pagina.get_by_role("button", name="Bevestigen en opslaan").click()

    expect(
        pagina.get_by_text("2 nieuw, 0 gewijzigd, 0 ongewijzigd; 1 regel(s) afgewezen")
    ).to_be_visible()
    rij = pagina.locator("table tr", has_text="Sportmaatje")
    expect(rij.locator(".label.signaal")).to_have_text("T01")
    expect(rij).to_contain_text("wijkt af van 1 × €\xa01.000,00 = €\xa01.000,00")
    expect(pagina.locator("dl")).to_contain_text(
        "bedrag wijkt af van eenheden × gecontracteerd tarief"
    )
    schermafdruk(pagina, "aanbieder-declaraties")
    assert {d.status for d in Declaratie.objects.all()} == {"ingediend", "afgewezen"}


def test_aanbieder_meldt_examens_en_modules_met_een_bestand(pagina, w, tmp_path):
    klant = w.klant
    klant.plicht_regime, klant.plicht_status, klant.plicht_bron = "wi2021", "plichtig", "duo"
    klant.plicht_status_datum = klant.datum_inschrijving_gemeente
    klant.save()
    datum = vandaag().strftime("%d-%m-%Y")
    bestand = tmp_path / "examens.csv"
    bestand.write_text(
        "clientnummer;traject_code;soort;onderdeel;datum;niveau;behaald\n"
        f"EHV-0042;RT-WERK;examen;lezen;{datum};;ja\n"
        f"EHV-0042;RT-WERK;module;map;{datum};;\n",
        encoding="utf-8",
    )
    pagina.get_by_role("navigation").get_by_role("link", name="Examens en modules").click()
    pagina.get_by_label("Bestand").set_input_files(str(bestand))
    pagina.get_by_role("button", name="Controleren").click()
    fouten = pagina.get_by_role("region", name="Fouten per rij")
    expect(fouten).to_contain_text("Vul het niveau van het taalexamen in")
    assert not klant.examens.exists() and not klant.modules.exists()

    bestand.write_text(
        bestand.read_text(encoding="utf-8").replace(
            ";lezen;" + datum + ";;", ";lezen;" + datum + ";A2;"
        ),
        encoding="utf-8",
    )
    pagina.get_by_label("Bestand").set_input_files(str(bestand))
    pagina.get_by_role("button", name="Controleren").click()
    expect(pagina.get_by_role("status")).to_contain_text("2 nieuw")
    assert not klant.examens.exists()  # nothing before confirming
    pagina.get_by_role("button", name="Bevestigen en opslaan").click()
    expect(pagina.get_by_text("examens.csv is verwerkt: 2 nieuw")).to_be_visible()
    assert list(klant.examens.values_list("onderdeel", "niveau", "behaald")) == [
        ("lezen", "A2", True)
    ]
    assert klant.modules.get().soort == "map"


def test_aanbieder_uploadt_een_groot_bestand_en_ziet_de_balk_en_de_uitkomst(
    pagina, w, tmp_path, settings
):
    """Above IMPORT_DIRECT_MAX rows the worker writes the file: the provider lands on the
    task's page, which moves to the outcome without a reload."""
    from tests.kern.test_taken import werker

    settings.IMPORT_DIRECT_MAX = 0
    bestand = tmp_path / "voortgang-groot.csv"
    bestand.write_text(
        "clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd\n"
        f"EHV-0042;{w.lopend.contractregel.traject.code};{vandaag():%d-%m-%Y};40;36\n"
    )
    pagina.get_by_role("link", name="Rapportages uploaden").first.click()
    pagina.get_by_label("Bestand").set_input_files(str(bestand))
    pagina.get_by_role("button", name="Controleren").click()
    expect(pagina.get_by_role("heading", name="voortgang-groot.csv verwerken")).to_be_visible()
    expect(pagina.locator("#taak-status")).to_have_text("Wacht op zijn beurt")
    werker()
    expect(pagina.locator("#taak-status")).to_have_text("Klaar")
    expect(pagina.locator("#taak-voortgang")).to_have_attribute("value", "100")
    expect(pagina.locator("#taak-tekst")).to_contain_text(
        "voortgang-groot.csv is verwerkt: 1 nieuw"
    )
    schermafdruk(pagina, "aanbieder-upload-op-de-achtergrond")
    assert Voortgangsrapportage.objects.filter(inschrijving=w.lopend).count() == 1
