"""Moving house (verhuizing). Within the region the new gemeente takes the dossier over: the
client is theirs from the move on, their specialist picks it up. Outside the region the
guidance ends: the outflow 'overig, verhuisd' ends every running enrolment with reason
'verhuisd', and the dossier (inzage, JSON) is the warm handover to the next gemeente. The
gemeente the client left in the region keeps reading its own period (verhuisd_uit)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from kern.models import Auditregel
from kern.services import audit_log
from regio.models import Gemeente
from regio.selectors import gemeenten_van
from registratie.begeleiding import client_uitstroom_registreer
from registratie.models import Client, Inschrijving, Uitstroomreden, UitstroomSubreden, Verhuizing
from registratie.selectors import ziet_dossiers


def _d(datum: dt.date) -> str:
    return f"{datum:%d-%m-%Y}"


@transaction.atomic
def client_verhuis(
    *,
    client: Client,
    datum: dt.date,
    door,
    naar: Gemeente | None = None,
    naar_buiten: str = "",
    toelichting: str = "",
) -> Verhuizing:
    """Record a move to `naar` (a gemeente of the region) or to `naar_buiten` (outside it)."""
    client = (
        Client.objects.select_for_update(of=("self",)).select_related("gemeente").get(pk=client.pk)
    )
    naar_buiten = (naar_buiten or "").strip()
    if datum > timezone.localdate():
        raise ValidationError({"datum": "De datum van de verhuizing ligt in de toekomst."})
    if naar is None and not naar_buiten:
        raise ValidationError(
            {"naar": "Kies de gemeente van de regio, of noem de gemeente buiten de regio."}
        )
    if naar is not None and naar_buiten:
        raise ValidationError(
            {"naar_buiten": "Een verhuizing gaat binnen de regio of daarbuiten, niet allebei."}
        )
    if naar is not None and naar.pk == client.gemeente_id:
        raise ValidationError({"naar": f"De client woont al in {naar}."})
    if client.is_uitgestroomd:
        raise ValidationError(
            {"datum": f"{client} is uitgestroomd; een verhuizing hoort bij een lopend dossier."}
        )
    verhuizing = Verhuizing.objects.create(
        client=client,
        datum=datum,
        van=client.gemeente,
        naar=naar,
        naar_buiten=naar_buiten,
        toelichting=(toelichting or "").strip(),
        vastgelegd_door=door,
    )
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT,
        instance=verhuizing,
        gegevens={
            "client": str(client.uuid),
            "datum": str(datum),
            "van": str(client.gemeente or ""),
            "naar": str(naar or naar_buiten),
        },
    )
    if naar is not None:
        client.gemeente, client.specialist = naar, None  # the new gemeente's specialist
        client.save(update_fields=["gemeente", "specialist", "gewijzigd_op"])
        return verhuizing
    lopend = client.inschrijvingen.filter(status__in=Inschrijving.ACTIEF).values_list(
        "uuid", flat=True
    )
    client_uitstroom_registreer(
        client=client,
        datum=datum,
        reden=Uitstroomreden.OVERIG,
        uitstroom_subreden=UitstroomSubreden.VERHUISD,
        beeindigingen={str(u): Inschrijving.RedenEinde.VERHUISD for u in lopend},
        door=door,
    )
    return verhuizing


def verhuisd_uit(user) -> QuerySet[Client]:
    """Clients who moved on in the region from a gemeente this user works for, each with
    `verhuisd_op`: the date the last of them left. That gemeente reads its own period
    (registratie.tijdlijn with tot), no more; who sees every gemeente needs no such list."""
    gemeenten = gemeenten_van(user)
    if gemeenten is None or not ziet_dossiers(user):
        return Client.objects.none()
    van_hier = Q(verhuizingen__van__in=gemeenten, verhuizingen__naar__isnull=False)
    return (
        Client.objects.filter(van_hier)
        .exclude(gemeente__in=gemeenten)
        .annotate(verhuisd_op=Max("verhuizingen__datum", filter=van_hier))
        .select_related("gemeente")
        .order_by("-verhuisd_op", "clientnummer")
    )
