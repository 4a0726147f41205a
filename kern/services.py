from django.db import models, transaction

from kern.models import Auditregel

# Never in the audit log in plain text.
GEMASKEERD = {"bsn", "password", "wachtwoord"}


def leesbaar(waarde):
    if waarde is None:
        return None
    if hasattr(waarde, "uuid"):
        return str(waarde.uuid)
    if isinstance(waarde, models.Model):
        return str(waarde.pk)
    if isinstance(waarde, list | tuple | set):
        return [leesbaar(w) for w in waarde]
    return str(waarde)


def maskeer(gegevens: dict) -> dict:
    return {
        k: ("***" if k in GEMASKEERD and v not in (None, "") else v) for k, v in gegevens.items()
    }


def wijzigingen(voor: dict, na: dict) -> dict:
    """{veld: {"oud": ..., "nieuw": ...}} for every field whose value changed (audit_log
    masks a personal field whole)."""
    return {
        veld: {"oud": leesbaar(voor.get(veld)), "nieuw": leesbaar(nieuw)}
        for veld, nieuw in na.items()
        if leesbaar(voor.get(veld)) != leesbaar(nieuw)
    }


def auditregel(
    *,
    door,
    actie: str,
    instance: models.Model | None = None,
    model: str = "",
    omschrijving: str = "",
    gegevens: dict | None = None,
) -> Auditregel:
    """An audit line, not yet saved (for bulk_create); audit_log saves one."""
    if instance is not None:
        model = model or instance._meta.label_lower
        omschrijving = omschrijving or str(instance)[:500]
    ingelogd = door is not None and door.is_authenticated
    return Auditregel(
        gebruiker=door if ingelogd else None,
        gebruikersnaam=door.get_username() if ingelogd else "",
        actie=actie,
        model=model,
        object_uuid=getattr(instance, "uuid", None),
        omschrijving=omschrijving[:500],
        gegevens=maskeer(gegevens or {}),
    )


def audit_log(**kwargs) -> Auditregel:
    regel = auditregel(**kwargs)
    regel.save()
    return regel


@transaction.atomic
def form_opslaan(form, *, door) -> tuple[models.Model, bool]:
    """Save a validated ModelForm (its model's full_clean has run) with an audit line;
    returns the instance and whether it is new."""
    nieuw = form.instance.pk is None
    instance = form.save()
    na = {k: form.cleaned_data[k] for k in form.changed_data if k in form.cleaned_data}
    audit_log(
        door=door,
        instance=instance,
        actie=Auditregel.Actie.AANGEMAAKT if nieuw else Auditregel.Actie.GEWIJZIGD,
        gegevens=wijzigingen({} if nieuw else form.initial, na),
    )
    return instance, nieuw


def exportlog(request, *, naam: str, filters=None) -> None:
    """Every download of a list or report is in the audit log: who, which file, which filters."""
    audit_log(
        door=request.user,
        actie=Auditregel.Actie.GEEXPORTEERD,
        omschrijving=f"Download {naam}",
        gegevens={
            "pad": request.path,
            "filters": {str(k): str(v) for k, v in (filters or {}).items()},
        },
    )
