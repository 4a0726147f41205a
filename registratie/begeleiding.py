"""The course of guidance: the outflow (with nazorg), dropping out (uitval) and coming back; each
spell's gap is recorded so the reports can follow it."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern.models import Auditregel
from kern.services import audit_log, wijzigingen
from registratie.models import (
    Client,
    Inschrijving,
    Onderbreking,
    Uitstroomreden,
    Wachtlijstplaats,
    status_na_uitstroom,
)
from registratie.services import _d, inschrijving_beeindig, wachtlijst_intrek

# The enrolment's end reason that usually goes with an outflow reason (a suggestion only).
EINDE_BIJ_UITSTROOM = {
    Uitstroomreden.VOLTIJD_BAAN: Inschrijving.RedenEinde.WERK,
    Uitstroomreden.DEELTIJD_BAAN: Inschrijving.RedenEinde.WERK,
    Uitstroomreden.OPLEIDING: Inschrijving.RedenEinde.WERK,
}


def controleer_uitstroom(
    client: Client, datum: dt.date, lopend: list[Inschrijving], beeindigingen=None
) -> dict[str, str]:
    """The rules of an outflow, for the service and for a file that records one (the
    monitoring import checks every row before it writes any): a first outflow, not in the
    future, not before the return from an uitval, and a reason for every running enrolment.
    Returns the reasons keyed by enrolment uuid."""
    fouten = {}
    if client.is_uitgestroomd:
        fouten["datum"] = (
            f"De uitstroom van {client} is al vastgelegd ({_d(client.uitstroom_datum)})."
        )
    elif datum > timezone.localdate():
        fouten["datum"] = "De datum van uitstroom ligt in de toekomst."
    else:
        vorige = client.onderbrekingen.order_by("-van").first()
        if vorige is not None and vorige.tot and datum < vorige.tot:
            fouten["datum"] = (
                f"De client kwam op {_d(vorige.tot)} terug; de uitstroom ligt niet eerder."
            )
    try:  # every error in one answer, not one round at a time
        beeindigingen = reden_per_inschrijving(lopend, beeindigingen)
    except ValidationError as fout:
        fouten.update({k: v[0] for k, v in fout.message_dict.items()})
    if fouten:
        raise ValidationError(fouten)
    return beeindigingen


def reden_per_inschrijving(lopend: list[Inschrijving], beeindigingen=None) -> dict[str, str]:
    """A reason for every running enrolment that a step ends with it, and for no other."""
    beeindigingen = {str(k): v for k, v in (beeindigingen or {}).items()}
    zonder_reden = [i for i in lopend if not beeindigingen.get(str(i.uuid))]
    if zonder_reden:
        namen = ", ".join(i.contractregel.traject.naam for i in zonder_reden)
        raise ValidationError(
            {
                "beeindigingen": f"Geef voor elke lopende inschrijving een reden van "
                f"beëindiging; nog open: {namen}."
            }
        )
    if set(beeindigingen) - {str(i.uuid) for i in lopend}:
        raise ValidationError(
            {"beeindigingen": "Een genoemde inschrijving loopt niet (meer) bij deze client."}
        )
    return beeindigingen


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
    lopend = list(
        client.inschrijvingen.filter(status__in=Inschrijving.ACTIEF)
        .select_related("contractregel__traject")
        .select_for_update(of=("self",))
    )
    fouten = {}
    try:
        beeindigingen = controleer_uitstroom(client, datum, lopend, beeindigingen)
    except ValidationError as fout:
        fouten = dict(fout.message_dict)
    vorige = client.onderbrekingen.order_by("-van").first()
    if vorige is not None and vorige.tot is None:  # an uitval ends with the outflow
        vorige.tot = max(datum, vorige.van)
        vorige.save(update_fields=["tot", "gewijzigd_op"])
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
    client.status = status_na_uitstroom(reden, client.uitstroom_datum, timezone.localdate())
    try:
        client.full_clean()
    except ValidationError as fout:
        for veld, meldingen in fout.message_dict.items():
            fouten.setdefault(veld, meldingen)
    if fouten:  # all at once: the form shows every error in one round
        raise ValidationError(fouten)
    client.save()
    for inschrijving in lopend:
        # A place booked to start after the outflow is cancelled on its start date.
        inschrijving_beeindig(
            inschrijving=inschrijving,
            einddatum=max(datum, inschrijving.startdatum),
            reden=beeindigingen[str(inschrijving.uuid)],
            door=door,
        )
    for plaats in client.wachtlijst.filter(status__in=Wachtlijstplaats.OPEN):
        wachtlijst_intrek(plaats=plaats, door=door, reden="Client uitgestroomd.")
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


@transaction.atomic
def begeleiding_onderbreek(
    *,
    client: Client,
    datum: dt.date,
    reden: str,
    door,
    toelichting: str = "",
    beeindigingen: dict[str, str] | None = None,
) -> Onderbreking:
    """The client drops out of guidance for a while (illness, pregnancy, gone for a time,
    no longer showing up). Running enrolments end in the same step, each with the reason
    the specialist gives (`beeindigingen`, as for the outflow); waiting-list places are
    withdrawn."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.status != Client.Status.IN_BEGELEIDING:
        raise ValidationError(
            {
                "datum": f"Alleen een client in begeleiding kan uitvallen; {client} is "
                f"{client.get_status_display()}."
            }
        )
    if reden not in Onderbreking.Reden.values:
        raise ValidationError({"reden": "Kies de reden van de uitval."})
    if datum > timezone.localdate():
        raise ValidationError({"datum": "De datum van uitval ligt in de toekomst."})
    vorige = client.onderbrekingen.order_by("-van").first()
    begin = max(
        (d for d in (client.datum_brede_intake, vorige.tot if vorige else None) if d),
        default=None,
    )
    if begin and datum < begin:
        raise ValidationError(
            {"datum": f"De begeleiding liep vanaf {_d(begin)}; de uitval ligt niet eerder."}
        )
    lopend = list(
        client.inschrijvingen.filter(status__in=Inschrijving.ACTIEF)
        .select_related("contractregel__traject")
        .select_for_update(of=("self",))
    )
    beeindigingen = reden_per_inschrijving(lopend, beeindigingen)
    for inschrijving in lopend:  # a place booked to start later is cancelled on its start
        inschrijving_beeindig(
            inschrijving=inschrijving,
            einddatum=max(datum, inschrijving.startdatum),
            reden=beeindigingen[str(inschrijving.uuid)],
            door=door,
        )
    onderbreking = Onderbreking.objects.create(
        client=client,
        soort=Onderbreking.Soort.UITVAL,
        van=datum,
        reden=reden,
        toelichting=(toelichting or "").strip(),
        vastgelegd_door=door,
    )
    client.status = Client.Status.UITGEVALLEN
    client.save(update_fields=["status", "gewijzigd_op"])
    for plaats in client.wachtlijst.filter(status__in=Wachtlijstplaats.OPEN):
        wachtlijst_intrek(plaats=plaats, door=door, reden="Client uitgevallen.")
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=client,
        gegevens={"status": client.status, "uitval": str(datum), "reden": reden},
    )
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT,
        instance=onderbreking,
        gegevens=wijzigingen(
            {}, {"van": datum, "reden": reden, "toelichting": onderbreking.toelichting}
        ),
    )
    return onderbreking


@transaction.atomic
def begeleiding_hervat(*, client: Client, datum: dt.date, door, toelichting: str = "") -> Client:
    """The client comes back: after an uitval, or after an outflow (the job ended, the
    course stopped). A new spell of guidance begins; the client is not a new inflow (reports
    count the first start), and an outflow before stays counted as one."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if datum > timezone.localdate():
        raise ValidationError({"datum": "De datum van terugkeer ligt in de toekomst."})
    if client.status == Client.Status.UITGEVALLEN:
        onderbreking = client.onderbrekingen.get(tot__isnull=True)
        if datum < onderbreking.van:
            raise ValidationError(
                {"datum": f"De client viel uit op {_d(onderbreking.van)}; terug kan niet eerder."}
            )
        onderbreking.tot = datum
        onderbreking.toelichting_terug = (toelichting or "").strip()
        onderbreking.save(update_fields=["tot", "toelichting_terug", "gewijzigd_op"])
        actie = Auditregel.Actie.GEWIJZIGD
    elif client.is_uitgestroomd:
        if datum < client.uitstroom_datum:
            raise ValidationError(
                {
                    "datum": f"De client stroomde uit op {_d(client.uitstroom_datum)}; terug kan "
                    "niet eerder."
                }
            )
        onderbreking = Onderbreking.objects.create(
            client=client,
            soort=Onderbreking.Soort.UITSTROOM,
            van=client.uitstroom_datum,
            tot=datum,
            uitstroom_reden=client.uitstroom_reden,
            uitstroom_subreden=client.uitstroom_subreden,
            toelichting_terug=(toelichting or "").strip(),
            vastgelegd_door=door,
        )
        actie = Auditregel.Actie.AANGEMAAKT
    else:
        raise ValidationError(
            {
                "datum": f"{client} is {client.get_status_display()}: er is niets om van terug "
                "te komen."
            }
        )
    client.status = Client.Status.IN_BEGELEIDING
    client.save(update_fields=["status", "gewijzigd_op"])
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=client,
        gegevens={"status": client.status, "terug": str(datum)},
    )
    audit_log(
        door=door,
        actie=actie,
        instance=onderbreking,
        gegevens=wijzigingen({}, {"van": onderbreking.van, "tot": datum}),
    )
    return client
