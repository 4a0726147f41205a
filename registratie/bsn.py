"""The BSN's search key for every client: after a migration, or after BSN_ZOEKSLEUTEL
changed (`manage.py herbereken_bsn`)."""

from django.db import transaction

from registratie.models.keuzes import bsn_sleutel


@transaction.atomic
def herbereken(Client) -> list[tuple[str, str]]:
    """Set every client's key from its BSN, oldest client first. A BSN already taken leaves
    the later client without a key; returns those as (clientnummer, the earlier one)."""
    Client.objects.update(bsn_sleutel=None)
    gezien, dubbel, bijwerken = {}, [], []
    for client in (
        Client.objects.filter(bsn__isnull=False).order_by("pk").only("pk", "clientnummer", "bsn")
    ):
        sleutel = bsn_sleutel(client.bsn)
        if sleutel is None:
            continue
        if sleutel in gezien:
            dubbel.append((client.clientnummer, gezien[sleutel]))
            continue
        gezien[sleutel] = client.clientnummer
        client.bsn_sleutel = sleutel
        bijwerken.append(client)
    Client.objects.bulk_update(bijwerken, ["bsn_sleutel"], batch_size=1000)
    return dubbel
