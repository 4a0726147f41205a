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


def _beoordeel_contract(contract_id: int, pks: list[int], door, telling: dict) -> None:
    """One contract's submitted lines, under its lock, against its plafond (P01) and each
    enrolment's expected units (E01)."""
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
    eenheden, bedragen = defaultdict(Decimal), defaultdict(Decimal)
    for pk, n, bedrag in (
        Declaratie.objects.filter(
            inschrijving__in={d.inschrijving_id for d in regels},
            status__in=[S.GOEDGEKEURD, S.BETAALD],
        )
        .values_list("inschrijving")
        .annotate(n=Sum("eenheden"), s=Sum("bedrag"))
        .order_by()
    ):
        eenheden[pk], bedragen[pk] = n, bedrag
    for d in regels:
        grens = grens_bij_einde(waarden_van(d.inschrijving))[0]
        d.beoordeeld_door = door if door is not None and door.is_authenticated else None
        verwacht = d.inschrijving.verwachte_eenheden
        if verwacht is not None and eenheden[d.inschrijving_id] + d.eenheden > verwacht:
            d.status, d.code = S.AFGEWEZEN, C.EENHEDEN
            d.reden = (
                f"Er zijn al {_aantal(eenheden[d.inschrijving_id])} eenheden goedgekeurd; "
                f"de inschrijving verwacht er {_aantal(verwacht)}."
            )
            telling["afgewezen"] += 1
        elif grens is not None and bedragen[d.inschrijving_id] + d.bedrag > grens:
            d.status, d.code = S.AFGEWEZEN, C.VOORTIJDIG
            d.reden = (
                f"De inschrijving eindigde voortijdig; volgens de contractregel is in totaal "
                f"{euro(grens)} te betalen en {euro(bedragen[d.inschrijving_id])} is al "
                "goedgekeurd."
            )
            telling["afgewezen"] += 1
        elif totaal + d.bedrag > contract.plafond:
            d.status, d.code = S.AFGEWEZEN, C.PLAFOND
            d.reden = (
                f"{euro(totaal)} van {euro(contract.plafond)} is al goedgekeurd; "
                f"{euro(d.bedrag)} past er niet meer onder."
            )
            telling["afgewezen"] += 1
        else:
            d.status = S.GOEDGEKEURD
            deel = d.inschrijving.contractregel.prestatiedeel
            if d.inschrijving.prestatie_status == PrestatieStatus.BEREIKT:
                deel = 0  # the result is there: nothing to withhold
            d.ingehouden = (d.bedrag * deel / 100).quantize(CENT)
            totaal += d.bedrag
            eenheden[d.inschrijving_id] += d.eenheden
            bedragen[d.inschrijving_id] += d.bedrag
            telling["goedgekeurd"] += 1
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
    whole contract; those are counted as `te_bekijken`."""
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
    telling = {"goedgekeurd": 0, "afgewezen": 0, "te_bekijken": te_bekijken}
    for contract_id in sorted(per_contract):
        _beoordeel_contract(contract_id, [d.pk for d in per_contract[contract_id]], door, telling)
    if ids:
        audit_log(
            door=door,
            actie=Auditregel.Actie.GEWIJZIGD,
            model=Declaratie._meta.label_lower,
            omschrijving=f"Declaraties beoordeeld: {telling['goedgekeurd']} goedgekeurd, "
            f"{telling['afgewezen']} afgewezen (plafond of eenheden)",
            gegevens={"declaraties": len(ids), **telling},
        )
    return telling


@transaction.atomic
def declaratie_wijs_af(*, declaratie: Declaratie, reden: str, door) -> Declaratie:
    if not reden.strip():
        raise ValidationError({"reden": "Geef een reden; de aanbieder ziet die."})
    declaratie = Declaratie.objects.select_for_update().get(pk=declaratie.pk)
    if declaratie.status == S.BETAALD:
        raise ValidationError({"status": "Deze regel is al betaald en kan niet meer veranderen."})
    declaratie.status, declaratie.code, declaratie.reden = S.AFGEWEZEN, C.HANDMATIG, reden
    declaratie.ingehouden = Decimal("0")
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
    """Every approved line not yet paid goes into one batch and is paid from then on, less
    its withheld prestatiedeel; the withheld part of enrolments whose result has been
    reached since (checked first) is released in the same batch."""
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
            status=S.BETAALD, betaalbatch=batch, gewijzigd_op=timezone.now()
        )
        Inschrijving.objects.filter(pk__in=[i.pk for i in vrij]).update(
            prestatie_betaalbatch=batch, gewijzigd_op=timezone.now()
        )
        audit_log(
            door=door,
            actie=Auditregel.Actie.AANGEMAAKT,
            instance=batch,
            gegevens={"regels": len(regels), "vrijgaven": len(vrij)},
        )
    return batch
