"""The waiting list: first come first served, an offer that holds the place, lapses and
passes on, voorrang only with a reason, and refusals that say why."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.timezone import localdate as vandaag

from inkoop.models import Contractregel
from kern.fouten import ConflictError
from kern.models import Auditregel
from registratie import begeleiding, services
from registratie.models import Client, Inschrijving, Wachtlijstplaats
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
    leerroute,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def regel():
    """A place for one client at a time, taken, under a contract running today."""
    contract = ContractFactory(
        startdatum=vandaag() - dt.timedelta(days=90), einddatum=vandaag() + dt.timedelta(days=300)
    )
    regel = ContractregelFactory(contract=contract, capaciteit=1)
    InschrijvingFactory(
        contractregel=regel,
        datum_aanmelding=vandaag() - dt.timedelta(days=60),
        startdatum=vandaag() - dt.timedelta(days=50),
    )
    return regel


def zet_op_lijst(regel, n, **kwargs):
    return [
        services.wachtlijst_plaats(client=ClientFactory(), contractregel=regel, door=None, **kwargs)
        for _ in range(n)
    ]


def maak_vrij(regel):
    lopend = regel.inschrijvingen.filter(status__in=Inschrijving.ACTIEF).first()
    return services.inschrijving_beeindig(
        inschrijving=lopend, einddatum=vandaag(), reden="voortijdig_client", door=None
    )


def status(*plaatsen):
    return [Wachtlijstplaats.objects.get(pk=p.pk).status for p in plaatsen]


def test_een_vrijgekomen_plaats_gaat_naar_wie_het_eerst_vroeg(regel):
    a, b = zet_op_lijst(regel, 2)
    assert status(a, b) == ["wachtend", "wachtend"]

    maak_vrij(regel)

    assert status(a, b) == ["aangeboden", "wachtend"]
    a.refresh_from_db()
    assert a.aangeboden_regel == regel
    assert a.geldig_tot == vandaag() + dt.timedelta(days=10)


def test_een_aanbod_houdt_de_plaats_vast_en_aannemen_schrijft_in(regel):
    (a,) = zet_op_lijst(regel, 1)
    maak_vrij(regel)
    ander = ClientFactory()
    with pytest.raises(ConflictError, match="vol"):
        services.inschrijving_create(
            client=ander, contractregel=regel, startdatum=vandaag(), door=None
        )

    inschrijving = services.wachtlijst_accepteer(
        plaats=Wachtlijstplaats.objects.get(pk=a.pk), startdatum=vandaag(), door=None
    )

    a.refresh_from_db()
    assert (a.status, a.inschrijving) == ("ingeschreven", inschrijving)
    assert inschrijving.client == a.client and inschrijving.contractregel == regel
    assert regel.inschrijvingen.filter(status__in=Inschrijving.ACTIEF).count() == 1


def test_wie_niet_wacht_gaat_niet_voor_op_wie_wel_wacht(regel):
    (a,) = zet_op_lijst(regel, 1)
    # Capacity raised behind the service's back: one free place, one client waiting for it.
    Contractregel.objects.filter(pk=regel.pk).update(capaciteit=2)
    with pytest.raises(ConflictError, match="wachtlijst"):
        services.inschrijving_create(
            client=ClientFactory(), contractregel=regel, startdatum=vandaag(), door=None
        )
    assert status(a) == ["wachtend"]


def test_een_aanbod_dat_niet_op_tijd_is_aangenomen_gaat_naar_de_volgende(regel):
    a, b = zet_op_lijst(regel, 2)
    maak_vrij(regel)
    geldig_tot = Wachtlijstplaats.objects.get(pk=a.pk).geldig_tot

    assert services.wachtlijst_verwerk(vandaag=geldig_tot) == {"verlopen": 0, "aangeboden": 0}
    uitkomst = services.wachtlijst_verwerk(vandaag=geldig_tot + dt.timedelta(days=1))

    assert uitkomst == {"verlopen": 1, "aangeboden": 1}
    assert status(a, b) == ["verlopen", "aangeboden"]
    with pytest.raises(ValidationError, match="geen aanbod open"):
        services.wachtlijst_accepteer(
            plaats=Wachtlijstplaats.objects.get(pk=a.pk), startdatum=vandaag(), door=None
        )


def test_voorrang_alleen_met_een_reden_en_die_staat_in_het_auditlog(regel, specialist):
    a, b, c = zet_op_lijst(regel, 3)
    with pytest.raises(ValidationError, match="reden"):
        services.wachtlijst_voorrang(plaats=c, voor=a, reden="  ", door=specialist)

    services.wachtlijst_voorrang(
        plaats=c, voor=a, reden="Baan in de zorg wacht op dit traject", door=specialist
    )
    maak_vrij(regel)

    assert status(a, b, c) == ["wachtend", "wachtend", "aangeboden"]
    regel_audit = Auditregel.objects.get(object_uuid=c.uuid, gegevens__has_key="voorrang")
    assert regel_audit.gebruiker == specialist
    assert regel_audit.gegevens["voorrang"] == "Baan in de zorg wacht op dit traject"
    with pytest.raises(ValidationError, match="al eerder"):
        services.wachtlijst_voorrang(plaats=a, voor=b, reden="x", door=specialist)


def test_wachten_op_een_traject_neemt_elke_passende_plaats(regel):
    client = ClientFactory()
    plaats = services.wachtlijst_plaats(client=client, traject=regel.traject, door=None)
    # A second contract for the same traject is awarded: the signal offers its place.
    tweede = ContractregelFactory(
        contract=ContractFactory(
            aanbieder=regel.contract.aanbieder,
            startdatum=vandaag(),
            einddatum=vandaag() + dt.timedelta(days=200),
        ),
        traject=regel.traject,
        capaciteit=1,
    )
    services.wachtlijst_bied_aan(regel=tweede)
    plaats.refresh_from_db()
    assert (plaats.status, plaats.aangeboden_regel) == ("aangeboden", tweede)


def test_een_hogere_capaciteit_biedt_de_plaats_aan_na_het_opslaan(
    regel, django_capture_on_commit_callbacks
):
    (a,) = zet_op_lijst(regel, 1)
    with django_capture_on_commit_callbacks(execute=True):
        regel.capaciteit = 2
        regel.save()
    assert status(a) == ["aangeboden"]


def test_onder_instroom_maakt_een_gestart_traject_dat_eindigt_geen_plaats_vrij():
    contract = ContractFactory(
        startdatum=vandaag() - dt.timedelta(days=90), einddatum=vandaag() + dt.timedelta(days=300)
    )
    regel = ContractregelFactory(
        contract=contract, capaciteit=2, capaciteitsvorm=Contractregel.Capaciteitsvorm.INSTROOM
    )
    gestart = InschrijvingFactory(
        contractregel=regel,
        datum_aanmelding=vandaag() - dt.timedelta(days=60),
        startdatum=vandaag() - dt.timedelta(days=50),
    )
    aangemeld = InschrijvingFactory(
        contractregel=regel,
        status=Inschrijving.Status.AANGEMELD,
        datum_aanmelding=vandaag() - dt.timedelta(days=5),
        startdatum=vandaag() + dt.timedelta(days=20),
    )
    (a,) = zet_op_lijst(regel, 1)
    services.inschrijving_beeindig(
        inschrijving=gestart, einddatum=vandaag(), reden="voortijdig_client", door=None
    )
    assert status(a) == ["wachtend"]  # a start in the term stays counted
    services.inschrijving_beeindig(
        inschrijving=aangemeld,
        einddatum=aangemeld.startdatum,
        reden="voortijdig_client",
        door=None,
    )
    assert status(a) == ["aangeboden"]  # cancelled before its start: the place is back


def test_uitstroom_haalt_de_client_van_de_lijst_en_geeft_het_aanbod_door(regel):
    a, b = zet_op_lijst(regel, 2)
    maak_vrij(regel)
    begeleiding.client_uitstroom_registreer(
        client=Client.objects.get(pk=a.client_id),
        datum=vandaag(),
        reden="overig",
        uitstroom_subreden="verhuisd",
        door=None,
    )
    assert status(a, b) == ["ingetrokken", "aangeboden"]


def test_een_plaats_die_ook_boven_het_plafond_zou_gaan_wordt_niet_aangeboden():
    contract = ContractFactory(
        startdatum=vandaag() - dt.timedelta(days=90),
        einddatum=vandaag() + dt.timedelta(days=300),
        plafond=Decimal("1500.00"),
    )
    regel = ContractregelFactory(contract=contract, capaciteit=5, tarief=Decimal("1000.00"))
    InschrijvingFactory(
        contractregel=regel,
        status=Inschrijving.Status.AFGEROND,
        einddatum=dt.date(2026, 3, 1),
        reden_einde="volgens_plan",
        datum_aanmelding=dt.date(2026, 1, 5),
        startdatum=dt.date(2026, 1, 10),
    )
    a, b = zet_op_lijst(regel, 2)
    assert status(a, b) == ["wachtend", "wachtend"]  # 1000 committed, 500 left: no place


class TestWeigeringen:
    def test_een_uitgestroomde_client(self, regel):
        client = ClientFactory(status=Client.Status.UITGESTROOMD)
        with pytest.raises(ValidationError, match="niet \\(meer\\) in begeleiding"):
            services.wachtlijst_plaats(client=client, contractregel=regel, door=None)

    def test_twee_keer_op_hetzelfde_traject(self, regel):
        (a,) = zet_op_lijst(regel, 1)
        with pytest.raises(ValidationError, match="staat al op de wachtlijst"):
            services.wachtlijst_plaats(client=a.client, traject=regel.traject, door=None)

    def test_een_traject_voor_een_andere_route(self, regel):
        client = ClientFactory(leerroute=leerroute("z"))
        with pytest.raises(ValidationError, match="niet ingekocht voor de route"):
            services.wachtlijst_plaats(client=client, contractregel=regel, door=None)
        traject = TrajectFactory(routes=["onderwijs"])
        ContractregelFactory(traject=traject, leerroute=leerroute("onderwijs"))
        with pytest.raises(ValidationError, match="niet ingekocht voor de route"):
            services.wachtlijst_plaats(client=client, traject=traject, door=None)
        assert not Wachtlijstplaats.objects.exists()
