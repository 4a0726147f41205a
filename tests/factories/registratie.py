import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from registratie.models import Client, Inschrijving, Voortgangsrapportage
from tests.factories.aanbod import leerroute
from tests.factories.inkoop import ContractregelFactory


class ClientFactory(DjangoModelFactory):
    class Meta:
        model = Client

    clientnummer = factory.Sequence(lambda n: f"C{n:06d}")
    voornaam = factory.Faker("first_name")
    achternaam = factory.Faker("last_name")
    geboortedatum = dt.date(1990, 5, 17)
    leerroute = factory.LazyFunction(lambda: leerroute("b1"))
    datum_inschrijving_gemeente = dt.date(2026, 1, 15)
    status = Client.Status.IN_BEGELEIDING


class InschrijvingFactory(DjangoModelFactory):
    class Meta:
        model = Inschrijving

    client = factory.SubFactory(ClientFactory)
    contractregel = factory.SubFactory(ContractregelFactory)
    status = Inschrijving.Status.GESTART
    datum_aanmelding = dt.date(2026, 2, 1)
    startdatum = dt.date(2026, 2, 15)
    tarief = factory.LazyAttribute(lambda o: o.contractregel.tarief)


class VoortgangsrapportageFactory(DjangoModelFactory):
    class Meta:
        model = Voortgangsrapportage

    inschrijving = factory.SubFactory(InschrijvingFactory)
    peildatum = dt.date(2026, 3, 31)
    uren_aangeboden = Decimal("40")
    uren_gevolgd = Decimal("36")
