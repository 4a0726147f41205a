"""A refused enrolment attempt is counted with its reason and the route of the place, without
the client, and the volumes report shows the demand that did not get a place."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.timezone import localdate as vandaag

from rapportages.rapporten import maak_rapport
from registratie import services
from registratie.models import Weigering
from tests.factories import ClientFactory, ContractregelFactory, InschrijvingFactory, leerroute

pytestmark = pytest.mark.django_db


def poging(specialist, regel, client=None):
    return services.inschrijving_create(
        client=client or ClientFactory(),
        contractregel=regel,
        startdatum=vandaag() + dt.timedelta(days=3),
        door=specialist,
    )


def test_weigeringen_worden_geteld_zonder_client(specialist):
    vol = ContractregelFactory(capaciteit=1)
    InschrijvingFactory(contractregel=vol)
    z_plaats = ContractregelFactory(leerroute=leerroute("z"), traject__routes=["z"])
    for regel in (vol, vol, z_plaats):
        with pytest.raises(ValidationError):
            poging(specialist, regel)
    poging(specialist, ContractregelFactory())  # accepted: not counted
    assert sorted(Weigering.objects.values_list("leerroute", "reden")) == [
        ("b1", "vol"),
        ("b1", "vol"),
        ("z", "andere leerroute"),
    ]
    assert not {f.name for f in Weigering._meta.fields} & {"client", "bsn", "clientnummer"}

    volumes = maak_rapport("volumes", user=None, peildatum=vandaag()).als_dict()
    per_route = {r["code"]: r["geweigerd"] for r in volumes["rijen"]}
    assert (per_route["b1"], per_route["z"], per_route["onderwijs"]) == (2, 1, 0)
    tabel = volumes["tabellen"]["weigeringen"]["rijen"]
    assert {(r["categorie"], r["reden"], r["aantal"]) for r in tabel} == {
        ("B1-route", "vol", 2),
        ("Z-route", "andere leerroute", 1),
    }
    # Outside the period: not counted.
    eerder = maak_rapport(
        "volumes",
        user=None,
        peildatum=vandaag(),
        van=vandaag() - dt.timedelta(days=30),
        tot=vandaag() - dt.timedelta(days=1),
    ).als_dict()
    assert all(r["geweigerd"] == 0 for r in eerder["rijen"])
