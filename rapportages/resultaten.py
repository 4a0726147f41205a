"""Cost per outcome: of the enrolments started in a period, what came of them and what
they cost, per contract and traject."""

import datetime as dt

from django.db.models import Count, Q

from declaraties.ramingen import Raming, ramingen
from inkoop.selectors import TELT_MEE
from rapportages.basis import (
    CENT,
    KLEINSTE_GROEP,
    Rapport,
    Verzoek,
    eerdere_uitstroom,
    onderdruk,
    percentage,
)
from registratie.models import Inschrijving, plus_maanden
from registratie.prestaties import WERK_OF_OPLEIDING


def resultaten(v: Verzoek) -> Rapport:
    """Per contract and traject, of the enrolments started in the period: completed as
    planned, ended early (and why, in a second table), outflow to work or education within
    6 and 12 months after the end, committed, realised and still expected cost (per
    enrolment, declaraties.ramingen), and the cost per completion and per outflow to work or
    education (realised plus still expected). A
    provider sees its own contracts, small groups suppressed. Six queries."""
    van, tot = v.periode
    p = v.peildatum
    gestart = (
        v.binnen(Inschrijving.objects, "client__gemeente")
        .filter(TELT_MEE, startdatum__gte=van, startdatum__lte=min(tot, p))
        .exclude(status=Inschrijving.Status.AANGEMELD)
    )
    if v.aanbieder is not None:
        gestart = gestart.filter(contractregel__contract__aanbieder=v.aanbieder)
    per_regel, redenen = _per_regel(gestart, _naar_werk(gestart, p), p)
    geld = ramingen(gestart, per="contractregel")
    rijen = []
    for regel_id, rij in sorted(per_regel.items(), key=lambda kv: kv[1]["categorie"]):
        raming = geld.get(regel_id, Raming())
        # Of all years together, what the enrolments commit: tarief x units, each to cents.
        rij["verplicht"] = raming.verplicht
        rij["gerealiseerd"], rij["nog_te_verwachten"] = raming.gerealiseerd, raming.verwacht
        kosten = raming.gerealiseerd + raming.verwacht
        rij["per_afronding"] = (
            (kosten / rij["volgens_plan"]).quantize(CENT) if rij["volgens_plan"] else None
        )
        rij["per_uitstroom"] = (kosten / rij["werk_12"]).quantize(CENT) if rij["werk_12"] else None
        rij["percentage_volgens_plan"] = percentage(rij["volgens_plan"], rij["aantal"])
        rij["percentage_werk_12"] = percentage(rij["werk_12"], rij["aantal"])
        rijen.append(rij)
    reden_rijen = _reden_rijen(v, rijen, per_regel, redenen)
    return Rapport(
        "resultaten",
        "Resultaten en kosten per traject en contract",
        v,
        [
            ("categorie", "Contract en traject"),
            ("aanbieder", "Aanbieder"),
            ("aantal", "Gestart"),
            ("volgens_plan", "Volgens plan afgerond"),
            ("percentage_volgens_plan", "% volgens plan afgerond"),
            ("voortijdig", "Voortijdig beëindigd"),
            ("werk_6", "Werk of opleiding binnen 6 maanden"),
            ("werk_12", "Werk of opleiding binnen 12 maanden"),
            ("percentage_werk_12", "% werk of opleiding binnen 12 maanden"),
            ("verplicht", "Verplicht"),
            ("gerealiseerd", "Gerealiseerd (goedgekeurd)"),
            ("nog_te_verwachten", "Nog te verwachten"),
            ("per_afronding", "Kosten per afronding"),
            ("per_uitstroom", "Kosten per uitstroom naar werk of opleiding"),
        ],
        onderdruk(rijen, v, telveld="aantal"),
        extra={
            "tabellen": {
                "redenen": {
                    "titel": "Voortijdig beëindigd naar reden",
                    "kolommen": [
                        {"naam": "categorie", "titel": "Contract en traject"},
                        {"naam": "reden", "titel": "Reden"},
                        {"naam": "aantal", "titel": "Aantal"},
                    ],
                    "rijen": reden_rijen,
                }
            }
        },
        toelichting=f"Inschrijvingen die van {van:%d-%m-%Y} tot en met {min(tot, p):%d-%m-%Y} "
        "startten. Uitstroom telt als de client na de start en uiterlijk 6 of 12 maanden na het "
        "einde van de inschrijving naar werk of opleiding uitstroomde, tot de peildatum. Kosten "
        "per afronding en per uitstroom: per inschrijving gerealiseerd (goedgekeurde "
        "declaraties, zonder vervallen prestatiedeel) plus nog te verwachten (verplicht en nog "
        "niet gedeclareerd, zonder wat een voortijdig einde schrapte).",
    )


def _naar_werk(gestart, p: dt.date) -> dict:
    """Per client of these enrolments every date of an outflow to work or education up to
    the peildatum, also the outflows the client came back from; only clients that have one
    are read."""
    naar_werk: dict = {}
    for client, datum in [
        *gestart.filter(
            client__uitstroom_reden__in=WERK_OF_OPLEIDING, client__uitstroom_datum__lte=p
        )
        .values_list("client", "client__uitstroom_datum")
        .distinct(),
        *eerdere_uitstroom()
        .filter(
            client__in=gestart.values("client"), uitstroom_reden__in=WERK_OF_OPLEIDING, van__lte=p
        )
        .values_list("client", "van"),
    ]:
        naar_werk.setdefault(client, set()).add(datum)
    return naar_werk


def _per_regel(gestart, naar_werk: dict, p: dt.date) -> tuple[dict, dict]:
    """Per contractregel the counts of its enrolments (started, completed, ended early, to
    work within 6 and 12 months after the end), counted in the database; and the early ends
    per reason. Only the ended enrolments of clients with an outflow to work are read one by
    one, to hold their end against the outflow's date."""
    per_regel: dict = {}
    redenen: dict = {}
    for i in (
        gestart.values(
            "contractregel",
            "contractregel__contract__kenmerk",
            "contractregel__contract__aanbieder__naam",
            "contractregel__traject__naam",
            "contractregel__leerroute__naam",
            "status",
            "reden_einde",
        )
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rij = per_regel.setdefault(
            i["contractregel"],
            {
                "categorie": f"{i['contractregel__contract__kenmerk']} – "
                f"{i['contractregel__traject__naam']} "
                f"({i['contractregel__leerroute__naam'] or 'routevrij'})",
                "contract": i["contractregel__contract__kenmerk"],
                "aanbieder": i["contractregel__contract__aanbieder__naam"],
                "traject": i["contractregel__traject__naam"],
                "aantal": 0,
                "volgens_plan": 0,
                "voortijdig": 0,
                "werk_6": 0,
                "werk_12": 0,
            },
        )
        rij["aantal"] += i["n"]
        if i["status"] == Inschrijving.Status.AFGEROND:
            rij["volgens_plan"] += i["n"]
        elif i["status"] == Inschrijving.Status.VOORTIJDIG_BEEINDIGD:
            rij["voortijdig"] += i["n"]
            sleutel = (i["contractregel"], i["reden_einde"])
            redenen[sleutel] = redenen.get(sleutel, 0) + i["n"]
    werk = Q(client__uitstroom_reden__in=WERK_OF_OPLEIDING, client__uitstroom_datum__lte=p) | Q(
        client__in=eerdere_uitstroom()
        .filter(uitstroom_reden__in=WERK_OF_OPLEIDING, van__lte=p)
        .values("client")
    )
    for regel, client, start, einde in (
        gestart.filter(werk, einddatum__isnull=False)
        .values_list("contractregel", "client", "startdatum", "einddatum")
        .order_by()
    ):
        uit = min((d for d in naar_werk.get(client, ()) if d >= start), default=None)
        if uit:
            if uit <= plus_maanden(einde, 6):
                per_regel[regel]["werk_6"] += 1
            if uit <= plus_maanden(einde, 12):
                per_regel[regel]["werk_12"] += 1
    return per_regel, redenen


def _reden_rijen(v: Verzoek, rijen: list, per_regel: dict, redenen: dict) -> list[dict]:
    """The early ends per regel and reason; for a provider without the regels whose counts
    are suppressed, and small numbers suppressed themselves."""
    namen = dict(Inschrijving.RedenEinde.choices)
    reden_rijen = [
        {
            "categorie": per_regel[regel_id]["categorie"],
            "reden": namen.get(reden, reden),
            "aantal": aantal,
        }
        for (regel_id, reden), aantal in sorted(
            redenen.items(), key=lambda kv: (per_regel[kv[0][0]]["categorie"], -kv[1])
        )
    ]
    if v.aanbieder is not None:
        verborgen = {r["categorie"] for r in rijen if 0 < r["aantal"] < KLEINSTE_GROEP}
        reden_rijen = onderdruk(
            [r for r in reden_rijen if r["categorie"] not in verborgen], v, telveld="aantal"
        )
    return reden_rijen
