"""What the pages say is right and readable (issue 28): lists in words instead of dashes and
without doubles, prices with their unit, people by name, a contract's history in names and
labels instead of ids, and a period as its dates."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.utils.timezone import localdate as vandaag

from inkoop.models import Contractregel
from rapportages.rapporten import maak_rapport
from tests.factories import (
    AanbiederFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
SELECT = re.compile(r'<select[^>]*name="([^"]*)"[^>]*>(.*?)</select>', re.S)
OPTIE = re.compile(r"<option[^>]*>([^<]*)</option>")


def keuzelijsten(html: str) -> dict[str, list[str]]:
    return {naam: OPTIE.findall(inhoud) for naam, inhoud in SELECT.findall(html)}


def test_filters_en_formulieren_zeggen_wat_leeg_betekent(client, inkoper, specialist):
    """Filters showed "---------" above "alle inkoopvormen", and that twice."""
    contract = ContractFactory()
    client.force_login(inkoper)
    for url in ("/contracten/", "/aanbod/", "/contracten/nieuw/", f"/contracten/{contract.uuid}/"):
        for naam, opties in keuzelijsten(client.get(url).content.decode()).items():
            assert "---------" not in opties, (url, naam)
            assert len(opties) == len(set(opties)), (url, naam, opties)
    lijsten = keuzelijsten(client.get("/contracten/").content.decode())
    assert lijsten["inkoopvorm"][0] == "alle inkoopvormen"
    assert keuzelijsten(client.get("/contracten/nieuw/").content.decode())["aanbieder"][0] == (
        "kies …"
    )
    client.force_login(specialist)
    lijsten = keuzelijsten(client.get("/clienten/nieuw/").content.decode())
    assert lijsten["geslacht"][0] == "niet ingevuld"
    assert all("---------" not in o for o in lijsten.values())


def test_een_prijs_per_uur_zegt_per_uur(client, specialist):
    """The enrol page read "NT2 naar B1 € 8,00" for a price per hour."""
    regel = ContractregelFactory(
        contract=ContractFactory(
            startdatum=vandaag() - dt.timedelta(days=30),
            einddatum=vandaag() + dt.timedelta(days=300),
        ),
        tarief=D("8.00"),
        eenheid=Contractregel.Eenheid.UUR,
        verwachte_eenheden=D("300"),
    )
    klant = ClientFactory()
    client.force_login(specialist)
    html = client.get(f"/clienten/{klant.uuid}/inschrijven/").content.decode()
    assert regel.traject.naam in html
    assert re.search(r"€\xa08,00 per uur", html)


def test_termijnen_noemen_de_specialist_bij_naam(specialist):
    behandelaar = UserFactory(
        username="s.jansen", rol="specialist", first_name="Sara", last_name="Jansen"
    )
    ClientFactory(specialist=behandelaar, datum_inschrijving_gemeente=dt.date(2026, 1, 5))
    rapport = maak_rapport("termijnen", peildatum=dt.date(2026, 6, 1)).als_dict()
    assert rapport["tabellen"]["pip"]["rijen"][0]["specialist"] == "Sara Jansen"


def test_de_geschiedenis_van_een_contract_noemt_namen_geen_ids(client, inkoper):
    contract = ContractFactory(plafond=D("1000.00"))
    nieuw = AanbiederFactory(naam="Taalhuis Noord")
    client.force_login(inkoper)
    gegevens = {
        "aanbieder": nieuw.pk,
        "kenmerk": contract.kenmerk,
        "omschrijving": "",
        "inkoopvorm": contract.inkoopvorm,
        "perceel": "",
        "startdatum": "2026-01-01",
        "einddatum": "2026-12-31",
        "plafond": "2.500,00",
        "status": contract.status,
    }
    assert client.post(f"/contracten/{contract.uuid}/bewerken/", gegevens).status_code == 302
    html = client.get(f"/contracten/{contract.uuid}/").content.decode()
    assert f"{contract.aanbieder.naam} → Taalhuis Noord" in html
    assert "plafond (EUR): €\xa01.000,00 → €\xa02.500,00" in html
    assert str(nieuw.uuid) not in html.split("Geschiedenis", 1)[1]


def test_de_periode_van_de_uitstroom_staat_er_met_haar_datums():
    rapport = maak_rapport(
        "uitstroomredenen", peildatum=dt.date(2026, 6, 30), van=dt.date(2026, 1, 1)
    )
    assert rapport.toelichting == "Uitstroom met een datum van 01-01-2026 tot en met 30-06-2026."
