"""Bought trajecten: interventies, contracten and voortgang (does it bring them closer?)."""

import datetime as dt
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Q,
    Sum,
    Value,
)

from aanbod.models import Traject
from inkoop.models import Contract, Contractdeelname, Contractregel, neemt_plaats
from inkoop.selectors import TELT_MEE, VERPLICHT
from rapportages.basis import (
    WERK,
    Rapport,
    Verzoek,
    clienten_op,
    onderdruk,
    percentage,
    uitgestroomd_op,
)
from registratie.models import Inschrijving, Wachtlijstplaats
from registratie.selectors import aanbod_open_op
from registratie.voortgangstand import uren_per_regel, voortgang_per_traject

BEHOUD = ("capaciteit", "tarief", "plafond", "dagen_resterend")
UREN = ("uren_aangeboden", "uren_gevolgd", "verzuim_geoorloofd", "verzuim_ongeoorloofd")
NUL = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


def _gevolgd_in(v: Verzoek) -> Q:
    """Enrolments that ran (started, not only registered) during the period."""
    van, tot = v.periode
    return (
        ~Q(status=Inschrijving.Status.AANGEMELD)
        & Q(startdatum__lte=tot)
        & (Q(einddatum__isnull=True) | Q(einddatum__gte=van))
    )


def _eigen(qs, v: Verzoek, pad: str):
    return qs.filter(**{pad: v.aanbieder}) if v.aanbieder is not None else qs


def _bruikbaar(regels, v: Verzoek):
    """For a gemeente: the lines of contracts it may call off under (a joint contract it
    takes part in, or a contract without deelnames, open to every gemeente)."""
    if v.gemeenten is None:
        return regels
    deelnames = Contractdeelname.objects.filter(contract=OuterRef("contract"))
    return regels.filter(~Exists(deelnames) | Exists(deelnames.filter(gemeente__in=v.gemeenten)))


def _capaciteit(regel, v: Verzoek) -> int:
    """The line's places, or for a gemeente in a joint contract its share of them."""
    deelnames = [d for d in regel.contract.deelnames.all() if v.gemeenten is not None]
    if not deelnames:
        return regel.capaciteit
    return sum(d.plaatsen(regel.capaciteit) for d in deelnames if d.gemeente_id in v.gemeenten)


def interventies(v: Verzoek) -> Rapport:
    """Per traject: clients who followed it in the period, their share of every client guided
    in the period, and how many of them work on the peildatum. Two queries."""
    van, tot = v.periode
    werkt = Q(client__uitstroom_datum__lte=v.peildatum, client__uitstroom_reden__in=WERK)
    groepen = (
        _eigen(
            v.binnen(Inschrijving.objects, "client__gemeente").filter(_gevolgd_in(v)),
            v,
            "contractregel__contract__aanbieder",
        )
        .values(
            "contractregel__traject__naam",
            "contractregel__traject__code",
            "contractregel__traject__aanbieder__naam",
        )
        .annotate(
            aantal=Count("client", distinct=True),
            werkt=Count("client", distinct=True, filter=werkt),
        )
        .order_by("contractregel__traject__aanbieder__naam", "contractregel__traject__naam")
    )
    begeleid = (
        clienten_op(tot, v)
        .filter(Q(begeleid_sinds__lte=tot) & ~uitgestroomd_op(van - dt.timedelta(days=1)))
        .count()
    )
    rijen = [
        {
            "categorie": g["contractregel__traject__naam"],
            "code": g["contractregel__traject__code"],
            "aanbieder": g["contractregel__traject__aanbieder__naam"],
            "aantal": g["aantal"],
            "percentage": percentage(g["aantal"], begeleid),
            "werkt": g["werkt"],
            "percentage_werkt": percentage(g["werkt"], g["aantal"]),
        }
        for g in groepen
    ]
    return Rapport(
        "interventies",
        "Gebruik van de ingekochte interventies",
        v,
        [
            ("categorie", "Traject"),
            ("aanbieder", "Aanbieder"),
            ("aantal", "Clienten"),
            ("percentage", "% van begeleiden"),
            ("werkt", "Werkt nu"),
            ("percentage_werkt", "% werkt"),
        ],
        onderdruk(rijen, v),
        extra={"begeleid": begeleid},
        toelichting="Clienten met een gestarte inschrijving die in de periode liep; 'werkt nu' = "
        "uitgestroomd naar werk op de peildatum.",
    )


def contracten(v: Verzoek) -> Rapport:
    """Per contract running on the peildatum and per contractregel: occupancy on the
    peildatum, commitment, room under the plafond, days left, and from the progress reports
    hours offered versus followed and absence (from the kept stand per enrolment,
    registratie.voortgangstand). Seven or eight queries."""
    p = v.peildatum
    regels = list(
        _eigen(
            _bruikbaar(
                Contractregel.objects.filter(
                    contract__startdatum__lte=p,
                    contract__einddatum__gte=p,
                    contract__status=Contract.Status.GEGUND,
                ),
                v,
            ),
            v,
            "contract__aanbieder",
        )
        .select_related("contract", "contract__aanbieder", "traject", "leerroute")
        .prefetch_related("contract__deelnames")
        .order_by("contract__kenmerk", "traject__naam", "pk")
    )
    ids = [r.pk for r in regels]
    # One GROUP BY per table (a correlated subquery per figure per line took 14 s at
    # 100,000 clients, benchmarks/rapportages.py).
    per_regel = {
        g["contractregel"]: g
        for g in v.binnen(Inschrijving.objects, "client__gemeente")
        .order_by()
        .filter(contractregel__in=ids)
        .values("contractregel")
        .annotate(
            bezet=Count("pk", filter=neemt_plaats(peildatum=p)),
            clienten=Count("client", distinct=True, filter=Q(datum_aanmelding__lte=p)),
            verplicht=Sum(VERPLICHT, filter=Q(datum_aanmelding__lte=p) & TELT_MEE),
        )
    }
    uren = uren_per_regel(
        v.binnen(Inschrijving.objects, "client__gemeente").filter(contractregel__in=ids), p
    )
    aangeboden = dict(
        v.binnen(Wachtlijstplaats.objects, "client__gemeente")
        .order_by()
        .filter(aanbod_open_op(p), aangeboden_regel__in=ids)
        .values("aangeboden_regel")
        .annotate(n=Count("pk"))
        .values_list("aangeboden_regel", "n")
    )
    for r in regels:
        g = per_regel.get(r.pk, {})
        r.bezet, r.clienten = g.get("bezet", 0), g.get("clienten", 0)
        r.verplicht = g.get("verplicht") or Decimal("0")
        r.aangeboden = aangeboden.get(r.pk, 0)
        r.capaciteit = _capaciteit(r, v)
        for naam in UREN:
            setattr(r, naam, uren.get(r.pk, {}).get(naam) or Decimal("0"))
    rijen, per_contract = [], {}
    for r in regels:
        c = r.contract
        totaal = per_contract.setdefault(
            c.pk,
            {
                "niveau": "contract",
                "contract": c.kenmerk,
                "aanbieder": c.aanbieder.naam,
                "categorie": c.omschrijving or c.kenmerk,
                "plafond": c.plafond,
                "verplicht": Decimal("0"),
                "dagen_resterend": (c.einddatum - p).days,
                "capaciteit": 0,
                "bezet": 0,
            },
        )
        totaal["verplicht"] += r.verplicht
        totaal["capaciteit"] += r.capaciteit
        totaal["bezet"] += r.bezet
        rijen.append(
            onderdruk(
                [
                    {
                        "niveau": "regel",
                        "contract": c.kenmerk,
                        "aanbieder": c.aanbieder.naam,
                        "categorie": r.traject.naam,
                        "leerroute": r.leerroute.naam if r.leerroute else "",
                        "capaciteit": r.capaciteit,
                        "bezet": r.bezet,
                        "vrij": r.capaciteit - r.bezet - r.aangeboden,
                        "bezettingsgraad": percentage(r.bezet, r.capaciteit),
                        "tarief": r.tarief,
                        "verplicht": r.verplicht,
                        "clienten": r.clienten,
                        "uren_aangeboden": r.uren_aangeboden,
                        "uren_gevolgd": r.uren_gevolgd,
                        "percentage_gevolgd": percentage(r.uren_gevolgd, r.uren_aangeboden),
                        "verzuim_geoorloofd": r.verzuim_geoorloofd,
                        "verzuim_ongeoorloofd": r.verzuim_ongeoorloofd,
                        "dagen_resterend": (c.einddatum - p).days,
                    }
                ],
                v,
                telveld="clienten",
                behoud=BEHOUD,
            )[0]
        )
    for totaal in per_contract.values():
        totaal["ruimte_onder_plafond"] = totaal["plafond"] - totaal["verplicht"]
        totaal["bezettingsgraad"] = percentage(totaal["bezet"], totaal["capaciteit"])
    rijen = onderdruk(list(per_contract.values()), v, telveld="bezet", behoud=BEHOUD) + rijen
    rijen.sort(key=lambda r: (r["contract"], r["niveau"] != "contract"))
    return Rapport(
        "contracten",
        "Contracten: bezetting, verplichting en uren",
        v,
        [
            ("contract", "Contract"),
            ("aanbieder", "Aanbieder"),
            ("categorie", "Traject"),
            ("leerroute", "Leerroute"),
            ("capaciteit", "Capaciteit"),
            ("bezet", "Bezet"),
            ("vrij", "Vrij"),
            ("bezettingsgraad", "Bezetting %"),
            ("plafond", "Plafond"),
            ("verplicht", "Verplicht"),
            ("ruimte_onder_plafond", "Ruimte"),
            ("uren_aangeboden", "Uren aangeboden"),
            ("uren_gevolgd", "Uren gevolgd"),
            ("percentage_gevolgd", "% gevolgd"),
            ("verzuim_ongeoorloofd", "Ongeoorloofd verzuim"),
            ("dagen_resterend", "Dagen resterend"),
        ],
        rijen,
        toelichting="Contracten die op de peildatum lopen; bezet volgt de capaciteitsvorm van "
        "de regel: gelijktijdig = ingeschreven op de peildatum, instroom = ingeschreven tot en "
        "met de peildatum, behalve wie voor de start afzegde; uren uit de "
        "voortgangsrapportages tot en met de peildatum. Voor een gemeente: de contracten die "
        "zij mag gebruiken; bezet, clienten, verplicht en uren van haar clienten; de "
        "capaciteit van een gezamenlijk contract is haar aandeel in de plaatsen.",
    )


def voortgang(v: Verzoek) -> Rapport:
    """Per traject: participatieladder step and language level in the first and the latest
    report (up to the peildatum) of each enrolment with at least two reports, from the kept
    stand per enrolment, summed per traject in the database (registratie.voortgangstand; a
    GROUP BY over every report took 5.5 s at a million clients)."""
    inschrijvingen = _eigen(
        v.binnen(Inschrijving.objects, "client__gemeente"), v, "contractregel__contract__aanbieder"
    )
    per_traject = voortgang_per_traject(inschrijvingen, v.peildatum)
    trajecten = Traject.objects.filter(pk__in=per_traject).select_related("aanbieder")
    rijen = []
    for t in sorted(trajecten, key=lambda t: (t.aanbieder.naam, t.naam)):
        clienten, n, met_trede, som_begin, som_eind, gestegen, taal = per_traject[t.pk]
        begin = som_begin / met_trede if met_trede else None
        eind = som_eind / met_trede if met_trede else None
        rijen.append(
            {
                "categorie": t.naam,
                "aanbieder": t.aanbieder.naam,
                "aantal": clienten,
                "inschrijvingen": n,
                "trede_begin": None if begin is None else round(begin, 2),
                "trede_eind": None if eind is None else round(eind, 2),
                "trede_verschil": None if begin is None else round(eind - begin, 2),
                "percentage_gestegen": percentage(gestegen, n),
                "percentage_taal_gestegen": percentage(taal, n),
            }
        )
    return Rapport(
        "voortgang",
        "Voortgang: brengt het traject clienten dichter bij werk?",
        v,
        [
            ("categorie", "Traject"),
            ("aanbieder", "Aanbieder"),
            ("aantal", "Clienten"),
            ("trede_begin", "Trede eerste rapportage"),
            ("trede_eind", "Trede laatste rapportage"),
            ("trede_verschil", "Verschil"),
            ("percentage_gestegen", "% trede gestegen"),
            ("percentage_taal_gestegen", "% taalniveau gestegen"),
        ],
        onderdruk(rijen, v),
        toelichting="Inschrijvingen met ten minste twee voortgangsrapportages tot en met de "
        "peildatum; participatieladder 1-6, taalniveau A0-C1.",
    )
