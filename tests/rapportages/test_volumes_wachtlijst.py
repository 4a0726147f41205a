"""Demand that was not met shows in `volumes`: waiting now, demand = taken + waiting, and
the waiting times, computed by hand."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.timezone import localdate as vandaag

from rapportages.rapporten import maak_rapport
from registratie.models import Inschrijving, Wachtlijstplaats
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    leerroute,
)

pytestmark = pytest.mark.django_db


def wacht(client, regel, dagen_geleden, afgesloten_na=None, status="wachtend"):
    moment = timezone.make_aware(
        dt.datetime.combine(vandaag() - dt.timedelta(days=dagen_geleden), dt.time(9))
    )
    return Wachtlijstplaats.objects.create(
        client=client,
        traject=regel.traject,
        leerroute=client.leerroute,
        aangevraagd_op=moment,
        rang=moment,
        status=status,
        afgesloten_op=None
        if afgesloten_na is None
        else moment.date() + dt.timedelta(days=afgesloten_na),
    )


def test_wachtenden_vraag_en_wachttijden_per_route_en_traject():
    z = leerroute("z")
    contract = ContractFactory(
        startdatum=vandaag() - dt.timedelta(days=100), einddatum=vandaag() + dt.timedelta(days=100)
    )
    regel = ContractregelFactory(contract=contract, leerroute=z, capaciteit=1)
    InschrijvingFactory(
        contractregel=regel,
        client=ClientFactory(leerroute=z),
        datum_aanmelding=vandaag() - dt.timedelta(days=50),
        startdatum=vandaag() - dt.timedelta(days=10),
    )
    # 30 days until enrolled, 20 and 10 days waiting so far; one left the list before the
    # year began and does not count.
    wacht(ClientFactory(leerroute=z), regel, 40, afgesloten_na=30, status="ingeschreven")
    wacht(ClientFactory(leerroute=z), regel, 20)
    wacht(ClientFactory(leerroute=z), regel, 10)
    oud = wacht(ClientFactory(leerroute=z), regel, 800, afgesloten_na=5, status="ingetrokken")
    assert oud.afgesloten_op < vandaag().replace(month=1, day=1)

    body = maak_rapport("volumes", peildatum=vandaag()).als_dict()
    rij = {r["code"]: r for r in body["rijen"]}["z"]
    # days [10, 20, 30]: median 20; p80 at position 1.6: 20 + 0.6 x 10 = 26
    assert (rij["lopend"], rij["wachtend"], rij["vraag"]) == (1, 2, 3)
    assert (rij["plaatsen_tegelijk"], rij["tegelijk_bezet"], rij["vrij"]) == (1, 1, 0)
    assert (rij["wacht_mediaan"], rij["wacht_p80"]) == (20.0, 26.0)
    assert rij["signaal"] == "meer vraag dan ingekochte plaatsen"
    [traject] = body["tabellen"]["per_traject"]["rijen"]
    assert (traject["code"], traject["plaatsen_tegelijk"], traject["lopend"]) == (
        regel.traject.code,
        1,
        1,
    )
    assert traject["wachtend"] == 2
    assert (traject["vraag"], traject["wacht_mediaan"]) == (3, 20.0)


def test_op_een_eerdere_peildatum_wacht_wie_toen_wachtte():
    z = leerroute("z")
    contract = ContractFactory(
        startdatum=vandaag() - dt.timedelta(days=100), einddatum=vandaag() + dt.timedelta(days=100)
    )
    regel = ContractregelFactory(contract=contract, leerroute=z, capaciteit=1)
    wacht(ClientFactory(leerroute=z), regel, 40, afgesloten_na=30, status="ingeschreven")
    wacht(ClientFactory(leerroute=z), regel, 20)
    eerder = vandaag() - dt.timedelta(days=25)  # only the first waited then, for 15 days so far
    rij = {r["code"]: r for r in maak_rapport("volumes", peildatum=eerder).als_dict()["rijen"]}["z"]
    assert (rij["wachtend"], rij["wacht_mediaan"]) == (1, 15.0)
    assert Inschrijving.objects.count() == 0


def test_wie_op_een_routevrij_traject_wacht_telt_als_routevrij():
    contract = ContractFactory(
        startdatum=vandaag() - dt.timedelta(days=100), einddatum=vandaag() + dt.timedelta(days=100)
    )
    voortraject = ContractregelFactory(contract=contract, leerroute=None, capaciteit=0)
    plek = Wachtlijstplaats.objects.create(
        client=ClientFactory(leerroute=leerroute("b1")),
        traject=voortraject.traject,
        leerroute=leerroute("b1"),
        aangevraagd_op=timezone.now(),
        rang=timezone.now(),
    )
    rijen = {r["code"]: r for r in maak_rapport("volumes", peildatum=vandaag()).als_dict()["rijen"]}
    assert (rijen[""]["wachtend"], rijen["b1"]["wachtend"]) == (1, 0)
    assert plek.leerroute_id == "b1"  # the client's route is kept on the entry itself


def test_een_aangeboden_plaats_is_nergens_vrij(inkoper):
    """One meaning of 'vrij': the contract page, the contracten report and volumes agree."""
    from inkoop.selectors import contractregels_for
    from registratie import services

    z = leerroute("z")
    contract = ContractFactory(
        startdatum=vandaag() - dt.timedelta(days=100), einddatum=vandaag() + dt.timedelta(days=100)
    )
    regel = ContractregelFactory(contract=contract, leerroute=z, capaciteit=2)
    InschrijvingFactory(
        contractregel=regel,
        client=ClientFactory(leerroute=z),
        datum_aanmelding=vandaag() - dt.timedelta(days=50),
        startdatum=vandaag() - dt.timedelta(days=10),
    )
    services.wachtlijst_plaats(client=ClientFactory(leerroute=z), contractregel=regel, door=None)
    assert Wachtlijstplaats.objects.get().status == "aangeboden"  # the free place, offered

    assert contractregels_for(inkoper).get(pk=regel.pk).vrij == 0
    [rij] = [
        r
        for r in maak_rapport("contracten", peildatum=vandaag()).als_dict()["rijen"]
        if r["niveau"] == "regel"
    ]
    assert (rij["bezet"], rij["vrij"]) == (1, 0)
    volumes = {
        r["code"]: r for r in maak_rapport("volumes", peildatum=vandaag()).als_dict()["rijen"]
    }
    assert (volumes["z"]["tegelijk_bezet"], volumes["z"]["aangeboden"], volumes["z"]["vrij"]) == (
        1,
        1,
        0,
    )
