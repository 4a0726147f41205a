"""Payment on results, the enrolment's side: whether the result that releases the prestatiedeel
was reached, established from the register's own data (or confirmed by the specialist), or
forfeited when the deadline passes without it. The money itself (withheld on approval,
released in a payment batch) is the `declaraties` app's."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from aanbod.models import Taalniveau
from inkoop.models import Contractregel
from kern.models import Auditregel
from kern.services import audit_log
from registratie.models import (
    Examen,
    Inschrijving,
    PrestatieStatus,
    Uitstroomreden,
    Voortgangsrapportage,
    plus_maanden,
)
from registratie.signals import inschrijvingen_gewijzigd

P = Contractregel.Prestatie
NIVEAUS = list(Taalniveau.values)
WERK_OF_OPLEIDING = {
    Uitstroomreden.VOLTIJD_BAAN,
    Uitstroomreden.DEELTIJD_BAAN,
    Uitstroomreden.OPLEIDING,
}


def resultaat(inschrijving: Inschrijving) -> tuple[dt.date | None, str]:
    """When the result was reached according to the register, and how; (None, '') if not."""
    regel = inschrijving.contractregel
    soort = regel.prestatie or P.VOLGENS_PLAN  # the default for a prestatiedeel
    if soort == P.VOLGENS_PLAN:
        if inschrijving.reden_einde == Inschrijving.RedenEinde.VOLGENS_PLAN:
            return inschrijving.einddatum, "volgens plan afgerond"
        return None, ""
    rapporten = Voortgangsrapportage.objects.filter(inschrijving=inschrijving)
    if soort == P.TAALNIVEAU:
        return _taalniveau_behaald(inschrijving, regel.prestatie_taalniveau)
    if soort == P.TREDE:
        treden = rapporten.exclude(participatieladder=None).aggregate(
            eerste=Min("peildatum"), laatste=Max("peildatum")
        )
        if treden["eerste"] and treden["laatste"] != treden["eerste"]:
            begin = rapporten.get(peildatum=treden["eerste"]).participatieladder
            eind = rapporten.get(peildatum=treden["laatste"]).participatieladder
            if eind > begin:
                return treden["laatste"], f"van trede {begin} naar {eind}"
        return None, ""
    if soort == P.UITSTROOM:
        client = inschrijving.client
        if client.uitstroom_reden in WERK_OF_OPLEIDING and client.uitstroom_datum:
            grens = (
                plus_maanden(inschrijving.einddatum, regel.prestatie_maanden)
                if (inschrijving.einddatum)
                else None
            )
            if client.uitstroom_datum >= inschrijving.startdatum and (
                grens is None or client.uitstroom_datum <= grens
            ):
                return client.uitstroom_datum, f"uitstroom ({client.get_uitstroom_reden_display()})"
        return None, ""
    return None, ""


def _taalniveau_behaald(inschrijving: Inschrijving, niveau: str) -> tuple[dt.date | None, str]:
    """A language level is reached when the four language exams are passed at that level or
    above, each after the enrolment began, by results that count: DUO's or the gemeente's,
    or a provider's that DUO confirmed (Examen.telt). A provider's own report, in an exam or
    a progress report, does not release the prestatiedeel."""
    doel = NIVEAUS.index(niveau)
    data = []
    examens = Examen.objects.filter(
        Examen.telt(),
        client=inschrijving.client_id,
        behaald=True,
        datum__gte=inschrijving.startdatum,
        onderdeel__in=Examen.TAAL,
    ).exclude(niveau="")
    for deel in Examen.TAAL:
        gehaald = [
            x.datum for x in examens if x.onderdeel == deel and NIVEAUS.index(x.niveau) >= doel
        ]
        if not gehaald:
            return None, ""
        data.append(min(gehaald))
    return max(data), f"taalexamens {niveau} behaald (DUO)"


def prestaties_vaststellen(
    *, vandaag: dt.date | None = None, clienten: list[int] | None = None
) -> dict[str, int]:
    """Every open result (of these clients, when given): reached (released), or past its
    deadline (forfeited)."""
    vandaag = vandaag or timezone.localdate()
    telling = {"bereikt": 0, "niet_bereikt": 0}
    open_ = Inschrijving.objects.filter(prestatie_status=PrestatieStatus.OPEN).select_related(
        "contractregel", "client"
    )
    if clienten is not None:
        open_ = open_.filter(client__in=clienten)
    for inschrijving in open_:
        datum, hoe = resultaat(inschrijving)
        if datum is not None and datum <= vandaag:
            _stel_vast(inschrijving, PrestatieStatus.BEREIKT, datum, f"register: {hoe}")
            telling["bereikt"] += 1
            continue
        einde = inschrijving.einddatum
        if einde and vandaag > plus_maanden(einde, inschrijving.contractregel.prestatie_maanden):
            _stel_vast(inschrijving, PrestatieStatus.NIET_BEREIKT, vandaag, "termijn verstreken")
            telling["niet_bereikt"] += 1
    return telling


def _stel_vast(inschrijving, status, datum, bron, door=None):
    with transaction.atomic():
        Inschrijving.objects.filter(
            pk=inschrijving.pk, prestatie_status=PrestatieStatus.OPEN
        ).update(
            prestatie_status=status,
            prestatie_vastgesteld_op=datum,
            prestatie_bron=bron[:100],
            gewijzigd_op=timezone.now(),
        )
        inschrijvingen_gewijzigd.send(Inschrijving, pks=[inschrijving.pk])
        audit_log(
            door=door,
            actie=Auditregel.Actie.GEWIJZIGD,
            instance=inschrijving,
            gegevens={"prestatie": status, "datum": str(datum), "bron": bron},
        )


def prestatie_bevestig(*, inschrijving: Inschrijving, door, toelichting: str) -> Inschrijving:
    """The specialist confirms the result (e.g. a diploma the register does not hold)."""
    if inschrijving.prestatie_status != PrestatieStatus.OPEN:
        stand = inschrijving.get_prestatie_status_display() or "geen prestatiedeel"
        raise ValidationError({"prestatie": f"Er staat geen prestatie open ({stand})."})
    if not toelichting.strip():
        raise ValidationError({"toelichting": "Noem waaruit het resultaat blijkt."})
    _stel_vast(
        inschrijving,
        PrestatieStatus.BEREIKT,
        timezone.localdate(),
        f"specialist: {toelichting}",
        door=door,
    )
    inschrijving.refresh_from_db()
    return inschrijving
