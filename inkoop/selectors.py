"""Reads of procurement data: scoped querysets and the derived figures, computed in SQL.

`inkoop` never imports `registratie`; it aggregates over the reverse relation
`Contractregel.inschrijvingen` instead.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Floor, TruncMonth
from django.db.models.lookups import Exact, IsNull

from aanbod.models import Aanbieder
from aanbod.selectors import aanbieder_van
from inkoop.models import (
    Budget,
    Contract,
    Contractdeelname,
    Contractregel,
    Instroomprognose,
    Kostenpost,
    inschrijvingen_op_regels,
    neemt_plaats,
)
from kern.rollen import AANBIEDER, SPECIALIST, heeft_rol, ziet_alles
from regio.models import Gemeente
from regio.selectors import gemeenten_van

GELD = DecimalField(max_digits=14, decimal_places=2)
NUL = Value(Decimal("0.00"), output_field=GELD)
# What an enrolment commits (registratie.Inschrijving's snapshot): tarief x expected units.
VERPLICHT = ExpressionWrapper(F("tarief") * F("verwachte_eenheden"), output_field=GELD)
# A place cancelled before its start commits nothing.
TELT_MEE = Q(geannuleerd=False)


def _regels_met_bezetting(qs: QuerySet[Contractregel]) -> QuerySet[Contractregel]:
    bezet = (
        inschrijvingen_op_regels()
        .filter(neemt_plaats(), contractregel=OuterRef("pk"))
        .values("contractregel")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # A place offered from the waiting list (registratie.Wachtlijstplaats) is held, not free.
    aangeboden = (
        Contractregel._meta.get_field("aanbiedingen")
        .related_model.objects.order_by()
        .filter(aangeboden_regel=OuterRef("pk"), status="aangeboden")
        .values("aangeboden_regel")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(
        bezet=Coalesce(Subquery(bezet, output_field=IntegerField()), 0),
        aangeboden=Coalesce(Subquery(aangeboden, output_field=IntegerField()), 0),
    ).annotate(
        vrij=F("capaciteit") - F("bezet") - F("aangeboden"),
        bezettingsgraad=Case(
            When(capaciteit=0, then=Value(None, output_field=FloatField())),
            default=Cast(F("bezet"), FloatField()) * 100.0 / Cast(F("capaciteit"), FloatField()),
            output_field=FloatField(),
        ),
    )


def _contracten_met_verplichting(qs: QuerySet[Contract]) -> QuerySet[Contract]:
    verplicht = (
        inschrijvingen_op_regels()
        .filter(TELT_MEE, contractregel__contract=OuterRef("pk"))
        .values("contractregel__contract")
        .annotate(s=Sum(VERPLICHT))
        .values("s")
    )
    return qs.annotate(
        verplicht_bedrag=Coalesce(Subquery(verplicht, output_field=GELD), NUL),
    ).annotate(ruimte_onder_plafond=F("plafond") - F("verplicht_bedrag"))


def bruikbaar_voor(qs: QuerySet, user, pad: str = "pk") -> QuerySet:
    """In a region, who works for some gemeenten only sees the contracts they may call off
    under: a joint contract one of their gemeenten takes part in, or a contract without
    deelnames (the centrumgemeente's own, open to every gemeente's clients)."""
    gemeenten = gemeenten_van(user)
    if gemeenten is None:
        return qs
    deelnames = Contractdeelname.objects.filter(contract=OuterRef(pad))
    return qs.filter(~Exists(deelnames) | Exists(deelnames.filter(gemeente__in=gemeenten)))


def beheert_contracten(user) -> bool:
    """The centrumgemeente's inkoper and the beheerder manage contracts; a deelnemende
    gemeente's inkoper reads the ones it may use."""
    return ziet_alles(user) and gemeenten_van(user) is None


def contracten_for(user) -> QuerySet[Contract]:
    qs = _contracten_met_verplichting(Contract.objects.select_related("aanbieder", "perceel"))
    if ziet_alles(user) or heeft_rol(user, SPECIALIST):
        return bruikbaar_voor(qs, user)
    if heeft_rol(user, AANBIEDER) and (eigen := aanbieder_van(user)) is not None:
        return qs.filter(aanbieder=eigen)
    return qs.none()


def contractregels_for(user) -> QuerySet[Contractregel]:
    qs = _regels_met_bezetting(
        Contractregel.objects.select_related(
            "contract", "contract__aanbieder", "traject", "leerroute"
        )
    )
    if ziet_alles(user) or heeft_rol(user, SPECIALIST):
        return bruikbaar_voor(qs, user, "contract")
    if heeft_rol(user, AANBIEDER) and (eigen := aanbieder_van(user)) is not None:
        return qs.filter(contract__aanbieder=eigen)
    return qs.none()


def contractregel_bezetting(regel: Contractregel) -> int:
    return regel.bezetting()


def gemeente_plaatsen(regel: Contractregel, gemeente_id: int | None) -> int | None:
    """How many of a joint contract's line a gemeente may take (its share of the places);
    None when the contract is not joint (no deelnames: open to every gemeente)."""
    deelnames = {d.gemeente_id: d for d in regel.contract.deelnames.all()}
    if not deelnames:
        return None
    deelname = deelnames.get(gemeente_id)
    return deelname.plaatsen(regel.capaciteit) if deelname else 0


def contract_verplicht_bedrag(contract: Contract) -> Decimal:
    return (
        inschrijvingen_op_regels()
        .filter(TELT_MEE, contractregel__contract=contract)
        .aggregate(s=Coalesce(Sum(VERPLICHT), NUL))["s"]
    )


def contract_verplichting_per_maand(contract: Contract) -> list[dict]:
    """Per month of registration: the amount committed, for the budget burn-down."""
    return list(
        inschrijvingen_op_regels()
        .filter(TELT_MEE, contractregel__contract=contract)
        .annotate(maand=TruncMonth("datum_aanmelding"))
        .values("maand")
        .annotate(bedrag=Sum(VERPLICHT))
        .order_by("maand")
    )


def _gecontracteerd_in(jaar) -> Q:
    """Regels of awarded contracts whose term overlaps the year (a value or an OuterRef)."""
    return Q(
        contract__status=Contract.Status.GEGUND,
        contract__startdatum__year__lte=jaar,
        contract__einddatum__year__gte=jaar,
    )


# A regel's value in one year: capacity x tarief x units, times its contract's slice of
# that year (a regel filtered on contract__jaarschijven__jaar, in the same filter call).
def gecontracteerd_in_jaar(aandeel=None) -> Sum:
    """The sum of those values; with `aandeel` (an expression, 0 to 1, on the regel's
    contract) only that part of each: a gemeente's share of a joint contract."""
    waarde = (
        F("capaciteit")
        * F("tarief")
        * F("verwachte_eenheden")
        * F("contract__jaarschijven__aandeel")
    )
    return Sum(waarde if aandeel is None else waarde * aandeel, output_field=GELD)


GECONTRACTEERD_IN_JAAR = gecontracteerd_in_jaar()


# The gemeente's own teams (inbesteden to an internal provider) cost the formatie, not the
# budget for bought trajecten: their places count, their money does not.
EIGEN_TEAM = Q(contract__aanbieder__soort=Aanbieder.Soort.INTERN)


def gecontracteerd_per_route(jaar: int, aandeel=None) -> dict:
    """Per leerroute (None: route-free) the contracted amount in the year, as budgetten_for
    computes it: the year's slice of capacity x tarief of every awarded regel (a three-year
    contract counts a third in each year when its term is three whole years), without the
    gemeente's own teams; with `aandeel`, a gemeente's part (gecontracteerd_in_jaar)."""
    return {
        route: bedrag.quantize(Decimal("0.01"))
        for route, bedrag in Contractregel.objects.filter(
            contract__status=Contract.Status.GEGUND, contract__jaarschijven__jaar=jaar
        )
        .exclude(EIGEN_TEAM)
        .values_list("leerroute")
        .annotate(bedrag=gecontracteerd_in_jaar(aandeel))
        .order_by()
    }


def _aandeel_van_budget():
    """On a regel, inside a budget's subquery: the part of the regel's contract that is the
    budget's gemeente's. A budget of the region together (no gemeente) has all of every
    contract; a gemeente's budget its share of a joint contract, and of a contract without
    deelnames (the centrumgemeente's own) all for the centrumgemeente, none for another."""
    deelnames = Contractdeelname.objects.filter(contract=OuterRef("contract"))
    eigen = deelnames.filter(gemeente=OuterRef(OuterRef("gemeente"))).values("aandeel")[:1]
    return Case(
        When(IsNull(OuterRef("gemeente"), True), then=Value(Decimal(1))),
        When(
            Exists(deelnames),
            then=Coalesce(Subquery(eigen), Value(Decimal(0))) * Value(Decimal("0.01")),
        ),
        When(Exact(OuterRef("gemeente__rol"), Gemeente.Rol.CENTRUM), then=Value(Decimal(1))),
        default=Value(Decimal(0)),
        output_field=DecimalField(max_digits=9, decimal_places=6),
    )


def budgetten_for(user) -> QuerySet[Budget]:
    """Budgets with what is contracted against them in the same year and route: for a
    gemeente's budget its part of each contract (_aandeel_van_budget).

    A contract's places count for every year its term overlaps (places in the term); its
    money counts by the year's slice (Jaarschijf).
    """
    if not ziet_alles(user):
        return Budget.objects.none()
    aandeel = _aandeel_van_budget()
    regels = Contractregel.objects.filter(
        _gecontracteerd_in(OuterRef("jaar")), leerroute=OuterRef("leerroute")
    ).values("leerroute")
    plaatsen = regels.annotate(
        s=Sum(Cast(Floor(F("capaciteit") * aandeel), IntegerField()))
    ).values("s")
    bedrag = (
        Contractregel.objects.filter(
            contract__status=Contract.Status.GEGUND,
            contract__jaarschijven__jaar=OuterRef("jaar"),
            leerroute=OuterRef("leerroute"),
        )
        .exclude(EIGEN_TEAM)
        .values("leerroute")
        .annotate(s=gecontracteerd_in_jaar(aandeel))
        .values("s")
    )
    return (
        per_gemeente(Budget.objects, user)
        .select_related("leerroute", "gemeente")
        .annotate(
            gecontracteerde_plaatsen=Coalesce(Subquery(plaatsen, output_field=IntegerField()), 0),
            gecontracteerd_bedrag=Coalesce(Subquery(bedrag, output_field=GELD), NUL),
        )
        .annotate(budget_min_gecontracteerd=F("bedrag") - F("gecontracteerd_bedrag"))
    )


def per_gemeente(qs: QuerySet, user) -> QuerySet:
    """A deelnemende gemeente's inkoper sees its own budgets, cost posts and prognoses; the
    centrumgemeente's inkoper and the beheerder those of every gemeente and the region's."""
    gemeenten = gemeenten_van(user)
    return qs if gemeenten is None else qs.filter(gemeente__in=gemeenten)


def instroomprognoses_for(user) -> QuerySet[Instroomprognose]:
    if not ziet_alles(user):
        return Instroomprognose.objects.none()
    return per_gemeente(Instroomprognose.objects.select_related("gemeente"), user)


def kostenposten_for(user) -> QuerySet[Kostenpost]:
    if not ziet_alles(user):
        return Kostenpost.objects.none()
    return per_gemeente(Kostenpost.objects.select_related("gemeente"), user)


def contracten_actief_op(qs: QuerySet[Contract], datum: dt.date, prefix: str = "") -> QuerySet:
    return qs.filter(
        **{
            f"{prefix}status": Contract.Status.GEGUND,
            f"{prefix}startdatum__lte": datum,
            f"{prefix}einddatum__gte": datum,
        }
    )
