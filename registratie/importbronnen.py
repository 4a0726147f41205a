"""Every importable resource by a short name, for `manage.py import` and `manage.py export`."""

from aanbod.resources import AanbiederResource, TrajectResource
from inkoop.resources import (
    BudgetResource,
    ContractregelResource,
    ContractResource,
    KostenpostResource,
)
from registratie.resources import VoortgangsrapportageResource

BRONNEN = {
    "aanbieders": AanbiederResource,
    "trajecten": TrajectResource,
    "contracten": ContractResource,
    "contractregels": ContractregelResource,
    "budgetten": BudgetResource,
    "kostenposten": KostenpostResource,
    "voortgangsrapportages": VoortgangsrapportageResource,
}


def bron(naam: str):
    """A short name ('contracten'), a model label ('inkoop.Contract') or a resource path."""
    from django.utils.module_loading import import_string

    if naam.lower() in BRONNEN:
        return BRONNEN[naam.lower()]
    for resource in BRONNEN.values():
        if resource._meta.model._meta.label_lower == naam.lower():
            return resource
    try:
        resource = import_string(naam)
    except ImportError:
        resource = None
    if resource not in BRONNEN.values():
        raise LookupError(f"Onbekende bron '{naam}'. Kies uit: {', '.join(sorted(BRONNEN))}.")
    return resource
