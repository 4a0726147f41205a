"""A small world for the browser tests: one user per role and something on every page."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.timezone import localdate as vandaag

from declaraties.models import Betaalbatch, Declaratie
from inkoop.models import Contract, Contractregel, Instroomprognose
from registratie.models import Client, Inschrijving, Wachtlijstplaats
from tests.factories import (
    AanbiederFactory,
    BudgetFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    KostenpostFactory,
    TrajectFactory,
    UserFactory,
    VoortgangsrapportageFactory,
    koppel_aanbieder,
)


@dataclass
class Wereld:
    contract: Contract
    regel: Contractregel
    vol: Contractregel
    plafond: Contractregel
    z_regel: Contractregel
    klant: Client
    lopend: Inschrijving
    aangemeld: Inschrijving
    nieuw: Client


def maak_wereld() -> Wereld:
    UserFactory(username="ink", rol="inkoper", is_staff=True, first_name="Ina", last_name="Koper")
    spec = UserFactory(username="spec", rol="specialist", first_name="Sam", last_name="Pecht")
    UserFactory(username="beh", rol="beheerder", is_staff=True, is_superuser=True)
    rt = AanbiederFactory(naam="Refugee Team")
    koppel_aanbieder(UserFactory(username="aanb", rol="aanbieder"), rt)
    termijn = {
        "startdatum": vandaag() - dt.timedelta(days=200),
        "einddatum": vandaag() + dt.timedelta(days=300),
    }
    contract = ContractFactory(
        aanbieder=rt, kenmerk="INB-RT-1", plafond=Decimal("50000"), **termijn
    )
    regel = ContractregelFactory(
        contract=contract,
        traject=TrajectFactory(aanbieder=rt, naam="Werkfit via evenementen", code="RT-WERK"),
        capaciteit=10,
        tarief=Decimal("2500.00"),
    )
    vol = ContractregelFactory(
        contract=ContractFactory(kenmerk="INB-VOL", **termijn),
        traject=TrajectFactory(naam="Werkclub intensief", code="WC-1"),
        capaciteit=1,
    )
    InschrijvingFactory(contractregel=vol, client=ClientFactory(clientnummer="BEZET-1"))
    krap = ContractFactory(kenmerk="INB-KRAP", plafond=Decimal("1000"), **termijn)
    plafond = ContractregelFactory(
        contract=krap,
        traject=TrajectFactory(aanbieder=krap.aanbieder, naam="Taal op B1", code="TAAL-B1"),
        tarief=Decimal("800.00"),
        capaciteit=5,
    )
    InschrijvingFactory(contractregel=plafond, client=ClientFactory(clientnummer="BEZET-2"))
    z_regel = ContractregelFactory(
        contract=ContractFactory(kenmerk="INB-Z", **termijn),
        traject=TrajectFactory(naam="Alfabetisering", code="ALFA", routes=["z"]),
        leerroute_id="z",
    )
    klant = ClientFactory(
        clientnummer="EHV-0042",
        voornaam="Amal",
        achternaam="Haddad",
        specialist=spec,
        datum_inschrijving_gemeente=vandaag() - dt.timedelta(days=80),
        datum_brede_intake=vandaag() - dt.timedelta(days=60),
    )
    lopend = InschrijvingFactory(
        client=klant,
        contractregel=regel,
        datum_aanmelding=vandaag() - dt.timedelta(days=40),
        startdatum=vandaag() - dt.timedelta(days=30),
    )
    aangemeld = InschrijvingFactory(
        client=klant,
        contractregel=ContractregelFactory(
            contract=contract,
            traject=TrajectFactory(aanbieder=rt, naam="Sportmaatje", code="RT-SPORT"),
        ),
        status=Inschrijving.Status.AANGEMELD,
        datum_aanmelding=vandaag() - dt.timedelta(days=3),
        startdatum=vandaag() - dt.timedelta(days=1),
    )
    nieuw = ClientFactory(clientnummer="EHV-0043", specialist=spec, status="in_beeld")
    return Wereld(contract, regel, vol, plafond, z_regel, klant, lopend, aangemeld, nieuw)


def klare_taak():
    """An export the inkoper asked for, done."""
    from kern.models import Taak

    return Taak.objects.create(
        door=get_user_model().objects.get(username="ink"),
        soort="export",
        titel="Contracten als Excel",
        status=Taak.Status.KLAAR,
        totaal=1,
        gedaan=1,
        bestandsnaam="contracten.xlsx",
        inhoud=b"PK",
    )


def maak_api_wereld() -> dict:
    """The browser world, a second provider, and one of every API object; the UUIDs by
    the API's basename."""
    w = maak_wereld()
    ander = AanbiederFactory(naam="Ander")
    koppel_aanbieder(UserFactory(username="aanb2", rol="aanbieder"), ander)
    spec = get_user_model().objects.get(username="spec")
    rapport = VoortgangsrapportageFactory(inschrijving=w.lopend)
    wacht = Wachtlijstplaats.objects.create(
        client=w.nieuw,
        traject=w.vol.traject,
        contractregel=w.vol,
        aangevraagd_op=dt.datetime.now(dt.UTC),
        rang=dt.datetime.now(dt.UTC),
        aangevraagd_door=spec,
    )
    declaratie = Declaratie.objects.create(
        inschrijving=w.lopend,
        periode=vandaag().replace(day=1),
        eenheden=Decimal("1"),
        bedrag=Decimal("100"),
    )
    batch = Betaalbatch.objects.create(nummer="B-1", vrijgegeven_op=dt.datetime.now(dt.UTC))
    return {
        "aanbieder": w.contract.aanbieder.uuid,
        "traject": w.regel.traject.uuid,
        "contract": w.contract.uuid,
        "contractregel": w.regel.uuid,
        "budget": BudgetFactory().uuid,
        "kostenpost": KostenpostFactory().uuid,
        "instroomprognose": Instroomprognose.objects.create(
            jaar=vandaag().year + 1, halfjaar=1, aantal=10
        ).uuid,
        "client": w.klant.uuid,
        "inschrijving": w.lopend.uuid,
        "wachtlijst": wacht.uuid,
        "declaratie": declaratie.uuid,
        "betaalbatch": batch.uuid,
        "voortgangsrapportage": rapport.uuid,
        "achtergrondtaak": klare_taak().uuid,
    }


def ingelogd_in_wereld(pagina, gebruiker: str) -> Wereld:
    from tests.browser.conftest import inloggen

    wereld = maak_wereld()
    inloggen(pagina, gebruiker)
    return wereld
