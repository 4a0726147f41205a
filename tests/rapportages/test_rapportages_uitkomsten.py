"""Every report against the hand-built world of conftest.py; expected figures by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from rapportages.rapporten import maak_rapport
from tests.rapportages.conftest import P


def rapport(naam, **kw):
    return maak_rapport(naam, peildatum=kw.pop("peildatum", P), **kw).als_dict()


def per(rijen, sleutel="code"):
    return {r[sleutel]: r for r in rijen}


def test_populatie(wereld):
    r = per(rapport("populatie")["rijen"])
    # c1 flowed out exactly on the peildatum: counted as flowed out; c9 the day after: not.
    assert {k: (v["aantal"], v["percentage"]) for k, v in r.items()} == {
        "begeleid_naar_werk": (2, 25.0),
        "begeleid_naar_onderwijs": (1, 12.5),
        "uitstroom_overig": (1, 12.5),
        "in_begeleiding": (2, 25.0),
        "in_beeld": (2, 25.0),
        "totaal": (8, 100.0),
    }


def test_populatie_een_dag_later(wereld):
    r = per(rapport("populatie", peildatum=P + dt.timedelta(days=1))["rijen"])
    assert r["begeleid_naar_werk"]["aantal"] == 3  # c9 now
    assert r["in_begeleiding"]["aantal"] == 1  # only c5, who came back after dropping out


def test_uitstroomredenen(wereld):
    r = per(rapport("uitstroomredenen", van=dt.date(2026, 1, 1), tot=P)["rijen"])
    for code in ("voltijd_baan", "deeltijd_baan", "opleiding", "overig"):
        assert (r[code]["aantal"], r[code]["percentage"]) == (1, 25.0)
    assert (r["overig.verhuisd"]["aantal"], r["overig.verhuisd"]["niveau"]) == (1, 2)
    assert r["overig.aow"]["aantal"] == 0
    assert r["totaal"]["aantal"] == 4


def test_uitstroomredenen_lege_periode(wereld):
    rijen = rapport("uitstroomredenen", van=dt.date(2025, 1, 1), tot=dt.date(2025, 12, 31))["rijen"]
    assert all(r["aantal"] == 0 and r["percentage"] == 0.0 for r in rijen)


def test_interventies_tellen_een_teruggekeerde_client_een_keer(wereld):
    body = rapport("interventies")
    assert body["begeleid"] == 6
    r = per(body["rijen"])
    assert (
        r["T1"]["aantal"],
        r["T1"]["percentage"],
        r["T1"]["werkt"],
        r["T1"]["percentage_werkt"],
    ) == (2, 33.3, 1, 50.0)
    assert (r["T2"]["aantal"], r["T2"]["percentage"], r["T2"]["werkt"]) == (1, 16.7, 1)


def test_werkgeversprojecten(wereld):
    [rij] = [r for r in rapport("werkgeversprojecten")["rijen"] if r["aantal"] or r["deelnemers"]]
    assert (
        rij["categorie"],
        rij["deelnemers"],
        rij["aantal"],
        rij["percentage"],
        rij["voltijd"],
        rij["deeltijd"],
        rij["met_wgt"],
    ) == ("Werkgever W", 1, 1, 100.0, 1, 0, 1)


def test_bemiddeling(wereld):
    body = rapport("bemiddeling")
    assert body["totaal"] == 2
    r = {
        (x["dimensie"], x["code"]): (x["aantal"], x["percentage"], x["met_wgt"])
        for x in body["rijen"]
    }
    assert r[("Dienstverband", "fulltime")] == (1, 50.0, 1)
    assert r[("Dienstverband", "parttime")] == (1, 50.0, 0)
    assert r[("Type bemiddeling", "project")] == (1, 50.0, 1)
    assert r[("Type bemiddeling", "social_return")] == (0, 0.0, 0)
    assert r[("Sector", "logistiek")] == (1, 50.0, 1)
    assert r[("Sector", "zorg")] == (1, 50.0, 0)
    assert r[("WGT", "wgt")] == (1, 50.0, 1)


def test_caseload_per_jaar_en_per_specialist(wereld):
    body = rapport("caseload")
    jaren = {
        r["jaar"]: (r["overgenomen"], r["instroom"], r["aantal"], r["uitstroom"], r["resterend"])
        for r in body["rijen"]
        if r["aantal"] is not None
    }
    assert jaren == {2025: (0, 1, 1, 0, 1), 2026: (1, 5, 6, 4, 2)}
    assert body["rijen"][-1]["categorie"] == "2027 (geschat)"  # next year, no prognosis
    [s] = body["tabellen"]["per_specialist"]["rijen"]
    assert (s["specialist"], s["aantal"], s["norm"], s["percentage_norm"], s["signaal"]) == (
        "t-specialist",
        2,
        100,
        2.0,
        "",
    )
    klein = rapport("caseload", parameters={"norm": 1})["tabellen"]["per_specialist"]["rijen"]
    assert klein[0]["signaal"] == "boven de norm"


def test_volumes_met_z_route_tekort(wereld):
    r = per(rapport("volumes")["rijen"])
    b1, z = r["b1"], r["z"]
    # Werkfit's 4 places at once: c5's second enrolment holds one (c1 completed, c5's
    # first dropped out); no starts were bought in the B1-route.
    assert (b1["clienten"], b1["plaatsen_tegelijk"], b1["tegelijk_bezet"], b1["vrij"]) == (
        3,
        4,
        1,
        3,
    )
    assert (b1["starts"], b1["starts_gebruikt"]) == (0, 0)
    assert (b1["vraag"], b1["lopend"], b1["wachtend"], b1["wacht_mediaan"]) == (1, 1, 0, None)
    assert (b1["beschikbaar"], b1["dekking"]) == (4, 400.0)  # 1 running + 3 free, for 1
    # Three enrolments of 1,000 registered in 2026 (the dropout's trajectprijs can still be
    # declared per unit); nothing declared, so nothing spent.
    assert (b1["budget"], b1["verplicht"], b1["besteed"]) == (
        Decimal("50000.00"),
        Decimal("3000.00"),
        Decimal("0.00"),
    )
    assert b1["signaal"] == ""
    assert (z["clienten"], z["plaatsen_tegelijk"], z["starts"], z["signaal"]) == (
        1,
        0,
        0,
        "clienten zonder ingekochte plaatsen",
    )
    assert r["onderwijs"]["signaal"] == ""
    assert r[""]["plaatsen_tegelijk"] == 10  # the route-free project


def test_contracten(wereld):
    rijen = rapport("contracten")["rijen"]
    c1 = next(r for r in rijen if r["contract"] == "C1" and r["niveau"] == "contract")
    assert (
        c1["plafond"],
        c1["verplicht"],
        c1["ruimte_onder_plafond"],
        c1["bezet"],
        c1["bezettingsgraad"],
        c1["dagen_resterend"],
    ) == (Decimal("10000.00"), Decimal("3000.00"), Decimal("7000.00"), 1, 25.0, 184)
    r1 = next(r for r in rijen if r["contract"] == "C1" and r["niveau"] == "regel")
    assert (
        r1["bezet"],
        r1["vrij"],
        r1["clienten"],
        r1["uren_aangeboden"],
        r1["uren_gevolgd"],
        r1["percentage_gevolgd"],
        r1["verzuim_ongeoorloofd"],
    ) == (1, 3, 2, Decimal("100.00"), Decimal("86.00"), 86.0, Decimal("7.00"))
    r2 = next(r for r in rijen if r["contract"] == "C2" and r["niveau"] == "regel")
    assert (r2["bezet"], r2["verplicht"]) == (0, Decimal("500.00"))  # ended on the peildatum


def test_kosten_baten(wereld):
    r = per(rapport("kosten-baten")["rijen"])
    assert r["ingekochte_trajecten"]["bedrag"] == Decimal("3500.00")
    assert r["vergoeding"]["bedrag"] == Decimal("-20000.00")
    # 100,000 formatie + 5,000 advies + 3,500 trajecten - 20,000 vergoeding; the subsidy is
    # shown, not subtracted.
    assert r["programmakosten"]["bedrag"] == Decimal("88500.00")
    assert r["subsidie"]["bedrag"] == Decimal("30000.00")
    # Inflow: c1-c5 began guidance in 2026 up to the peildatum (c7 in July, c9 in 2025).
    assert r["instroom"]["aantal"] == 5
    assert r["kosten_per_client"]["bedrag"] == Decimal("17700.00")
    assert r["uitkeringslasten_instroom"]["bedrag"] == Decimal("84000.00")
    assert (r["uitstroom_voltijd"]["aantal"], r["uitstroom_deeltijd"]["aantal"]) == (1, 1)
    assert r["besparing"]["bedrag"] == Decimal("25200.00")
    assert r["saldo"]["bedrag"] == Decimal("-63300.00")


def test_kosten_baten_met_eigen_parameters(wereld):
    r = per(
        rapport(
            "kosten-baten", parameters={"uitkering_per_jaar": "20000", "deeltijd_factor": "0.25"}
        )["rijen"]
    )
    assert r["besparing"]["bedrag"] == Decimal("25000.00")


def test_wachttijden(wereld):
    r = per(rapport("wachttijden")["rijen"])
    assert (
        r["huisvesting_intake"]["aantal"],
        r["huisvesting_intake"]["mediaan"],
        r["huisvesting_intake"]["p80"],
    ) == (5, 30.0, 42.0)
    assert (r["intake_voortraject"]["mediaan"], r["intake_voortraject"]["p80"]) == (14.0, 18.2)
    assert (
        r["aanmelding_start.werkfit"]["aantal"],
        r["aanmelding_start.werkfit"]["mediaan"],
        r["aanmelding_start.werkfit"]["p80"],
    ) == (3, 11.0, 11.6)
    assert r["aanmelding_start.werkgeversproject"]["mediaan"] == 7.0


def test_wachttijden_lege_periode(wereld):
    rijen = rapport("wachttijden", van=dt.date(2020, 1, 1), tot=dt.date(2020, 12, 31))["rijen"]
    assert all(r["aantal"] == 0 and r["mediaan"] is None for r in rijen)


def test_termijnen(wereld):
    body = rapport("termijnen")
    r = per(body["rijen"])
    assert (r["pip"]["aantal"], r["pip"]["op_tijd"], r["pip"]["percentage"]) == (7, 1, 14.3)
    assert (r["ontzorgen"]["aantal"], r["ontzorgen"]["percentage"]) == (0, 0.0)
    te_laat = [x["clientnummer"] for x in body["tabellen"]["pip"]["rijen"]]
    assert te_laat == ["c5", "c6"]


def test_voortgang_tussen_eerste_en_laatste_rapportage(wereld):
    [rij] = rapport("voortgang")["rijen"]  # c1 has one report, so only c5's enrolment counts
    assert (
        rij["categorie"],
        rij["aantal"],
        rij["trede_begin"],
        rij["trede_eind"],
        rij["trede_verschil"],
        rij["percentage_gestegen"],
        rij["percentage_taal_gestegen"],
    ) == ("Werkfit", 1, 1.0, 3.0, 2.0, 100.0, 100.0)


@pytest.mark.parametrize(
    "naam",
    [
        "populatie",
        "caseload",
        "volumes",
        "kosten-baten",
        "termijnen",
        "voortgang",
        "contracten",
        "interventies",
    ],
)
def test_leeg_register_geeft_nullen_geen_fout(db, naam):
    body = rapport(naam)
    assert isinstance(body["rijen"], list)
    getallen = [
        w
        for r in body["rijen"]
        for k, w in r.items()
        if k != "jaar" and isinstance(w, int | float | Decimal) and not isinstance(w, bool)
    ]
    assert all(w == 0 for w in getallen), getallen


def test_wie_te_laat_is_alleen_voor_wie_dossiers_ziet(wereld, inkoper, specialist):
    from registratie.models import Client

    Client.objects.update(datum_pip=None)  # every PIP overdue
    voor_specialist = maak_rapport("termijnen", user=specialist, peildatum=P).als_dict()
    assert voor_specialist["tabellen"]["pip"]["rijen"]
    voor_inkoper = maak_rapport("termijnen", user=inkoper, peildatum=P).als_dict()
    assert voor_inkoper["tabellen"] == {}
    assert [r["aantal"] for r in voor_inkoper["rijen"]] == [
        r["aantal"] for r in voor_specialist["rijen"]
    ]
