"""The inkoopbehoefte report against figures computed by hand for two routes."""

import datetime as dt
from decimal import Decimal

import pytest

from inkoop.models import Contractregel, Instroomprognose
from rapportages.rapporten import maak_rapport
from registratie.models import Inschrijving
from tests.factories import (
    BudgetFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
    leerroute,
)

pytestmark = pytest.mark.django_db
P = dt.date(2026, 11, 28)  # the window of history is 29-11-2025 t/m 28-11-2026
D = Decimal


def afgerond(start, dagen):
    return {
        "startdatum": start,
        "datum_aanmelding": start,
        "status": Inschrijving.Status.AFGEROND,
        "einddatum": start + dt.timedelta(days=dagen),
        "reden_einde": "volgens_plan",
    }


@pytest.fixture
def wereld():
    b1, z = leerroute("b1"), leerroute("z")
    for route, aantal in ((b1, 6), (z, 4)):  # the observed mix: 60% B1, 40% Z
        ClientFactory.create_batch(aantal, leerroute=route, datum_brede_intake=dt.date(2026, 3, 1))
    werkfit = TrajectFactory(soort="werkfit", routes=["b1"])
    alfa = TrajectFactory(soort="alfabetisering", routes=["z"])
    # B1 werkfit: 10 places at the same time, the contract runs into 2027 for 90 days.
    b1_regel = ContractregelFactory(
        contract=ContractFactory(startdatum=dt.date(2026, 1, 1), einddatum=dt.date(2027, 3, 31)),
        traject=werkfit,
        leerroute=b1,
        capaciteit=10,
        tarief=D("2000.00"),
    )
    # Z alfabetisering: this year's contract, and 12 starts in 2027.
    z_2026 = ContractregelFactory(traject=alfa, leerroute=z, tarief=D("1500.00"), capaciteit=5)
    ContractregelFactory(
        contract=ContractFactory(startdatum=dt.date(2027, 1, 1), einddatum=dt.date(2027, 12, 31)),
        traject=alfa,
        leerroute=z,
        capaciteit=12,
        capaciteitsvorm=Contractregel.Capaciteitsvorm.INSTROOM,
        tarief=D("1500.00"),
    )
    # Three B1 starts in the window, two ended after 100 and 120 days: W = 110.
    InschrijvingFactory(contractregel=b1_regel, **afgerond(dt.date(2026, 1, 10), 100))
    InschrijvingFactory(contractregel=b1_regel, **afgerond(dt.date(2026, 2, 1), 120))
    InschrijvingFactory(
        contractregel=b1_regel, startdatum=dt.date(2026, 9, 1), datum_aanmelding=dt.date(2026, 9, 1)
    )
    # Two Z starts, one ended after 200 days: W = 200. A start before the window counts not.
    InschrijvingFactory(contractregel=z_2026, **afgerond(dt.date(2026, 2, 1), 200))
    InschrijvingFactory(
        contractregel=z_2026, startdatum=dt.date(2026, 10, 1), datum_aanmelding=dt.date(2026, 10, 1)
    )
    InschrijvingFactory(
        contractregel=z_2026,
        startdatum=dt.date(2025, 11, 1),
        datum_aanmelding=dt.date(2025, 11, 1),
    )
    Instroomprognose.objects.create(jaar=2027, halfjaar=1, aantal=100)
    BudgetFactory(jaar=2027, leerroute=b1, bedrag=D("100000.00"))


def rijen(**parameters):
    body = maak_rapport("inkoopbehoefte", peildatum=P, parameters=parameters).als_dict()
    return {r["categorie"]: r for r in body["rijen"]}, body


def test_de_eerste_helft_van_2027_met_de_hand_nagerekend(wereld):
    r, body = rijen()
    b1, z = r["1e halfjaar 2027 – B1-route"], r["1e halfjaar 2027 – Z-route"]
    # B1: 100 x 60% = 60 clients; 3 starts / 6 clients = 0.5 -> 30 starts;
    # L = 30 / 181 days x 110 = 18.23; contracted 10 x 90/181 = 4.97; short 13.26.
    assert (b1["instroom"], b1["aandeel"], b1["verwachte_clienten"]) == (
        D("100.0"),
        D("60.0"),
        D("60.0"),
    )
    assert (b1["verwachte_starts"], b1["plaatsen_nodig"], b1["gecontracteerd"]) == (
        D("30.0"),
        D("18.2"),
        D("5.0"),
    )
    assert (b1["tekort"], b1["bedrag"], b1["budget"]) == (D("13.3"), D("60000.00"), D("50000.00"))
    assert b1["signaal"] == "tekort van 13,3 plaatsen tegelijk"
    # Z: 40 clients x 2/4 = 20 starts; L = 20 / 181 x 200 = 22.10; 12 starts in 2027, 181/365
    # of them in this half: 5.95, held 200 days: 5.95 / 181 x 200 = 6.58; short 15.52.
    assert (z["verwachte_clienten"], z["verwachte_starts"], z["plaatsen_nodig"]) == (
        D("40.0"),
        D("20.0"),
        D("22.1"),
    )
    assert (z["gecontracteerd"], z["tekort"], z["bedrag"]) == (D("6.6"), D("15.5"), D("30000.00"))
    detail = {d["categorie"]: d for d in body["tabellen"]["per_soort"]["rijen"]}
    w = detail["1e halfjaar 2027 – B1-route – werkfit"]
    assert (w["starts_per_client"], w["duur_dagen"]) == (D("0.50"), D("110.0"))


def test_zonder_prognose_de_helft_van_de_waargenomen_instroom(wereld):
    r, _ = rijen()
    later = r["2e halfjaar 2027 – B1-route"]
    # 10 clients got a route in the last 12 months: 5 per half-year, 60% of them B1.
    assert (later["instroom"], later["verwachte_clienten"]) == (D("5.0"), D("3.0"))
    assert later["bron"] == "geschat uit de afgelopen 12 maanden"
    # After March 2027 nothing is contracted for B1 any more.
    assert r["1e halfjaar 2028 – B1-route"]["gecontracteerd"] == D("0.0")


def test_de_inkoper_kan_de_routemix_opgeven(wereld):
    r, body = rijen(mix_b1=D("50"), mix_z=D("50"))
    assert r["1e halfjaar 2027 – B1-route"]["verwachte_starts"] == D("25.0")
    assert r["1e halfjaar 2027 – Z-route"]["verwachte_starts"] == D("25.0")
    assert "(opgegeven)" in body["toelichting"]


def test_een_prognose_voor_een_voorbij_halfjaar_is_een_waarschuwing(api_inkoper):
    antwoord = api_inkoper.post(
        "/api/v1/instroomprognoses/", {"jaar": 2020, "halfjaar": 2, "aantal": 40}, format="json"
    )
    assert antwoord.status_code == 201
    assert "al voorbij" in antwoord.json()["waarschuwing"]
    dubbel = api_inkoper.post(
        "/api/v1/instroomprognoses/", {"jaar": 2020, "halfjaar": 2, "aantal": 41}, format="json"
    )
    assert dubbel.status_code == 400
    assert "al een prognose voor dit halfjaar" in str(dubbel.json())
    fout = api_inkoper.post(
        "/api/v1/instroomprognoses/", {"jaar": 2027, "halfjaar": 3, "aantal": 4}, format="json"
    )
    assert fout.status_code == 400
