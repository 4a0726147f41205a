"""A place frees up while twenty requests race for it: ten specialists enrol a client who
does not wait, ten processes offer it to the waiting list. Exactly one gets it, and it is
the first in line (PostgreSQL, where the row lock is real)."""

import datetime as dt
import threading

import pytest
from django.db import connections
from django.utils import timezone

from inkoop.models import Contractregel
from kern.fouten import ConflictError
from registratie import services
from registratie.models import Inschrijving, Wachtlijstplaats
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


def test_twintig_verzoeken_om_een_vrijgekomen_plaats_precies_een_krijgt_hem():
    vandaag = timezone.localdate()
    contract = ContractFactory(
        startdatum=vandaag - dt.timedelta(days=90), einddatum=vandaag + dt.timedelta(days=300)
    )
    regel = ContractregelFactory(contract=contract, capaciteit=1)
    InschrijvingFactory(
        contractregel=regel,
        datum_aanmelding=vandaag - dt.timedelta(days=60),
        startdatum=vandaag - dt.timedelta(days=50),
    )
    wachtenden = [
        services.wachtlijst_plaats(client=ClientFactory(), contractregel=regel, door=None)
        for _ in range(5)
    ]
    # One place frees up without the service offering it yet (as a capacity raised in bulk).
    Contractregel.objects.filter(pk=regel.pk).update(capaciteit=2)
    buitenstaanders = ClientFactory.create_batch(10)
    start = threading.Barrier(20)
    ingeschreven, geweigerd, aanbiedingen, anders = [], [], [], []

    def schrijf_in(client):
        try:
            start.wait()
            services.inschrijving_create(
                client=client, contractregel=regel, startdatum=vandaag, door=None
            )
            ingeschreven.append(client.pk)
        except ConflictError:
            geweigerd.append(client.pk)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            anders.append(repr(error))
        finally:
            connections.close_all()

    def bied_aan():
        try:
            start.wait()
            aanbiedingen.extend(services.wachtlijst_bied_aan(regel=regel))
        except Exception as error:  # noqa: BLE001
            anders.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=schrijf_in, args=(c,)) for c in buitenstaanders]
    threads += [threading.Thread(target=bied_aan) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert anders == []
    assert (len(ingeschreven), len(geweigerd), len(aanbiedingen)) == (0, 10, 1)
    assert aanbiedingen[0].pk == wachtenden[0].pk
    assert Wachtlijstplaats.objects.filter(status="aangeboden").count() == 1
    assert regel.inschrijvingen.filter(status__in=Inschrijving.ACTIEF).count() == 1
