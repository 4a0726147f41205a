"""Reads of declarations and payment batches, scoped like enrolments: a provider sees only
its own lines, an inkoper every line."""

from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce

from declaraties.models import Betaalbatch, Declaratie
from inkoop.selectors import GELD, NUL
from kern.rollen import AANBIEDER, heeft_rol, ziet_alles
from regio.selectors import gemeenten_van

S = Declaratie.Status
GOEDGEKEURD_OF_BETAALD = (S.GOEDGEKEURD, S.BETAALD)


def besteed() -> Sum:
    """What approved declarations realise (aggregate over Declaratie): the amounts, less the
    prestatiedeel withheld on enrolments whose result was not reached, which lapses and is
    never paid. The one meaning of spent in budget, resultaten and kosten-baten."""
    from registratie.models import PrestatieStatus

    vervallen = Q(inschrijving__prestatie_status=PrestatieStatus.NIET_BEREIKT)
    return Sum(
        F("bedrag") - Case(When(vervallen, then=F("ingehouden")), default=NUL),
        filter=Q(status__in=GOEDGEKEURD_OF_BETAALD),
        output_field=GELD,
    )


def betaald() -> Sum:
    """What has been paid (aggregate over Declaratie): a paid line less what it withheld,
    plus its withheld prestatiedeel once a released payment batch paid it."""
    vrijgegeven = Q(inschrijving__prestatie_betaalbatch__vrijgegeven_op__isnull=False)
    return Sum(
        F("bedrag") - Case(When(vrijgegeven, then=NUL), default=F("ingehouden")),
        filter=Q(status=S.BETAALD),
        output_field=GELD,
    )


def declaraties_for(user) -> QuerySet[Declaratie]:
    qs = Declaratie.objects.select_related(
        "inschrijving__client",
        "inschrijving__contractregel__traject",
        "inschrijving__contractregel__contract__aanbieder",
        "betaalbatch",
        "eerste_akkoord_door",
    )
    if ziet_alles(user):
        gemeenten = gemeenten_van(user)
        return qs if gemeenten is None else qs.filter(inschrijving__client__gemeente__in=gemeenten)
    if heeft_rol(user, AANBIEDER):
        from aanbod.selectors import aanbieder_van

        if (eigen := aanbieder_van(user)) is not None:
            return qs.filter(inschrijving__contractregel__contract__aanbieder=eigen)
    return qs.none()


def overzicht_per_contract(qs: QuerySet[Declaratie]) -> list[dict]:
    """Per contract: declared, waiting, approved, rejected and paid, with the plafond."""

    def som(status=None):
        voorwaarde = Q(status=status) if status else Q()
        return Sum("bedrag", filter=voorwaarde)

    rijen = (
        qs.order_by()
        .values(
            "inschrijving__contractregel__contract",
            "inschrijving__contractregel__contract__uuid",
            "inschrijving__contractregel__contract__kenmerk",
            "inschrijving__contractregel__contract__aanbieder__naam",
            "inschrijving__contractregel__contract__plafond",
        )
        .annotate(
            regels=Count("pk"),
            gedeclareerd=som(),
            ingediend=som(S.INGEDIEND),
            aantal_ingediend=Count("pk", filter=Q(status=S.INGEDIEND)),
            goedgekeurd=som(S.GOEDGEKEURD),
            aantal_goedgekeurd=Count("pk", filter=Q(status=S.GOEDGEKEURD)),
            afgewezen=som(S.AFGEWEZEN),
            aantal_afgewezen=Count("pk", filter=Q(status=S.AFGEWEZEN)),
            betaald=som(S.BETAALD),
            ingehouden=Sum("ingehouden", filter=Q(status__in=[S.GOEDGEKEURD, S.BETAALD])),
        )
        .order_by("inschrijving__contractregel__contract__kenmerk")
    )
    uit = []
    for r in rijen:
        uit.append(
            {
                "contract_id": r["inschrijving__contractregel__contract"],
                "contract": r["inschrijving__contractregel__contract__uuid"],
                "kenmerk": r["inschrijving__contractregel__contract__kenmerk"],
                "aanbieder": r["inschrijving__contractregel__contract__aanbieder__naam"],
                "plafond": r["inschrijving__contractregel__contract__plafond"],
                **{
                    k: r[k] or (0 if k.startswith(("aantal", "regels")) else Decimal("0.00"))
                    for k in (
                        "regels",
                        "gedeclareerd",
                        "ingediend",
                        "aantal_ingediend",
                        "goedgekeurd",
                        "aantal_goedgekeurd",
                        "afgewezen",
                        "aantal_afgewezen",
                        "betaald",
                        "ingehouden",
                    )
                },
            }
        )
    return uit


def betaalbatches_for(user) -> QuerySet[Betaalbatch]:
    """Batches with their number of lines and the amount to pay: the lines less what they
    withhold, plus the withheld prestatiedelen the batch releases."""
    if not ziet_alles(user):
        return Betaalbatch.objects.none()
    regels = Declaratie.objects.filter(betaalbatch=OuterRef("pk")).order_by().values("betaalbatch")
    vrijgegeven = (
        Declaratie.objects.filter(
            Q(status=S.BETAALD) | Q(betaalbatch=OuterRef("pk")),
            inschrijving__prestatie_betaalbatch=OuterRef("pk"),
        )
        .order_by()
        .values("inschrijving__prestatie_betaalbatch")
    )
    return Betaalbatch.objects.select_related("aangemaakt_door", "vrijgegeven_door").annotate(
        aantal_regels=Coalesce(
            Subquery(regels.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
        ),
        bedrag=Coalesce(
            Subquery(
                regels.annotate(s=Sum(F("bedrag") - F("ingehouden"), output_field=GELD)).values(
                    "s"
                ),
                output_field=GELD,
            ),
            NUL,
        )
        + Coalesce(
            Subquery(vrijgegeven.annotate(s=Sum("ingehouden")).values("s"), output_field=GELD),
            NUL,
        ),
    )
