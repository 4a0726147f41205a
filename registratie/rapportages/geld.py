"""Kosten-baten: programme cost against the benefit saved by outflow to work."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils.formats import number_format

from inkoop.models import Kostenpost
from kern.formaten import euro
from registratie.models import Inschrijving, Uitstroomreden
from registratie.rapportages.basis import CENT, Rapport, Verzoek, clienten_op


def kosten_baten(v: Verzoek) -> Rapport:
    """For one year (parameter `jaar`, default the peildatum's): Kostenposten plus bought
    trajecten minus income, clients guided, cost per client, outflow to full- and part-time
    work and the benefit saved (full-time x uitkering + part-time x factor x uitkering).
    Three queries."""
    jaar = int(v.parameters.get("jaar") or v.peildatum.year)
    uitkering = Decimal(str(v.parameters.get("uitkering_per_jaar") or settings.UITKERING_PER_JAAR))
    factor = Decimal(str(v.parameters.get("deeltijd_factor") or settings.DEELTIJD_FACTOR))
    begin, eind = dt.date(jaar, 1, 1), min(dt.date(jaar, 12, 31), v.peildatum)

    posten = dict(
        Kostenpost.objects.filter(jaar=jaar)
        .values_list("soort")
        .annotate(s=Sum("bedrag"))
        .order_by()
    )
    inkomsten = posten.pop(Kostenpost.Soort.INKOMSTEN, Decimal("0"))
    eigen_kosten = sum(posten.values(), Decimal("0"))
    trajecten = Inschrijving.objects.filter(startdatum__gte=begin, startdatum__lte=eind).exclude(
        status=Inschrijving.Status.AANGEMELD
    ).aggregate(s=Sum("tarief"))["s"] or Decimal(0)
    programma = eigen_kosten + trajecten - inkomsten

    t = clienten_op(eind).aggregate(
        begeleid=Count(
            "pk",
            filter=Q(begeleid_sinds__lte=eind)
            & (Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gte=begin)),
        ),
        voltijd=Count(
            "pk",
            filter=Q(
                uitstroom_reden=Uitstroomreden.VOLTIJD_BAAN,
                uitstroom_datum__gte=begin,
                uitstroom_datum__lte=eind,
            ),
        ),
        deeltijd=Count(
            "pk",
            filter=Q(
                uitstroom_reden=Uitstroomreden.DEELTIJD_BAAN,
                uitstroom_datum__gte=begin,
                uitstroom_datum__lte=eind,
            ),
        ),
    )
    per_client = (programma / t["begeleid"]).quantize(CENT) if t["begeleid"] else None
    besparing_voltijd = (t["voltijd"] * uitkering).quantize(CENT)
    besparing_deeltijd = (t["deeltijd"] * factor * uitkering).quantize(CENT)
    besparing = besparing_voltijd + besparing_deeltijd

    def rij(code, categorie, bedrag=None, aantal=None):
        return {"code": code, "categorie": categorie, "bedrag": bedrag, "aantal": aantal}

    rijen = [
        *[
            rij(f"kosten.{soort}", f"kosten: {Kostenpost.Soort(soort).label}", bedrag)
            for soort, bedrag in sorted(posten.items())
        ],
        rij("ingekochte_trajecten", "ingekochte trajecten (gestart in het jaar)", trajecten),
        rij("inkomsten", "inkomsten (in mindering)", -inkomsten),
        rij("programmakosten", "programmakosten", programma),
        rij("begeleid", "clienten begeleid", aantal=t["begeleid"]),
        rij("kosten_per_client", "kosten per begeleide client", per_client),
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
        toelichting=f"Een jaar bijstand kost {euro(uitkering)}; een deeltijdbaan bespaart "
        f"{number_format(factor * 100, 0)} % daarvan.",
    )
