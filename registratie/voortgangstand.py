"""The progress reports per enrolment, kept (issue 27): `voortgang` and `contracten` read one
Rapportagestand per enrolment instead of every report of the history (7.4 million at a
million clients).

A stand holds what the enrolment's reports add up to, all of them. A report at a peildatum
counts only the reports up to it, so the enrolments whose last report lies after the
peildatum are counted from their reports, as are the enrolments a bulk upload marked
StandVerouderd. A save or delete of one report rewrites its enrolment's stand at once (the
signals below); an upload of many marks them in its own transaction (`markeer_verouderd`), in
the time a COPY takes, and the daily step writes them anew (`verouderde_bijwerken`). So the
figures are the full computation's at every moment; the test suite (SAMENVATTING_CONTROLE)
compares the two in every report a test makes.
"""

import datetime as dt
from decimal import Decimal
from itertools import islice

from django.conf import settings
from django.db import connection, connections
from django.db.models import Case, Count, F, Func, IntegerField, Max, Min, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Mod
from django.db.models.signals import post_delete, post_migrate, post_save

from aanbod.models import Taalniveau
from registratie.models import (
    Rapportagestand,
    StandVerouderd,
    Voortgangsrapportage,
)

UREN = ("uren_aangeboden", "uren_gevolgd", "verzuim_geoorloofd", "verzuim_ongeoorloofd")
PER_KEER = 2000
CENT = Decimal("0.01")

TAAL_RANG = Case(
    *[When(taalniveau=code, then=Value(i)) for i, code in enumerate(Taalniveau.values)],
    default=Value(None),
    output_field=IntegerField(),
)


class Dagnummer(Func):
    """A date as days since 1-1-2000, on SQLite and PostgreSQL alike."""

    output_field = IntegerField()
    template = "(%(expressions)s - DATE '2000-01-01')"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(julianday(%(expressions)s) - 2451544.5 AS INT)"
        )


def _op_datum(cijfer, filter_: Q) -> tuple:
    """The first and the latest value of a one-digit figure over an enrolment's reports, as
    aggregates: MIN/MAX over day number x 10 + digit, so one GROUP BY finds both (peildatum
    is unique per enrolment)."""
    sleutel = Dagnummer("peildatum") * 10 + cijfer
    return Min(sleutel, filter=filter_), Max(sleutel, filter=filter_)


def _standen() -> dict:
    """An enrolment's reports as the columns of its stand."""
    trede_eerst, trede_laatst = _op_datum(
        F("participatieladder"), Q(participatieladder__isnull=False)
    )
    taal_eerst, taal_laatst = _op_datum(TAAL_RANG, ~Q(taalniveau=""))
    return {
        "aantal": Count("pk"),
        "laatste": Max("peildatum"),
        "trede_eerst": trede_eerst,
        "trede_laatst": trede_laatst,
        "taal_eerst": taal_eerst,
        "taal_laatst": taal_laatst,
        **{naam: Sum(naam) for naam in UREN},
    }


# -- keeping -----------------------------------------------------------------------------------
def bijwerken(pks) -> int:
    """Write the stand of these enrolments (pks) anew from their reports; returns how many
    enrolments have one."""
    pks = iter(sorted(set(pks)))
    geschreven = 0
    while deel := list(islice(pks, PER_KEER)):
        Rapportagestand.objects.filter(inschrijving__in=deel).delete()
        standen = [
            Rapportagestand(inschrijving_id=rij.pop("inschrijving"), **rij)
            for rij in Voortgangsrapportage.objects.filter(inschrijving__in=deel)
            .order_by()
            .values("inschrijving")
            .annotate(**_standen())
        ]
        Rapportagestand.objects.bulk_create(standen, batch_size=PER_KEER)
        StandVerouderd.objects.filter(inschrijving__in=deel).delete()
        geschreven += len(standen)
    return geschreven


def markeer_verouderd(pks) -> None:
    """Mark these enrolments' stands out of date: one parameterised INSERT for all (a bulk
    upload's 100,000 enrolments in a fraction of its COPY)."""
    tabel = connection.ops.quote_name(StandVerouderd._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {tabel} (inschrijving_id) VALUES (%s) ON CONFLICT DO NOTHING",
            [(pk,) for pk in pks],
        )


def verouderde_bijwerken() -> int:
    """Every stand marked out of date, written anew (the daily step)."""
    return bijwerken(StandVerouderd.objects.values_list("inschrijving", flat=True).iterator())


def alles_bijwerken() -> int:
    """Every stand anew (`manage.py standen_bijwerken`, and after the first migration)."""
    Rapportagestand.objects.all().delete()
    StandVerouderd.objects.all().delete()
    return bijwerken(
        Voortgangsrapportage.objects.order_by()
        .values_list("inschrijving", flat=True)
        .distinct()
        .iterator()
    )


def _rapportage(sender, instance, raw=False, **kwargs):
    if not raw:
        bijwerken([instance.inschrijving_id])


def _na_migratie(sender, using="default", **kwargs):
    with connections[using].cursor() as cursor:
        if Rapportagestand._meta.db_table not in connections[using].introspection.table_names(
            cursor
        ):
            return
    if (
        not Rapportagestand.objects.using(using).exists()
        and Voortgangsrapportage.objects.using(using).exists()
    ):
        alles_bijwerken()


def verbind(app_config) -> None:
    """Keep the stands on every save and delete of a report (RegistratieConfig.ready)."""
    post_save.connect(_rapportage, sender=Voortgangsrapportage, dispatch_uid="stand-opslaan")
    post_delete.connect(_rapportage, sender=Voortgangsrapportage, dispatch_uid="stand-weg")
    post_migrate.connect(_na_migratie, sender=app_config, dispatch_uid="stand-migratie")


# -- reading -----------------------------------------------------------------------------------
def _vers_en_rest(inschrijvingen, p: dt.date):
    """The enrolments whose stand counts every report up to p, and the rest (a report after
    p, or marked out of date), which are counted from their reports: as a list of keys when
    it is short (as a rule: none at today's peildatum), so the database probes their reports
    by index instead of scanning every report to join them; as a subquery when it is long (a
    peildatum in the past); None when there is none."""
    verouderd = StandVerouderd.objects.values("inschrijving")
    vers = inschrijvingen.order_by().filter(stand__laatste__lte=p).exclude(pk__in=verouderd)
    pks = list(
        Rapportagestand.objects.filter(laatste__gt=p).values_list("inschrijving", flat=True)[
            : PER_KEER + 1
        ]
    )
    pks += verouderd.values_list("inschrijving", flat=True)[: PER_KEER + 1]
    if not pks:
        return vers, None
    if len(pks) > PER_KEER:
        return vers, inschrijvingen.order_by().filter(Q(stand__laatste__gt=p) | Q(pk__in=verouderd))
    return vers, inschrijvingen.order_by().filter(pk__in=pks)


def _rapporten(inschrijvingen, p: dt.date):
    return Voortgangsrapportage.objects.order_by().filter(
        inschrijving__in=inschrijvingen.values("pk"), peildatum__lte=p
    )


def _eerste_en_laatste(vers, rest, p: dt.date) -> list[tuple]:
    """Of every enrolment with at least two reports up to p: (client, traject, first step,
    latest step, first level, latest level), the four encoded as in the stand."""
    velden = ("trede_eerst", "trede_laatst", "taal_eerst", "taal_laatst")
    uit = list(
        vers.filter(stand__aantal__gte=2).values_list(
            "client", "contractregel__traject", *(f"stand__{v}" for v in velden)
        )
    )
    if rest is not None:
        uit += _eerste_en_laatste_vol(rest, p)
    return uit


def voortgang_per_traject(inschrijvingen, p: dt.date) -> dict[int, tuple]:
    """Per traject, of its enrolments with at least two reports up to p: (clients,
    enrolments, with a step, sum of first steps, sum of latest steps, step rose, level
    rose). In the database from the stands when every enrolment's stand counts (as a rule);
    else per enrolment here."""
    vers, rest = _vers_en_rest(inschrijvingen, p)
    if rest is not None:
        uit = _per_traject(_eerste_en_laatste(vers, rest, p))
    else:
        uit = {
            r.pop("contractregel__traject"): tuple(r.values())
            for r in vers.filter(stand__aantal__gte=2)
            .annotate(
                te=Mod("stand__trede_eerst", 10, output_field=IntegerField()),
                tl=Mod("stand__trede_laatst", 10, output_field=IntegerField()),
                le=Mod("stand__taal_eerst", 10, output_field=IntegerField()),
                ll=Mod("stand__taal_laatst", 10, output_field=IntegerField()),
            )
            .values("contractregel__traject")
            .annotate(
                clienten=Count("client", distinct=True),
                n=Count("pk"),
                met_trede=Count("te"),
                som_begin=Coalesce(Sum("te"), 0),
                som_eind=Coalesce(Sum("tl"), 0),
                gestegen=Count("pk", filter=Q(tl__gt=F("te"))),
                taal=Count("pk", filter=Q(ll__gt=F("le"))),
            )
        }
    if settings.SAMENVATTING_CONTROLE:
        _vergelijk(uit, _per_traject(_eerste_en_laatste_vol(inschrijvingen, p)), "per traject")
    return uit


def _per_traject(rijen) -> dict[int, tuple]:
    per_traject: dict = {}
    for client, traject, t_begin, t_eind, l_begin, l_eind in rijen:
        g = per_traject.setdefault(traject, [set(), 0, 0, 0, 0, 0, 0])
        g[0].add(client)
        g[1] += 1
        if t_begin is not None:
            t_begin, t_eind = t_begin % 10, t_eind % 10
            g[2] += 1
            g[3] += t_begin
            g[4] += t_eind
            g[5] += t_eind > t_begin
        if l_begin is not None:
            g[6] += l_eind % 10 > l_begin % 10
    return {traject: (len(g[0]), *g[1:]) for traject, g in per_traject.items()}


def _eerste_en_laatste_vol(inschrijvingen, p: dt.date) -> list[tuple]:
    standen = _standen()
    return list(
        _rapporten(inschrijvingen, p)
        .values("inschrijving", "inschrijving__client", "inschrijving__contractregel__traject")
        .annotate(
            n=standen["aantal"],
            **{v: standen[v] for v in ("trede_eerst", "trede_laatst", "taal_eerst", "taal_laatst")},
        )
        .filter(n__gte=2)
        .values_list(
            "inschrijving__client",
            "inschrijving__contractregel__traject",
            "trede_eerst",
            "trede_laatst",
            "taal_eerst",
            "taal_laatst",
        )
    )


def uren_per_regel(inschrijvingen, p: dt.date) -> dict[int, dict]:
    """Per contractregel the hours of the reports up to p: {naam: sum} for UREN."""
    vers, rest = _vers_en_rest(inschrijvingen, p)
    uit: dict[int, dict] = {}
    for regel, *sommen in (
        vers.values("contractregel")
        .annotate(*(Sum(f"stand__{naam}") for naam in UREN))
        .values_list("contractregel", *(f"stand__{naam}__sum" for naam in UREN))
    ):
        _tel_op(uit, regel, sommen)
    for regel, *sommen in _uren_vol(rest, p) if rest is not None else ():
        _tel_op(uit, regel, sommen)
    if settings.SAMENVATTING_CONTROLE:
        vol: dict[int, dict] = {}
        for regel, *sommen in _uren_vol(inschrijvingen, p):
            _tel_op(vol, regel, sommen)
        _vergelijk(uit, vol, "uren")
    return uit


def _uren_vol(inschrijvingen, p: dt.date):
    return (
        _rapporten(inschrijvingen, p)
        .values("inschrijving__contractregel")
        .annotate(*(Sum(naam) for naam in UREN))
        .values_list("inschrijving__contractregel", *(f"{naam}__sum" for naam in UREN))
    )


def _tel_op(uit: dict, regel: int, sommen) -> None:
    # SQLite adds decimals up as floats: to the cent, the exact sum.
    rij = uit.setdefault(regel, dict.fromkeys(UREN, Decimal(0)))
    for naam, som in zip(UREN, sommen, strict=True):
        rij[naam] = (rij[naam] + (som or 0)).quantize(CENT)


def _vergelijk(uit, vol, wat: str) -> None:
    gelijk = sorted(uit, key=repr) == sorted(vol, key=repr) if isinstance(uit, list) else uit == vol
    if not gelijk:
        raise AssertionError(f"de stand van de rapportages ({wat}) loopt achter")
