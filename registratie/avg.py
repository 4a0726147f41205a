"""The AVG: what the register keeps about a person and for how long. `inzage` gathers
everything stored about one client (article 15 AVG); `anonimiseer` removes who a client was
once their file has been closed for BEWAARTERMIJN_JAREN (article 5(1)(e) AVG, storage
limitation), keeping every figure the reports are made of. Both walk the personal records
registratie.dekking finds from the models' relations, so a new record kind is covered by
itself."""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from kern.models import Auditregel
from kern.services import audit_log, leesbaar
from registratie.dekking import VRIJE_TEKST, Persoonsrecord, persoonsrecords
from registratie.models import Client, plus_maanden

GEANONIMISEERD = "(geanonimiseerd)"


def _waarde(obj: models.Model, veld: models.Field):
    """A field's value as a person reads it: a choice by its label, a related record by its
    name, a date as an ISO date; an encrypted field as its plain value."""
    if veld.choices:
        return getattr(obj, f"get_{veld.name}_display")() or None
    if veld.is_relation:
        gerelateerd = getattr(obj, veld.name)
        return None if gerelateerd is None else str(gerelateerd)
    waarde = getattr(obj, veld.attname)
    return waarde if waarde is None or isinstance(waarde, bool | int) else leesbaar(waarde)


def _record(obj: models.Model, zonder: str) -> dict:
    return {
        veld.name: _waarde(obj, veld)
        for veld in obj._meta.concrete_fields
        if veld.name not in ("id", zonder)
    }


def _heeft_uuid(model) -> bool:
    return any(f.name == "uuid" for f in model._meta.concrete_fields)


def record_uuids(client: Client) -> set:
    """The uuids of the client and of every record about it: what its audit lines point at."""
    uuids = {client.uuid}
    for soort in persoonsrecords():
        if soort.model is not Client and _heeft_uuid(soort.model):
            uuids |= set(soort.van([client.pk]).values_list("uuid", flat=True))
    return uuids


def inzage(client: Client) -> dict:
    """Everything stored about one client, for a request under article 15 AVG: the client,
    every record kind that refers to it (with its plural name), and the audit trail of all of
    them."""
    records = {}
    for soort in persoonsrecords():
        if soort.model is Client:
            continue
        eerste_stap = soort.pad.split("__", 1)[0]
        records[soort.label] = {
            "soort": str(soort.model._meta.verbose_name_plural),
            "records": [
                _record(obj, zonder=eerste_stap) for obj in soort.van([client.pk]).order_by("pk")
            ],
        }
    uuids = record_uuids(client)
    return {
        "client": _record(client, zonder=""),
        "records": records,
        "auditlog": [
            {
                "tijdstip": leesbaar(a.tijdstip),
                "wie": a.gebruikersnaam,
                "actie": a.get_actie_display(),
                "model": a.model,
                "omschrijving": a.omschrijving,
                "gegevens": a.gegevens,
            }
            for a in Auditregel.objects.filter(object_uuid__in=uuids).order_by("tijdstip", "pk")
        ],
    }


def te_anonimiseren(vandaag: dt.date | None = None):
    """Clients who left more than BEWAARTERMIJN_JAREN ago and are not anonymised yet."""
    vandaag = vandaag or timezone.localdate()
    grens = plus_maanden(vandaag, -12 * settings.BEWAARTERMIJN_JAREN)
    return Client.objects.filter(uitstroom_datum__lt=grens, geanonimiseerd_op__isnull=True)


def _leeg(model, veldnaam: str):
    return None if model._meta.get_field(veldnaam).null else ""


def _plan(soorten: list[Persoonsrecord], clienten: list[int]) -> dict[str, dict]:
    """Per record kind: how many records of these clients anonymisation changes, and which
    fields."""
    plan = {}
    for soort in soorten:
        velden = VRIJE_TEKST[soort.label]
        aantal = soort.van(clienten).count() if velden else 0
        if aantal:
            plan[soort.label] = {"records": aantal, "velden": list(velden)}
    return plan


def _maskeer_audit(soorten: list[Persoonsrecord], clienten: list[int], namen: set[str]) -> int:
    """The audit lines of these clients' records keep what happened and when; the values of
    the blanked fields become GEANONIMISEERD and the names leave the descriptions."""
    # Any free-text field name of any kind: a client's own audit line can carry the reason
    # of an extension or an uitval under "reden".
    velden = {veld for namen in VRIJE_TEKST.values() for veld in namen} | {"geboortedatum"}
    uuids = set()
    for soort in soorten:
        if _heeft_uuid(soort.model):
            uuids |= set(soort.van(clienten).values_list("uuid", flat=True))
    gewijzigd = []
    regels = Auditregel.objects.filter(object_uuid__in=list(uuids)).only(
        "pk", "object_uuid", "gegevens", "omschrijving"
    )
    for regel in regels.iterator(chunk_size=2000):
        gegevens = {
            k: (GEANONIMISEERD if k in velden and v not in (None, "") else v)
            for k, v in (regel.gegevens or {}).items()
        }
        omschrijving = regel.omschrijving
        for naam in namen:
            omschrijving = omschrijving.replace(naam, GEANONIMISEERD)
        if gegevens != regel.gegevens or omschrijving != regel.omschrijving:
            regel.gegevens, regel.omschrijving = gegevens, omschrijving
            gewijzigd.append(regel)
    Auditregel.objects.bulk_update(gewijzigd, ["gegevens", "omschrijving"], batch_size=1000)
    return len(gewijzigd)


@transaction.atomic
def anonimiseer(*, vandaag: dt.date | None = None, door=None, dry_run: bool = False) -> dict:
    """Remove who the clients past their retention period were from every record about them:
    names, BSN and free text blanked, the birth date to 1 July of its year, the audit lines'
    personal values masked. Dates, routes, statuses and amounts stay: the reports are made of
    them. Returns {"clienten": n, "plan": {record kind: {"records", "velden"}}}; with dry_run
    nothing changes. A second run finds nobody left to anonymise."""
    clienten = list(te_anonimiseren(vandaag).values_list("pk", flat=True))
    soorten = persoonsrecords()
    plan = _plan(soorten, clienten)
    if dry_run or not clienten:
        return {"clienten": len(clienten), "plan": plan}
    namen = {
        naam.strip()
        for paar in Client.objects.filter(pk__in=clienten).values_list("voornaam", "achternaam")
        for naam in paar
        if len(naam.strip()) > 1
    }
    _maskeer_audit(soorten, clienten, namen)
    for soort in soorten:
        velden = VRIJE_TEKST[soort.label]
        if velden:
            soort.van(clienten).update(**{v: _leeg(soort.model, v) for v in velden})
    nu = timezone.now()
    for pk, geboren in Client.objects.filter(pk__in=clienten).values_list("pk", "geboortedatum"):
        # The birth year stays (age at the start), the day does not.
        Client.objects.filter(pk=pk).update(
            geboortedatum=geboren.replace(month=7, day=1) if geboren else None,
            geanonimiseerd_op=nu,
        )
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        model="registratie.client",
        omschrijving=f"{len(clienten)} client(en) geanonimiseerd na de bewaartermijn",
        gegevens={
            "aantal": len(clienten),
            "bewaartermijn_jaren": settings.BEWAARTERMIJN_JAREN,
            "records": {label: p["records"] for label, p in plan.items()},
        },
    )
    return {"clienten": len(clienten), "plan": plan}
