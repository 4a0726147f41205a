"""Background work: what takes long runs in the worker, never in a web request (issue 26).

A task is a Taak row (who asked, how far, the result) and a job in django-tasks' database
queue (the backport of Django 6's own tasks framework; no server beside the database). The
worker (`manage.py db_worker`; `make run` and deploy/inburgering-worker.service start it)
runs `voer_uit`, which looks up what to do by the task's kind (UITVOERDERS) and records the
progress as it goes, so the task page shows a bar that moves. Work that is safe to do again
(an export writes nothing) is retried after an error; the third error ends it in Dutch."""

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import replace

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from kern.fouten import ConflictError
from kern.models import Taak

logger = logging.getLogger(__name__)
S = Taak.Status
# Per kind: the function that does the work, `(taak, voortgang) -> (bestandsnaam, inhoud)`,
# and whether it may run again after an error. Apps above kern add theirs (`uitvoerder`).
UITVOERDERS = {
    "export": ("kern.taken.lijst_exporteren", True),
    "api-export": ("kern.taken.api_exporteren", True),
    # An import writes all or nothing, but once written it must not be written twice.
    "import": ("kern.taken.bestand_importeren", False),
}


# What a task counts, where it is not rows (its page says "3 van 18 rapportages").
EENHEDEN: dict[str, str] = {}


def uitvoerder(soort: str, pad: str, *, opnieuw: bool, eenheid: str = "rijen") -> None:
    """An app's own kind of task (called from its AppConfig.ready, so web and worker know it)."""
    UITVOERDERS[soort] = (pad, opnieuw)
    EENHEDEN[soort] = eenheid


class TaakFout(Exception):
    """The work itself says no (a file with bad rows): the task fails with these errors by
    row and column, at once, without another try."""

    def __init__(self, melding: str, fouten: list[dict]):
        super().__init__(melding)
        self.melding, self.fouten = melding, fouten


MAX_POGINGEN = 3


def taak_aanmaken(
    *, door, soort: str, titel: str, parameters: dict, totaal=None, inhoud=None
) -> Taak:
    """Queue a task for `door`; refused while they have TAKEN_PER_GEBRUIKER running."""
    with transaction.atomic():
        lopend = Taak.objects.select_for_update().filter(door=door, status__in=[S.WACHT, S.BEZIG])
        if len(lopend) >= settings.TAKEN_PER_GEBRUIKER:
            raise ConflictError(
                f"U heeft al {len(lopend)} taken lopen; wacht tot er een klaar is en probeer "
                "het dan opnieuw."
            )
        taak = Taak.objects.create(
            door=door,
            soort=soort,
            titel=titel,
            parameters=parameters,
            totaal=totaal,
            inhoud=inhoud,
        )
        # The job row commits with the task row: the worker never sees one without the other.
        voer_uit.enqueue(str(taak.uuid))
    return taak


class Voortgang:
    """Counts rows as they are written and saves the count now and then (not per row)."""

    def __init__(self, taak: Taak, elke: float = 0.5):
        self.taak, self.elke, self.laatst, self.gedaan = taak, elke, 0.0, 0

    def tel(self, rijen: Iterable) -> Iterable:
        for rij in rijen:
            self.stap()
            yield rij

    def stap(self, n: int = 1) -> None:
        self.gedaan += n
        if time.monotonic() - self.laatst > self.elke:
            self.bewaar()

    def bewaar(self) -> None:
        self.laatst = time.monotonic()
        Taak.objects.filter(pk=self.taak.pk).update(gedaan=self.gedaan)


@task()
def voer_uit(taak_uuid: str) -> None:
    taak = Taak.objects.filter(uuid=taak_uuid, status__in=[S.WACHT, S.BEZIG]).first()
    if taak is None:
        return  # done already, or gone
    pad, opnieuw = UITVOERDERS[taak.soort]
    taak.status, taak.pogingen = S.BEZIG, taak.pogingen + 1
    taak.begonnen_op = taak.begonnen_op or timezone.now()
    taak.save(update_fields=["status", "pogingen", "begonnen_op", "gewijzigd_op"])
    voortgang = Voortgang(taak)
    try:
        naam, inhoud = import_string(pad)(taak, voortgang)
    except TaakFout as fout:
        taak.status, taak.klaar_op = S.MISLUKT, timezone.now()
        taak.melding, taak.fouten, taak.inhoud = fout.melding[:500], fout.fouten, None
        taak.save()
        return
    except Exception:
        logger.exception("Taak %s (%s) mislukte, poging %s", taak.uuid, taak.soort, taak.pogingen)
        if opnieuw and taak.pogingen < MAX_POGINGEN:
            Taak.objects.filter(pk=taak.pk).update(status=S.WACHT)
            voer_uit.enqueue(taak_uuid)
            return
        taak.status, taak.klaar_op = S.MISLUKT, timezone.now()
        taak.melding = (
            f"Het is {taak.pogingen} keer niet gelukt door een fout in het register; de "
            "beheerder kan in het logboek zien waarom. Probeer het later opnieuw."
        )
        taak.save(update_fields=["status", "klaar_op", "melding", "gewijzigd_op"])
        return
    taak.status, taak.klaar_op = S.KLAAR, timezone.now()
    taak.gedaan = max(voortgang.gedaan, taak.gedaan)
    taak.bestandsnaam, taak.inhoud = naam, inhoud
    taak.save()


def bestand_importeren(taak: Taak, voortgang: Voortgang) -> tuple[str, None]:
    """A large upload, checked in the request for its form and kept in the task, written
    here all or nothing as the direct path writes it; the file itself goes once done."""
    from kern.bestanden import lees_bestand
    from kern.importeren import importeer

    p = taak.parameters
    dataset = lees_bestand(bytes(taak.inhoud), p["bestandsnaam"])
    uitkomst = importeer(
        import_string(p["resource"])(),
        dataset,
        dry_run=False,
        door=taak.door,
        bestandsnaam=p["bestandsnaam"],
        stap=voortgang.stap,
    )
    if not uitkomst.geslaagd:
        raise TaakFout(
            f"{p['bestandsnaam']} is niet verwerkt: {len(uitkomst.fouten)} fout(en); er is "
            "niets opgeslagen. Verbeter het bestand en upload het opnieuw.",
            uitkomst.fouten,
        )
    afgewezen = f", {uitkomst.afgewezen} afgewezen" if uitkomst.afgewezen else ""
    taak.melding = (
        f"{p['bestandsnaam']} is verwerkt: {uitkomst.nieuw} nieuw, {uitkomst.gewijzigd} "
        f"gewijzigd, {uitkomst.ongewijzigd} ongewijzigd{afgewezen}."
    )
    voortgang.gedaan = len(dataset)
    return "", None


def lijst_exporteren(taak: Taak, voortgang: Voortgang) -> tuple[str, bytes]:
    """The Excel of a list page, for the one who asked, with the filters they chose: the
    page's own view makes it (so the scoping is the list's), as in the request."""
    from django.test import RequestFactory

    p = taak.parameters
    verzoek = RequestFactory().get(f"{p['pad']}?{p.get('query', '')}")
    verzoek.user = taak.door
    view = import_string(p["view"])()
    view.setup(verzoek)
    naam, inhoud = view.excel_bestand(rijen=voortgang.tel)
    return naam, inhoud


def api_exporteren(taak: Taak, voortgang: Voortgang) -> tuple[str, bytes]:
    """An API list's export (CSV or XLSX), for the one who asked, with their filters: the
    endpoint's own viewset scopes and filters the rows, as in the request."""
    from django.test import RequestFactory
    from rest_framework.request import Request

    from kern.exporteren import exporteer
    from kern.services import exportlog

    p = taak.parameters
    view = import_string(p["viewset"])(basename=p["basename"], action="exporteer")
    view.request = Request(RequestFactory().get(f"{p['pad']}?{p['query']}"))
    view.request.user = taak.door
    view.args, view.kwargs, view.format_kwarg = (), {}, None
    queryset = view.filter_queryset(view.get_queryset())
    inhoud, _ = exporteer(view.resource_class(), queryset, p["formaat"], tel=voortgang.tel)
    if not isinstance(inhoud, bytes):
        inhoud = "".join(inhoud).encode("utf-8")
    naam = f"{p['basename']}-{timezone.localdate():%Y%m%d}.{p['formaat']}"
    exportlog(view.request, naam=naam, filters=view.request.query_params.dict())
    return naam, inhoud


def groot_bestand(*, door, resource_class, dataset, inhoud: bytes, bestandsnaam: str):
    """A file of more than IMPORT_DIRECT_MAX rows: its columns checked now (the answer is
    at once), then a task that writes it. None when the file is small enough to write in
    the request; a list of errors when its columns are wrong; else the task."""
    if len(dataset) <= settings.IMPORT_DIRECT_MAX:
        return None
    if fouten := resource_class().ontbrekende_kolommen(dataset):
        return fouten
    return taak_aanmaken(
        door=door,
        soort="import",
        titel=f"{bestandsnaam} verwerken ({len(dataset)} rijen)",
        parameters={
            "resource": f"{resource_class.__module__}.{resource_class.__qualname__}",
            "bestandsnaam": bestandsnaam,
        },
        totaal=len(dataset),
        inhoud=inhoud,
    )


def met_voortgang(bladen: list, rijen: Callable | None) -> list:
    """The sheets, the first (the list itself, whose rows the task counts in `totaal`)
    with its rows counted on the way (`rijen` wraps an iterable)."""
    if rijen is None or not bladen:
        return bladen
    return [replace(bladen[0], rijen=rijen(bladen[0].rijen)), *bladen[1:]]


def opruimen() -> int:
    """Results older than TAAK_BEWAARDAGEN days go; the daily step calls this."""
    grens = timezone.now() - timezone.timedelta(days=settings.TAAK_BEWAARDAGEN)
    weg, _ = Taak.objects.filter(aangemaakt_op__lt=grens).exclude(status=S.BEZIG).delete()
    return weg


def taken_for(user):
    """Someone's own tasks; the beheerder sees every task (and so every result)."""
    from kern.rollen import BEHEERDER, heeft_rol

    if not user.is_authenticated:
        return Taak.objects.none()
    qs = Taak.objects.defer("inhoud")
    return qs if heeft_rol(user, BEHEERDER) else qs.filter(door=user)


def stand(taak: Taak) -> dict:
    """How far a task is, in figures and in words, for its page and its JSON."""
    from django.urls import reverse

    from kern.templatetags.register import getal

    nu = timezone.now()
    verstreken = (
        ((taak.klaar_op or nu) - taak.begonnen_op).total_seconds() if taak.begonnen_op else 0
    )
    resterend = None
    if taak.status == S.BEZIG and taak.totaal and taak.gedaan and verstreken:
        resterend = round((taak.totaal - taak.gedaan) * verstreken / taak.gedaan)
    procent = round(100 * taak.gedaan / taak.totaal) if taak.totaal else None
    klaar = taak.status == S.KLAAR
    return {
        "status": taak.status,
        "status_tekst": taak.get_status_display(),
        "gedaan": taak.gedaan,
        "totaal": taak.totaal,
        "procent": 100 if klaar else procent,
        "verstreken_seconden": round(verstreken),
        "resterend_seconden": resterend,
        "tekst": _tekst(taak, getal, round(verstreken), resterend),
        "bestand": reverse("taak-bestand", kwargs={"uuid": taak.uuid})
        if klaar and taak.bestandsnaam
        else None,
        "bestandsnaam": taak.bestandsnaam,
        "melding": taak.melding,
    }


def _duur(seconden: int) -> str:
    return f"{seconden} s" if seconden < 90 else f"{round(seconden / 60)} min"


def _tekst(taak, getal, verstreken: int, resterend) -> str:
    if taak.status == S.WACHT:
        return "Wacht op zijn beurt; het begint zo."
    eenheid = EENHEDEN.get(taak.soort, "rijen")
    rijen = f"{getal(taak.gedaan)} van {getal(taak.totaal)} {eenheid}" if taak.totaal else ""
    if taak.status == S.BEZIG:
        nog = f", nog ongeveer {_duur(resterend)}" if resterend is not None else ""
        return f"{rijen} · {_duur(verstreken)} bezig{nog}."
    if taak.status == S.KLAAR:
        return taak.melding or f"Klaar in {_duur(verstreken)}: {rijen}."
    return taak.melding
