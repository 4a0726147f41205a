"""Time: waiting times and the Wi2021 deadlines."""

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q

from aanbod.models import Traject
from rapportages.basis import Rapport, Verzoek, clienten_op, percentage
from registratie.models import Client, Inschrijving
from registratie.selectors import clienten_met_termijn, ziet_dossiers


def percentiel(waarden: list[int], p: float) -> float | None:
    """Linear interpolation between the closest ranks (as spreadsheets and numpy do)."""
    if not waarden:
        return None
    waarden = sorted(waarden)
    positie = (len(waarden) - 1) * p / 100
    onder = int(positie)
    boven = min(onder + 1, len(waarden) - 1)
    return round(waarden[onder] + (waarden[boven] - waarden[onder]) * (positie - onder), 1)


def _dagen(qs, eind: str, begin: str) -> list[int]:
    """Durations in days, computed by the database; one query, one column."""
    duur = ExpressionWrapper(F(eind) - F(begin), output_field=DurationField())
    return [d.days for d in qs.annotate(duur=duur).values_list("duur", flat=True)]


def wachttijden(v: Verzoek) -> Rapport:
    """Median and 80th percentile in days: huisvesting -> brede intake (intakes in the
    period), intake -> start voortraject (starts in the period), and aanmelding -> start
    per traject soort (starts in the period). Three queries."""
    van, tot = v.periode
    metingen = [
        (
            "huisvesting_intake",
            "huisvesting → brede intake",
            _dagen(
                v.binnen(Client.objects).filter(
                    datum_brede_intake__gte=van,
                    datum_brede_intake__lte=tot,
                    datum_huisvesting__isnull=False,
                ),
                "datum_brede_intake",
                "datum_huisvesting",
            ),
        ),
        (
            "intake_voortraject",
            "brede intake → start voortraject",
            _dagen(
                v.binnen(Client.objects).filter(
                    datum_start_voortraject__gte=van,
                    datum_start_voortraject__lte=tot,
                    datum_brede_intake__isnull=False,
                ),
                "datum_start_voortraject",
                "datum_brede_intake",
            ),
        ),
    ]
    per_soort: dict[str, list[int]] = {}
    duur = ExpressionWrapper(F("startdatum") - F("datum_aanmelding"), output_field=DurationField())
    for soort, d in (
        v.binnen(Inschrijving.objects, "client__gemeente")
        .filter(startdatum__gte=van, startdatum__lte=tot)
        .exclude(status=Inschrijving.Status.AANGEMELD)
        .annotate(duur=duur)
        .values_list("contractregel__traject__soort", "duur")
    ):
        per_soort.setdefault(soort, []).append(d.days)
    for soort, label in Traject.Soort.choices:
        if soort in per_soort:
            metingen.append(
                (f"aanmelding_start.{soort}", f"aanmelding → start {label}", per_soort[soort])
            )
    rijen = [
        {
            "categorie": titel,
            "code": code,
            "aantal": len(w),
            "mediaan": percentiel(w, 50),
            "p80": percentiel(w, 80),
        }
        for code, titel, w in metingen
    ]
    return Rapport(
        "wachttijden",
        "Wachttijden in dagen",
        v,
        [
            ("categorie", "Stap"),
            ("aantal", "Aantal"),
            ("mediaan", "Mediaan (dagen)"),
            ("p80", "80e percentiel (dagen)"),
        ],
        rijen,
        toelichting="Gemeten over de gebeurtenissen (intake, start) in de periode.",
    )


def termijnen(v: Verzoek) -> Rapport:
    """Share of PIPs within 10 weeks and of ontzorgen of at least 6 months, and who is
    overdue on the peildatum. One aggregate query and one per list."""
    p = v.peildatum
    basis = clienten_op(p, v)
    t = basis.aggregate(
        pip_beoordeeld=Count("pk", filter=Q(pip_deadline__lte=p) | Q(datum_pip__lte=p)),
        pip_op_tijd=Count("pk", filter=Q(datum_pip__lte=p) & Q(datum_pip__lte=F("pip_deadline"))),
        ontzorgen_beoordeeld=Count("pk", filter=Q(ontzorgen_eind__lte=p)),
        ontzorgen_lang_genoeg=Count(
            "pk",
            filter=Q(ontzorgen_eind__lte=p) & Q(ontzorgen_eind__gte=F("ontzorgen_minimaal_tot")),
        ),
    )
    rijen = [
        {
            "categorie": "PIP binnen 10 weken",
            "code": "pip",
            "aantal": t["pip_beoordeeld"],
            "op_tijd": t["pip_op_tijd"],
            "percentage": percentage(t["pip_op_tijd"], t["pip_beoordeeld"]),
        },
        {
            "categorie": "ontzorgen ten minste 6 maanden",
            "code": "ontzorgen",
            "aantal": t["ontzorgen_beoordeeld"],
            "op_tijd": t["ontzorgen_lang_genoeg"],
            "percentage": percentage(t["ontzorgen_lang_genoeg"], t["ontzorgen_beoordeeld"]),
        },
    ]
    lijsten = {}
    # Who is late, by name, only for those who see personal files (and the command line).
    for soort, titel in (
        ()
        if v.user is not None and not ziet_dossiers(v.user)
        else (
            ("pip", "PIP te laat"),
            ("ontzorgen", "Besluit over ontzorgen nodig"),
            ("nazorg", "Nazorg voorbij"),
        )
    ):
        clienten = clienten_met_termijn(
            v.binnen(Client.objects), soorten=[soort], peildatum=p, binnen_dagen=-1
        )
        lijsten[soort] = {
            "titel": titel,
            "kolommen": [
                {"naam": "clientnummer", "titel": "Clientnummer"},
                {"naam": "specialist", "titel": "Specialist"},
            ],
            "rijen": [
                {"clientnummer": c, "specialist": " ".join(filter(None, (voor, achter))) or s or ""}
                for c, s, voor, achter in clienten.order_by("clientnummer").values_list(
                    "clientnummer",
                    "specialist__username",
                    "specialist__first_name",
                    "specialist__last_name",
                )
            ],
        }
    return Rapport(
        "termijnen",
        "Termijnen van de Wet inburgering 2021",
        v,
        [
            ("categorie", "Termijn"),
            ("aantal", "Beoordeeld"),
            ("op_tijd", "Gehaald"),
            ("percentage", "%"),
        ],
        rijen,
        extra={"tabellen": lijsten},
        toelichting="Beoordeeld: de termijn is verstreken of het PIP is vastgesteld; "
        "ontzorgen telt als het op de peildatum is beëindigd. De lijsten van wie te laat is, "
        "zien alleen specialisten en beheerders.",
    )
