"""The PIP as dated decisions: the first fixes the term, the latest gives the route; a switch,
an afschaling and a late switch each say why, on every path."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kern.models import Auditregel
from registratie.inburgering import pip_vastleggen, termijn_verleng
from registratie.models import Client, PipVersie
from tests.factories import ClientFactory, leerroute

pytestmark = pytest.mark.django_db
EERSTE = dt.date(2024, 3, 1)


@pytest.fixture
def client_met_pip():
    return ClientFactory(datum_pip=EERSTE, leerroute=leerroute("b1"))


def test_de_eerste_pip_datum_wordt_de_eerste_versie(client_met_pip):
    (versie,) = client_met_pip.pip_versies.all()
    assert (versie.volgnummer, versie.datum, versie.leerroute_id, versie.taaldoel) == (
        1,
        EERSTE,
        "b1",
        "B1",
    )
    assert versie.reden == PipVersie.Reden.INITIEEL
    client_met_pip.refresh_from_db()
    assert client_met_pip.termijn_start == EERSTE
    assert client_met_pip.termijn_eind == dt.date(2027, 3, 1)  # 3 years
    assert client_met_pip.schakelen_uiterlijk == dt.date(2025, 9, 1)  # 18 months


def test_de_eerste_pip_datum_verschuift_niet_via_de_api(client_met_pip, api_specialist):
    response = api_specialist.patch(
        f"/api/v1/clienten/{client_met_pip.uuid}/", {"datum_pip": "2024-05-01"}, format="json"
    )
    assert response.status_code == 400
    assert "01-03-2024" in response.json()["datum_pip"][0]
    client_met_pip.refresh_from_db()
    assert client_met_pip.datum_pip == EERSTE
    assert client_met_pip.termijn_eind == dt.date(2027, 3, 1)


def test_de_leerroute_wisselt_niet_via_de_api(client_met_pip, api_specialist):
    response = api_specialist.patch(
        f"/api/v1/clienten/{client_met_pip.uuid}/", {"leerroute": "z"}, format="json"
    )
    assert response.status_code == 400
    assert "PIP-versie" in response.json()["leerroute"][0]


def test_schakelen_binnen_18_maanden(client_met_pip, specialist):
    versie = pip_vastleggen(
        client=client_met_pip,
        datum=dt.date(2025, 9, 1),  # the last day of the 18 months
        leerroute=leerroute("z"),
        reden="schakelen",
        door=specialist,
    )
    assert versie.volgnummer == 2 and not versie.na_schakeltermijn
    client_met_pip.refresh_from_db()
    assert client_met_pip.leerroute_id == "z"
    assert client_met_pip.datum_pip == EERSTE  # the term does not move


def test_na_18_maanden_schakelt_alleen_de_onderwijsroute_en_dat_wordt_vastgelegd(
    client_met_pip, specialist
):
    """Art. 15 Wi2021 and the Besluit: B1 to Z after 18 months is refused, with or without a
    motivation; the onderwijsroute may still go to the B1-route, recorded as such."""
    with pytest.raises(ValidationError) as fout:
        pip_vastleggen(
            client=client_met_pip,
            datum=dt.date(2025, 9, 2),
            leerroute=leerroute("z"),
            reden="schakelen",
            toelichting="Leerbaarheid blijkt na twee toetsen te laag voor B1.",
            door=specialist,
        )
    assert "01-09-2025" in fout.value.message_dict["leerroute"][0]
    assert client_met_pip.pip_versies.count() == 1
    onderwijs = pip_vastleggen(
        client=client_met_pip,
        datum=dt.date(2025, 6, 1),
        leerroute=leerroute("onderwijs"),
        reden="schakelen",
        door=specialist,
    )
    assert not onderwijs.na_schakeltermijn and onderwijs.map is False
    versie = pip_vastleggen(
        client=client_met_pip,
        datum=dt.date(2025, 9, 2),
        leerroute=leerroute("b1"),
        reden="schakelen",
        door=specialist,
    )
    assert versie.na_schakeltermijn
    regel = Auditregel.objects.get(model="registratie.pipversie", object_uuid=versie.uuid)
    assert regel.gegevens["na_18_maanden"] is True


@pytest.mark.parametrize(
    ("route", "taaldoel", "reden", "veld", "tekst"),
    [
        ("z", "", "overig", "reden", "schakelen"),  # another route is a switch
        ("b1", "B1", "schakelen", "leerroute", "volgt al"),  # a switch to the same route
        ("b1", "A2", "overig", "reden", "afschalen"),  # a lower goal is afschalen
        ("b1", "B1", "afschalen", "afgeschaald", "Kies de examenonderdelen"),  # lowers nothing
        ("b1", "B1", "initieel", "reden", "ligt vast"),  # a second first PIP
        ("b1", "B1", "overig", "toelichting", "Beschrijf"),  # another change says what
    ],
)
def test_een_nieuwe_versie_zegt_waarom_ze_anders_is(
    client_met_pip, specialist, route, taaldoel, reden, veld, tekst
):
    with pytest.raises(ValidationError) as fout:
        pip_vastleggen(
            client=client_met_pip,
            datum=dt.date(2024, 6, 1),
            leerroute=leerroute(route),
            taaldoel=taaldoel,
            reden=reden,
            door=specialist,
        )
    assert tekst in fout.value.message_dict[veld][0]
    assert client_met_pip.pip_versies.count() == 1


def test_afschalen_b1_naar_a2(client_met_pip, specialist):
    versie = pip_vastleggen(
        client=client_met_pip,
        datum=dt.date(2025, 1, 10),
        leerroute=leerroute("b1"),
        taaldoel="A2",
        reden="afschalen",
        door=specialist,
    )
    assert versie.reden == "afschalen"
    assert Client.objects.get(pk=client_met_pip.pk).leerroute_id == "b1"


def test_een_besluit_ligt_niet_voor_het_vorige(client_met_pip, specialist):
    with pytest.raises(ValidationError) as fout:
        pip_vastleggen(
            client=client_met_pip,
            datum=EERSTE - dt.timedelta(days=1),
            leerroute=leerroute("z"),
            reden="schakelen",
            door=specialist,
        )
    assert "01-03-2024" in fout.value.message_dict["datum"][0]


def test_het_eerste_pip_via_de_service(specialist):
    client = ClientFactory(leerroute=None)
    with pytest.raises(ValidationError) as fout:
        pip_vastleggen(
            client=client,
            datum=EERSTE,
            leerroute=leerroute("b1"),
            reden="schakelen",
            door=specialist,
        )
    assert "initieel" in fout.value.message_dict["reden"][0]
    pip_vastleggen(
        client=client,
        datum=EERSTE,
        leerroute=leerroute("onderwijs"),
        taaldoel="B1",
        reden="initieel",
        onderdelen={"ontzorgen": False},
        door=specialist,
    )
    client.refresh_from_db()
    assert (client.datum_pip, client.leerroute_id) == (EERSTE, "onderwijs")
    (versie,) = client.pip_versies.all()
    assert not versie.ontzorgen and versie.knm


def test_wi2021_termijn_loopt_vanaf_het_pip_wi2013_vanaf_de_plicht():
    c21 = ClientFactory(datum_pip=dt.date(2023, 5, 31), plicht_regime="wi2021")
    c13 = ClientFactory(
        datum_pip=None, leerroute=None, plicht_regime="wi2013", plicht_sinds=dt.date(2020, 2, 29)
    )
    assert (c21.termijn_start, c21.termijn_eind) == (dt.date(2023, 5, 31), dt.date(2026, 5, 31))
    assert (c13.termijn_start, c13.termijn_eind) == (dt.date(2020, 2, 29), dt.date(2023, 2, 28))


def test_verlenging_verschuift_het_einde_van_de_termijn(client_met_pip, specialist):
    with pytest.raises(ValidationError) as fout:
        termijn_verleng(
            client=client_met_pip,
            datum=dt.date(2026, 1, 5),
            nieuwe_einddatum=dt.date(2027, 1, 1),
            reden="ziekte",
            door=specialist,
        )
    assert "01-03-2027" in fout.value.message_dict["nieuwe_einddatum"][0]
    termijn_verleng(
        client=client_met_pip,
        datum=dt.date(2026, 1, 5),
        nieuwe_einddatum=dt.date(2027, 9, 1),
        reden="Langdurig ziek (6 maanden).",
        door=specialist,
    )
    client_met_pip.refresh_from_db()
    assert client_met_pip.termijn_eind == dt.date(2027, 9, 1)
    # Any later save keeps the extension: it is derived, not typed.
    client_met_pip.notities = "x"
    client_met_pip.save()
    client_met_pip.refresh_from_db()
    assert client_met_pip.termijn_eind == dt.date(2027, 9, 1)


def test_na_schakelen_wacht_de_client_niet_meer_op_een_plaats_van_de_oude_route(
    client_met_pip, specialist
):
    """Issue 28: after a switch to the Z-route the client still waited on a B1-only list."""
    from registratie.models import Wachtlijstplaats
    from registratie.services import wachtlijst_plaats
    from tests.factories import ContractregelFactory

    b1 = ContractregelFactory(leerroute=leerroute("b1"), capaciteit=0)
    routevrij = ContractregelFactory(leerroute=None, capaciteit=0)
    client_met_pip.status = "in_begeleiding"
    client_met_pip.save()
    alleen_b1 = wachtlijst_plaats(client=client_met_pip, contractregel=b1, door=specialist)
    vrij = wachtlijst_plaats(client=client_met_pip, contractregel=routevrij, door=specialist)
    pip_vastleggen(
        client=client_met_pip,
        datum=dt.date(2025, 9, 1),
        leerroute=leerroute("z"),
        reden="schakelen",
        door=specialist,
    )
    alleen_b1.refresh_from_db()
    vrij.refresh_from_db()
    assert alleen_b1.status == Wachtlijstplaats.Status.INGETROKKEN
    assert vrij.status == Wachtlijstplaats.Status.WACHTEND
    assert alleen_b1.toelichting.startswith("Leerroute gewijzigd naar Z-route")
