"""Undo one import of the old monitoring list, from its audit trail: the clients it created go
(unless they have been used since), the fields it changed get their old values back (unless
they have changed since), all or nothing."""

from django.db import transaction

from kern.models import Auditregel
from kern.services import audit_log, auditregel
from registratie.models import Client, Inschrijving, Wachtlijstplaats
from registratie.monitoring import MONITORING, veldwaarden


class HerstelFout(Exception):
    def __init__(self, fouten: list[str]):
        super().__init__("; ".join(fouten))
        self.fouten = fouten


def monitoringimport_herstel(*, regel_id: int, door, dry_run: bool = False) -> dict:
    """Undo one monitoring import from its audit trail: every client it changed gets the
    values back it had before, every client it created is removed. All or nothing: if a
    field was changed again since, or a created client has enrolments or a waiting-list
    place, nothing is undone and every conflict is named."""
    samenvatting = Auditregel.objects.filter(
        pk=regel_id, actie=Auditregel.Actie.GEIMPORTEERD, model="registratie.client"
    ).first()
    if samenvatting is None or not samenvatting.gegevens.get(MONITORING):
        raise HerstelFout([f"Auditregel {regel_id} is geen import van een monitoringsbestand."])
    if Auditregel.objects.filter(gegevens__herstelt=regel_id).exists():
        raise HerstelFout([f"Import {regel_id} is al teruggedraaid."])
    regels = list(Auditregel.objects.filter(gegevens__import=regel_id).order_by("pk"))
    verwacht = samenvatting.gegevens.get("nieuw", 0) + samenvatting.gegevens.get("gewijzigd", 0)
    if len(regels) != verwacht:
        raise HerstelFout(
            [
                f"Van import {regel_id} zijn {len(regels)} van de {verwacht} clientregels nog "
                "in het auditlog (de rest is geanonimiseerd); terugdraaien kan niet meer."
            ]
        )
    clienten = Client.objects.in_bulk([r.object_uuid for r in regels], field_name="uuid")
    nieuw = [
        clienten[r.object_uuid].pk
        for r in regels
        if r.actie == Auditregel.Actie.AANGEMAAKT and r.object_uuid in clienten
    ]
    in_gebruik = set(
        Inschrijving.objects.filter(client__in=nieuw).values_list("client_id", flat=True)
    ) | set(Wachtlijstplaats.objects.filter(client__in=nieuw).values_list("client_id", flat=True))
    fouten, stappen = [], []
    for regel in regels:
        client = clienten.get(regel.object_uuid)
        if client is None:
            fouten.append(f"Een client uit deze import bestaat niet meer ({regel.object_uuid}).")
            continue
        nu = veldwaarden(client, regel.gegevens["na"])
        for veld, waarde in regel.gegevens["na"].items():
            if nu[veld] != waarde:
                fouten.append(
                    f"Client {client.clientnummer}: {Client._meta.get_field(veld).verbose_name} "
                    f"is na de import gewijzigd (nu '{nu[veld]}', na de import '{waarde}')."
                )
        if "leerroute" in regel.gegevens["voor"] and client.pip_versies.exists():
            fouten.append(
                f"Client {client.clientnummer} heeft sinds de import een PIP; de leerroute "
                "volgt daaruit en gaat niet terug."
            )
        if client.pk in in_gebruik:
            fouten.append(
                f"Client {client.clientnummer} is door de import aangemaakt en heeft nu "
                "inschrijvingen of een wachtlijstplaats."
            )
        stappen.append((client, regel))
    if fouten:
        raise HerstelFout(fouten)
    uitkomst = {"hersteld": 0, "verwijderd": 0}
    for _client, regel in stappen:
        uitkomst["verwijderd" if regel.actie == Auditregel.Actie.AANGEMAAKT else "hersteld"] += 1
    if dry_run:
        return uitkomst
    with transaction.atomic():
        regels_herstel = []
        for client, regel in stappen:
            if regel.actie == Auditregel.Actie.AANGEMAAKT:
                regels_herstel.append(
                    auditregel(
                        door=door,
                        actie=Auditregel.Actie.VERWIJDERD,
                        instance=client,
                        gegevens={"herstel_van": regel_id},
                    )
                )
                client.delete()
                continue
            for veld, waarde in regel.gegevens["voor"].items():
                model_veld = Client._meta.get_field(veld)
                setattr(client, model_veld.attname, model_veld.to_python(waarde))
            client.save()
            regels_herstel.append(
                auditregel(
                    door=door,
                    actie=Auditregel.Actie.GEWIJZIGD,
                    instance=client,
                    gegevens={
                        "herstel_van": regel_id,
                        **{
                            veld: {"oud": regel.gegevens["na"][veld], "nieuw": waarde}
                            for veld, waarde in regel.gegevens["voor"].items()
                        },
                    },
                )
            )
        Auditregel.objects.bulk_create(regels_herstel, batch_size=1000)
        audit_log(
            door=door,
            actie=Auditregel.Actie.GEWIJZIGD,
            model="registratie.client",
            omschrijving=f"Import {regel_id} ({samenvatting.gegevens.get('bestand', '')}) "
            f"teruggedraaid: {uitkomst['hersteld']} hersteld, {uitkomst['verwijderd']} verwijderd",
            gegevens={"herstelt": regel_id, **uitkomst},
        )
    return uitkomst
