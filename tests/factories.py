import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from aanbod.models import Aanbieder, AanbiederGebruiker, Leerroute, Traject
from inkoop.models import Budget, Contract, Contractregel, Kostenpost
from registratie.models import Client, Inschrijving, Voortgangsrapportage

factory.Faker._DEFAULT_LOCALE = "nl_NL"


def leerroute(code: str) -> Leerroute:
    return Leerroute.objects.get(code=code)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.django.Password("geheim-wachtwoord-1")

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))


class AanbiederFactory(DjangoModelFactory):
    class Meta:
        model = Aanbieder

    naam = factory.Sequence(lambda n: f"Aanbieder {n}")
    kvk_nummer = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    soort = Aanbieder.Soort.REINTEGRATIE
    keurmerk_status = Aanbieder.KeurmerkStatus.GELDIG
    keurmerk_geldig_tot = dt.date(2030, 12, 31)


class TrajectFactory(DjangoModelFactory):
    class Meta:
        model = Traject
        skip_postgeneration_save = True

    aanbieder = factory.SubFactory(AanbiederFactory)
    code = factory.Sequence(lambda n: f"TR-{n:04d}")
    naam = factory.Sequence(lambda n: f"Traject {n}")
    soort = Traject.Soort.WERKFIT
    duur_weken = 12

    @factory.post_generation
    def routes(self, create, extracted, **kwargs):
        codes = ["b1"] if extracted is None else extracted
        self.leerroutes.set(Leerroute.objects.filter(code__in=codes))


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = Contract

    aanbieder = factory.SubFactory(AanbiederFactory)
    kenmerk = factory.Sequence(lambda n: f"INB-T-{n:04d}")
    inkoopvorm = Contract.Inkoopvorm.AANBESTEDING
    startdatum = dt.date(2026, 1, 1)
    einddatum = dt.date(2026, 12, 31)
    plafond = Decimal("100000.00")
    status = Contract.Status.GEGUND


class ContractregelFactory(DjangoModelFactory):
    class Meta:
        model = Contractregel

    contract = factory.SubFactory(ContractFactory)
    traject = factory.LazyAttribute(lambda o: TrajectFactory(aanbieder=o.contract.aanbieder))
    leerroute = factory.LazyFunction(lambda: leerroute("b1"))
    tarief = Decimal("1000.00")
    capaciteit = 10
    # Most tests count places held at the same time; the instroom tests say so themselves.
    capaciteitsvorm = Contractregel.Capaciteitsvorm.GELIJKTIJDIG


class BudgetFactory(DjangoModelFactory):
    class Meta:
        model = Budget

    jaar = 2026
    leerroute = factory.LazyFunction(lambda: leerroute("b1"))
    bedrag = Decimal("50000.00")
    verwacht_volume = 20


class KostenpostFactory(DjangoModelFactory):
    class Meta:
        model = Kostenpost

    jaar = 2026
    soort = Kostenpost.Soort.FORMATIE
    omschrijving = factory.Sequence(lambda n: f"Post {n}")
    bedrag = Decimal("1000.00")


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


def koppel_aanbieder(user, aanbieder):
    AanbiederGebruiker.objects.create(gebruiker=user, aanbieder=aanbieder)
    return user
