"""The AVG: what the register keeps about a person and for how long. `inzage` gathers
everything stored about one client; `anonimiseer` removes who a client was once their file
has been closed for BEWAARTERMIJN_JAREN, keeping every figure the reports are made of."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from kern.models import Auditregel
from kern.services import audit_log, leesbaar
from registratie.models import Client, plus_maanden

# Who a client was: blanked by anonymisation. Dates, route, status, outflow and enrolments
# stay, because every report is computed from them.
PERSOONSGEGEVENS = {
    "voornaam": "",
    "achternaam": "",
    "bsn": "",
    "land_van_herkomst": "",
    "taal": "",
    "notities": "",
    "werkgever": "",
    "wij_generalist": "",
}


def inzage(client: Client) -> dict:
    """Everything stored about one client, for a request under article 15 AVG."""

    def rij(obj, zonder=()):
        return {k: leesbaar(v) for k, v in model_to_dict(obj).items() if k not in zonder}

    return {
        "client": {**rij(client), "uuid": str(client.uuid)},
        "inschrijvingen": [
            {
                **rij(i, zonder=("client",)),
                "uuid": str(i.uuid),
                "traject": i.contractregel.traject.naam,
                "voortgangsrapportages": [
                    rij(r, zonder=("inschrijving",)) for r in i.rapportages.all()
                ],
                "declaraties": [rij(d, zonder=("inschrijving",)) for d in i.declaraties.all()],
            }
            for i in client.inschrijvingen.select_related("contractregel__traject")
        ],
        "wachtlijst": [rij(w, zonder=("client",)) for w in client.wachtlijst.all()],
        "auditlog": [
            {
                "tijdstip": leesbaar(a.tijdstip),
                "wie": a.gebruikersnaam,
                "actie": a.actie,
                "gegevens": a.gegevens,
            }
            for a in Auditregel.objects.filter(object_uuid=client.uuid).order_by("tijdstip")
        ],
    }


def te_anonimiseren(vandaag: dt.date | None = None):
    """Clients who left more than BEWAARTERMIJN_JAREN ago and are not anonymised yet."""
    vandaag = vandaag or timezone.localdate()
    grens = plus_maanden(vandaag, -12 * settings.BEWAARTERMIJN_JAREN)
    return Client.objects.filter(uitstroom_datum__lt=grens, geanonimiseerd_op__isnull=True)


@transaction.atomic
def anonimiseer(*, vandaag: dt.date | None = None, door=None, dry_run: bool = False) -> int:
    clienten = te_anonimiseren(vandaag)
    aantal = clienten.count()
    if dry_run or not aantal:
        return aantal
    nu = timezone.now()
    for client in clienten.only("pk", "uuid", "geboortedatum"):
        # The birth year stays (age at the start), the day does not.
        geboren = client.geboortedatum.replace(month=7, day=1) if client.geboortedatum else None
        Client.objects.filter(pk=client.pk).update(
            **PERSOONSGEGEVENS, geboortedatum=geboren, geanonimiseerd_op=nu
        )
        Auditregel.objects.filter(object_uuid=client.uuid).update(gegevens={})
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        model="registratie.client",
        omschrijving=f"{aantal} client(en) geanonimiseerd na de bewaartermijn",
        gegevens={"aantal": aantal, "bewaartermijn_jaren": settings.BEWAARTERMIJN_JAREN},
    )
    return aantal
