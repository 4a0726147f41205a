"""Population and outflow: populatie, uitstroomredenen, werkgeversprojecten, bemiddeling."""

from collections import Counter, defaultdict

from django.db.models import Count, Q

from aanbod.models import Traject
from kern.eenheden import AANTAL
from rapportages.basis import (
    WERK,
    Rapport,
    Verzoek,
    begeleid_op,
    clienten_op,
    eerdere_uitstroom,
    percentage,
    uitgestroomd_op,
    uitgevallen_op,
    uitstromen,
)
from registratie.models import (
    Client,
    Doelgroep,
    Inschrijving,
    Onderbreking,
    Uitstroomreden,
    UitstroomSubreden,
)
from registratie.referentie import niet_in_beeld

POPULATIE = [
    ("begeleid_naar_werk", "begeleid naar werk"),
    ("begeleid_naar_onderwijs", "begeleid naar onderwijs"),
    ("uitstroom_overig", "uitstroom overig"),
    ("in_begeleiding", "in begeleiding"),
    ("in_beeld", "in beeld, nog niet opgepakt"),
]


def _categorieen_op(v: Verzoek) -> dict:
    """Each category of the populatie as a condition on the clients at the peildatum;
    'uitgevallen' only once the report's gemeenten know any uitval."""
    p = v.peildatum
    uit, uitval = uitgestroomd_op(p), uitgevallen_op(p)
    voorwaarden = {
        "begeleid_naar_werk": uitgestroomd_op(p, WERK),
        "begeleid_naar_onderwijs": uitgestroomd_op(p, [Uitstroomreden.OPLEIDING]),
        "uitstroom_overig": uitgestroomd_op(p, [Uitstroomreden.OVERIG]),
        "in_begeleiding": begeleid_op(p),
        "in_beeld": ~uit & ~uitval & (Q(begeleid_sinds__gt=p) | Q(begeleid_sinds__isnull=True)),
    }
    # Interrupted guidance is its own category, shown once the register knows any uitval.
    met_uitval = v.binnen(
        Onderbreking.objects.filter(soort=Onderbreking.Soort.UITVAL), "client__gemeente"
    ).exists()
    if met_uitval:
        voorwaarden["uitgevallen"] = uitval & ~uit
    return voorwaarden


def populatie(v: Verzoek) -> Rapport:
    """One aggregate query: every known client in exactly one category on the peildatum."""
    p = v.peildatum
    voorwaarden = _categorieen_op(v)
    met_uitval = "uitgevallen" in voorwaarden
    # Per target group too (art. 1 Wi2021): who the gemeente offers the leerroute, who not.
    groepen = {
        "asiel": Q(doelgroep=Doelgroep.ASIELSTATUSHOUDER),
        "migrant": Q(doelgroep__in=(Doelgroep.GEZINSMIGRANT, Doelgroep.OVERIGE_MIGRANT)),
    }
    telling = clienten_op(p, v).aggregate(
        totaal=Count("pk"),
        **{f"totaal_{g}": Count("pk", filter=gq) for g, gq in groepen.items()},
        **{k: Count("pk", filter=q) for k, q in voorwaarden.items()},
        **{
            f"{k}_{g}": Count("pk", filter=q & gq)
            for k, q in voorwaarden.items()
            for g, gq in groepen.items()
        },
    )
    # The sixth category needs the gemeente's reference list; without one it is not shown.
    # The list is the whole register's (it names no gemeente): not shown for one gemeente.
    lijst, buiten = niet_in_beeld(p) if v.gemeenten is None else (None, 0)
    categorieen = list(POPULATIE)
    if met_uitval:
        categorieen.insert(4, ("uitgevallen", "uitgevallen (begeleiding onderbroken)"))
    if lijst is not None:
        telling["niet_in_beeld"] = buiten
        telling["totaal"] += buiten
        categorieen.append(("niet_in_beeld", "niet in beeld (wel op de referentielijst)"))
    rijen = [
        {
            "categorie": titel,
            "code": code,
            "aantal": telling[code],
            "percentage": percentage(telling[code], telling["totaal"]),
            **{f"aantal_{g}": telling.get(f"{code}_{g}") for g in groepen},
        }
        for code, titel in categorieen
    ]
    rijen.append(
        {
            "categorie": "totaal",
            "code": "totaal",
            "aantal": telling["totaal"],
            "percentage": 100.0 if telling["totaal"] else 0.0,
            **{f"aantal_{g}": telling[f"totaal_{g}"] for g in groepen},
        }
    )
    return Rapport(
        "populatie",
        "Populatie naar status",
        v,
        [
            ("categorie", "Status"),
            ("aantal", "Aantal"),
            ("percentage", "%"),
            ("aantal_asiel", "Asielstatushouders", AANTAL),
            ("aantal_migrant", "Gezins- en overige migranten", AANTAL),
        ],
        rijen,
        toelichting="Alle clienten die op de peildatum bij de gemeente bekend zijn"
        + (
            f", en wie op de referentielijst ({lijst}) staat maar niet in het register."
            if lijst
            else ". 'Niet in beeld' (de referentielijst noemt geen gemeente) staat alleen in "
            "het rapport van de hele regio."
            if v.gemeenten is not None
            else ". Met een referentielijst van DUO of de BRP (manage.py "
            "import_referentielijst) komt daar 'niet in beeld' bij."
        ),
    )


def uitstroomredenen(v: Verzoek) -> Rapport:
    van, tot = v.periode
    per_reden, per_sub = Counter(), Counter()
    for (reden, subreden), n in uitstromen(van, tot, v).items():
        per_reden[reden] += n
        if reden == Uitstroomreden.OVERIG:
            per_sub[subreden or "onbekend"] += n
    totaal = sum(per_reden.values())
    rijen = []
    for code, titel in Uitstroomreden.choices:
        rijen.append(
            {
                "categorie": titel,
                "code": code,
                "niveau": 1,
                "aantal": per_reden[code],
                "percentage": percentage(per_reden[code], totaal),
            }
        )
        if code == Uitstroomreden.OVERIG:
            for sub, subtitel in UitstroomSubreden.choices:
                rijen.append(
                    {
                        "categorie": f"  {subtitel}",
                        "code": f"overig.{sub}",
                        "niveau": 2,
                        "aantal": per_sub[sub],
                        "percentage": percentage(per_sub[sub], totaal),
                    }
                )
    rijen.append(
        {
            "categorie": "totaal",
            "code": "totaal",
            "niveau": 1,
            "aantal": totaal,
            "percentage": 100.0 if totaal else 0.0,
        }
    )
    return Rapport(
        "uitstroomredenen",
        "Uitstroom naar reden",
        v,
        [("categorie", "Reden"), ("aantal", "Aantal"), ("percentage", "%")],
        rijen,
        toelichting=f"Uitstroom met een datum van {v.periode[0]:%d-%m-%Y} tot en met "
        f"{v.periode[1]:%d-%m-%Y}.",
    )


def werkgeversprojecten(v: Verzoek) -> Rapport:
    """Per employer project: participants who started in the period and placements (outflow
    to work via the project) in the period. Two grouped queries."""
    van, tot = v.periode
    deelnemers = dict(
        v.binnen(Inschrijving.objects, "client__gemeente")
        .filter(
            contractregel__traject__soort=Traject.Soort.WERKGEVERSPROJECT,
            startdatum__gte=van,
            startdatum__lte=tot,
        )
        .exclude(status=Inschrijving.Status.AANGEMELD)
        .values_list("contractregel__traject")
        .annotate(n=Count("client", distinct=True))
        .order_by()
    )
    plaatsingen = {
        g["werkgeversproject"]: g
        for g in v.binnen(Client.objects)
        .filter(
            werkgeversproject__isnull=False,
            uitstroom_reden__in=WERK,
            uitstroom_datum__gte=van,
            uitstroom_datum__lte=tot,
        )
        .values("werkgeversproject")
        .annotate(
            n=Count("pk"),
            voltijd=Count("pk", filter=Q(dienstverband="fulltime")),
            wgt=Count("pk", filter=Q(wgt_betrokken=True)),
        )
        .order_by()
    }
    totaal = sum(g["n"] for g in plaatsingen.values())
    rijen = []
    for project in (
        Traject.objects.filter(soort=Traject.Soort.WERKGEVERSPROJECT)
        .select_related("aanbieder")
        .order_by("aanbieder__naam")
    ):
        g = plaatsingen.get(project.pk, {})
        rijen.append(
            {
                "categorie": project.aanbieder.naam,
                "traject": project.naam,
                "deelnemers": deelnemers.get(project.pk, 0),
                "aantal": g.get("n", 0),
                "percentage": percentage(g.get("n", 0), totaal),
                "voltijd": g.get("voltijd", 0),
                "deeltijd": g.get("n", 0) - g.get("voltijd", 0),
                "met_wgt": g.get("wgt", 0),
            }
        )
    return Rapport(
        "werkgeversprojecten",
        "Plaatsingen per werkgeversproject",
        v,
        [
            ("categorie", "Werkgever"),
            ("traject", "Project"),
            ("deelnemers", "Gestart"),
            ("aantal", "Geplaatst"),
            ("percentage", "%"),
            ("voltijd", "Voltijd"),
            ("deeltijd", "Deeltijd"),
            ("met_wgt", "Met WGT"),
        ],
        rijen,
        toelichting="Gestart en geplaatst (uitstroom naar werk) in de periode.",
    )


def bemiddeling(v: Verzoek) -> Rapport:
    """Placements (outflow to work) in the period by dienstverband, type bemiddeling and
    sector, each with WGT involvement. An earlier placement the client came back from counts
    too, in its own period as every report counts outflows (rapportages.basis.uitstromen):
    its dienstverband follows from its reason, its type and sector were not kept (onbekend).
    Two grouped queries; the grouping is folded here."""
    van, tot = v.periode
    groepen = list(
        v.binnen(Client.objects)
        .filter(uitstroom_reden__in=WERK, uitstroom_datum__gte=van, uitstroom_datum__lte=tot)
        .values("dienstverband", "type_bemiddeling", "sector", "wgt_betrokken")
        .annotate(n=Count("pk"))
        .order_by()
    )
    groepen += _eerdere_plaatsingen(van, tot, v)
    totaal = sum(g["n"] for g in groepen)
    dimensies = [
        ("dienstverband", "Dienstverband", Client.Dienstverband.choices),
        ("type_bemiddeling", "Type bemiddeling", Client.TypeBemiddeling.choices),
        ("sector", "Sector", Client.Sector.choices),
    ]
    rijen = []
    for veld, titel, keuzes in dimensies:
        aantal, wgt = defaultdict(int), defaultdict(int)
        for g in groepen:
            aantal[g[veld]] += g["n"]
            if g["wgt_betrokken"]:
                wgt[g[veld]] += g["n"]
        for code, label in [*keuzes, ("", "onbekend")]:
            if code == "" and not aantal[""]:
                continue
            rijen.append(
                {
                    "dimensie": titel,
                    "categorie": label,
                    "code": code,
                    "aantal": aantal[code],
                    "percentage": percentage(aantal[code], totaal),
                    "met_wgt": wgt[code],
                }
            )
    met_wgt = sum(g["n"] for g in groepen if g["wgt_betrokken"])
    rijen.append(
        {
            "dimensie": "WGT",
            "categorie": "met WGT",
            "code": "wgt",
            "aantal": met_wgt,
            "percentage": percentage(met_wgt, totaal),
            "met_wgt": met_wgt,
        }
    )
    return Rapport(
        "bemiddeling",
        "Plaatsingen naar dienstverband, type bemiddeling en sector",
        v,
        [
            ("dimensie", "Indeling"),
            ("categorie", "Categorie"),
            ("aantal", "Aantal"),
            ("percentage", "%"),
            ("met_wgt", "Met WGT"),
        ],
        rijen,
        extra={"totaal": totaal},
        toelichting="Uitstroom naar werk (voltijd of deeltijd) in de periode, ook van wie "
        "later terugkwam (het type bemiddeling en de sector daarvan zijn niet bewaard: "
        "onbekend).",
    )


def _eerdere_plaatsingen(van, tot, v: Verzoek) -> list[dict]:
    """Placements in the period that the client came back from, grouped as bemiddeling
    groups them: the dienstverband follows from the reason; type and sector were not kept."""
    groepen = []
    dienstverband = {
        Uitstroomreden.VOLTIJD_BAAN: Client.Dienstverband.FULLTIME,
        Uitstroomreden.DEELTIJD_BAAN: Client.Dienstverband.PARTTIME,
    }
    for g in (
        eerdere_uitstroom(v)
        .filter(uitstroom_reden__in=WERK, van__gte=van, van__lte=tot)
        .values("uitstroom_reden")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        groepen.append(
            {
                "dienstverband": dienstverband.get(g["uitstroom_reden"], ""),
                "type_bemiddeling": "",
                "sector": "",
                "wgt_betrokken": False,
                "n": g["n"],
            }
        )
    return groepen
