import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import ExtractYear

from inkoop.models import Instroomprognose
from kern.eenheden import JAAR
from rapportages.basis import (
    Rapport,
    Verzoek,
    clienten_op,
    eerdere_uitstroom,
    percentage,
    uitgestroomd_op,
)
from registratie.models import Formatie


def caseload(v: Verzoek) -> Rapport:
    """Per year up to the peildatum: carried over, inflow, total guided, outflow, remaining
    (one aggregate query with a filter per year), and the evaluation's workload against the
    team's formatie and the norm; per specialist on the peildatum against the norm, and the
    year's workload per fte; and next year's workload from the prognosis. Eight queries."""
    p = v.peildatum
    norm = int(v.parameters.get("norm") or settings.CASELOAD_NORM)
    basis = clienten_op(p, v).filter(begeleid_sinds__isnull=False)
    eerste = basis.aggregate(j=Min(ExtractYear("begeleid_sinds")))["j"] or p.year
    jaren = range(max(eerste, p.year - 9), p.year + 1)
    t = _stromen(v, basis, jaren)
    werk = _werk(v, jaren)
    formatie = list(v.binnen(Formatie.objects.filter(van__lte=p)).select_related("specialist"))
    rijen = []
    for jaar in jaren:
        totaal = t[f"over_{jaar}"] + t[f"in_{jaar}"]
        begin, eind = dt.date(jaar, 1, 1), min(dt.date(jaar, 12, 31), p)
        werklast = t[f"over_{jaar}"] + werk[f"wacht_{jaar}"] + werk[f"nieuw_{jaar}"]
        fte = sum((f.fte_jaren(begin, eind) for f in formatie), Decimal("0"))
        rijen.append(
            {
                "categorie": str(jaar),
                "jaar": jaar,
                "overgenomen": t[f"over_{jaar}"],
                "instroom": t[f"in_{jaar}"],
                "aantal": totaal,
                "uitstroom": t[f"uit_{jaar}"],
                "resterend": totaal - t[f"uit_{jaar}"],
                "niet_opgepakt": werk[f"wacht_{jaar}"],
                "nieuw": werk[f"nieuw_{jaar}"],
                "werklast": werklast,
                **_fte_cijfers(werklast, fte, norm),
            }
        )
    rijen.append(_volgend_jaar(v, werk, formatie, norm))
    per_specialist = _per_specialist(v, basis, formatie, norm)
    return Rapport(
        "caseload",
        "Caseload per jaar en per specialist",
        v,
        [
            ("categorie", "Jaar", JAAR),
            ("overgenomen", "Overgenomen"),
            ("instroom", "Instroom"),
            ("aantal", "Totaal begeleid"),
            ("uitstroom", "Uitstroom"),
            ("resterend", "Resterend"),
            ("niet_opgepakt", "Niet opgepakt op 1 januari"),
            ("nieuw", "Nieuwe clienten opgepakt"),
            ("werklast", "Werklast van het jaar"),
            ("fte", "Formatie (fte)"),
            ("per_fte", "Werklast per fte"),
            ("fte_nodig", f"Fte nodig bij norm {norm}"),
            ("fte_verschil", "Fte tekort (+) of over (-)"),
        ],
        rijen,
        extra={
            "norm": norm,
            "tabellen": _specialistentabel(per_specialist, norm, p.year),
        },
        toelichting="Begeleid vanaf de brede intake (of anders de eerste inschrijving); het "
        "lopende jaar telt tot en met de peildatum. Werklast zoals de evaluatie: overgenomen + "
        "bekend maar op 1 januari nog niet opgepakt + nieuwe clienten die in het jaar zijn "
        "opgepakt; gedeeld door de formatie (gemiddelde fte over het jaar, uit het beheer). "
        f"Fte nodig = werklast / norm ({norm}). Volgend jaar: wie op de peildatum begeleid "
        "wordt of nog wacht, plus de instroom uit de instroomprognose (zonder prognose de "
        "helft van de instroom van de afgelopen 12 maanden per halfjaar), tegenover de formatie "
        "die voor dat jaar is vastgelegd.",
    )


def _specialistentabel(per_specialist: list[dict], norm: int, jaar: int) -> dict:
    return {
        "per_specialist": {
            "titel": f"Caseload per specialist (norm {norm})",
            "kolommen": [
                {"naam": "categorie", "titel": "Specialist"},
                {"naam": "aantal", "titel": "Clienten op de peildatum"},
                {"naam": "percentage_norm", "titel": "% van norm"},
                {"naam": "signaal", "titel": "Signaal"},
                {"naam": "werklast", "titel": f"Werklast {jaar}"},
                {"naam": "fte", "titel": "Fte"},
                {"naam": "per_fte", "titel": "Werklast per fte"},
            ],
            "rijen": per_specialist,
        }
    }


def _stromen(v: Verzoek, basis, jaren) -> dict:
    """Per year: carried over, inflow and outflow (one aggregate query, a filter per year),
    with the outflows a client came back from in their own year (one more)."""
    p = v.peildatum
    tellingen = {}
    for jaar in jaren:
        begin, eind = dt.date(jaar, 1, 1), min(dt.date(jaar, 12, 31), p)
        nog_bezig = _nog_bezig(begin)
        tellingen[f"over_{jaar}"] = Count("pk", filter=Q(begeleid_sinds__lt=begin) & nog_bezig)
        tellingen[f"in_{jaar}"] = Count(
            "pk", filter=Q(begeleid_sinds__gte=begin, begeleid_sinds__lte=eind)
        )
        tellingen[f"uit_{jaar}"] = Count(
            "pk",
            filter=Q(
                uitstroom_datum__gte=begin,
                uitstroom_datum__lte=eind,
                begeleid_sinds__lte=F("uitstroom_datum"),
            ),
        )
    t = basis.aggregate(**tellingen)
    # Outflows a client came back from count as outflows of their year (one query).
    eerder = (
        eerdere_uitstroom(v)
        .filter(client__in=basis.values("pk"))
        .aggregate(
            **{
                f"uit_{jaar}": Count(
                    "pk",
                    filter=Q(van__gte=dt.date(jaar, 1, 1), van__lte=min(dt.date(jaar, 12, 31), p)),
                )
                for jaar in jaren
            }
        )
    )
    for jaar in jaren:
        t[f"uit_{jaar}"] += eerder[f"uit_{jaar}"]
    return t


def _werk(v: Verzoek, jaren) -> dict:
    """Per year the evaluation's workload parts, and who runs, waits and came in lately."""
    p = v.peildatum
    # The evaluation's workload: carried over + known but not yet picked up on 1 January +
    # new clients picked up in the year (2020: 479 + 60 + 100 = 639).
    nog_niet_uit = ~uitgestroomd_op(p)
    return clienten_op(p, v).aggregate(
        **{
            f"{soort}_{jaar}": Count("pk", filter=_werklast(jaar, p)[soort])
            for jaar in jaren
            for soort in ("wacht", "nieuw")
        },
        # For next year: who is guided or known but waiting on the peildatum, and the
        # inflow of the last twelve months where no prognosis says otherwise.
        lopend=Count("pk", filter=Q(begeleid_sinds__lte=p) & nog_niet_uit),
        wachtend=Count(
            "pk", filter=(Q(begeleid_sinds__isnull=True) | Q(begeleid_sinds__gt=p)) & nog_niet_uit
        ),
        recent=Count(
            "pk",
            filter=Q(begeleid_sinds__gt=p - dt.timedelta(days=365), begeleid_sinds__lte=p),
        ),
    )


def _per_specialist(v: Verzoek, basis, formatie: list, norm: int) -> list[dict]:
    """Per specialist: clients on the peildatum against the norm, and the year's workload
    per fte."""
    p = v.peildatum
    specialisten = (
        basis.filter(~uitgestroomd_op(p), begeleid_sinds__lte=p)
        .values("specialist__username", "specialist__first_name", "specialist__last_name")
        .annotate(n=Count("pk"))
        .order_by("specialist__username")
    )
    voorwaarden = _werklast(p.year, p)
    werk_per_specialist = dict(
        clienten_op(p, v)
        .filter(
            (Q(begeleid_sinds__lt=dt.date(p.year, 1, 1)) & _nog_bezig(dt.date(p.year, 1, 1)))
            | voorwaarden["wacht"]
            | voorwaarden["nieuw"]
        )
        .values_list("specialist__username")
        .annotate(n=Count("pk"))
        .order_by()
    )
    begin_jaar = dt.date(p.year, 1, 1)
    fte_per_specialist = {}
    for f in formatie:
        fte_per_specialist[f.specialist.username] = fte_per_specialist.get(
            f.specialist.username, Decimal("0")
        ) + f.fte_jaren(begin_jaar, p)
    per_specialist = []
    for s in specialisten:
        naam = s["specialist__username"]
        werklast = werk_per_specialist.get(naam, 0)
        fte = fte_per_specialist.get(naam, Decimal("0"))
        per_specialist.append(
            {
                "categorie": " ".join(
                    filter(None, [s["specialist__first_name"], s["specialist__last_name"]])
                )
                or naam
                or "geen specialist",
                "specialist": naam or "",
                "aantal": s["n"],
                "norm": norm,
                "percentage_norm": percentage(s["n"], norm),
                "signaal": "boven de norm" if s["n"] > norm else "",
                "werklast": werklast,
                "fte": fte.quantize(Decimal("0.01")),
                "per_fte": round(werklast / float(fte), 1) if fte else None,
            }
        )
    return per_specialist


def _volgend_jaar(v: Verzoek, werk: dict, formatie: list, norm: int) -> dict:
    """Next year's workload: carried over (guided on the peildatum) + known but not picked
    up + the inflow from the Instroomprognose (a half-year without one: half the last twelve
    months' inflow), against the formatie recorded for that year."""
    jaar = v.peildatum.year + 1
    # The region's prognosis is its gemeenten's and its own together.
    prognoses = dict(
        v.binnen(Instroomprognose.objects.filter(jaar=jaar))
        .values_list("halfjaar")
        .annotate(n=Sum("aantal"))
        .order_by()
    )
    instroom = sum(prognoses.get(h, werk["recent"] / 2) for h in (1, 2))
    werklast = round(werk["lopend"] + werk["wachtend"] + instroom)
    fte = sum(
        (f.fte_jaren(dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)) for f in formatie), Decimal(0)
    )
    bron = "prognose" if len(prognoses) == 2 else "deels geschat" if prognoses else "geschat"
    return {
        "categorie": f"{jaar} ({bron})",
        "jaar": jaar,
        "overgenomen": werk["lopend"],
        "instroom": None,
        "aantal": None,
        "uitstroom": None,
        "resterend": None,
        "niet_opgepakt": werk["wachtend"],
        "nieuw": round(instroom),
        "werklast": werklast,
        **_fte_cijfers(werklast, fte, norm),
    }


def _nog_bezig(begin: dt.date) -> Q:
    """Not out of guidance on the day before `begin`."""
    return ~uitgestroomd_op(begin - dt.timedelta(days=1))


def _werklast(jaar: int, p: dt.date) -> dict[str, Q]:
    """Known before 1 January and not yet guided then ('wacht'), and clients who became
    known in the year and were picked up in it ('nieuw'); apart, so nobody counts twice."""
    begin, eind = dt.date(jaar, 1, 1), min(dt.date(jaar, 12, 31), p)
    return {
        "wacht": Q(bekend_sinds__lt=begin)
        & (Q(begeleid_sinds__isnull=True) | Q(begeleid_sinds__gte=begin))
        & _nog_bezig(begin),
        "nieuw": Q(begeleid_sinds__gte=begin, begeleid_sinds__lte=eind)
        & (Q(bekend_sinds__gte=begin) | Q(bekend_sinds__isnull=True)),
    }


def _fte_cijfers(werklast: int, fte: Decimal, norm: int) -> dict:
    nodig = Decimal(werklast) / Decimal(norm)
    return {
        "fte": fte.quantize(Decimal("0.01")),
        "per_fte": round(werklast / float(fte), 1) if fte else None,
        "fte_nodig": nodig.quantize(Decimal("0.1")),
        "fte_verschil": (nodig - fte).quantize(Decimal("0.1")),
    }
