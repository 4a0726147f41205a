"""Twenty specialists at once for the last five places: exactly five succeed (PostgreSQL,
where the row lock is real; SQLite serializes every write transaction anyway)."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connections

from kern.fouten import ConflictError
from registratie.models import Inschrijving
from registratie.services import inschrijving_create
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("referentiegegevens"),
]


@pytest.mark.parametrize("beperking", ["capaciteit", "plafond"])
def test_twintig_gelijktijdige_aanvragen_voor_de_laatste_vijf_plaatsen(beperking):
    if beperking == "capaciteit":
        regel = ContractregelFactory(capaciteit=15, tarief=Decimal("100.00"))
    else:  # room under the plafond for exactly 5 more
        contract = ContractFactory(plafond=Decimal("1500.00"))
        regel = ContractregelFactory(contract=contract, capaciteit=100, tarief=Decimal("100.00"))
    InschrijvingFactory.create_batch(10, contractregel=regel)
    clienten = ClientFactory.create_batch(20)
    start = threading.Barrier(20)
    gelukt, geweigerd, anders = [], [], []

    def schrijf_in(client):
        try:
            start.wait()
            inschrijving_create(
                client=client,
                contractregel=regel,
                door=None,
                startdatum=dt.date(2026, 3, 2),
                datum_aanmelding=dt.date(2026, 2, 1),
            )
            gelukt.append(client.pk)
        except ConflictError:
            geweigerd.append(client.pk)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            anders.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=schrijf_in, args=(c,)) for c in clienten]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert anders == []
    assert (len(gelukt), len(geweigerd)) == (5, 15)
    assert Inschrijving.objects.filter(contractregel=regel).count() == 15
