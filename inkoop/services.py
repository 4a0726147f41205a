"""Writes on contracts beyond a form's save: exercising an option to extend, and the
verdeelsleutel of a joint contract."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import floatformat

from inkoop.models import Bronverdeling, Contract, Contractdeelname, Contractregel, Optie
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


@transaction.atomic
def deelnames_vastleggen(*, contract: Contract, aandelen: dict, door) -> list[Contractdeelname]:
    """Set the verdeelsleutel of a joint contract: per gemeente its share of every line's
    places, in per cent, adding up to 100 (an empty dict makes the contract the
    centrumgemeente's own again). Moving unused share is setting a new key: a gemeente may
    not drop below the places its clients already take. Audited with before and after."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    aandelen = {g: Decimal(a) for g, a in aandelen.items() if a is not None}
    fouten = {}
    for gemeente, aandeel in aandelen.items():
        if not Decimal("0") <= aandeel <= Decimal("100"):
            fouten[f"gemeente_{gemeente.cbs_code}"] = (
                f"Het aandeel van {gemeente} ligt tussen 0 en 100 %."
            )
    totaal = sum(aandelen.values(), Decimal("0"))
    if aandelen and totaal != 100 and not fouten:
        fouten["aandelen"] = (
            f"De aandelen tellen op tot {floatformat(totaal, -2)} %; een verdeelsleutel telt "
            "op tot 100 %."
        )
    for gemeente, aandeel in aandelen.items():
        nieuw = Contractdeelname(contract=contract, gemeente=gemeente, aandeel=aandeel)
        for regel in contract.regels.all():
            bezet = regel.bezetting(gemeente=gemeente.pk)
            if bezet > nieuw.plaatsen(regel.capaciteit):
                fouten[f"gemeente_{gemeente.cbs_code}"] = (
                    f"{gemeente} heeft op {regel.traject.naam} al {bezet} plaats(en) bezet; "
                    f"{floatformat(aandeel, -2)} % van {regel.capaciteit} is "
                    f"{nieuw.plaatsen(regel.capaciteit)}."
                )
    if fouten:
        raise ValidationError(fouten)
    voor = {str(d.gemeente): str(d.aandeel) for d in contract.deelnames.select_related("gemeente")}
    contract.deelnames.exclude(gemeente__in=list(aandelen)).delete()
    deelnames = [
        Contractdeelname.objects.update_or_create(
            contract=contract, gemeente=gemeente, defaults={"aandeel": aandeel}
        )[0]
        for gemeente, aandeel in aandelen.items()
    ]
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=contract,
        omschrijving=f"Verdeelsleutel van {contract.kenmerk}",
        gegevens={"deelnames": {"voor": voor, "na": {str(g): str(a) for g, a in aandelen.items()}}},
    )
    return deelnames


@transaction.atomic
def bronnen_vastleggen(*, regel: Contractregel, aandelen: dict, door) -> list[Bronverdeling]:
    """Set which funding streams pay a contract line, in per cent, adding up to 100 (an
    empty dict: no named stream). Once money on the line is approved, its accountability
    is fixed: a split no longer changes (a new line takes a new split); a line without one
    may still get its first, so money without a stream finds it before the year is
    accounted for. Audited."""
    regel = Contractregel.objects.select_for_update().get(pk=regel.pk)
    aandelen = {b: Decimal(a) for b, a in aandelen.items() if a not in (None, "", 0)}
    fouten = {}
    for bron, aandeel in aandelen.items():
        if not Decimal("0") < aandeel <= Decimal("100"):
            fouten[f"bron_{bron.code}"] = f"Het aandeel van {bron} ligt tussen 0 en 100 %."
    totaal = sum(aandelen.values(), Decimal("0"))
    if aandelen and totaal != 100 and not fouten:
        fouten["aandelen"] = (
            f"De aandelen tellen op tot {floatformat(totaal, -2)} %; samen is dat 100 %."
        )
    voor = {b.bron.code: b.aandeel for b in regel.bronverdeling.select_related("bron")}
    na = {b.code: a for b, a in aandelen.items()}
    goedgekeurd = regel.inschrijvingen.filter(declaraties__status__in=("goedgekeurd", "betaald"))
    if "aandelen" not in fouten and voor and voor != na and goedgekeurd.exists():
        fouten["aandelen"] = (
            "Op deze regel is al geld goedgekeurd; de verantwoording daarvan ligt vast. Leg "
            "voor een andere financiering een nieuwe contractregel vast."
        )
    if fouten:
        raise ValidationError(fouten)
    regel.bronverdeling.exclude(bron__in=list(aandelen)).delete()
    bestaand = {b.bron_id: b for b in regel.bronverdeling.all()}
    verdeling = []
    for bron, aandeel in aandelen.items():
        b = bestaand.get(bron.pk) or Bronverdeling(contractregel=regel, bron=bron)
        if b.pk is None or b.aandeel != aandeel:  # the same split writes nothing
            b.aandeel = aandeel
            b.save()
        verdeling.append(b)
    if voor != na:
        audit_log(
            door=door,
            actie=Auditregel.Actie.GEWIJZIGD,
            instance=regel,
            omschrijving=f"Financiering van {regel}",
            gegevens={
                "financiering": {
                    "voor": {k: f"{w:f}" for k, w in voor.items()},
                    "na": {k: f"{w:f}" for k, w in na.items()},
                }
            },
        )
    return verdeling
