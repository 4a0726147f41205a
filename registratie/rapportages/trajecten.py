"""Bought trajecten: interventies, contracten and voortgang (does it bring them closer?)."""

from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from aanbod.models import Taalniveau
from inkoop.models import Contract, Contractregel
from inkoop.selectors import TELT_MEE, VERPLICHT, neemt_plaats
from registratie.models import Inschrijving, Voortgangsrapportage, Wachtlijstplaats
from registratie.rapportages.basis import (
    WERK,
    Rapport,
    Verzoek,
    clienten_op,
    onderdruk,
    percentage,
)
from registratie.selectors import aanbod_open_op

BEHOUD = ("capaciteit", "tarief", "plafond", "dagen_resterend")
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


def interventies(v: Verzoek) -> Rapport:
    """Per traject: clients who followed it in the period, their share of every client guided
    in the period, and how many of them work on the peildatum. Two queries."""
    van, tot = v.periode
    werkt = Q(client__uitstroom_datum__lte=v.peildatum, client__uitstroom_reden__in=WERK)
    groepen = (
        _eigen(Inschrijving.objects.filter(_gevolgd_in(v)), v, "contractregel__contract__aanbieder")
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
        clienten_op(tot)
        .filter(
            Q(begeleid_sinds__lte=tot)
            & (Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gte=van))
        )
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
    hours offered versus followed and absence. Two queries."""
    p = v.peildatum
    inschrijvingen = Inschrijving.objects.order_by()

    def per_regel(expressie, filter_=None, model=inschrijvingen, veld="contractregel"):
        return Subquery(
            model.filter(filter_ or Q(), **{veld: OuterRef("pk")})
            .values(veld)
            .annotate(s=expressie)
            .values("s"),
        )

    rapporten = Voortgangsrapportage.objects.order_by().filter(peildatum__lte=p)
    uren = {
        naam: Coalesce(
            per_regel(Sum(naam), model=rapporten, veld="inschrijving__contractregel"), NUL
        )
        for naam in (
            "uren_aangeboden",
            "uren_gevolgd",
            "verzuim_geoorloofd",
            "verzuim_ongeoorloofd",
        )
    }
    regels = (
        _eigen(
            Contractregel.objects.filter(
                contract__startdatum__lte=p,
                contract__einddatum__gte=p,
                contract__status=Contract.Status.GEGUND,
            ),
            v,
            "contract__aanbieder",
        )
        .annotate(
            bezet=Coalesce(per_regel(Count("pk"), neemt_plaats(peildatum=p)), 0),
            aangeboden=Coalesce(
                per_regel(
                    Count("pk"),
                    aanbod_open_op(p),
                    model=Wachtlijstplaats.objects.order_by(),
                    veld="aangeboden_regel",
                ),
                0,
            ),
            clienten=Coalesce(
                per_regel(Count("client", distinct=True), Q(datum_aanmelding__lte=p)), 0
            ),
            verplicht=Coalesce(
                per_regel(Sum(VERPLICHT), Q(datum_aanmelding__lte=p) & TELT_MEE), NUL
            ),
            **uren,
        )
        .select_related("contract", "contract__aanbieder", "traject", "leerroute")
        .order_by("contract__kenmerk", "traject__naam")
    )
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
        "voortgangsrapportages tot en met de peildatum.",
    )


TAAL_RANG = Case(
    *[When(taalniveau=code, then=Value(i)) for i, code in enumerate(Taalniveau.values)],
    default=Value(None),
    output_field=IntegerField(),
)


def voortgang(v: Verzoek) -> Rapport:
    """Per traject: participatieladder step and language level in the first and the latest
    report (up to the peildatum) of each enrolment with at least two reports. One query."""
    rapporten = Voortgangsrapportage.objects.filter(
        inschrijving=OuterRef("pk"), peildatum__lte=v.peildatum
    )

    def eerste_of_laatste(volgorde, veld):
        return Subquery(
            rapporten.exclude(**{f"{veld}__isnull": True}).order_by(volgorde).values(veld)[:1]
        )

    def taal(volgorde):
        return Subquery(
            rapporten.exclude(taalniveau="")
            .annotate(rang=TAAL_RANG)
            .order_by(volgorde)
            .values("rang")[:1],
            output_field=IntegerField(),
        )

    aantal = Subquery(
        rapporten.values("inschrijving").annotate(n=Count("pk")).values("n"),
        output_field=IntegerField(),
    )
    groepen = (
        _eigen(Inschrijving.objects.all(), v, "contractregel__contract__aanbieder")
        .annotate(
            n_rapporten=aantal,
            trede_eerst=eerste_of_laatste("peildatum", "participatieladder"),
            trede_laatst=eerste_of_laatste("-peildatum", "participatieladder"),
            taal_eerst=taal("peildatum"),
            taal_laatst=taal("-peildatum"),
        )
        .filter(n_rapporten__gte=2)
        .values("contractregel__traject__naam", "contractregel__traject__aanbieder__naam")
        .annotate(
            aantal=Count("client", distinct=True),
            trede_begin=Avg("trede_eerst"),
            trede_eind=Avg("trede_laatst"),
            gestegen=Count("pk", filter=Q(trede_laatst__gt=F("trede_eerst"))),
            taal_gestegen=Count("pk", filter=Q(taal_laatst__gt=F("taal_eerst"))),
            inschrijvingen=Count("pk"),
        )
        .order_by("contractregel__traject__aanbieder__naam", "contractregel__traject__naam")
    )
    rijen = []
    for g in groepen:
        begin, eind = g["trede_begin"], g["trede_eind"]
        rijen.append(
            {
                "categorie": g["contractregel__traject__naam"],
                "aanbieder": g["contractregel__traject__aanbieder__naam"],
                "aantal": g["aantal"],
                "inschrijvingen": g["inschrijvingen"],
                "trede_begin": None if begin is None else round(float(begin), 2),
                "trede_eind": None if eind is None else round(float(eind), 2),
                "trede_verschil": None
                if begin is None or eind is None
                else round(float(eind) - float(begin), 2),
                "percentage_gestegen": percentage(g["gestegen"], g["inschrijvingen"]),
                "percentage_taal_gestegen": percentage(g["taal_gestegen"], g["inschrijvingen"]),
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
