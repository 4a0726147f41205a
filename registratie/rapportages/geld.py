"""Kosten-baten: programme cost against the benefit saved by outflow to work."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils.formats import number_format

from aanbod.models import Aanbieder
from inkoop.models import Kostenpost
from inkoop.selectors import TELT_MEE, VERPLICHT
from kern.formaten import euro
from registratie.models import Inschrijving, Uitstroomreden
from registratie.rapportages.basis import CENT, Rapport, Verzoek, clienten_op


def kosten_baten(v: Verzoek) -> Rapport:
    """For one year (parameter `jaar`, default the peildatum's), as the evaluation computed
    it: programme cost = cost posts + bought trajecten (committed: started in the year, not
    from the gemeente's own teams, whose cost is the formatie already) - refunds
    (vergoeding); subsidies are shown, not subtracted. Per client: divided by the year's
    inflow (clients whose guidance began that year). Savings: full-time outflows x a year's
    benefit + part-time x the part-time factor x a year's benefit. Three queries."""
    jaar = int(v.parameters.get("jaar") or v.peildatum.year)
    uitkering = Decimal(str(v.parameters.get("uitkering_per_jaar") or settings.UITKERING_PER_JAAR))
    factor = Decimal(str(v.parameters.get("deeltijd_factor") or settings.DEELTIJD_FACTOR))
    begin, eind = dt.date(jaar, 1, 1), min(dt.date(jaar, 12, 31), v.peildatum)
    Soort = Kostenpost.Soort

    posten = dict(
        Kostenpost.objects.filter(jaar=jaar)
        .values_list("soort")
        .annotate(s=Sum("bedrag"))
        .order_by()
    )
    vergoeding = posten.pop(Soort.VERGOEDING, Decimal("0"))
    subsidie = posten.pop(Soort.SUBSIDIE, Decimal("0"))
    eigen_kosten = sum(posten.values(), Decimal("0"))
    trajecten = Inschrijving.objects.filter(
        TELT_MEE, startdatum__gte=begin, startdatum__lte=eind
    ).exclude(status=Inschrijving.Status.AANGEMELD).exclude(
        contractregel__contract__aanbieder__soort=Aanbieder.Soort.INTERN
    ).aggregate(s=Sum(VERPLICHT))["s"] or Decimal(0)
    programma = eigen_kosten + trajecten - vergoeding

    in_jaar = {"uitstroom_datum__gte": begin, "uitstroom_datum__lte": eind}
    t = clienten_op(eind).aggregate(
        instroom=Count("pk", filter=Q(begeleid_sinds__gte=begin, begeleid_sinds__lte=eind)),
        voltijd=Count("pk", filter=Q(uitstroom_reden=Uitstroomreden.VOLTIJD_BAAN, **in_jaar)),
        deeltijd=Count("pk", filter=Q(uitstroom_reden=Uitstroomreden.DEELTIJD_BAAN, **in_jaar)),
    )
    per_client = (programma / t["instroom"]).quantize(CENT) if t["instroom"] else None
    uitkeringslasten = (t["instroom"] * uitkering).quantize(CENT)
    besparing_voltijd = (t["voltijd"] * uitkering).quantize(CENT)
    besparing_deeltijd = (t["deeltijd"] * factor * uitkering).quantize(CENT)
    besparing = besparing_voltijd + besparing_deeltijd

    def rij(code, categorie, bedrag=None, aantal=None):
        return {"code": code, "categorie": categorie, "bedrag": bedrag, "aantal": aantal}

    rijen = [
        *[
            rij(f"kosten.{soort}", f"kosten: {Soort(soort).label}", bedrag)
            for soort, bedrag in sorted(posten.items())
        ],
        rij(
            "ingekochte_trajecten",
            "ingekochte trajecten (verplicht, gestart in het jaar; zonder eigen uitvoering)",
            trajecten,
        ),
        rij("vergoeding", "vergoedingen (in mindering)", -vergoeding),
        rij("programmakosten", "programmakosten", programma),
        rij("subsidie", "subsidies (ter informatie, niet in mindering)", subsidie),
        rij("instroom", "instroom in de aanpak", aantal=t["instroom"]),
        rij("kosten_per_client", "programmakosten per client van de instroom", per_client),
        rij(
            "uitkeringslasten_instroom",
            "een jaar uitkering voor de hele instroom",
            uitkeringslasten,
            t["instroom"],
        ),
        rij("uitstroom_voltijd", "uitstroom naar voltijd werk", besparing_voltijd, t["voltijd"]),
        rij(
            "uitstroom_deeltijd", "uitstroom naar deeltijd werk", besparing_deeltijd, t["deeltijd"]
        ),
        rij("besparing", "besparing op uitkeringen (een jaar)", besparing),
        rij("saldo", "besparing min programmakosten", besparing - programma),
    ]
    return Rapport(
        "kosten-baten",
        f"Kosten en baten {jaar}",
        v,
        [("categorie", "Post"), ("aantal", "Aantal"), ("bedrag", "Bedrag (EUR)")],
        rijen,
        extra={"jaar": jaar, "uitkering_per_jaar": uitkering, "deeltijd_factor": factor},
        toelichting="Programmakosten zijn de kostenposten plus de ingekochte trajecten min de "
        "vergoedingen (subsidies staan erbij maar gaan er niet af, en trajecten van de eigen "
        "teams tellen niet boven op hun formatie); per client gedeeld door de instroom van het "
        f"jaar. De besparing is een jaar uitkering ({euro(uitkering)}) per uitstroom naar "
        f"voltijd werk en {number_format(factor * 100, 0)} % daarvan per deeltijdbaan.",
    )
