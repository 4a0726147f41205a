"""A provider's e-invoice (UBL 2.1, SI-UBL 2.0): an example written from the specification
is taken in as declarations, and an invoice with any defect is refused whole, with the line
and the reason, and nothing stored (issue 25)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from declaraties.efactuur import FactuurFout, factuur_ontvang
from declaraties.models import Declaratie, Factuur
from inkoop.models import Contractregel
from tests.factories import (
    AanbiederFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
)
from tests.factories.efactuur import ubl_factuur

pytestmark = pytest.mark.django_db
URL = "/api/v1/declaraties/efactuur/"


@pytest.fixture
def wereld(eigen_aanbieder):
    eigen_aanbieder.kvk_nummer = "12345678"
    eigen_aanbieder.save()
    contract = ContractFactory(
        aanbieder=eigen_aanbieder,
        startdatum=dt.date(2026, 1, 1),
        einddatum=dt.date(2026, 12, 31),
        plafond=D("100000.00"),
        ordernummer="PO-2026-0042",
    )
    regel = ContractregelFactory(
        contract=contract,
        traject=TrajectFactory(aanbieder=eigen_aanbieder, code="NT2"),
        eenheid=Contractregel.Eenheid.UUR,
        tarief=D("100.00"),
        verwachte_eenheden=D("200"),
        max_eenheden_per_maand=D("40"),
    )

    def inschrijving(nummer, contractregel=regel):
        return InschrijvingFactory(
            client__clientnummer=nummer,
            contractregel=contractregel,
            datum_aanmelding=dt.date(2026, 8, 20),
            startdatum=dt.date(2026, 9, 1),
            tarief=D("100.00"),
            eenheid="uur",
            verwachte_eenheden=D("200"),
        )

    ander = AanbiederFactory(naam="Andere Aanbieder")
    vreemd = ContractregelFactory(
        contract=ContractFactory(aanbieder=ander, ordernummer="PO-ANDER"),
        traject=TrajectFactory(aanbieder=ander),
    )
    return {
        "aanbieder": eigen_aanbieder,
        "a": inschrijving("A1"),
        "b": inschrijving("B1"),
        "vreemd": inschrijving("X1", vreemd),
    }


def twee_regels(w, **kwargs):
    return ubl_factuur(
        regels=[(w["a"].uuid, "2026-10", "30", "100.00"), (w["b"].uuid, "2026-10", "20", "100.00")],
        **kwargs,
    )


def test_een_goede_factuur_wordt_declaraties_van_die_factuur(wereld, aanbieder_gebruiker):
    factuur = factuur_ontvang(
        inhoud=twee_regels(wereld), aanbieder=wereld["aanbieder"], door=aanbieder_gebruiker
    )
    assert (factuur.nummer, factuur.ordernummer, factuur.bedrag, factuur.te_betalen) == (
        "F-2026-001",
        "PO-2026-0042",
        D("5000.00"),
        D("5000.00"),
    )
    regels = Declaratie.objects.order_by("inschrijving__client__clientnummer")
    assert [(d.inschrijving, d.periode, d.eenheden, d.bedrag, d.status) for d in regels] == [
        (wereld["a"], dt.date(2026, 10, 1), D("30"), D("3000.00"), "ingediend"),
        (wereld["b"], dt.date(2026, 10, 1), D("20"), D("2000.00"), "ingediend"),
    ]
    assert {d.factuur for d in regels} == {factuur}
    assert "<cbc:ID>F-2026-001</cbc:ID>" in factuur.xml  # kept for the archive


def fout(w, gebruiker, inhoud):
    with pytest.raises(FactuurFout) as gevangen:
        factuur_ontvang(inhoud=inhoud, aanbieder=w["aanbieder"], door=gebruiker)
    assert not Declaratie.objects.exists() and not Factuur.objects.exists()
    return [(f["regel"], f["melding"]) for f in gevangen.value.fouten]


@pytest.mark.parametrize(
    "maak, regel, verwacht",
    [
        (lambda w: b"dit is geen xml", None, "geen leesbare XML"),
        (lambda w: b'<?xml version="1.0"?><CreditNote xmlns="x"/>', None, "creditnota"),
        (
            lambda w: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
            None,
            "DOCTYPE",
        ),
        (lambda w: twee_regels(w).replace(b"<cbc:IssueDate>", b"<cbc:Note>"), None, "IssueDate"),
        (lambda w: twee_regels(w, order="PO-ONBEKEND"), None, "Order PO-ONBEKEND hoort bij geen"),
        (lambda w: twee_regels(w, kvk="87654321"), None, "KvK-nummer 87654321"),
        (lambda w: twee_regels(w, netto="4999.00"), None, "BR-CO-10"),
        (lambda w: twee_regels(w, te_betalen="5100.00"), None, "BR-CO-16"),
        (
            lambda w: ubl_factuur(regels=[(w["vreemd"].uuid, "2026-10", "1", "100.00")]),
            1,
            "geen inschrijving van Eigen Aanbieder",
        ),
        (
            lambda w: ubl_factuur(
                regels=[
                    (w["a"].uuid, "2026-10", "30", "100.00"),
                    (w["b"].uuid, "2026-10", "50", "100.00"),
                ]
            ),
            2,
            "U02: 50 eenheden in oktober 2026",
        ),
        (
            lambda w: ubl_factuur(
                regels=[
                    (w["a"].uuid, "2026-10", "30", "100.00"),
                    (w["b"].uuid, "2026-10", "20", "90.00"),
                ]
            ),
            2,
            "T01",
        ),
    ],
    ids=[
        "geen-xml",
        "creditnota",
        "doctype",
        "zonder-datum",
        "onbekende-order",
        "andere-kvk",
        "regels-tellen-niet-op",
        "te-betalen-klopt-niet",
        "andermans-inschrijving",
        "te-veel-uren",
        "ander-tarief",
    ],
)
def test_een_factuur_met_een_gebrek_wordt_heel_geweigerd(
    wereld, aanbieder_gebruiker, maak, regel, verwacht
):
    fouten = fout(wereld, aanbieder_gebruiker, maak(wereld))
    assert any(r == regel and verwacht in m for r, m in fouten), fouten


def test_een_factuurnummer_komt_maar_een_keer_binnen(wereld, aanbieder_gebruiker):
    factuur_ontvang(
        inhoud=ubl_factuur(regels=[(wereld["a"].uuid, "2026-10", "30", "100.00")]),
        aanbieder=wereld["aanbieder"],
        door=aanbieder_gebruiker,
    )
    with pytest.raises(FactuurFout) as gevangen:
        factuur_ontvang(
            inhoud=ubl_factuur(regels=[(wereld["b"].uuid, "2026-10", "20", "100.00")]),
            aanbieder=wereld["aanbieder"],
            door=aanbieder_gebruiker,
        )
    assert "al ontvangen" in str(gevangen.value.fouten)
    assert Declaratie.objects.count() == 1


def test_via_de_api_alleen_de_aanbieder_en_een_weigering_noemt_regel_en_reden(
    wereld, api_aanbieder, api_inkoper
):
    def stuur(api, inhoud):
        bestand = SimpleUploadedFile("factuur.xml", inhoud, content_type="application/xml")
        return api.post(URL, {"file": bestand}, format="multipart")

    assert stuur(api_inkoper, twee_regels(wereld)).status_code == 403
    fout = ubl_factuur(
        regels=[
            (wereld["a"].uuid, "2026-10", "30", "100.00"),
            (wereld["b"].uuid, "2026-10", "20", "90.00"),
        ]
    )
    geweigerd = stuur(api_aanbieder, fout)
    assert geweigerd.status_code == 400
    assert geweigerd.json()["fouten"][0]["regel"] == 2
    assert geweigerd.json()["fouten"][0]["melding"].startswith("T01")
    goed = stuur(api_aanbieder, twee_regels(wereld))
    assert (goed.status_code, goed.json()["regels"], goed.json()["nummer"]) == (
        201,
        2,
        "F-2026-001",
    )
