from django.db import models, transaction

from kern.models import Auditregel


def audit_log(
    *,
    door,
    actie: str,
    instance: models.Model | None = None,
    model: str = "",
    omschrijving: str = "",
    gegevens: dict | None = None,
) -> Auditregel:
    if instance is not None:
        model = model or instance._meta.label_lower
        omschrijving = omschrijving or str(instance)[:500]
    return Auditregel.objects.create(
        gebruiker=door if door is not None and door.is_authenticated else None,
        actie=actie,
        model=model,
        object_uuid=getattr(instance, "uuid", None),
        omschrijving=omschrijving[:500],
        gegevens=gegevens or {},
    )


@transaction.atomic
def form_opslaan(form, *, door) -> tuple[models.Model, bool]:
    """Save a validated ModelForm (its model's full_clean has run) with an audit line;
    returns the instance and whether it is new."""
    nieuw = form.instance.pk is None
    instance = form.save()
    audit_log(
        door=door,
        instance=instance,
        actie=Auditregel.Actie.AANGEMAAKT if nieuw else Auditregel.Actie.GEWIJZIGD,
        gegevens={k: str(v) for k, v in form.cleaned_data.items()},
    )
    return instance, nieuw
