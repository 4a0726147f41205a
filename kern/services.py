from django.db import models

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
