"""The region's tasks (issue 24), done in the browser: a specialist of a deelnemende gemeente
enrols under a joint contract until the gemeente's share is used, and the centrumgemeente's
inkoper sets the key and downloads the charge-back for the region and for one gemeente."""

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.utils.timezone import localdate as vandaag
from playwright.sync_api import expect

from declaraties.models import Declaratie
from inkoop.services import deelnames_vastleggen
from regio.models import Gemeente
from registratie.models import Inschrijving
from tests.browser.conftest import BROWSERTEST, inloggen, schermafdruk
from tests.browser.wereld import maak_wereld
from tests.factories import ClientFactory, InschrijvingFactory, UserFactory

pytestmark = BROWSERTEST


@pytest.fixture
def regio():
    w = maak_wereld()
    eindhoven = Gemeente.objects.create(naam="Eindhoven", cbs_code="0772", rol="centrum")
    helmond = Gemeente.objects.create(naam="Helmond", cbs_code="0794")
    get_user_model().objects.get(username="ink").gemeenten.add(eindhoven)
    get_user_model().objects.get(username="spec").gemeenten.add(eindhoven)
    spec_h = UserFactory(username="spec-h", rol="specialist", first_name="Hanna")
    helmond.medewerkers.add(spec_h)
    w.regel.capaciteit = 5
    w.regel.save()
    from registratie.models import Client

    Client.objects.update(gemeente=eindhoven)
    return w, eindhoven, helmond


def test_specialist_van_een_deelnemende_gemeente_schrijft_in_tot_het_aandeel(pagina, regio):
    w, eindhoven, helmond = regio
    deelnames_vastleggen(
        contract=w.contract, aandelen={eindhoven: Decimal("60"), helmond: Decimal("40")}, door=None
    )
    spec_h = get_user_model().objects.get(username="spec-h")
    bezet = ClientFactory(gemeente=helmond, clientnummer="HLM-0001", specialist=spec_h)
    InschrijvingFactory(client=bezet, contractregel=w.regel)  # Helmond's 1st of 2 places
    nieuw, derde = (
        ClientFactory(gemeente=helmond, clientnummer=f"HLM-000{n}", specialist=spec_h)
        for n in (2, 3)
    )
    inloggen(pagina, "spec-h")
    pagina.goto("/clienten/?status=alle")
    tabel = pagina.locator("table")
    expect(tabel).to_contain_text("HLM-0002")
    expect(tabel).not_to_contain_text("EHV-0042")  # Eindhoven's client: not Helmond's to see
    assert pagina.goto(f"/clienten/{w.klant.uuid}/").status == 404

    pagina.goto(f"/clienten/{nieuw.uuid}/inschrijven/")
    pagina.get_by_label("Traject").select_option(value=str(w.regel.pk))
    pagina.get_by_role("button", name="Inschrijven").click()
    expect(
        pagina.get_by_text("HLM-0002 is aangemeld voor Werkfit via evenementen.")
    ).to_be_visible()

    pagina.goto(f"/clienten/{derde.uuid}/inschrijven/")
    rij = pagina.locator("table#plaatsen tr", has_text="Werkfit via evenementen")
    expect(rij).to_contain_text("Het aandeel van Helmond")
    expect(rij).to_contain_text("2 van 2 plaatsen bezet")
    schermafdruk(pagina, "regio-inschrijven-boven-aandeel")
    assert not Inschrijving.objects.filter(client=derde).exists()


def test_inkoper_van_de_centrumgemeente_zet_de_sleutel_en_downloadt_de_doorbelasting(
    pagina, regio, download
):
    w, eindhoven, helmond = regio
    klant = ClientFactory(
        gemeente=helmond, clientnummer="HLM-0001", datum_brede_intake=vandaag() - dt.timedelta(60)
    )
    Declaratie.objects.create(
        inschrijving=InschrijvingFactory(client=klant, contractregel=w.regel),
        periode=vandaag().replace(day=1),
        eenheden=1,
        bedrag=Decimal("2500.00"),
        status="goedgekeurd",
    )
    inloggen(pagina, "ink")
    pagina.goto(f"/contracten/{w.contract.uuid}/")
    pagina.get_by_role("link", name="Verdeelsleutel aanpassen").click()
    pagina.get_by_label("Eindhoven (centrumgemeente)").fill("70")
    pagina.get_by_label("Helmond (deelnemende gemeente)").fill("40")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("alert")).to_contain_text("tellen op tot 110")
    pagina.get_by_label("Helmond (deelnemende gemeente)").fill("30")
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_text("Verdeelsleutel van INB-RT-1 vastgelegd.")).to_be_visible()
    expect(pagina.locator("section", has=pagina.locator("#kop-deelnames"))).to_contain_text(
        "Helmond"
    )

    pagina.goto("/rapportages/doorbelasting/")
    expect(pagina.locator("table#rapport")).to_contain_text("Helmond")
    schermafdruk(pagina, "regio-doorbelasting")
    pad = download(lambda: pagina.get_by_role("link", name="Excel").click())
    rijen = list(openpyxl.load_workbook(pad).worksheets[0].values)
    helmond_rij = next(r for r in rijen if r and r[0] == "Helmond")
    assert Decimal(str(helmond_rij[4])) == Decimal("2500.00")

    # The charge-back of one gemeente: its row and its lines, the basis of its invoice.
    pagina.get_by_label("Gemeente", exact=True).select_option(label="Helmond")
    pagina.get_by_role("button", name="Toon").click()
    expect(pagina.get_by_text("Gemeente: Helmond.")).to_be_visible()
    expect(pagina.locator("table#rapport")).not_to_contain_text("Eindhoven")
    expect(pagina.get_by_role("heading", name="Specificatie")).to_be_visible()
    schermafdruk(pagina, "regio-doorbelasting-helmond")
    pad = download(lambda: pagina.get_by_role("link", name="Excel").click())
    boek = openpyxl.load_workbook(pad)
    regels = [r for blad in boek.worksheets for r in blad.values]
    assert any(r and r[:2] == ("Helmond", "INB-RT-1") for r in regels)
    assert not any(r and r[0] == "Eindhoven" for r in regels)
