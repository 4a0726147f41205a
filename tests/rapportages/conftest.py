"""A small, hand-built world whose report figures are computed by hand in the tests.

Peildatum 30-06-2026. Clients (all with leerroute b1 unless said otherwise):
  c1  intake 10-01, R1 02-01..15-06 afgerond, project R2 01-05..30-06, outflow voltijd ON the
      peildatum (fulltime, project, logistiek, WGT, werkgeversproject T2)
  c2  intake 15-01, outflow deeltijd 01-05 (parttime, regulier, zorg, no WGT)
  c3  intake 01-02, outflow opleiding 01-04
  c4  intake 10-02, outflow overig/verhuisd 01-03
  c5  intake 01-03, R1 10-03..01-04 dropped out, R1 again from 01-05 (re-entry), running
  c6  no intake, leerroute z                                   -> in beeld
  c7  registered 01-06, intake 15-07 (after the peildatum)      -> in beeld
  c8  registered 01-08 (after the peildatum)                    -> not known yet
  c9  intake 01-11-2025, outflow voltijd 01-07 (the day after)  -> in begeleiding
"""

import datetime as dt
from decimal import Decimal

import pytest

from registratie.models import Client
from tests.factories import (
    AanbiederFactory,
    BudgetFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    KostenpostFactory,
    TrajectFactory,
    VoortgangsrapportageFactory,
    leerroute,
)

P = dt.date(2026, 6, 30)
D = dt.date


@pytest.fixture
def wereld(db, specialist):
    a = AanbiederFactory(naam="Aanbieder A")
    w = AanbiederFactory(
        naam="Werkgever W", soort="werkgever", keurmerk_status="geen", keurmerk_geldig_tot=None
    )
    t1 = TrajectFactory(aanbieder=a, code="T1", naam="Werkfit", soort="werkfit", routes=["b1"])
    t2 = TrajectFactory(
        aanbieder=w, code="T2", naam="Project W", soort="werkgeversproject", routes=[]
    )
    c1_contract = ContractFactory(aanbieder=a, kenmerk="C1", plafond=Decimal("10000.00"))
    r1 = ContractregelFactory(
        contract=c1_contract, traject=t1, tarief=Decimal("1000.00"), capaciteit=4
    )
    r2 = ContractregelFactory(
        contract=ContractFactory(aanbieder=w, kenmerk="C2"),
        traject=t2,
        leerroute=None,
        tarief=Decimal("500.00"),
        capaciteit=10,
    )

    def client(nummer, **kw):
        kw.setdefault("datum_inschrijving_gemeente", D(2026, 1, 2))
        return ClientFactory(clientnummer=nummer, **kw)

    c = {}
    c["c1"] = client(
        "c1",
        datum_huisvesting=D(2025, 12, 31),
        datum_brede_intake=D(2026, 1, 10),
        datum_start_voortraject=D(2026, 1, 17),
        datum_pip=D(2026, 3, 1),
        uitstroom_datum=P,
        uitstroom_reden="voltijd_baan",
        dienstverband="fulltime",
        type_bemiddeling="project",
        sector="logistiek",
        wgt_betrokken=True,
        werkgeversproject=t2,
        status="nazorg",
    )
    c["c2"] = client(
        "c2",
        datum_huisvesting=D(2025, 12, 26),
        datum_brede_intake=D(2026, 1, 15),
        datum_start_voortraject=D(2026, 2, 5),
        datum_pip=D(2026, 4, 1),
        uitstroom_datum=D(2026, 5, 1),
        uitstroom_reden="deeltijd_baan",
        dienstverband="parttime",
        type_bemiddeling="regulier",
        sector="zorg",
        status="nazorg",
    )
    c["c3"] = client(
        "c3",
        datum_huisvesting=D(2026, 1, 2),
        datum_brede_intake=D(2026, 2, 1),
        uitstroom_datum=D(2026, 4, 1),
        uitstroom_reden="opleiding",
        status="nazorg",
    )
    c["c4"] = client(
        "c4",
        datum_huisvesting=D(2026, 1, 1),
        datum_brede_intake=D(2026, 2, 10),
        uitstroom_datum=D(2026, 3, 1),
        uitstroom_reden="overig",
        uitstroom_subreden="verhuisd",
        status="uitgestroomd",
    )
    c["c5"] = client(
        "c5",
        datum_huisvesting=D(2026, 1, 10),
        datum_brede_intake=D(2026, 3, 1),
        specialist=specialist,
    )
    c["c6"] = client("c6", leerroute=leerroute("z"), status="in_beeld")
    c["c7"] = client(
        "c7", datum_inschrijving_gemeente=D(2026, 6, 1), datum_brede_intake=D(2026, 7, 15)
    )
    c["c8"] = client("c8", datum_inschrijving_gemeente=D(2026, 8, 1))
    c["c9"] = client(
        "c9",
        datum_inschrijving_gemeente=D(2025, 10, 1),
        datum_brede_intake=D(2025, 11, 1),
        uitstroom_datum=D(2026, 7, 1),
        uitstroom_reden="voltijd_baan",
        dienstverband="fulltime",
        specialist=specialist,
        status="nazorg",
    )

    inschrijvingen = {
        "c1_r1": InschrijvingFactory(
            client=c["c1"],
            contractregel=r1,
            status="afgerond",
            datum_aanmelding=D(2026, 1, 20),
            startdatum=D(2026, 2, 1),
            einddatum=D(2026, 6, 15),
            reden_einde="volgens_plan",
        ),
        "c1_r2": InschrijvingFactory(
            client=c["c1"],
            contractregel=r2,
            status="afgerond",
            datum_aanmelding=D(2026, 4, 24),
            startdatum=D(2026, 5, 1),
            einddatum=P,
            reden_einde="werk",
        ),
        "c5_uitval": InschrijvingFactory(
            client=c["c5"],
            contractregel=r1,
            status="voortijdig_beeindigd",
            datum_aanmelding=D(2026, 3, 1),
            startdatum=D(2026, 3, 10),
            einddatum=D(2026, 4, 1),
            reden_einde="voortijdig_client",
        ),
        "c5_terug": InschrijvingFactory(
            client=c["c5"],
            contractregel=r1,
            status="gestart",
            datum_aanmelding=D(2026, 4, 20),
            startdatum=D(2026, 5, 1),
        ),
    }
    ins = inschrijvingen
    VoortgangsrapportageFactory(
        inschrijving=ins["c1_r1"],
        peildatum=D(2026, 3, 31),
        uren_aangeboden=20,
        uren_gevolgd=20,
        participatieladder=2,
        taalniveau="A1",
    )
    VoortgangsrapportageFactory(
        inschrijving=ins["c5_terug"],
        peildatum=D(2026, 5, 31),
        uren_aangeboden=40,
        uren_gevolgd=30,
        verzuim_ongeoorloofd=5,
        participatieladder=1,
        taalniveau="A0",
    )
    VoortgangsrapportageFactory(
        inschrijving=ins["c5_terug"],
        peildatum=P,
        uren_aangeboden=40,
        uren_gevolgd=36,
        verzuim_ongeoorloofd=2,
        participatieladder=3,
        taalniveau="A1",
    )
    # After the peildatum: must not count.
    Client.objects.filter(pk=c["c5"].pk).update(taalniveau="A0")
    VoortgangsrapportageFactory(
        inschrijving=ins["c5_terug"],
        peildatum=D(2026, 7, 31),
        uren_aangeboden=999,
        uren_gevolgd=999,
        participatieladder=6,
    )

    BudgetFactory(jaar=2026, leerroute=leerroute("b1"), bedrag=Decimal("50000.00"))
    KostenpostFactory(jaar=2026, soort="formatie", bedrag=Decimal("100000.00"))
    KostenpostFactory(jaar=2026, soort="advies", bedrag=Decimal("5000.00"))
    KostenpostFactory(jaar=2026, soort="vergoeding", bedrag=Decimal("20000.00"))
    KostenpostFactory(jaar=2026, soort="subsidie", bedrag=Decimal("30000.00"))
    KostenpostFactory(jaar=2025, soort="formatie", bedrag=Decimal("999.00"))
    return {"clienten": c, "inschrijvingen": ins, "r1": r1, "r2": r2, "aanbieder": a}
