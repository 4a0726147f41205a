"""Reads of clients, enrolments and progress reports, scoped by role in one place.

- beheerder and specialist: every personal file;
- aanbieder: only the enrolments in its own contracts, their reports, and of their clients
  only what the serializer for providers shows;
- inkoper: aggregates (reports), no personal files.
"""

import datetime as dt

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

from aanbod.selectors import aanbieder_van
from inkoop.selectors import GELD, gemeente_plaatsen
from kern.rollen import AANBIEDER, BEHEERDER, SPECIALIST, heeft_rol
from regio.selectors import gemeenten_van
from registratie.models import (
    Client,
    Inschrijving,
    Voortgangsrapportage,
    Wachtlijstplaats,
)


def ziet_dossiers(user) -> bool:
    return heeft_rol(user, BEHEERDER, SPECIALIST)


def _eigen_aanbieder(user):
    if heeft_rol(user, AANBIEDER):
        return aanbieder_van(user)
    return None


def per_gemeente(qs: QuerySet, user, pad: str = "gemeente") -> QuerySet:
    """Only the records of the gemeenten this user works for (regio.selectors.gemeenten_van);
    all of them in a register of one gemeente."""
    gemeenten = gemeenten_van(user)
    return qs if gemeenten is None else qs.filter(**{f"{pad}__in": gemeenten})


def clienten_for(user) -> QuerySet[Client]:
    qs = Client.objects.select_related("leerroute", "specialist", "gemeente")
    if ziet_dossiers(user):
        return per_gemeente(qs, user)
    if (eigen := _eigen_aanbieder(user)) is not None:
        return qs.filter(
            pk__in=Inschrijving.objects.filter(contractregel__contract__aanbieder=eigen).values(
                "client"
            )
        )
    return qs.none()


def inschrijvingen_for(user) -> QuerySet[Inschrijving]:
    qs = Inschrijving.objects.select_related(
        "client",
        "client__leerroute",
        "contractregel",
        "contractregel__traject",
        "contractregel__traject__aanbieder",
        "contractregel__contract",
        "contractregel__leerroute",
    )
    if ziet_dossiers(user):
        return per_gemeente(qs, user, "client__gemeente")
    if (eigen := _eigen_aanbieder(user)) is not None:
        return qs.filter(contractregel__contract__aanbieder=eigen)
    return qs.none()


def voortgangsrapportages_for(user) -> QuerySet[Voortgangsrapportage]:
    qs = Voortgangsrapportage.objects.select_related(
        "inschrijving",
        "inschrijving__client",
        "inschrijving__contractregel__traject",
        "ingediend_door",
    )
    if ziet_dossiers(user):
        return per_gemeente(qs, user, "inschrijving__client__gemeente")
    if (eigen := _eigen_aanbieder(user)) is not None:
        return qs.filter(inschrijving__contractregel__contract__aanbieder=eigen)
    return qs.none()


TERMIJNEN = ("pip", "ontzorgen", "schakelen", "nazorg")
# A deadline is work that is late once its date has passed: the PIP within 10 weeks of
# registration (Wi2021). The others are dates to know: ontzorgen runs at least 6 months (a
# minimum, not a deadline), a switch of route is possible until 18 months into the term, and
# nazorg ends after 4 months; once past, they are no signal at all.
DEADLINES = ("pip",)


GEEN_TERMIJN = dt.date(9999, 12, 31)


def _open_termijnen(peildatum: dt.date) -> dict[str, Case]:
    """Per kind, the deadline's date while it still matters for the client, else NULL: the
    one rule behind the signals, the termijn filter and the caseload's nearest deadline.
    Ontzorgen matters while it runs: its planned end, or else the 6-month minimum."""
    begeleid = Q(status__in=[Client.Status.IN_BEELD, Client.Status.IN_BEGELEIDING])
    lopend_ontzorgen = Q(ontzorgen_start__isnull=False) & (
        Q(ontzorgen_eind__isnull=True) | Q(ontzorgen_eind__gte=peildatum)
    )
    datums = {
        "pip": (Q(datum_pip__isnull=True) & begeleid, F("pip_deadline")),
        "ontzorgen": (lopend_ontzorgen, Coalesce("ontzorgen_eind", "ontzorgen_minimaal_tot")),
        "schakelen": (begeleid & Q(schakelen_uiterlijk__gte=peildatum), F("schakelen_uiterlijk")),
        "nazorg": (Q(status=Client.Status.NAZORG), F("nazorg_eind")),
    }
    return {
        soort: Case(When(voorwaarde, then=datum), default=None, output_field=DateField())
        for soort, (voorwaarde, datum) in datums.items()
    }


def termijn_voorwaarde(soort: str, *, peildatum: dt.date, binnen_dagen: int) -> Q:
    """Clients whose deadline of this kind is overdue or falls within `binnen_dagen` of the
    peildatum, and for whom it still matters (see _open_termijnen)."""
    termijnen = _open_termijnen(peildatum)
    if soort not in termijnen:
        raise ValueError(f"Onbekende termijn '{soort}'.")
    try:
        grens = peildatum + dt.timedelta(days=binnen_dagen)
    except OverflowError:  # 31-12-9999 plus days: every deadline is before it
        grens = dt.date.max
    # NULL (the deadline no longer matters) compares as unknown: not selected.
    return Q(LessThanOrEqual(termijnen[soort], Value(grens)))


def clienten_met_termijn(
    qs: QuerySet[Client], *, soorten=TERMIJNEN, peildatum: dt.date, binnen_dagen: int
) -> QuerySet[Client]:
    voorwaarde = Q(pk__in=[])
    for soort in soorten:
        voorwaarde |= termijn_voorwaarde(soort, peildatum=peildatum, binnen_dagen=binnen_dagen)
    return qs.filter(voorwaarde)


def met_signalen(qs: QuerySet[Client], *, peildatum: dt.date, binnen_dagen: int = 14):
    """Each client with a flag per term that is near: a deadline overdue or due within
    `binnen_dagen`, another date within `binnen_dagen` from now (never once past); the date
    of each term that still matters (`termijn_<soort>`), and the nearest date still to come
    or overdue deadline (`volgende_termijn`; 31-12-9999 when none, so it sorts last)."""
    open_termijnen = _open_termijnen(peildatum)
    komend = {
        soort: datum
        if soort in DEADLINES
        else Case(
            When(GreaterThanOrEqual(datum, Value(peildatum)), then=datum),
            default=None,
            output_field=DateField(),
        )
        for soort, datum in open_termijnen.items()
    }
    return qs.annotate(
        **{
            f"signaal_{soort}": ExpressionWrapper(
                termijn_voorwaarde(soort, peildatum=peildatum, binnen_dagen=binnen_dagen)
                & (Q() if soort in DEADLINES else Q(GreaterThanOrEqual(datum, Value(peildatum)))),
                output_field=BooleanField(),
            )
            for soort, datum in open_termijnen.items()
        },
        **{f"termijn_{soort}": datum for soort, datum in open_termijnen.items()},
        volgende_termijn=Least(
            *(Coalesce(datum, Value(GEEN_TERMIJN)) for datum in komend.values())
        ),
    )


def plaatsen_voor(client: Client, user, startdatum: dt.date) -> list[dict]:
    """Every place under a contract that runs on `startdatum`, each with the reasons why
    this client cannot take it (none: it can be taken). The same rules as the enrolment
    service, without its lock: the service checks again when it writes."""
    from inkoop.selectors import contracten_actief_op, contracten_for, contractregels_for
    from registratie import regels

    plaatsen = list(
        contracten_actief_op(contractregels_for(user), startdatum, prefix="contract__")
        .select_related("traject__aanbieder")
        .prefetch_related("contract__deelnames")
        .order_by("traject__naam", "contract__kenmerk")
    )
    contracten = {p.contract_id for p in plaatsen}
    verplicht = dict(
        contracten_for(user).filter(pk__in=contracten).values_list("pk", "verplicht_bedrag")
    )
    # What the open offers hold under each contract, in one query (aanbod_bedrag per contract).
    aangeboden = dict(
        Wachtlijstplaats.objects.filter(
            status=Wachtlijstplaats.Status.AANGEBODEN, aangeboden_regel__contract__in=contracten
        )
        .values_list("aangeboden_regel__contract")
        .annotate(s=Sum(AANBOD_BEDRAG))
        .order_by()
    )
    lopend = set(
        client.inschrijvingen.filter(status__in=Inschrijving.ACTIEF).values_list(
            "contractregel", flat=True
        )
    )
    wacht_al = set(
        client.wachtlijst.filter(status__in=Wachtlijstplaats.OPEN).values_list("traject", flat=True)
    )
    uitkomst, onder_perceel = [], {}
    for regel in plaatsen:
        if regel.contract_id not in onder_perceel:
            onder_perceel[regel.contract_id] = perceel_ruimte(regel.contract)
        bezwaren = regels.geschiktheid(client, regel, startdatum)
        if regel.pk in lopend:
            bezwaren.append(regels.AL_INGESCHREVEN)
        # Who waits ahead: one count per place, by the same rule the service applies.
        wacht = Wachtlijstplaats.objects.exclude(client=client).filter(wachtend_voor(regel))
        bezwaren += regels.ruimte(
            regel,
            regel.contract,
            bezet=regel.bezet + regel.aangeboden,
            verplicht=verplicht[regel.contract_id] + (aangeboden.get(regel.contract_id) or 0),
            wachtend=wacht.count(),
            perceel_ruimte=onder_perceel[regel.contract_id],
        ) + aandeel_bezwaren(client, regel)
        uitkomst.append(
            {
                "regel": regel,
                "bezwaren": bezwaren,
                # Only a full place (or plafond) is waited for, and once per traject.
                "wachtlijst": bool(bezwaren)
                and all(b.soort in RUIMTE for b in bezwaren)
                and regel.traject_id not in wacht_al,
                "wacht_al": regel.traject_id in wacht_al,
            }
        )
    # What can be taken first; then what fits the route but is full; then the rest.
    return sorted(
        uitkomst,
        key=lambda p: (
            bool(p["bezwaren"]),
            any(b.soort in ("andere leerroute", "geen leerroute") for b in p["bezwaren"]),
        ),
    )


# -- the waiting list ---------------------------------------------------------------------

BEGELEID = (Client.Status.IN_BEELD, Client.Status.IN_BEGELEIDING)
# The reasons a waiting list answers.
RUIMTE = {"vol", "plafond bereikt", "wachtlijst", "aandeel gemeente"}


def aandeel_bezwaren(client: Client, regel, *, aangeboden: bool = False) -> list:
    """The joint contract's share rule for this client (regels.aandeel_gemeente); the
    gemeente's taken places are counted only under a joint contract. With `aangeboden`, the
    places offered from the waiting list to the gemeente's clients count as taken too."""
    from registratie import regels

    plaatsen = gemeente_plaatsen(regel, client.gemeente_id)
    if plaatsen is None:
        return []
    bezet = regel.bezetting(gemeente=client.gemeente_id)
    if aangeboden:
        bezet += Wachtlijstplaats.objects.filter(
            status=Wachtlijstplaats.Status.AANGEBODEN,
            aangeboden_regel=regel,
            client__gemeente=client.gemeente_id,
        ).count()
    return regels.aandeel_gemeente(client, regel, plaatsen=plaatsen, bezet=bezet)


def wachtend_voor(regel) -> Q:
    """The waiting-list entries in line for this regel: waiting for it, or for its traject
    without naming a place, of a client still in guidance whose route fits the regel."""
    past = Q(contractregel=regel) | Q(contractregel__isnull=True, traject_id=regel.traject_id)
    if regel.leerroute_id:
        past &= Q(client__leerroute_id=regel.leerroute_id)
    return Q(status=Wachtlijstplaats.Status.WACHTEND) & past & Q(client__status__in=BEGELEID)


def aanbod_open_op(peildatum: dt.date) -> Q:
    """Waiting-list offers that held their place on the peildatum: offered by then and not
    yet taken, declined or lapsed. Such a place is neither taken nor free."""
    return Q(aangeboden_op__lte=peildatum) & (
        Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gt=peildatum)
    )


AANBOD_BEDRAG = ExpressionWrapper(
    F("aangeboden_regel__tarief") * F("aangeboden_regel__verwachte_eenheden"), output_field=GELD
)


def aanbod_bedrag(contract, *, zonder=None):
    """What the open offers under this contract would commit: an offer holds its euros too."""
    return (
        Wachtlijstplaats.objects.filter(
            status=Wachtlijstplaats.Status.AANGEBODEN, aangeboden_regel__contract=contract
        )
        .exclude(pk=getattr(zonder, "pk", None))
        .aggregate(s=Coalesce(Sum(AANBOD_BEDRAG), Value(0, output_field=GELD)))["s"]
    )


def perceel_ruimte(contract, *, zonder=None):
    """What is left under the plafond of the contract's perceel (None: no such plafond),
    after the enrolments and the open offers under all its contracts."""
    perceel = contract.perceel if contract.perceel_id else None
    if perceel is None or perceel.plafond is None:
        return None
    aanbod = (
        Wachtlijstplaats.objects.filter(
            status=Wachtlijstplaats.Status.AANGEBODEN,
            aangeboden_regel__contract__perceel=perceel,
        )
        .exclude(pk=getattr(zonder, "pk", None))
        .aggregate(s=Coalesce(Sum(AANBOD_BEDRAG), Value(0, output_field=GELD)))["s"]
    )
    return perceel.plafond - perceel.verplicht() - aanbod


def wachtlijst_for(user) -> QuerySet[Wachtlijstplaats]:
    """Who waits: only for those who see personal files. Others get `wachtlijst_telling`."""
    qs = Wachtlijstplaats.objects.select_related(
        "client",
        "client__leerroute",
        "client__specialist",
        "traject",
        "traject__aanbieder",
        "contractregel__contract",
        "aangeboden_regel__contract",
        "aangeboden_regel__traject",
        "leerroute",
    )
    voor = (
        Wachtlijstplaats.objects.order_by()
        .filter(status=Wachtlijstplaats.Status.WACHTEND, traject=OuterRef("traject"))
        .filter(Q(rang__lt=OuterRef("rang")) | Q(rang=OuterRef("rang"), pk__lt=OuterRef("pk")))
        .values("traject")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = qs.annotate(
        positie=Case(
            When(
                status=Wachtlijstplaats.Status.WACHTEND,
                then=Coalesce(Subquery(voor, output_field=IntegerField()), 0) + 1,
            ),
            default=None,
            output_field=IntegerField(),
        )
    )
    return per_gemeente(qs, user, "client__gemeente") if ziet_dossiers(user) else qs.none()


def wachtlijst_telling(user) -> QuerySet:
    """How many wait (and have an offer) per traject, without who: a provider sees its own
    trajecten, the inkoper and the specialists all of them."""
    from inkoop.selectors import contractregels_for

    trajecten = contractregels_for(user).values("traject")
    return (
        Wachtlijstplaats.objects.filter(status__in=Wachtlijstplaats.OPEN, traject__in=trajecten)
        .values("traject__uuid", "traject__code", "traject__naam", "traject__aanbieder__naam")
        .annotate(
            wachtend=Count("pk", filter=Q(status=Wachtlijstplaats.Status.WACHTEND)),
            aangeboden=Count("pk", filter=Q(status=Wachtlijstplaats.Status.AANGEBODEN)),
        )
        .order_by("traject__naam")
    )


def openstaande_aanbiedingen(clienten: QuerySet[Client], vandaag: dt.date):
    """Offers still open for these clients, for the caseload and the client page."""
    return (
        Wachtlijstplaats.objects.filter(
            client__in=clienten,
            status=Wachtlijstplaats.Status.AANGEBODEN,
            geldig_tot__gte=vandaag,
        )
        .select_related("client", "aangeboden_regel__traject", "aangeboden_regel__contract")
        .order_by("geldig_tot")
    )
