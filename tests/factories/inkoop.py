import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from inkoop.models import Budget, Contract, Contractregel, Kostenpost
from tests.factories.aanbod import AanbiederFactory, TrajectFactory, leerroute


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
