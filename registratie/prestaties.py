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
    Inschrijving,
    PrestatieStatus,
    Uitstroomreden,
    Voortgangsrapportage,
    plus_maanden,
)

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
        doel = NIVEAUS.index(regel.prestatie_taalniveau)
        for r in rapporten.exclude(taalniveau="").order_by("peildatum"):
            if NIVEAUS.index(r.taalniveau) >= doel:
                return r.peildatum, f"taalniveau {r.taalniveau} in de voortgangsrapportage"
        return None, ""
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


def prestaties_vaststellen(*, vandaag: dt.date | None = None) -> dict[str, int]:
    """Every open result: reached (released), or past its deadline (forfeited)."""
    vandaag = vandaag or timezone.localdate()
    telling = {"bereikt": 0, "niet_bereikt": 0}
    open_ = Inschrijving.objects.filter(prestatie_status=PrestatieStatus.OPEN).select_related(
        "contractregel", "client"
    )
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
