"""Writes on declarations: the inkoper's approval under the plafond, a rejection, and the
payment batch with its file for the financial system."""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from declaraties.models import Betaalbatch, Declaratie
from declaraties.ramingen import grens as grens_bij_einde
from declaraties.ramingen import waarden_van
from declaraties.vierogen import (
    binnen_mandaat,
    mandaat_tekst,
    vier_ogen_nodig,
    zelfde_persoon,
)
from inkoop.models import Contract
from kern.formaten import euro
from kern.fouten import ConflictError
from kern.models import Auditregel
from kern.services import audit_log
from registratie.models import Inschrijving, PrestatieStatus
from registratie.prestaties import prestaties_vaststellen

S = Declaratie.Status
C = Declaratie.Code
CENT = Decimal("0.01")


# -- approval and payment ------------------------------------------------------------------


def _aantal(waarde: Decimal) -> str:
    return f"{waarde.normalize():f}".replace(".", ",")


def _afwijzing(d: Declaratie, telling: dict, totaal: Decimal, plafond: Decimal):
    """The code and reason a line is rejected for on approval, or None when it fits."""
    grens = grens_bij_einde(waarden_van(d.inschrijving))[0]
    eenheden, bedragen = telling["eenheden"], telling["bedragen"]
    verwacht = d.inschrijving.verwachte_eenheden
    if verwacht is not None and eenheden[d.inschrijving_id] + d.eenheden > verwacht:
        return C.EENHEDEN, (
            f"Er zijn al {_aantal(eenheden[d.inschrijving_id])} eenheden goedgekeurd; "
            f"de inschrijving verwacht er {_aantal(verwacht)}."
        )
    if grens is not None and bedragen[d.inschrijving_id] + d.bedrag > grens:
        return C.VOORTIJDIG, (
            f"De inschrijving eindigde voortijdig; volgens de contractregel is in totaal "
            f"{euro(grens)} te betalen en {euro(bedragen[d.inschrijving_id])} is al goedgekeurd."
        )
    if totaal + d.bedrag > plafond:
        return C.PLAFOND, (
            f"{euro(totaal)} van {euro(plafond)} is al goedgekeurd; "
            f"{euro(d.bedrag)} past er niet meer onder."
        )
    return None


def _eerste_akkoord(d: Declaratie, door, telling: dict) -> bool:
    """Four eyes: a line above VIER_OGEN_VANAF needs a second person. True when this
    approval is only the first (recorded now, or given earlier by this same person)."""
    if not vier_ogen_nodig(d.bedrag):
        return False
    if d.eerste_akkoord_door_id is not None and not zelfde_persoon(door, d.eerste_akkoord_door_id):
        return False  # the second pair of eyes
    if d.eerste_akkoord_door_id is None and door is not None and door.is_authenticated:
        d.eerste_akkoord_door, d.eerste_akkoord_op = door, timezone.now()
        d.save(update_fields=["eerste_akkoord_door", "eerste_akkoord_op", "gewijzigd_op"])
        telling["eerste_akkoord"].append(str(d.uuid))
    telling["wacht_op_tweede"] += 1
    return True


def _beoordeel_contract(contract_id: int, pks: list[int], door, telling: dict) -> None:
    """One contract's submitted lines, under its lock, against its plafond (P01), each
    enrolment's expected units (E01) and what an early end pays (V01); a line above the
    approver's mandate stays as it is, one that needs a second person waits for them."""
    contract = Contract.objects.select_for_update().get(pk=contract_id)
    regels = list(
        Declaratie.objects.select_for_update()
        .filter(pk__in=pks, status=S.INGEDIEND)
        .select_related("inschrijving__contractregel__traject")
        .order_by("periode", "pk")
    )
    totaal = Declaratie.objects.filter(
        inschrijving__contractregel__contract=contract, status__in=[S.GOEDGEKEURD, S.BETAALD]
    ).aggregate(s=Sum("bedrag"))["s"] or Decimal("0")
    telling["eenheden"], telling["bedragen"] = defaultdict(Decimal), defaultdict(Decimal)
    for pk, n, bedrag in (
        Declaratie.objects.filter(
            inschrijving__in={d.inschrijving_id for d in regels},
            status__in=[S.GOEDGEKEURD, S.BETAALD],
        )
        .values_list("inschrijving")
        .annotate(n=Sum("eenheden"), s=Sum("bedrag"))
        .order_by()
    ):
        telling["eenheden"][pk], telling["bedragen"][pk] = n, bedrag
    for d in regels:
        if not binnen_mandaat(door, d.bedrag):
            telling["buiten_mandaat"] += 1
            continue
        if afwijzing := _afwijzing(d, telling, totaal, contract.plafond):
            d.status, (d.code, d.reden) = S.AFGEWEZEN, afwijzing
            d.eerste_akkoord_door = d.eerste_akkoord_op = None
            telling["afgewezen"] += 1
        elif _eerste_akkoord(d, door, telling):
            continue
        else:
            d.status = S.GOEDGEKEURD
            deel = d.inschrijving.contractregel.prestatiedeel
            if d.inschrijving.prestatie_status == PrestatieStatus.BEREIKT:
                deel = 0  # the result is there: nothing to withhold
            d.ingehouden = (d.bedrag * deel / 100).quantize(CENT)
            totaal += d.bedrag
            telling["eenheden"][d.inschrijving_id] += d.eenheden
            telling["bedragen"][d.inschrijving_id] += d.bedrag
            telling["goedgekeurd"] += 1
        d.beoordeeld_door = door if door is not None and door.is_authenticated else None
        d.save()


@transaction.atomic
def declaraties_keur_goed(
    *, declaraties: QuerySet[Declaratie], door, bekeken: bool = False
) -> dict[str, int]:
    """Approve the submitted lines in order (per contract, by month), under the contract's
    lock: a line that would take the approved total over the plafond is rejected (P01), and
    one that would take its enrolment's approved units over the expected units too (E01,
    checked again here: two lines submitted at once must not both be paid). Of an approved
    line the contractregel's prestatiedeel is withheld. A line submitted again after the
    inkoper rejected it is approved only when named one by one (`bekeken`), never with the
    whole contract; those are counted as `te_bekijken`.

    Four eyes (declaraties.vierogen): a line above VIER_OGEN_VANAF is approved by a second
    person after a first (`wacht_op_tweede` counts those still waiting, `eerste_akkoord`
    lists the lines this call gave the first approval); a line above the approver's mandate
    is left for someone with a larger one (`buiten_mandaat`)."""
    ingediend = declaraties.filter(status=S.INGEDIEND)
    te_bekijken = 0 if bekeken else ingediend.filter(eerder_afgewezen=True).count()
    if not bekeken:
        ingediend = ingediend.filter(eerder_afgewezen=False)
    ids = list(ingediend.values_list("pk", flat=True))
    per_contract = defaultdict(list)
    for d in (
        Declaratie.objects.filter(pk__in=ids)
        .select_related("inschrijving__contractregel")
        .order_by("periode", "pk")
    ):
        per_contract[d.inschrijving.contractregel.contract_id].append(d)
    telling = {
        "goedgekeurd": 0,
        "afgewezen": 0,
        "te_bekijken": te_bekijken,
        "wacht_op_tweede": 0,
        "buiten_mandaat": 0,
        "eerste_akkoord": [],
    }
    for contract_id in sorted(per_contract):
        _beoordeel_contract(contract_id, [d.pk for d in per_contract[contract_id]], door, telling)
    telling.pop("eenheden", None), telling.pop("bedragen", None)
    eerste = telling.pop("eerste_akkoord")
    telling["eerste_akkoord"] = len(eerste)
    if ids:
        audit_log(
            door=door,
            actie=Auditregel.Actie.GEWIJZIGD,
            model=Declaratie._meta.label_lower,
            omschrijving=f"Declaraties beoordeeld: {telling['goedgekeurd']} goedgekeurd, "
            f"{telling['afgewezen']} afgewezen (plafond of eenheden), "
            f"{telling['wacht_op_tweede']} wachten op een tweede goedkeuring",
            gegevens={"declaraties": len(ids), **telling, "eerste_akkoord_op": eerste},
        )
    return telling


@transaction.atomic
def declaratie_wijs_af(*, declaratie: Declaratie, reden: str, door) -> Declaratie:
    if not reden.strip():
        raise ValidationError({"reden": "Geef een reden; de aanbieder ziet die."})
    declaratie = Declaratie.objects.select_for_update().get(pk=declaratie.pk)
    if declaratie.betaalbatch_id is not None:
        raise ValidationError(
            {"status": "Deze regel zit in een betaalbatch en kan niet meer veranderen."}
        )
    declaratie.status, declaratie.code, declaratie.reden = S.AFGEWEZEN, C.HANDMATIG, reden
    declaratie.ingehouden = Decimal("0")
    declaratie.eerste_akkoord_door = declaratie.eerste_akkoord_op = None
    declaratie.beoordeeld_door = door
    declaratie.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=declaratie,
        gegevens={"status": "afgewezen", "code": C.HANDMATIG, "reden": reden},
    )
    return declaratie


def _nieuwe_batch(door, omschrijving: str) -> Betaalbatch:
    """The next number of the year; a batch made at the same moment for another contract
    takes a number first (the unique index says so), and this one takes the next."""
    jaar = timezone.localdate().year
    for _ in range(5):
        laatste = (
            Betaalbatch.objects.filter(nummer__startswith=f"BB-{jaar}-")
            .order_by("-nummer")
            .values_list("nummer", flat=True)
            .first()
        )
        volgnummer = int(laatste.rsplit("-", 1)[1]) + 1 if laatste else 1
        try:
            with transaction.atomic():
                return Betaalbatch.objects.create(
                    nummer=f"BB-{jaar}-{volgnummer:04d}",
                    aangemaakt_door=door if door is not None and door.is_authenticated else None,
                    omschrijving=omschrijving,
                )
        except IntegrityError:
            continue
    raise ConflictError("Er worden nu veel betaalbatches tegelijk gemaakt; probeer het opnieuw.")


def betaalbatch_maak(
    *, declaraties: QuerySet[Declaratie], door, omschrijving: str = ""
) -> Betaalbatch:
    """Prepare a batch: every approved line not yet in one goes into it, less its withheld
    prestatiedeel; the withheld part of enrolments whose result has been reached since
    (checked first) is released in the same batch. From now on those lines cannot change;
    they are paid when another person releases the batch (`betaalbatch_vrijgeven`)."""
    prestaties_vaststellen()
    with transaction.atomic():
        regels = list(
            Declaratie.objects.select_for_update()
            .filter(pk__in=declaraties.values("pk"), status=S.GOEDGEKEURD, betaalbatch__isnull=True)
            .order_by("pk")
        )
        met_ingehouden = Declaratie.objects.filter(
            inschrijving__in=declaraties.values("inschrijving"),
            status__in=[S.GOEDGEKEURD, S.BETAALD],
            ingehouden__gt=0,
        ).values("inschrijving")
        vrij = list(
            Inschrijving.objects.select_for_update().filter(
                pk__in=met_ingehouden,
                prestatie_status=PrestatieStatus.BEREIKT,
                prestatie_betaalbatch__isnull=True,
            )
        )
        if not regels and not vrij:
            raise ValidationError(
                {
                    "declaraties": "Er zijn geen goedgekeurde regels en geen vrijgekomen "
                    "prestatiedelen om te betalen."
                }
            )
        batch = _nieuwe_batch(door, omschrijving)
        Declaratie.objects.filter(pk__in=[d.pk for d in regels]).update(
            betaalbatch=batch, gewijzigd_op=timezone.now()
        )
        Inschrijving.objects.filter(pk__in=[i.pk for i in vrij]).update(
            prestatie_betaalbatch=batch, gewijzigd_op=timezone.now()
        )
        audit_log(
            door=door,
            actie=Auditregel.Actie.AANGEMAAKT,
            instance=batch,
            gegevens={"regels": len(regels), "vrijgaven": len(vrij), "status": "voorbereid"},
        )
    return batch


def _open_batch(batch: Betaalbatch) -> Betaalbatch:
    batch = Betaalbatch.objects.select_for_update().get(pk=batch.pk)
    if batch.vrijgegeven:
        raise ValidationError(
            {"betaalbatch": f"Betaalbatch {batch.nummer} is al vrijgegeven en betaald."}
        )
    return batch


@transaction.atomic
def betaalbatch_vrijgeven(*, batch: Betaalbatch, bedrag: Decimal, door) -> Betaalbatch:
    """The second pair of eyes: another person than who prepared the batch, with a mandate
    for its amount, releases it; its lines are paid from then on and the financial system
    may take the file. `bedrag` is the batch's amount to pay (betaalbatches_for)."""
    batch = _open_batch(batch)
    if zelfde_persoon(door, batch.aangemaakt_door_id):
        raise ValidationError(
            {
                "betaalbatch": "Vier ogen: wie de betaalbatch maakte, geeft hem niet vrij. "
                "Vraag een collega met een mandaat."
            }
        )
    if not binnen_mandaat(door, bedrag):
        raise ValidationError(
            {
                "betaalbatch": f"De betaalbatch is {euro(bedrag)}; uw mandaat is "
                f"{mandaat_tekst(door)}. Vraag iemand met een groter mandaat."
            }
        )
    nu = timezone.now()
    betaald = Declaratie.objects.filter(betaalbatch=batch, status=S.GOEDGEKEURD).update(
        status=S.BETAALD, gewijzigd_op=nu
    )
    batch.vrijgegeven_door, batch.vrijgegeven_op = door, nu
    batch.save(update_fields=["vrijgegeven_door", "vrijgegeven_op", "gewijzigd_op"])
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=batch,
        gegevens={
            "status": {"oud": "voorbereid", "nieuw": "vrijgegeven"},
            "bedrag": str(bedrag),
            "regels": betaald,
            "voorbereid_door": batch.aangemaakt_door.username if batch.aangemaakt_door else "",
        },
    )
    return batch


@transaction.atomic
def betaalbatch_intrekken(*, batch: Betaalbatch, door) -> None:
    """A prepared batch that is not to be paid goes back: its lines are approved and free
    again, its released prestatiedelen wait for the next batch. The number stays in the
    audit, so a gap in the numbering has its explanation."""
    batch = _open_batch(batch)
    regels = Declaratie.objects.filter(betaalbatch=batch).update(
        betaalbatch=None, gewijzigd_op=timezone.now()
    )
    Inschrijving.objects.filter(prestatie_betaalbatch=batch).update(
        prestatie_betaalbatch=None, gewijzigd_op=timezone.now()
    )
    audit_log(
        door=door,
        actie=Auditregel.Actie.VERWIJDERD,
        instance=batch,
        gegevens={"status": {"oud": "voorbereid", "nieuw": "ingetrokken"}, "regels": regels},
    )
    batch.delete()
