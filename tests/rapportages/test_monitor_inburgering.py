"""The national indicators per cohort, against a small world computed by hand, and the sixth
population category from a reference list."""

import datetime as dt
import io

import openpyxl
import pytest
import tablib

from rapportages.rapporten import maak_rapport
from registratie.examens import examen_registreer, module_registreer
from registratie.inburgering import nazorgcontact_registreer, pip_vastleggen
from registratie.referentie import referentielijst_importeer
from tests.factories import ClientFactory, leerroute

pytestmark = pytest.mark.django_db
PEIL = dt.date(2026, 6, 1)


def plicht(regime="wi2021"):
    return {
        "plicht_regime": regime,
        "plicht_status": "plichtig",
        "plicht_status_datum": dt.date(2024, 1, 1),
        "plicht_bron": "duo",
    }


@pytest.fixture
def wereld(specialist):
    # A (2024): PIP on time in the B1-route, switched to the Z-route, completes it.
    a = ClientFactory(
        datum_inschrijving_gemeente=dt.date(2024, 1, 10),  # PIP due 20-03-2024
        datum_pip=dt.date(2024, 3, 1),
        leerroute=leerroute("b1"),
        **plicht(),
    )
    pip_vastleggen(
        client=a,
        datum=dt.date(2024, 9, 1),
        leerroute=leerroute("z"),
        reden="schakelen",
        door=specialist,
    )
    for soort, datum in (
        ("knm", dt.date(2025, 1, 1)),
        ("map", dt.date(2025, 2, 1)),
        ("pvt", dt.date(2025, 3, 1)),
        ("z_route", dt.date(2026, 3, 1)),
    ):
        module_registreer(client=a, soort=soort, afgerond_op=datum, door=specialist)
    # B (2024): PIP late, afgeschaald to A2, passed reading at A2; KNM after the peildatum.
    b = ClientFactory(
        datum_inschrijving_gemeente=dt.date(2024, 2, 1),  # due 11-04-2024
        datum_pip=dt.date(2024, 5, 1),
        leerroute=leerroute("b1"),
        **plicht(),
    )
    pip_vastleggen(
        client=b,
        datum=dt.date(2025, 1, 1),
        leerroute=leerroute("b1"),
        taaldoel="A2",
        reden="afschalen",
        door=specialist,
    )
    examen_registreer(
        client=b,
        onderdeel="lezen",
        datum=dt.date(2025, 2, 1),
        niveau="A2",
        behaald=True,
        door=specialist,
    )
    examen_registreer(
        client=b, onderdeel="knm", datum=dt.date(2026, 7, 1), behaald=True, door=specialist
    )
    # C (2024): no PIP; to work on 31-01-2025; working at 6 months, not at 12.
    c = ClientFactory(
        datum_inschrijving_gemeente=dt.date(2024, 6, 1),
        leerroute=None,
        uitstroom_datum=dt.date(2025, 1, 31),
        uitstroom_reden="voltijd_baan",
        status="afgesloten",
    )
    nazorgcontact_registreer(
        client=c, datum=dt.date(2025, 7, 1), soort="gesprek", werkt_nog=False, door=specialist
    )  # before 6 months: does not count
    nazorgcontact_registreer(
        client=c, datum=dt.date(2025, 8, 15), soort="gesprek", werkt_nog=True, door=specialist
    )
    nazorgcontact_registreer(
        client=c, datum=dt.date(2026, 2, 10), soort="werkgever", werkt_nog=False, door=specialist
    )
    # D (2025): PIP on time, onderwijsroute.
    ClientFactory(
        datum_inschrijving_gemeente=dt.date(2025, 3, 1),
        datum_pip=dt.date(2025, 4, 1),
        leerroute=leerroute("onderwijs"),
        **plicht(),
    )
    # E (2021, Wi2013): no PIP, the term ended 01-05-2024 without the plicht met.
    ClientFactory(
        datum_inschrijving_gemeente=dt.date(2021, 5, 1),
        leerroute=None,
        plicht_sinds=dt.date(2021, 5, 1),
        **plicht("wi2013"),
    )


def test_monitor_per_cohort(wereld):
    rapport = maak_rapport("monitor", peildatum=PEIL)
    assert [k[0] for k in rapport.kolommen] == ["categorie", "2021", "2024", "2025", "totaal"]
    rijen = {r["code"]: [r["2021"], r["2024"], r["2025"], r["totaal"]] for r in rapport.rijen}
    assert rijen["clienten"] == [1, 3, 1, 5]
    assert rijen["pip_beoordeeld"] == [1, 3, 1, 5]
    assert rijen["pip_op_tijd"] == [0, 1, 1, 2]
    assert rijen["pct_pip_op_tijd"] == [0.0, 33.3, 100.0, 40.0]
    assert rijen["route_b1"] == [0, 1, 0, 1]  # B; A switched away
    assert rijen["route_z"] == [0, 1, 0, 1]
    assert rijen["route_onderwijs"] == [0, 0, 1, 1]
    assert rijen["route_geen"] == [1, 1, 0, 2]
    assert rijen["geschakeld"] == [0, 1, 0, 1]
    assert rijen["afgeschaald"] == [0, 1, 0, 1]
    assert rijen["module_knm"] == rijen["module_map"] == rijen["module_pvt"] == [0, 1, 0, 1]
    assert rijen["examen_lezen"] == [0, 1, 0, 1]
    assert rijen["examen_knm"] == [0, 0, 0, 0]  # after the peildatum
    assert rijen["voldaan"] == [0, 1, 0, 1]  # A, on 01-03-2026
    assert rijen["termijn_beoordeeld"] == [1, 1, 0, 2]  # E's term ended; A fulfilled
    assert rijen["binnen_termijn"] == [0, 1, 0, 1]
    assert rijen["pct_binnen_termijn"] == [0.0, 100.0, None, 50.0]  # 2025: nobody yet
    assert rijen["bekend_6"] == [0, 1, 0, 1]
    assert rijen["pct_werkt_6"] == [None, 100.0, None, 100.0]
    assert rijen["bekend_12"] == [0, 1, 0, 1]
    assert rijen["pct_werkt_12"] == [None, 0.0, None, 0.0]


def test_monitor_op_een_eerdere_peildatum(wereld):
    """On 01-06-2024 A has not switched yet, C registered that day, nobody has an exam."""
    rijen = {
        r["code"]: r["totaal"] for r in maak_rapport("monitor", peildatum=dt.date(2024, 6, 1)).rijen
    }
    assert (rijen["clienten"], rijen["route_b1"], rijen["geschakeld"]) == (4, 2, 0)
    assert rijen["examen_lezen"] == rijen["voldaan"] == 0
    assert rijen["termijn_beoordeeld"] == 1  # E's term ended 01-05-2024


def test_monitor_als_excel(wereld, inkoper):
    from rapportages.bestanden import als_xlsx

    rapport = maak_rapport("monitor", peildatum=PEIL, user=inkoper)
    werkboek = als_xlsx(rapport.als_dict())
    assert werkboek[:2] == b"PK"
    blad = openpyxl.load_workbook(io.BytesIO(werkboek))["monitor"]
    rijen = {r[0]: r[1:] for r in blad.iter_rows(values_only=True)}
    assert rijen["Indicator"] == ("2021", "2024", "2025", "Totaal")
    # A percentage row among counts is a percentage in Excel too (it read "33" as a count).
    assert rijen["PIP binnen 10 weken (%)"] == (0, 0.333, 1, 0.4)
    rij = next(r for r in blad.iter_rows() if r[0].value == "PIP binnen 10 weken (%)")
    assert {c.number_format for c in rij[1:]} == {"0.0%"}
    rij = next(r for r in blad.iter_rows() if r[0].value == "PIP binnen 10 weken")
    assert {c.number_format for c in rij[1:]} == {"#,##0"}


def test_niet_in_beeld_maakt_de_zesde_categorie(wereld, specialist):
    ClientFactory(clientnummer="R-1", datum_inschrijving_gemeente=dt.date(2025, 1, 1))
    zonder = {r["code"] for r in maak_rapport("populatie", peildatum=PEIL).rijen}
    assert "niet_in_beeld" not in zonder
    data = tablib.Dataset(headers=["BSN", "Clientnummer"])
    data.append(["111222333", ""])  # not in the register
    data.append(["", "R-1"])  # in the register
    data.append(["123456782", ""])  # not in the register
    uitkomst, lijst = referentielijst_importeer(
        data, peildatum=dt.date(2026, 5, 1), bron="duo", bestandsnaam="duo.csv", door=specialist
    )
    assert uitkomst.geslaagd and (uitkomst.nieuw, uitkomst.ongewijzigd) == (3, 1)
    rijen = {r["code"]: r for r in maak_rapport("populatie", peildatum=PEIL).rijen}
    assert rijen["niet_in_beeld"]["aantal"] == 2
    assert rijen["totaal"]["aantal"] == 6 + 2  # five clients in the world, R-1, and two
    # Before the list's peildatum there is no sixth category.
    eerder = {r["code"] for r in maak_rapport("populatie", peildatum=dt.date(2026, 4, 1)).rijen}
    assert "niet_in_beeld" not in eerder


def test_referentielijst_alles_of_niets(specialist):
    data = tablib.Dataset(headers=["bsn"])
    data.append(["111222333"])
    data.append(["123456789"])  # fails the elfproef
    data.append(["111222333"])  # twice
    data.append([""])  # an empty row is skipped
    uitkomst, lijst = referentielijst_importeer(
        data, peildatum=PEIL, bron="brp", bestandsnaam="brp.xlsx", door=specialist
    )
    assert lijst is None
    assert [(f["rij"], f["kolom"]) for f in uitkomst.fouten] == [(3, "bsn"), (4, "bsn")]
    assert "rij 2" in uitkomst.fouten[1]["melding"]
    from registratie.models import Referentielijst

    assert not Referentielijst.objects.exists()
