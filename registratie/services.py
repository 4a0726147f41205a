"""Writes on clients and enrolments that must hold the register's invariants."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from inkoop.models import Contract, Contractregel
from inkoop.selectors import contract_verplicht_bedrag, contractregel_bezetting
from kern.fouten import ConflictError
from kern.models import Auditregel
from kern.services import audit_log
from registratie import regels
from registratie.models import Client, Inschrijving, Uitstroomreden, Weigering


def _d(datum: dt.date) -> str:
    return date_format(datum, "d-m-Y")


def inschrijving_create(*, contractregel: Contractregel, **kwargs) -> Inschrijving:
    """Enrol a client on a contracted place (see _inschrijving_create). A refusal is
    recorded with its reasons, without the client, so demand that was not met is counted."""
    try:
        return _inschrijving_create(contractregel=contractregel, **kwargs)
    except regels.Geweigerd as weigering:
        Weigering.objects.bulk_create(
            Weigering(
                datum=timezone.localdate(),
                contractregel_id=contractregel.pk,
                leerroute_id=contractregel.leerroute_id,
                reden=soort,
            )
            for soort in dict.fromkeys(b.soort for b in weigering.bezwaren)
        )
        raise weigering.fout from None


@transaction.atomic
def _inschrijving_create(
    *,
    client: Client,
    contractregel: Contractregel,
    startdatum: dt.date,
    door,
    datum_aanmelding: dt.date | None = None,
    verwachte_einddatum: dt.date | None = None,
    toelichting: str = "",
) -> Inschrijving:
    """The contract row is locked first, so two requests can never take the last place or
    the last euro under the plafond twice."""
    contract = Contract.objects.select_for_update().get(pk=contractregel.contract_id)
    regel = (
        Contractregel.objects.select_for_update(of=("self",))
        .select_related("traject", "traject__aanbieder", "leerroute")
        .get(pk=contractregel.pk)
    )
    regel.contract = contract
    client = Client.objects.select_related("leerroute").get(pk=client.pk)
    datum_aanmelding = datum_aanmelding or min(timezone.localdate(), startdatum)
    bezwaren = regels.geschiktheid(client, regel, startdatum) + regels.al_ingeschreven(
        client, regel
    )
    if bezwaren:
        raise regels.Geweigerd(bezwaren, ValidationError(regels.als_foutdict(bezwaren)))
    bezwaren = regels.ruimte(
        regel,
        contract,
        bezet=contractregel_bezetting(regel),
        verplicht=contract_verplicht_bedrag(contract),
    )
    if bezwaren:
        raise regels.Geweigerd(bezwaren, ConflictError(regels.als_foutdict(bezwaren)))

    inschrijving = Inschrijving(
        client=client,
        contractregel=regel,
        datum_aanmelding=datum_aanmelding,
        startdatum=startdatum,
        verwachte_einddatum=verwachte_einddatum,
        tarief=regel.tarief,
        aangemeld_door=door if door is not None and door.is_authenticated else None,
        toelichting=toelichting,
    )
    inschrijving.full_clean()
    inschrijving.save()
    if client.status == Client.Status.IN_BEELD:
        client.status = Client.Status.IN_BEGELEIDING
        client.save(update_fields=["status", "gewijzigd_op"])
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT,
        instance=inschrijving,
        gegevens={"client": client.clientnummer, "contractregel": str(regel.uuid)},
    )
    return inschrijving


@transaction.atomic
def inschrijving_start(*, inschrijving: Inschrijving, startdatum: dt.date, door) -> Inschrijving:
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if startdatum > timezone.localdate():
        raise ValidationError(
            {
                "startdatum": f"{_d(startdatum)} ligt in de toekomst; leg de start vast op of "
                "na de dag dat het traject begint."
            }
        )
    if inschrijving.status != Inschrijving.Status.AANGEMELD:
        raise ValidationError(
            {
                "status": f"Alleen een aangemelde inschrijving kan starten; deze is "
                f"{inschrijving.get_status_display()}."
            }
        )
    inschrijving.status = Inschrijving.Status.GESTART
    inschrijving.startdatum = startdatum
    inschrijving.full_clean()
    inschrijving.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=inschrijving,
        gegevens={"status": "gestart", "startdatum": str(startdatum)},
    )
    return inschrijving


@transaction.atomic
def inschrijving_beeindig(
    *, inschrijving: Inschrijving, einddatum: dt.date, reden: str, door, toelichting: str = ""
) -> Inschrijving:
    """End an enrolment: according to plan means afgerond, any other reason is an early end."""
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if inschrijving.status not in Inschrijving.ACTIEF:
        raise ValidationError({"status": "Deze inschrijving is al beëindigd."})
    if reden not in Inschrijving.RedenEinde.values:
        raise ValidationError({"reden_einde": f"Onbekende reden '{reden}'."})
    inschrijving.geannuleerd = inschrijving.status == Inschrijving.Status.AANGEMELD
    inschrijving.status = (
        Inschrijving.Status.AFGEROND
        if reden == Inschrijving.RedenEinde.VOLGENS_PLAN
        else Inschrijving.Status.VOORTIJDIG_BEEINDIGD
    )
    inschrijving.einddatum = einddatum
    inschrijving.reden_einde = reden
    if toelichting:
        inschrijving.toelichting = toelichting
    inschrijving.full_clean()
    inschrijving.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=inschrijving,
        gegevens={"status": inschrijving.status, "reden_einde": reden, "einddatum": str(einddatum)},
    )
    return inschrijving


NAAR_NAZORG = {Uitstroomreden.VOLTIJD_BAAN, Uitstroomreden.DEELTIJD_BAAN, Uitstroomreden.OPLEIDING}

# The enrolment's end reason that usually goes with an outflow reason (a suggestion only).
EINDE_BIJ_UITSTROOM = {
    Uitstroomreden.VOLTIJD_BAAN: Inschrijving.RedenEinde.WERK,
    Uitstroomreden.DEELTIJD_BAAN: Inschrijving.RedenEinde.WERK,
    Uitstroomreden.OPLEIDING: Inschrijving.RedenEinde.WERK,
}


@transaction.atomic
def client_uitstroom_registreer(
    *,
    client: Client,
    datum: dt.date,
    reden: str,
    door,
    beeindigingen: dict[str, str] | None = None,
    **plaatsing,
) -> Client:
    """Record the outflow. Work or education starts 4 months of nazorg; other reasons end
    the guidance. Every running enrolment ends in the same step, each with the reason the
    specialist gives (`beeindigingen`: enrolment uuid -> reden_einde); one left without a
    reason refuses the whole outflow, so no client leaves with a place still held."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.uitstroom_datum:
        raise ValidationError(
            {"datum": f"De uitstroom van {client} is al vastgelegd ({_d(client.uitstroom_datum)})."}
        )
    if datum > timezone.localdate():
        raise ValidationError({"datum": "De datum van uitstroom ligt in de toekomst."})
    beeindigingen = {str(k): v for k, v in (beeindigingen or {}).items()}
    lopend = list(
        client.inschrijvingen.filter(status__in=Inschrijving.ACTIEF)
        .select_related("contractregel__traject")
        .select_for_update(of=("self",))
    )
    zonder_reden = [i for i in lopend if not beeindigingen.get(str(i.uuid))]
    if zonder_reden:
        namen = ", ".join(i.contractregel.traject.naam for i in zonder_reden)
        raise ValidationError(
            {
                "beeindigingen": f"Geef voor elke lopende inschrijving een reden van "
                f"beëindiging; nog open: {namen}."
            }
        )
    onbekend = set(beeindigingen) - {str(i.uuid) for i in lopend}
    if onbekend:
        raise ValidationError(
            {"beeindigingen": "Een genoemde inschrijving loopt niet (meer) bij deze client."}
        )
    client.uitstroom_datum = datum
    client.uitstroom_reden = reden
    for veld in (
        "uitstroom_subreden",
        "sector",
        "dienstverband",
        "type_bemiddeling",
        "wgt_betrokken",
        "werkgever",
        "werkgeversproject",
    ):
        if veld in plaatsing:
            setattr(client, veld, plaatsing[veld])
    client.status = Client.Status.NAZORG if reden in NAAR_NAZORG else Client.Status.UITGESTROOMD
    client.full_clean()
    client.save()
    for inschrijving in lopend:
        # A place booked to start after the outflow is cancelled on its start date.
        inschrijving_beeindig(
            inschrijving=inschrijving,
            einddatum=max(datum, inschrijving.startdatum),
            reden=beeindigingen[str(inschrijving.uuid)],
            door=door,
        )
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=client,
        gegevens={
            "uitstroom_datum": str(datum),
            "uitstroom_reden": reden,
            "beeindigd": sorted(beeindigingen),
        },
    )
    return client
