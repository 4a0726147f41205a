"""What every report shares: the request (peildatum, period, parameters, user), the result
shape, the population definitions at a peildatum, percentages and small-group suppression."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from inkoop.models import Contractdeelname
from kern.eenheden import eenheid_van
from regio.models import Gemeente
from registratie.models import Client, Inschrijving, Onderbreking, Uitstroomreden

CENT = Decimal("0.01")
WERK = (Uitstroomreden.VOLTIJD_BAAN, Uitstroomreden.DEELTIJD_BAAN)
AANDEEL = DecimalField(max_digits=9, decimal_places=6)
KLEINSTE_GROEP = 5  # provider-visible figures for fewer clients are suppressed (privacy)


@dataclass
class Verzoek:
    peildatum: dt.date
    van: dt.date | None = None
    tot: dt.date | None = None
    user: object = None
    aanbieder: object = None  # set for a provider: its own contracts only, small groups hidden
    parameters: dict = field(default_factory=dict)
    gemeenten: list[int] | None = None  # the gemeenten counted; None: all (the region)

    def binnen(self, qs: QuerySet, pad: str = "gemeente") -> QuerySet:
        """Only the records of the gemeenten this report counts, by the path to the
        gemeente (a client's residence; a budget's, cost post's or prognosis's own)."""
        if self.gemeenten is None:
            return qs
        return qs.filter(**{f"{pad}__in": self.gemeenten})

    def contractaandeel(self, pad: str = "contract"):
        """The part (0 to 1) of a contract that is these gemeenten's, as an expression on
        the path to the contract: their shares of a joint contract; all of a contract without
        deelnames (the centrumgemeente's own) for the centrumgemeente, none of it for a
        deelnemende gemeente; all of every contract for the region."""
        if self.gemeenten is None:
            return Value(Decimal(1), output_field=AANDEEL)
        deelnames = Contractdeelname.objects.filter(contract=OuterRef(pad))
        som = (
            deelnames.filter(gemeente__in=self.gemeenten)
            .values("contract")
            .annotate(s=Sum("aandeel"))
            .values("s")
        )
        return Case(
            When(
                Exists(deelnames),
                # Times 0.01, not / 100: SQLite divides whole numbers as integers.
                then=Coalesce(Subquery(som), Value(Decimal(0)), output_field=AANDEEL)
                * Value(Decimal("0.01")),
            ),
            default=Value(Decimal(1 if self.met_centrum else 0)),
            output_field=AANDEEL,
        )

    @cached_property
    def met_centrum(self) -> bool:
        """Whether the centrumgemeente is among the gemeenten counted (one query, once)."""
        return Gemeente.objects.filter(pk__in=self.gemeenten, rol=Gemeente.Rol.CENTRUM).exists()

    @property
    def periode(self) -> tuple[dt.date, dt.date]:
        """The period van..tot; by default the calendar year up to the peildatum."""
        return (self.van or self.peildatum.replace(month=1, day=1), self.tot or self.peildatum)


@dataclass
class Rapport:
    naam: str
    titel: str
    verzoek: Verzoek
    kolommen: list[tuple]  # (key, Dutch header) or (key, header, unit from kern.eenheden)
    rijen: list[dict]
    extra: dict = field(default_factory=dict)
    toelichting: str = ""

    def __post_init__(self):
        # SQLite sums decimals as floats; every amount leaves here with two decimals.
        for rij in self.rijen:
            for sleutel, waarde in rij.items():
                if isinstance(waarde, Decimal):
                    rij[sleutel] = waarde.quantize(CENT)

    def als_dict(self) -> dict:
        v = self.verzoek
        van, tot = v.periode
        return {
            "naam": self.naam,
            "titel": self.titel,
            "peildatum": v.peildatum.isoformat(),
            "van": van.isoformat(),
            "tot": tot.isoformat(),
            "toelichting": self.toelichting,
            # The gemeenten counted (names), or None: every gemeente, the region.
            "gemeenten": None
            if v.gemeenten is None
            else list(
                Gemeente.objects.filter(pk__in=v.gemeenten)
                .order_by("naam")
                .values_list("naam", flat=True)
            ),
            "kolommen": met_eenheden(self.kolommen, self.rijen),
            "rijen": self.rijen,
            **self.extra,
            **(
                {
                    "tabellen": {
                        sleutel: {**t, "kolommen": met_eenheden(t["kolommen"], t["rijen"])}
                        for sleutel, t in self.extra["tabellen"].items()
                    }
                }
                if self.extra.get("tabellen")
                else {}
            ),
        }


def met_eenheden(kolommen, rijen) -> list[dict]:
    """A table's columns as {naam, titel, eenheid}: the unit the report names, or the one
    kern.eenheden reads from the column (a row may name its own: the monitor's percentages)."""
    uit = []
    for kolom in kolommen:
        if isinstance(kolom, dict):
            naam, titel, eenheid = kolom["naam"], kolom["titel"], kolom.get("eenheid")
        else:
            naam, titel, eenheid = (*kolom, None)[:3]
        if eenheid is None:
            waarden = (r.get(naam) for r in rijen if not r.get("eenheid"))
            eenheid = eenheid_van(naam, titel, waarden)
        uit.append({"naam": naam, "titel": titel, "eenheid": eenheid})
    return uit


def percentage(deel, geheel) -> float:
    return round(100.0 * float(deel) / float(geheel), 1) if geheel else 0.0


def onderdruk(
    rijen: list[dict], verzoek: Verzoek, telveld: str = "aantal", behoud: tuple = ()
) -> list[dict]:
    """For a provider: a row about fewer than KLEINSTE_GROEP clients shows no figures
    (except those in `behoud`, which say nothing about people)."""
    if verzoek.aanbieder is None:
        return rijen
    for rij in rijen:
        aantal = rij.get(telveld)
        if aantal is not None and 0 < aantal < KLEINSTE_GROEP:
            for sleutel, waarde in list(rij.items()):
                if sleutel in behoud:
                    continue
                if isinstance(waarde, int | float | Decimal) and not isinstance(waarde, bool):
                    rij[sleutel] = None
            rij["onderdrukt"] = True
            continue
        # A derived count below the threshold (how many of them work) is as telling.
        for sleutel, waarde in list(rij.items()):
            if sleutel in behoud or sleutel == telveld or isinstance(waarde, bool):
                continue
            if isinstance(waarde, int) and 0 < waarde < KLEINSTE_GROEP:
                rij[sleutel] = None
                if f"percentage_{sleutel}" in rij:
                    rij[f"percentage_{sleutel}"] = None
    return rijen


def _maandeinde_tot(datum: dt.date) -> dt.date:
    """The date itself if it ends its month, else the last day of the month before."""
    if (datum + dt.timedelta(days=1)).day == 1:
        return datum
    return datum.replace(day=1) - dt.timedelta(days=1)


def grof_voor_aanbieder(peildatum: dt.date, van, tot):
    """A provider's reports look at whole months, in every parameter together: the peildatum
    and `tot` are the last day of the last full month, `van` the first day of its month, so
    stepping any of them a day at a time shows nothing a monthly figure hides (issue 29: `tot`
    stepped by a day told which client had gone to work)."""
    peildatum = _maandeinde_tot(peildatum)
    van = van.replace(day=1) if van else None
    tot = min(_maandeinde_tot(tot), peildatum) if tot else None
    if van and tot and tot < van:
        van = tot.replace(day=1)
    return peildatum, van, tot


def eerste_start():
    """The start of a client's first enrolment (for 'guided since' without an intake date)."""
    return Subquery(
        Inschrijving.objects.filter(client=OuterRef("pk"))
        .order_by("startdatum")
        .values("startdatum")[:1],
        output_field=DateField(),
    )


def clienten_op(peildatum: dt.date, v: Verzoek | None = None) -> QuerySet[Client]:
    """Clients known to the gemeente on the peildatum, annotated with when their guidance
    began (intake, or else their first enrolment). A client without any date counts as
    known: the register has them. With a request: of its gemeenten only."""
    qs = (v.binnen(Client.objects) if v else Client.objects).annotate(
        bekend_sinds=Coalesce(
            "datum_inschrijving_gemeente", "datum_huisvesting", "datum_brede_intake"
        ),
        begeleid_sinds=Coalesce("datum_brede_intake", eerste_start()),
    )
    return qs.filter(Q(bekend_sinds__lte=peildatum) | Q(bekend_sinds__isnull=True))


def uitgestroomd_op(peildatum: dt.date, redenen=None) -> Q:
    """Out of guidance on the peildatum (with one of these outflow reasons): the client's
    latest outflow by then, unless the client came back from it by then; or an earlier
    outflow the client came back from after the peildatum. A client with one spell: the
    outflow date alone. (Subqueries on the key, not Exists: reports aggregate with these.)"""
    uitstroom = Onderbreking.objects.filter(soort=Onderbreking.Soort.UITSTROOM)
    terug = uitstroom.filter(van=F("client__uitstroom_datum"), tot__lte=peildatum)
    laatste = Q(uitstroom_datum__lte=peildatum) & ~Q(pk__in=terug.values("client"))
    eerder = uitstroom.filter(van__lte=peildatum, tot__gt=peildatum)
    if redenen is not None:
        laatste &= Q(uitstroom_reden__in=redenen)
        eerder = eerder.filter(uitstroom_reden__in=redenen)
    return laatste | Q(pk__in=eerder.values("client"))


def uitgevallen_op(peildatum: dt.date) -> Q:
    """Guidance interrupted on the peildatum (an uitval the client was not yet back from)."""
    uitval = Onderbreking.objects.filter(
        Q(tot__isnull=True) | Q(tot__gt=peildatum),
        soort=Onderbreking.Soort.UITVAL,
        van__lte=peildatum,
    )
    return Q(pk__in=uitval.values("client"))


def eerdere_uitstroom(v: Verzoek | None = None):
    """Outflows a client came back from, except the client's latest (counted on the client)."""
    qs = Onderbreking.objects.filter(soort=Onderbreking.Soort.UITSTROOM).exclude(
        van=F("client__uitstroom_datum")
    )
    return v.binnen(qs, "client__gemeente") if v else qs


def uitstromen(van: dt.date, tot: dt.date, v: Verzoek | None = None) -> Counter:
    """Every outflow dated van..tot, per (reason, subreason): a client's latest and the
    earlier ones the client came back from. An outflow counts in its own year whatever
    happened after, in every report that counts outflows (issue 22)."""
    tellingen = Counter()
    for qs in (
        (v.binnen(Client.objects) if v else Client.objects).filter(
            uitstroom_datum__gte=van, uitstroom_datum__lte=tot
        ),
        eerdere_uitstroom(v).filter(van__gte=van, van__lte=tot),
    ):
        groepen = qs.values("uitstroom_reden", "uitstroom_subreden").annotate(n=Count("pk"))
        for g in groepen.order_by():
            tellingen[(g["uitstroom_reden"], g["uitstroom_subreden"])] += g["n"]
    return tellingen


def begeleid_op(peildatum: dt.date) -> Q:
    """In guidance on the peildatum: guidance began, not out and not interrupted."""
    return (
        Q(begeleid_sinds__lte=peildatum) & ~uitgestroomd_op(peildatum) & ~uitgevallen_op(peildatum)
    )
