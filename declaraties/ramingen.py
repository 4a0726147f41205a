"""Money per enrolment, the one meaning every money report counts with.

An enrolment commits tarief x expected units (`verplicht`). That commitment falls in the
calendar months the enrolment runs: from its start to its end, or while it runs to its
planned end (verwachte einddatum, else the traject's duration, else its start month), in
equal parts; a budget year holds the parts of its months. Of what is committed:

- `gerealiseerd`: the approved declarations over the months, less a prestatiedeel that lapsed;
- `verwacht`: what is committed and not yet declared, less what will not come: the part an
  early end cancels (the contractregel's rule) and the prestatiedeel of a result not reached;
- `vervallen`: what will never be paid: the part an early end cancels and lapsed prestatiedeel;
- `boven`: what was approved above the commitment (an indexation, or a change of plan).

So verplicht = gerealiseerd + verwacht + vervallen - boven, for every enrolment and year.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from declaraties.models import Declaratie
from inkoop.models import Contractregel
from registratie.models import Inschrijving, PrestatieStatus, plus_maanden

CENT = Decimal("0.01")
NUL = Decimal("0.00")
V = Contractregel.BijVoortijdigEinde


@dataclass
class Raming:
    verplicht: Decimal = NUL
    gerealiseerd: Decimal = NUL
    verwacht: Decimal = NUL
    vervallen: Decimal = NUL
    boven: Decimal = NUL

    def __iadd__(self, ander: "Raming") -> "Raming":
        self.verplicht += ander.verplicht
        self.gerealiseerd += ander.gerealiseerd
        self.verwacht += ander.verwacht
        self.vervallen += ander.vervallen
        self.boven += ander.boven
        return self


def stappen(start: dt.date, eind: dt.date) -> int:
    """Months begun from the start up to the end: a week is one, a whole year twelve."""
    n = 1
    while plus_maanden(start, n) <= eind:
        n += 1
    return n


@lru_cache(maxsize=8192)
def _maanden(sj: int, sm: int, ej: int, em: int) -> tuple[tuple[int, int], ...]:
    """Per year the number of calendar months from (sj, sm) to (ej, em), both included."""
    return tuple(
        (j, (em if j == ej else 12) - (sm if j == sj else 1) + 1) for j in range(sj, ej + 1)
    )


def kalendermaanden(start: dt.date, eind: dt.date) -> tuple[tuple[int, int], ...]:
    """Per year how many calendar months run from the start's month to the end's."""
    eind = max(eind, start)
    return _maanden(start.year, start.month, eind.year, eind.month)


def gepland_einde(startdatum, verwachte_einddatum, duur_weken) -> dt.date:
    if verwachte_einddatum and verwachte_einddatum >= startdatum:
        return verwachte_einddatum
    if duur_weken:
        return startdatum + dt.timedelta(weeks=duur_weken, days=-1)
    return startdatum


def bij_voortijdig_einde(
    regel: str, minimum: int | None, verplicht: Decimal, gepland: int, gelopen: int
) -> Decimal | None:
    """What may be paid in all when an enrolment ends early after `gelopen` of `gepland`
    months begun: pro rata per month; the whole price after the minimum (before it, pro
    rata); None per unit (the units delivered are the measure, the check counts those)."""
    if regel == V.PER_EENHEID:
        return None
    if regel == V.VOLLEDIG_NA_MINIMUM and minimum and gelopen >= minimum:
        return verplicht
    return (verplicht * min(gelopen, gepland) / max(gepland, 1)).quantize(CENT)


VELDEN = (
    "pk",
    "tarief",
    "verwachte_eenheden",
    "eenheid",
    "startdatum",
    "verwachte_einddatum",
    "einddatum",
    "status",
    "prestatie_status",
    "contractregel__prestatiedeel",
    "contractregel__bij_voortijdig_einde",
    "contractregel__minimum_maanden",
    "contractregel__traject__duur_weken",
)


def grens(i: dict) -> tuple[Decimal | None, int, int]:
    """For an enrolment (values of VELDEN) that ended early: what may be paid for it in all
    by its contractregel's rule (None per unit), and the months begun of its run and its
    plan. (None, 0, 0) for any other enrolment."""
    if i["status"] != Inschrijving.Status.VOORTIJDIG_BEEINDIGD or i["einddatum"] is None:
        return None, 0, 0
    verplicht = (i["tarief"] * i["verwachte_eenheden"]).quantize(CENT)
    einde = gepland_einde(
        i["startdatum"], i["verwachte_einddatum"], i["contractregel__traject__duur_weken"]
    )
    gepland, gelopen = stappen(i["startdatum"], einde), stappen(i["startdatum"], i["einddatum"])
    regel = i["contractregel__bij_voortijdig_einde"]
    bedrag = bij_voortijdig_einde(
        regel, i["contractregel__minimum_maanden"], verplicht, gepland, gelopen
    )
    return bedrag, gelopen, gepland


def waarden_van(inschrijving: Inschrijving) -> dict:
    """An enrolment as the values of VELDEN (its regel and traject are read)."""
    regel = inschrijving.contractregel
    return {
        **{v: getattr(inschrijving, v) for v in VELDEN if "__" not in v},
        "contractregel__prestatiedeel": regel.prestatiedeel,
        "contractregel__bij_voortijdig_einde": regel.bij_voortijdig_einde,
        "contractregel__minimum_maanden": regel.minimum_maanden,
        "contractregel__traject__duur_weken": regel.traject.duur_weken,
    }


def toegestaan(i: dict) -> tuple[Decimal, tuple[tuple[int, int], ...]]:
    """An enrolment's (values of VELDEN) commitment that can still be earned, and its months:
    as planned while it runs, to its end once ended; after an early end what the rule allows.
    Per unit the rule cancels nothing of a trajectprijs (its one unit can still be declared);
    of hours, dagdelen or months, what the months it did not run would have been worth."""
    verplicht = (i["tarief"] * i["verwachte_eenheden"]).quantize(CENT)
    if i["einddatum"] is None:
        einde = gepland_einde(
            i["startdatum"], i["verwachte_einddatum"], i["contractregel__traject__duur_weken"]
        )
        return verplicht, kalendermaanden(i["startdatum"], einde)
    maanden = kalendermaanden(i["startdatum"], i["einddatum"])
    if i["status"] != Inschrijving.Status.VOORTIJDIG_BEEINDIGD:
        return verplicht, maanden
    bedrag, gelopen, gepland = grens(i)
    if bedrag is None and i["eenheid"] == Contractregel.Eenheid.TRAJECT:
        bedrag = verplicht
    elif bedrag is None:
        bedrag = bij_voortijdig_einde(V.PER_MAAND, None, verplicht, gepland, gelopen)
    return bedrag, maanden


def raakt_jaar(jaar: int) -> Q:
    """Enrolments (not cancelled) whose months can fall in the year: a traject lasts at most
    260 weeks, and no month after an enrolment's end is declared."""
    begin, eind = dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)
    return Q(geannuleerd=False, startdatum__lte=eind) & (
        Q(einddatum__gte=begin) | Q(einddatum__isnull=True, startdatum__gte=dt.date(jaar - 5, 1, 1))
    )


def _per_jaar(bedrag: Decimal, maanden: tuple[tuple[int, int], ...]) -> dict[int, Decimal]:
    """An amount in equal parts over months (per year, how many), per year; the last year
    takes the rounding."""
    totaal = sum(n for _, n in maanden)
    delen, verdeeld = {}, NUL
    for jaar, n in maanden[:-1]:
        delen[jaar] = (bedrag * n / totaal).quantize(CENT)
        verdeeld += delen[jaar]
    delen[maanden[-1][0]] = bedrag - verdeeld
    return delen


@lru_cache(maxsize=65536)
def _delen(
    verplicht: Decimal, bedrag: Decimal, maanden: tuple[tuple[int, int], ...]
) -> dict[int, tuple[Decimal, Decimal]]:
    """Per year (toegezegd, verdiend): the commitment and what can still be earned of it.
    Enrolments of one contractregel share tariff, units and often months: computed once."""
    toegezegd, verdiend = _per_jaar(verplicht, maanden), _per_jaar(bedrag, maanden)
    return {j: (toegezegd[j], verdiend.get(j, NUL)) for j in toegezegd}


NUL_DEEL = (NUL, NUL)
BEDRAGEN = ("verplicht", "gerealiseerd", "verwacht", "vervallen", "boven")
GOEDGEKEURD = (Declaratie.Status.GOEDGEKEURD, Declaratie.Status.BETAALD)


def _gedeclareerd(inschrijvingen, jaar, tot) -> dict[int, dict[int, tuple[Decimal, Decimal]]]:
    """Per enrolment and year the approved declarations: (bruto, ingehouden)."""
    uit: dict[int, dict[int, tuple[Decimal, Decimal]]] = {}
    declaraties = Declaratie.objects.filter(
        inschrijving__in=inschrijvingen.values("pk"),
        status__in=[Declaratie.Status.GOEDGEKEURD, Declaratie.Status.BETAALD],
    )
    if jaar is not None:
        declaraties = declaraties.filter(periode__year=jaar)
    if tot is not None:
        declaraties = declaraties.filter(periode__lte=tot)
    if jaar is not None:  # one year: no need to group by it, and tuples come cheaper
        return {
            pk: {jaar: (bruto, ingehouden)}
            for pk, bruto, ingehouden in declaraties.values("inschrijving")
            .annotate(bruto=Sum("bedrag"), ingehouden=Sum("ingehouden"))
            .values_list("inschrijving", "bruto", "ingehouden")
            .order_by()
        }
    for r in (
        declaraties.annotate(jaar=ExtractYear("periode"))
        .values("inschrijving", "jaar")
        .annotate(bruto=Sum("bedrag"), ingehouden=Sum("ingehouden"))
        .order_by()
    ):
        uit.setdefault(r["inschrijving"], {})[r["jaar"]] = (r["bruto"], r["ingehouden"])
    return uit


def _jaarbedragen(rij, eigen, jaar):
    """One enrolment's (a row of VELDEN, first) money per year: (jaar, verplicht,
    gerealiseerd, verwacht, vervallen, boven), given its approved declarations per year
    (`eigen`: (bruto, ingehouden), or None); only `jaar` when given, else every year it
    commits or was declared in."""
    pk, tarief, eenheden, _, start, verwacht_einde, einde, status, prestatie = rij[:9]
    verplicht = (tarief * eenheden).quantize(CENT)
    if einde is None:
        bedrag = verplicht
        maanden = kalendermaanden(start, gepland_einde(start, verwacht_einde, rij[12]))
    elif status != Inschrijving.Status.VOORTIJDIG_BEEINDIGD:
        bedrag, maanden = verplicht, kalendermaanden(start, einde)
    else:
        bedrag, maanden = toegestaan(dict(zip(VELDEN, rij, strict=False)))
    delen = _delen(verplicht, bedrag, maanden)
    vervalt = prestatie == PrestatieStatus.NIET_BEREIKT
    if jaar is not None:
        jaren = (jaar,)
    else:
        jaren = sorted(delen.keys() | eigen.keys() if eigen else delen.keys())
    for j in jaren:
        toegezegd, kan = delen.get(j, NUL_DEEL)
        if (eigen is None or j not in eigen) and not vervalt and kan >= NUL:
            # Nothing declared in the year: what can be earned is all still to come.
            yield j, toegezegd, NUL, kan, toegezegd - kan, NUL
            continue
        bruto, ingehouden = eigen.get(j, NUL_DEEL) if eigen else NUL_DEEL
        nog = kan - bruto
        if nog < NUL:
            nog = NUL
        verwacht = (nog * (1 - rij[9] / 100)).quantize(CENT) if vervalt else nog
        kwijt = ingehouden if vervalt else NUL
        boven = bruto - kan if bruto > kan else NUL
        yield (
            j,
            toegezegd,
            bruto - kwijt,
            verwacht,
            toegezegd - kan + kwijt + nog - verwacht,
            boven,
        )


def per_jaar(inschrijvingen: QuerySet[Inschrijving]):
    """Per enrolment of the queryset and year its money with every approved declaration:
    (pk, jaar, verplicht, gerealiseerd, verwacht, vervallen, boven), years with no money
    left out. What declaraties.geldjaren keeps."""
    gedeclareerd = _gedeclareerd(inschrijvingen, None, None)
    for rij in inschrijvingen.values_list(*VELDEN).order_by():
        for bedragen in _jaarbedragen(rij, gedeclareerd.get(rij[0]), None):
            if any(bedragen[1:]):
                yield (rij[0], *bedragen)


def volledig(
    inschrijvingen: QuerySet[Inschrijving],
    jaar: int | None = None,
    tot: dt.date | None = None,
    per: str | None = "pk",
) -> dict:
    """ramingen() worked out from the enrolments and their declarations, in Python: for what
    the summary cannot answer (declarations after `tot`), to keep the summary, and to prove
    it equal. Two queries."""
    gedeclareerd = _gedeclareerd(inschrijvingen, jaar, tot)
    velden = VELDEN if per is None or per in VELDEN else (*VELDEN, per)
    plek = None if per is None else velden.index(per)
    sommen: dict = {}
    for rij in inschrijvingen.values_list(*velden).order_by():
        v = g = w = vv = b = NUL
        for _, *bedragen in _jaarbedragen(rij, gedeclareerd.get(rij[0]), jaar):
            v += bedragen[0]
            g += bedragen[1]
            w += bedragen[2]
            vv += bedragen[3]
            b += bedragen[4]
        if v or g or w or vv or b:
            sleutel = None if plek is None else rij[plek]
            som = sommen.get(sleutel)
            if som is None:
                sommen[sleutel] = [v, g, w, vv, b]
            else:
                som[0] += v
                som[1] += g
                som[2] += w
                som[3] += vv
                som[4] += b
    return {sleutel: Raming(*som) for sleutel, som in sommen.items()}


def samengevat(inschrijvingen, jaar: int | None, tot: dt.date | None, per: str | None) -> dict:
    """ramingen() from the kept summary (declaraties.geldjaren): one grouped sum, plus in
    full the enrolments that have an approved declaration of a month after `tot` (in the
    year, when one is asked)."""
    later = None
    if tot is not None:
        later = Declaratie.objects.filter(status__in=GOEDGEKEURD, periode__gt=tot)
        if jaar is not None:
            later = later.filter(periode__year=jaar)
        later = later.values("inschrijving")
        if not later.exists():  # at today's peildatum, as a rule: the sum alone
            later = None
    rijen = inschrijvingen.order_by()
    if later is not None:
        rijen = rijen.exclude(pk__in=later)
    if jaar is not None:
        rijen = rijen.filter(geldjaren__jaar=jaar)
    else:
        rijen = rijen.filter(geldjaren__isnull=False)
    sommen = {b: Sum(f"geldjaren__{b}") for b in BEDRAGEN}
    if per is None:
        totaal = rijen.aggregate(**sommen)
        uitkomst = {None: _raming(totaal)} if totaal["verplicht"] is not None else {}
    else:
        uitkomst = {r[per]: _raming(r) for r in rijen.values(per).annotate(**sommen)}
    if later is not None:
        for sleutel, raming in volledig(
            inschrijvingen.filter(pk__in=later), jaar, tot, per
        ).items():
            if sleutel in uitkomst:
                uitkomst[sleutel] += raming
            else:
                uitkomst[sleutel] = raming
    return {k: r for k, r in uitkomst.items() if r != Raming()}


def _raming(rij: dict) -> Raming:
    # SQLite adds decimals up as floats (87990.5299999999): to the cent, the exact sum.
    return Raming(*(rij[b].quantize(CENT) for b in BEDRAGEN))


def ramingen(
    inschrijvingen: QuerySet[Inschrijving],
    jaar: int | None = None,
    tot: dt.date | None = None,
    per: str | None = "pk",
) -> dict:
    """Per enrolment of the queryset (cancelled ones commit nothing: leave them out), or per
    value of the field `per` (e.g. contractregel__leerroute; None: all together, under the
    key None), the money in the year (None: all years), with the declarations of months up
    to `tot`. Added up from the kept summary (declaraties.geldjaren); with the setting
    SAMENVATTING_CONTROLE (the test suite) also worked out in full and compared, so every report a
    test makes proves the summary kept."""
    uitkomst = samengevat(inschrijvingen, jaar, tot, per)
    if settings.SAMENVATTING_CONTROLE:
        vol = volledig(inschrijvingen, jaar, tot, per)
        if uitkomst != vol:
            verschil = {
                k: (uitkomst.get(k), vol.get(k))
                for k in uitkomst.keys() | vol.keys()
                if uitkomst.get(k) != vol.get(k)
            }
            raise AssertionError(f"geld per jaar loopt achter: {verschil}")
    return uitkomst
