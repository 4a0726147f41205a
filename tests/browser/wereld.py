"""A small world for the browser tests: one user per role and something on every page."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from inkoop.models import Contract, Contractregel
from registratie.models import Client, Inschrijving
from tests.factories import (
    AanbiederFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
    UserFactory,
    koppel_aanbieder,
)

VANDAAG = dt.date.today()


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
        "startdatum": VANDAAG - dt.timedelta(days=200),
        "einddatum": VANDAAG + dt.timedelta(days=300),
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
        datum_inschrijving_gemeente=VANDAAG - dt.timedelta(days=80),
        datum_brede_intake=VANDAAG - dt.timedelta(days=60),
    )
    lopend = InschrijvingFactory(
        client=klant,
        contractregel=regel,
        datum_aanmelding=VANDAAG - dt.timedelta(days=40),
        startdatum=VANDAAG - dt.timedelta(days=30),
    )
    aangemeld = InschrijvingFactory(
        client=klant,
        contractregel=ContractregelFactory(
            contract=contract,
            traject=TrajectFactory(aanbieder=rt, naam="Sportmaatje", code="RT-SPORT"),
        ),
        status=Inschrijving.Status.AANGEMELD,
        datum_aanmelding=VANDAAG - dt.timedelta(days=3),
        startdatum=VANDAAG - dt.timedelta(days=1),
    )
    nieuw = ClientFactory(clientnummer="EHV-0043", specialist=spec, status="in_beeld")
    return Wereld(contract, regel, vol, plafond, z_regel, klant, lopend, aangemeld, nieuw)


def ingelogd_in_wereld(pagina, gebruiker: str) -> Wereld:
    from tests.browser.conftest import inloggen

    wereld = maak_wereld()
    inloggen(pagina, gebruiker)
    return wereld
