"""Writes on contracts beyond a form's save: exercising an option to extend."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from inkoop.models import Contract, Optie
from kern.models import Auditregel
from kern.services import audit_log


@transaction.atomic
def optie_uitoefenen(*, optie: Optie, door, op: dt.date) -> Contract:
    """Exercise an option: the contract then runs until the option's date (its year slices
    follow, pro rata unless recorded). Refused when the option has lapsed (`op` after its
    last day), was exercised already, or would not extend the contract any more."""
    contract = Contract.objects.select_for_update().get(pk=optie.contract_id)
    optie = Optie.objects.select_for_update().get(pk=optie.pk)
    if optie.uitgeoefend_op is not None:
        raise ValidationError(
            {"optie": f"Deze optie is al uitgeoefend op {optie.uitgeoefend_op:%d-%m-%Y}."}
        )
    if op > optie.uiterlijk_op:
        raise ValidationError(
            {
                "optie": f"Deze optie is vervallen: zij moest uiterlijk op "
                f"{optie.uiterlijk_op:%d-%m-%Y} worden uitgeoefend."
            }
        )
    if optie.verlengen_tot <= contract.einddatum:
        raise ValidationError(
            {
                "optie": f"Het contract loopt al tot {contract.einddatum:%d-%m-%Y}; deze optie "
                f"(tot {optie.verlengen_tot:%d-%m-%Y}) verlengt het niet."
            }
        )
    oud = contract.einddatum
    contract.einddatum = optie.verlengen_tot
    contract.full_clean()
    contract.save()
    optie.uitgeoefend_op = op
    optie.uitgeoefend_door = door if door is not None and door.is_authenticated else None
    optie.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=contract,
        omschrijving=f"Optie uitgeoefend: {contract.kenmerk} loopt tot "
        f"{contract.einddatum:%d-%m-%Y}",
        gegevens={"einddatum": {"oud": oud.isoformat(), "nieuw": contract.einddatum.isoformat()}},
    )
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=optie,
        gegevens={"uitgeoefend_op": {"oud": None, "nieuw": op.isoformat()}},
    )
    return contract
