"""Every report a user may see in one workbook (issue 26).

One report answers within a request; all of them at a hundred thousand clients take longer
than a request may hold a worker, so the worker makes the workbook (kern.taken) and the task
page counts the reports as they are done and offers the file."""

import datetime as dt

from django.http import Http404

from kern.excel import werkboek
from kern.models import Taak
from kern.taken import TaakFout, Voortgang, taak_aanmaken
from rapportages.bestanden import bladen, over
from rapportages.rapporten import maak_rapport, rapporten_voor
from regio.models import Gemeente


def werkboek_aanvragen(
    *, door, peildatum: dt.date, van=None, tot=None, gemeente: Gemeente | None = None
) -> Taak:
    """Queue the workbook of every report `door` may see, for these dates (and gemeente)."""
    titel = f"Alle rapportages op {peildatum:%d-%m-%Y}" + (f", {gemeente}" if gemeente else "")
    return taak_aanmaken(
        door=door,
        soort="rapporten",
        titel=titel,
        parameters={
            "peildatum": peildatum.isoformat(),
            "van": van.isoformat() if van else None,
            "tot": tot.isoformat() if tot else None,
            "gemeente": gemeente.pk if gemeente else None,
        },
        totaal=len(rapporten_voor(door)),
    )


def werkboek_maken(taak: Taak, voortgang: Voortgang) -> tuple[str, bytes]:
    """The reports as the asker would see them now (their role and gemeenten at this
    moment), a sheet per table, each report's sheets in the order of the report list."""
    p = taak.parameters
    datum = {k: dt.date.fromisoformat(p[k]) if p.get(k) else None for k in ("van", "tot")}
    peildatum = dt.date.fromisoformat(p["peildatum"])
    gemeente = Gemeente.objects.filter(pk=p.get("gemeente")).first() if p.get("gemeente") else None
    alle, rapporten = [], []
    try:
        for naam in rapporten_voor(taak.door):
            rapport = maak_rapport(
                naam, user=taak.door, peildatum=peildatum, gemeente=gemeente, **datum
            ).als_dict()
            rapporten.append(rapport)
            alle += bladen(rapport, eerste=rapport["titel"])
            voortgang.stap()
    except Http404 as fout:
        raise TaakFout(f"Het werkboek kon niet worden gemaakt: {fout}", []) from fout
    if not rapporten:
        raise TaakFout("U heeft geen rapportages om in een werkboek te zetten.", [])
    regels = over(rapporten[0]) + [
        (r["titel"], r["toelichting"]) for r in rapporten if r.get("toelichting")
    ]
    inhoud = werkboek(f"Rapportages op {peildatum:%d-%m-%Y}", alle, over=regels)
    return f"rapportages-{peildatum.isoformat()}.xlsx", inhoud
