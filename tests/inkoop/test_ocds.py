"""The contracts as open data: an OCDS 1.1 release package at a public URL and as a
download, valid against the standard's rules, with every awarded contract and nothing about
a client (issue 25)."""

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

import jsonschema
import pytest

from inkoop.models import Contract, Indexatie, Optie, Perceel
from inkoop.services import deelnames_vastleggen
from regio.models import Gemeente
from tests.factories import (
    AanbiederFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
)

pytestmark = pytest.mark.django_db
SCHEMA = json.loads(
    (
        Path(__file__).resolve().parents[2] / "inkoop/schema/ocds-release-package-1.1.json"
    ).read_text()
)
URL = "/open-data/contracten.json"


@pytest.fixture
def contracten(db):
    eindhoven, _ = Gemeente.objects.update_or_create(
        cbs_code="0772", defaults={"naam": "Eindhoven", "rol": "centrum"}
    )
    helmond = Gemeente.objects.create(naam="Helmond", cbs_code="0794")
    perceel = Perceel.objects.create(naam="Perceel 2: duale trajecten", plafond=D("900000.00"))
    rt = AanbiederFactory(naam="Refugee Team", kvk_nummer="12345678")
    gezamenlijk = ContractFactory(
        aanbieder=rt,
        kenmerk="INB-2026-001",
        omschrijving="Duale trajecten B1",
        perceel=perceel,
        plafond=D("250000.00"),
        inkoopvorm=Contract.Inkoopvorm.AANBESTEDING,
    )
    regel = ContractregelFactory(contract=gezamenlijk, tarief=D("8500.00"), capaciteit=30)
    deelnames_vastleggen(
        contract=gezamenlijk, aandelen={eindhoven: D("70"), helmond: D("30")}, door=None
    )
    Optie.objects.create(
        contract=gezamenlijk,
        verlengen_tot=dt.date(2027, 12, 31),
        uiterlijk_op=dt.date(2026, 10, 1),
        uitgeoefend_op=dt.date(2026, 9, 15),
    )
    Indexatie.objects.create(
        contract=gezamenlijk, ingangsdatum=dt.date(2026, 7, 1), percentage=D("3.1")
    )
    ContractFactory(
        kenmerk="INB-OH-7", inkoopvorm=Contract.Inkoopvorm.OPEN_HOUSE, status="beeindigd"
    )
    ContractFactory(kenmerk="INB-CONCEPT", status=Contract.Status.CONCEPT)
    InschrijvingFactory(contractregel=regel, client__clientnummer="GEHEIM-CLIENT-1")
    return gezamenlijk


def test_het_pakket_is_openbaar_en_valt_binnen_ocds_1_1(client, contracten):
    antwoord = client.get(URL)  # nobody logged in
    assert antwoord.status_code == 200
    pakket = antwoord.json()
    jsonschema.Draft4Validator(SCHEMA).validate(pakket)
    assert "GEHEIM-CLIENT-1" not in antwoord.content.decode()
    kenmerken = {r["contracts"][0]["id"] for r in pakket["releases"]}
    assert kenmerken == {"INB-2026-001", "INB-OH-7"}  # a concept is not public
    download = client.get(URL + "?download=1")
    assert download["Content-Disposition"].startswith('attachment; filename="contracten-ocds-')


def test_een_release_noemt_koper_leverancier_methode_waarde_periode_perceel_en_wijzigingen(
    client, contracten
):
    pakket = client.get(URL).json()
    release = next(r for r in pakket["releases"] if r["contracts"][0]["id"] == "INB-2026-001")
    partijen = {p["id"]: p for p in release["parties"]}
    assert partijen["NL-CBS-0772"]["roles"] == ["buyer", "procuringEntity"]
    assert partijen["NL-CBS-0794"]["roles"] == ["payer"]
    assert partijen["NL-KVK-12345678"]["identifier"] == {
        "scheme": "NL-KVK",
        "id": "12345678",
        "legalName": "Refugee Team",
    }
    assert release["tender"]["procurementMethod"] == "open"
    assert release["tender"]["lots"][0]["value"] == {"amount": 900000.0, "currency": "EUR"}
    contract = release["contracts"][0]
    assert contract["value"] == {"amount": 250000.0, "currency": "EUR"}
    assert contract["period"]["startDate"].startswith("2026-01-01T00:00:00")
    assert contract["items"][0]["unit"]["value"]["amount"] == 8500.0
    assert [w["rationale"] for w in contract["amendments"]] == [
        "Indexatie van de tarieven",
        "Optie tot verlenging uitgeoefend",
    ]
    assert "contractAmendment" in release["tag"]
    oh = next(r for r in pakket["releases"] if r["contracts"][0]["id"] == "INB-OH-7")
    assert oh["contracts"][0]["status"] == "terminated"
    assert oh["tender"]["procurementMethodDetails"].startswith("Open house")


def test_het_schema_keurt_af_wat_ocds_niet_toestaat(client, contracten):
    pakket = client.get(URL).json()
    pakket["releases"][0]["tender"]["procurementMethod"] = "aanbesteding"
    del pakket["releases"][0]["initiationType"]
    fouten = sorted(e.message for e in jsonschema.Draft4Validator(SCHEMA).iter_errors(pakket))
    assert fouten == [
        "'aanbesteding' is not one of ['open', 'selective', 'limited', 'direct']",
        "'initiationType' is a required property",
    ]
