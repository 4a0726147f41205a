"""The gemeente's monitoring reports, computed in the database for any peildatum.

Every report is a function Verzoek -> Rapport with a fixed, small number of queries; the API,
the management command and (later) the web pages all call `maak_rapport`.
"""

import datetime as dt

from django.http import Http404

from aanbod.selectors import aanbieder_van
from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST, heeft_rol
from rapportages.basis import Rapport, Verzoek, grof_voor_aanbieder
from rapportages.behoefte import inkoopbehoefte
from rapportages.capaciteit import volumes
from rapportages.caseload import caseload
from rapportages.doorbelasting import doorbelasting
from rapportages.geld import budget, kosten_baten, prestaties
from rapportages.inburgering import monitor
from rapportages.regio import regio
from rapportages.resultaten import resultaten
from rapportages.tijd import termijnen, wachttijden
from rapportages.trajecten import contracten, interventies, voortgang
from rapportages.uitstroom import (
    bemiddeling,
    populatie,
    uitstroomredenen,
    werkgeversprojecten,
)
from rapportages.verantwoording import verantwoording
from regio.selectors import gemeenten_van

RAPPORTEN = {
    "populatie": (populatie, "Populatie naar status op de peildatum"),
    "uitstroomredenen": (uitstroomredenen, "Uitstroom in de periode naar reden"),
    "interventies": (interventies, "Gebruik en resultaat per ingekocht traject"),
    "werkgeversprojecten": (werkgeversprojecten, "Deelnemers en plaatsingen per werkgeversproject"),
    "bemiddeling": (bemiddeling, "Plaatsingen naar dienstverband, bemiddeling, sector en WGT"),
    "caseload": (caseload, "Caseload per jaar en per specialist tegenover de norm"),
    "volumes": (volumes, "Vraag, ingekochte plaatsen en budget per leerroute"),
    "inkoopbehoefte": (
        inkoopbehoefte,
        "Plaatsen en geld die elke leerroute de komende vier halfjaren nodig heeft",
    ),
    "contracten": (contracten, "Bezetting, verplichting, plafond en uren per contract"),
    "budget": (budget, "Budget, gecontracteerd, verplicht, goedgekeurd en betaald per leerroute"),
    "resultaten": (resultaten, "Afgerond, voortijdig, uitstroom en kosten per traject"),
    "prestaties": (prestaties, "Prestatiedeel per contract: bereikt, ingehouden, vrij, vervallen"),
    "kosten-baten": (kosten_baten, "Programmakosten tegenover bespaarde uitkeringen"),
    "wachttijden": (wachttijden, "Mediaan en 80e percentiel van de wachttijden"),
    "termijnen": (termijnen, "PIP binnen 10 weken, ontzorgen, en wie te laat is"),
    "voortgang": (voortgang, "Verandering in participatieladder en taalniveau per traject"),
    "monitor": (monitor, "Landelijke indicatoren: PIP, leerroutes, modules, examens, plicht"),
    "regio": (regio, "Per gemeente van de regio: clienten, trajecten, wachtenden en geld"),
    "verantwoording": (
        verantwoording,
        "Per financieringsbron: begroot, verplicht, gerealiseerd en betaald in het jaar",
    ),
    "doorbelasting": (
        doorbelasting,
        "Per gemeente van de regio: goedgekeurde trajecten en aandeel in de vaste kosten",
    ),
}
VOOR_AANBIEDERS = {"contracten", "interventies", "voortgang", "prestaties", "resultaten"}
# Money between gemeenten and to account for: the inkoper's and beheerder's.
ALLEEN_INKOOP = {"doorbelasting", "verantwoording"}


def rapporten_voor(user) -> list[str]:
    if heeft_rol(user, INKOPER, BEHEERDER):
        return list(RAPPORTEN)
    if heeft_rol(user, SPECIALIST):
        return [naam for naam in RAPPORTEN if naam not in ALLEEN_INKOOP]
    if heeft_rol(user, AANBIEDER) and aanbieder_van(user) is not None:
        return [naam for naam in RAPPORTEN if naam in VOOR_AANBIEDERS]
    return []


def maak_rapport(
    naam: str,
    *,
    user=None,
    peildatum: dt.date,
    van: dt.date | None = None,
    tot: dt.date | None = None,
    parameters: dict | None = None,
    gemeente=None,
) -> Rapport:
    """The report `naam` for this user; user None is the command line (everything). It
    counts the gemeenten the user may see (regio.selectors.gemeenten_van), or the one
    `gemeente` asked for among them; a provider's reports cover its own contracts whatever
    the gemeente, and take no gemeente (a figure for one gemeente beside the total would
    tell about the small rest)."""
    if naam not in RAPPORTEN or (user is not None and naam not in rapporten_voor(user)):
        raise Http404(f"Onbekend rapport '{naam}'.")
    aanbieder, gemeenten = None, None
    if user is not None and not heeft_rol(user, INKOPER, SPECIALIST, BEHEERDER):
        aanbieder = aanbieder_van(user)
        peildatum, van, tot = grof_voor_aanbieder(peildatum, van, tot)
    elif user is not None:
        gemeenten = gemeenten_van(user)
    if gemeente is not None:
        if aanbieder is not None or (gemeenten is not None and gemeente.pk not in gemeenten):
            raise Http404("Deze gemeente valt buiten uw gemeenten.")
        gemeenten = [gemeente.pk]
    verzoek = Verzoek(
        peildatum=peildatum,
        van=van,
        tot=tot,
        user=user,
        aanbieder=aanbieder,
        parameters=parameters or {},
        gemeenten=gemeenten,
    )
    return RAPPORTEN[naam][0](verzoek)
