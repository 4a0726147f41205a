"""Factories per app; every one is importable from here as well."""

import factory

from tests.factories.aanbod import AanbiederFactory, TrajectFactory, koppel_aanbieder, leerroute
from tests.factories.inkoop import (
    BudgetFactory,
    ContractFactory,
    ContractregelFactory,
    KostenpostFactory,
)
from tests.factories.kern import UserFactory
from tests.factories.registratie import (
    ClientFactory,
    InschrijvingFactory,
    VoortgangsrapportageFactory,
)

factory.Faker._DEFAULT_LOCALE = "nl_NL"

__all__ = [
    "AanbiederFactory",
    "BudgetFactory",
    "ClientFactory",
    "ContractFactory",
    "ContractregelFactory",
    "InschrijvingFactory",
    "KostenpostFactory",
    "TrajectFactory",
    "UserFactory",
    "VoortgangsrapportageFactory",
    "koppel_aanbieder",
    "leerroute",
]
