"""The invariants hold in the database itself, even for a write that skips validation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from aanbod.models import Aanbieder
from inkoop.models import Budget, Contractregel
from tests.factories import (
    AanbiederFactory,
    BudgetFactory,
    ContractFactory,
    ContractregelFactory,
    leerroute,
)

pytestmark = pytest.mark.django_db


def weigert(maak):
    with pytest.raises(IntegrityError), transaction.atomic():
        maak()


def test_contract_einddatum_voor_start():
    weigert(lambda: ContractFactory(startdatum=dt.date(2026, 2, 1), einddatum=dt.date(2026, 1, 1)))


def test_contractregel_negatief_tarief_en_capaciteit():
    contract = ContractFactory()
    weigert(lambda: ContractregelFactory(contract=contract, tarief=Decimal("-1")))
    weigert(
        lambda: Contractregel.objects.filter(pk=ContractregelFactory(contract=contract).pk).update(
            capaciteit=-1
        )
    )


def test_kvk_nummer_in_de_database():
    weigert(lambda: Aanbieder.objects.create(naam="X", kvk_nummer="1234", soort="taal"))
    AanbiederFactory(kvk_nummer="12345678")
    weigert(lambda: AanbiederFactory(kvk_nummer="12345678"))


def test_dubbel_kenmerk_en_dubbel_budget():
    ContractFactory(kenmerk="K1")
    weigert(lambda: ContractFactory(kenmerk="K1"))
    BudgetFactory(jaar=2026, leerroute=leerroute("z"))
    weigert(lambda: Budget.objects.create(jaar=2026, leerroute=leerroute("z"), bedrag=1))


def test_onbekende_leerroute_bestaat_niet_in_de_database():
    regel = ContractregelFactory()

    def zet_onbekende_route():
        Contractregel.objects.filter(pk=regel.pk).update(leerroute_id="c2")
        connection.check_constraints()  # SQLite defers foreign keys to commit; check now

    weigert(zet_onbekende_route)
    regel.refresh_from_db()
    assert regel.leerroute_id == "b1"
