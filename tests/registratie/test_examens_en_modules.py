"""Modules and exams belong to a running plicht under its own law, and the plicht is met on
the day the last requirement of the client's route is."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.timezone import localdate as vandaag

from registratie.examens import examen_registreer, module_registreer
from registratie.inburgering import nazorgcontact_registreer, pip_vastleggen
from tests.factories import ClientFactory, InschrijvingFactory, leerroute

pytestmark = pytest.mark.django_db
PIP = dt.date(2024, 3, 1)


def plichtig(route="b1", regime="wi2021", **kwargs):
    return ClientFactory(
        datum_pip=PIP if regime == "wi2021" else None,
        leerroute=leerroute(route),
        plicht_regime=regime,
        plicht_status="plichtig",
        plicht_status_datum=dt.date(2024, 1, 1),
        plicht_bron="duo",
        **kwargs,
    )


def alle_taal(client, niveau, datum, door):
    for deel in ("lezen", "luisteren", "schrijven", "spreken"):
        examen_registreer(
            client=client, onderdeel=deel, datum=datum, niveau=niveau, behaald=True, door=door
        )


@pytest.mark.parametrize("status", ["", "vrijgesteld", "ontheven", "beeindigd"])
def test_geen_examen_zonder_lopende_plicht(specialist, status):
    client = ClientFactory(
        plicht_regime="wi2021" if status else "",
        plicht_status=status,
        plicht_status_datum=dt.date(2024, 1, 1) if status else None,
        plicht_bron="duo" if status else "",
    )
    with pytest.raises(ValidationError) as fout:
        examen_registreer(
            client=client,
            onderdeel="lezen",
            datum=dt.date(2025, 1, 1),
            niveau="B1",
            behaald=True,
            door=specialist,
        )
    assert "niet inburgeringsplichtig" in fout.value.message_dict["onderdeel"][0]
    assert not client.examens.exists()


@pytest.mark.parametrize(("regime", "soort"), [("wi2021", "ona"), ("wi2013", "map")])
def test_een_module_van_de_andere_wet_wordt_geweigerd(specialist, regime, soort):
    client = plichtig(regime=regime)
    with pytest.raises(ValidationError) as fout:
        module_registreer(
            client=client, soort=soort, afgerond_op=dt.date(2025, 1, 1), door=specialist
        )
    assert "hoort bij de Wet inburgering" in fout.value.message_dict["soort"][0]


def test_een_module_wordt_niet_afgerond_voor_ze_begint(specialist):
    client = plichtig()
    module_registreer(client=client, soort="knm", startdatum=dt.date(2025, 3, 1), door=specialist)
    with pytest.raises(ValidationError) as fout:
        module_registreer(
            client=client, soort="knm", afgerond_op=dt.date(2025, 2, 1), door=specialist
        )
    assert "01-03-2025" in fout.value.message_dict["afgerond_op"][0]
    assert client.modules.get().afgerond_op is None


def test_taalexamen_vraagt_een_niveau_en_knm_heeft_er_geen(specialist):
    client = plichtig()
    with pytest.raises(ValidationError, match="niveau"):
        examen_registreer(
            client=client, onderdeel="lezen", datum=PIP, behaald=True, door=specialist
        )
    with pytest.raises(ValidationError, match="geen taalniveau"):
        examen_registreer(
            client=client, onderdeel="knm", datum=PIP, niveau="A2", behaald=True, door=specialist
        )


def test_b1_route_voldaan_op_de_dag_van_de_laatste_eis(specialist):
    client = plichtig()
    alle_taal(client, "B1", dt.date(2025, 10, 1), specialist)
    examen_registreer(
        client=client, onderdeel="knm", datum=dt.date(2025, 11, 3), behaald=True, door=specialist
    )
    module_registreer(client=client, soort="map", afgerond_op=dt.date(2025, 6, 1), door=specialist)
    client.refresh_from_db()
    assert client.plicht_status == "plichtig"  # PVT still missing
    module_registreer(client=client, soort="pvt", afgerond_op=dt.date(2025, 4, 1), door=specialist)
    client.refresh_from_db()
    assert client.plicht_status == "voldaan"
    assert client.plicht_status_datum == dt.date(2025, 11, 3)  # the KNM exam was last
    assert client.plicht_bron == "gemeente"


def test_a2_telt_pas_na_afschalen(specialist):
    client = plichtig()
    alle_taal(client, "A2", dt.date(2025, 5, 1), specialist)
    # A failed B1 attempt counts for nothing.
    examen_registreer(
        client=client,
        onderdeel="lezen",
        datum=dt.date(2025, 5, 2),
        niveau="B1",
        behaald=False,
        door=specialist,
    )
    examen_registreer(
        client=client, onderdeel="knm", datum=dt.date(2025, 5, 1), behaald=True, door=specialist
    )
    for soort in ("map", "pvt"):
        module_registreer(
            client=client, soort=soort, afgerond_op=dt.date(2025, 4, 1), door=specialist
        )
    client.refresh_from_db()
    assert client.plicht_status == "plichtig"
    pip_vastleggen(
        client=client,
        datum=dt.date(2025, 6, 1),
        leerroute=leerroute("b1"),
        taaldoel="A2",
        reden="afschalen",
        door=specialist,
    )
    client.refresh_from_db()
    assert (client.plicht_status, client.plicht_status_datum) == ("voldaan", dt.date(2025, 5, 1))


def test_z_route_voldaan_met_haar_programma_en_de_modules(specialist):
    client = plichtig(route="z")
    for soort, datum in (("knm", 1), ("map", 2), ("pvt", 3)):
        module_registreer(
            client=client, soort=soort, afgerond_op=dt.date(2025, 1, datum), door=specialist
        )
    client.refresh_from_db()
    assert client.plicht_status == "plichtig"
    module_registreer(
        client=client, soort="z_route", afgerond_op=dt.date(2026, 2, 27), door=specialist
    )
    client.refresh_from_db()
    assert (client.plicht_status, client.plicht_status_datum) == ("voldaan", dt.date(2026, 2, 27))


def test_wi2013_vraagt_a2_knm_ona_en_pvt(specialist):
    client = plichtig(regime="wi2013", plicht_sinds=dt.date(2021, 1, 1))
    alle_taal(client, "A2", dt.date(2022, 3, 1), specialist)
    examen_registreer(
        client=client, onderdeel="knm", datum=dt.date(2022, 3, 2), behaald=True, door=specialist
    )
    module_registreer(client=client, soort="ona", afgerond_op=dt.date(2022, 1, 5), door=specialist)
    module_registreer(client=client, soort="pvt", afgerond_op=dt.date(2021, 6, 5), door=specialist)
    client.refresh_from_db()
    assert (client.plicht_status, client.plicht_status_datum) == ("voldaan", dt.date(2022, 3, 2))


def test_examen_via_een_inschrijving_van_een_andere_client_wordt_geweigerd(specialist):
    client = plichtig()
    ander = InschrijvingFactory()
    with pytest.raises(ValidationError, match="andere client"):
        examen_registreer(
            client=client,
            onderdeel="knm",
            datum=dt.date(2025, 1, 1),
            behaald=True,
            inschrijving=ander,
            door=specialist,
        )


def test_dubbele_uitslag_op_dezelfde_dag(specialist):
    client = plichtig()
    examen_registreer(
        client=client, onderdeel="knm", datum=dt.date(2025, 1, 1), behaald=False, door=specialist
    )
    with pytest.raises(ValidationError, match="al een uitslag"):
        examen_registreer(
            client=client, onderdeel="knm", datum=dt.date(2025, 1, 1), behaald=True, door=specialist
        )


def test_nazorgcontact_na_de_uitstroom(specialist):
    client = ClientFactory(
        uitstroom_datum=dt.date(2025, 1, 31), uitstroom_reden="voltijd_baan", status="afgesloten"
    )
    with pytest.raises(ValidationError, match="na de uitstroom"):
        nazorgcontact_registreer(
            client=client,
            datum=dt.date(2025, 1, 1),
            soort="gesprek",
            werkt_nog=True,
            door=specialist,
        )
    contact = nazorgcontact_registreer(
        client=client, datum=dt.date(2025, 8, 1), soort="werkgever", werkt_nog=True, door=specialist
    )
    assert contact.werkt_nog
    zonder = ClientFactory()
    with pytest.raises(ValidationError, match="nog niet vastgelegd"):
        nazorgcontact_registreer(
            client=zonder,
            datum=dt.date(2025, 8, 1),
            soort="gesprek",
            werkt_nog=True,
            door=specialist,
        )


def test_de_dagelijkse_stap_sluit_nazorg_na_vier_maanden(capsys):
    from django.core.management import call_command

    voorbij = ClientFactory(
        uitstroom_datum=dt.date(2026, 1, 31), uitstroom_reden="voltijd_baan", status="nazorg"
    )
    loopt = ClientFactory(
        uitstroom_datum=vandaag() - dt.timedelta(days=30),
        uitstroom_reden="opleiding",
        status="nazorg",
    )
    call_command("dagelijks")
    assert "Nazorg: 1 dossier(s) afgesloten" in capsys.readouterr().out
    voorbij.refresh_from_db()
    loopt.refresh_from_db()
    assert (voorbij.status, loopt.status) == ("afgesloten", "nazorg")
