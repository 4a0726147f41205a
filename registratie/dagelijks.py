"""The daily step (`manage.py dagelijks`), and the same step as a task the worker runs every
night at DAGELIJKS_UUR (issue 26): the task plans its next run when it is done, so once
planned (`manage.py dagelijks --inplannen`, which `make run`, `make serve` and the worker's
systemd unit do) it keeps going without cron."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from kern.taken import opruimen as taken_opruimen
from registratie.inburgering import nazorg_afsluiten
from registratie.prestaties import prestaties_vaststellen
from registratie.services import wachtlijst_verwerk
from registratie.voortgangstand import verouderde_bijwerken


def dagelijkse_stap() -> str:
    """Offers from the waiting list that lapsed, places to the next in line, prestatiedelen
    reached or lapsed, aftercare closed, old task results removed, the progress stands an
    upload marked out of date written anew; the summary in Dutch."""
    wachtlijst = wachtlijst_verwerk()
    prestaties = prestaties_vaststellen()
    afgesloten = nazorg_afsluiten()
    opgeruimd = taken_opruimen()
    standen = verouderde_bijwerken()
    return (
        f"Wachtlijst: {wachtlijst['verlopen']} aanbod verlopen, "
        f"{wachtlijst['aangeboden']} plaats(en) aangeboden. Prestaties: "
        f"{prestaties['bereikt']} bereikt, {prestaties['niet_bereikt']} vervallen. "
        f"Nazorg: {afgesloten} dossier(s) afgesloten. Taken: {opgeruimd} oude "
        f"resultaten opgeruimd. Rapportages: {standen} stand(en) bijgewerkt."
    )


def volgende_keer(na: dt.datetime) -> dt.datetime:
    """The next DAGELIJKS_UUR o'clock in the gemeente's time, after `na`."""
    lokaal = timezone.localtime(na)
    keer = lokaal.replace(hour=settings.DAGELIJKS_UUR, minute=0, second=0, microsecond=0)
    if keer <= lokaal:
        keer = timezone.make_aware(
            dt.datetime.combine(keer.date() + dt.timedelta(days=1), keer.time())
        )
    return keer


@task()
def dagelijks_uitvoeren() -> str:
    try:
        return dagelijkse_stap()
    finally:
        dagelijks_inplannen(na=timezone.now())


def dagelijks_inplannen(na: dt.datetime | None = None) -> dt.datetime | None:
    """Plan the next night's run, unless one is planned already; when it will run."""
    from django_tasks_db.models import DBTaskResult

    pad = f"{dagelijks_uitvoeren.func.__module__}.{dagelijks_uitvoeren.func.__qualname__}"
    if DBTaskResult.objects.filter(task_path=pad, status="READY").exists():
        return None
    keer = volgende_keer(na or timezone.now())
    dagelijks_uitvoeren.using(run_after=keer).enqueue()
    return keer
