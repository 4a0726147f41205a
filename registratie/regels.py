"""The rules for taking a place, as reasons rather than exceptions: the enrolment service
raises them under its lock, and the enrol page shows them beside each place beforehand."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.formats import date_format

from aanbod.models import Traject
from inkoop.models import Contract, Contractregel
from kern.formaten import euro
from registratie.models import Client, Doelgroep, Inschrijving

# The leerroute's own courses; with a place bought for a route, the gemeente's leerroute offer.
LEERROUTE_SOORTEN = {
    Traject.Soort.TAAL,
    Traject.Soort.ALFABETISERING,
    Traject.Soort.KNM,
    Traject.Soort.Z_ROUTE,
}
NIET_BETAALD = (Doelgroep.GEZINSMIGRANT, Doelgroep.OVERIGE_MIGRANT)
ONDERWIJSROUTE_TOT = 28  # docs/domein.md: younger than 28 at the start


def _d(datum: dt.date) -> str:
    return date_format(datum, "d-m-Y")


@dataclass(frozen=True)
class Bezwaar:
    """Why a client cannot take a place: `soort` is a short Dutch label for the list,
    `veld` the field the reason belongs to, `melding` the full sentence."""

    soort: str
    veld: str
    melding: str


class Geweigerd(Exception):
    """Carries the reasons out of the locked transaction, so the refusal can be recorded
    after its rollback; `fout` is the ValidationError (or ConflictError) to raise."""

    def __init__(self, bezwaren: list[Bezwaar], fout):
        super().__init__(str(fout))
        self.bezwaren, self.fout = bezwaren, fout


def geschiktheid(client: Client, regel: Contractregel, startdatum: dt.date) -> list[Bezwaar]:
    """Every reason why this client may not start this traject on this date (400)."""
    return [
        b
        for regelcheck in (
            _contract_loopt,
            _client_kan_starten,
            _leerroute_past,
            _doelgroep_past,
            _leeftijd_past,
            _onderwijsroute_leeftijd,
            _keurmerk,
        )
        for b in regelcheck(client, regel, startdatum)
    ]


def _contract_loopt(client, regel, startdatum):
    contract = regel.contract
    if not contract.loopt_op(startdatum):
        yield Bezwaar(
            "contract loopt niet",
            "contractregel",
            f"Contract {contract.kenmerk} loopt niet op {_d(startdatum)} "
            f"(status {contract.get_status_display()}, {_d(contract.startdatum)} t/m "
            f"{_d(contract.einddatum)}).",
        )


def _client_kan_starten(client, regel, startdatum):
    if client.status == Client.Status.AFGESLOTEN:
        yield Bezwaar(
            "afgesloten", "client", "Deze client is afgesloten; heropen het dossier eerst."
        )
    elif client.is_uitgestroomd:
        yield Bezwaar(
            "uitgestroomd",
            "client",
            f"De client is op {_d(client.uitstroom_datum)} uitgestroomd "
            f"({client.get_uitstroom_reden_display()}) en kan niet meer worden ingeschreven.",
        )
    elif client.status == Client.Status.UITGEVALLEN:
        yield Bezwaar(
            "uitgevallen",
            "client",
            "De begeleiding van deze client is onderbroken (uitval); leg eerst vast dat "
            "de client terug is.",
        )


def _leerroute_past(client, regel, startdatum):
    if not regel.leerroute_id:
        return
    if client.leerroute_id is None:
        yield Bezwaar(
            "geen leerroute",
            "client",
            f"De client heeft nog geen leerroute; deze plaats is voor de {regel.leerroute}.",
        )
    elif client.leerroute_id != regel.leerroute_id:
        yield Bezwaar(
            "andere leerroute",
            "client",
            f"De client volgt de {client.leerroute}, deze plaats is voor de {regel.leerroute}.",
        )


def is_leerrouteplaats(regel: Contractregel) -> bool:
    """A place the gemeente buys as the leerroute: bought for a route, or one of the
    leerroute's own courses (language, alfabetisering, KNM, the Z-route programme)."""
    return bool(regel.leerroute_id) or regel.traject.soort in LEERROUTE_SOORTEN


def _doelgroep_past(client, regel, startdatum):
    """Art. 1 and MvT §2.3.1 Wi2021 (35 483 nr. 3): the gemeente offers and pays the
    leerroute for the asielstatushouder; a gezinsmigrant or overige migrant buys the course
    himself, with DUO's loan. MAP, PVT and route-free places stay open to every
    inburgeringsplichtige."""
    if client.doelgroep in NIET_BETAALD and is_leerrouteplaats(regel):
        yield Bezwaar(
            "doelgroep",
            "client",
            f"De client is {client.get_doelgroep_display()}: de gemeente biedt en betaalt de "
            "leerroute alleen voor asielstatushouders. Een gezinsmigrant of overige migrant "
            "kiest en betaalt de cursus zelf (met een lening van DUO); MAP, PVT en plaatsen "
            "zonder leerroute staan wel open.",
        )


def _leeftijd_past(client, regel, startdatum):
    traject = regel.traject
    if traject.max_leeftijd is None and traject.min_leeftijd is None:
        return
    leeftijd = client.leeftijd_op(startdatum)
    if leeftijd is None:
        melding = f"{traject.naam} heeft een leeftijdsgrens; vul eerst de geboortedatum in."
    elif traject.max_leeftijd is not None and leeftijd > traject.max_leeftijd:
        melding = (
            f"{traject.naam} is tot en met {traject.max_leeftijd} jaar; de client is op "
            f"{_d(startdatum)} {leeftijd}."
        )
    elif traject.min_leeftijd is not None and leeftijd < traject.min_leeftijd:
        melding = (
            f"{traject.naam} is vanaf {traject.min_leeftijd} jaar; de client is op "
            f"{_d(startdatum)} {leeftijd}."
        )
    else:
        return
    yield Bezwaar("leeftijd", "client", melding)


def _onderwijsroute_leeftijd(client, regel, startdatum):
    if regel.leerroute_id != "onderwijs":
        return
    leeftijd = client.leeftijd_op(startdatum)
    if leeftijd is None or leeftijd >= ONDERWIJSROUTE_TOT:
        yield Bezwaar(
            "leeftijd",
            "client",
            f"De onderwijsroute is voor wie bij de start jonger is dan {ONDERWIJSROUTE_TOT}; "
            + (
                "vul eerst de geboortedatum in."
                if leeftijd is None
                else f"de client is op {_d(startdatum)} {leeftijd}."
            ),
        )


def vraagt_keurmerk(regel: Contractregel) -> bool:
    """The Blik op Werk keurmerk inburgeren is asked of the language courses of the B1- and
    Z-route (settings.KEURMERK_SOORTEN: language, alfabetisering, the Z-route programme),
    by the kind of traject, whatever route the line names, so a route-free language line
    is checked too and a MAP or PVT line is not. The onderwijsroute's taalschakeltraject is
    the exception: its quality is the Inspectie's through the WEB diploma recognition
    (Divosa, Wet inburgering in vraag en antwoord §5, onderwijsroute vraag 2)."""
    return regel.traject.soort in settings.KEURMERK_SOORTEN and regel.leerroute_id != "onderwijs"


def _keurmerk(client, regel, startdatum):
    aanbieder = regel.traject.aanbieder
    if vraagt_keurmerk(regel) and not aanbieder.keurmerk_geldig_op(startdatum):
        yield Bezwaar(
            "geen keurmerk",
            "contractregel",
            f"{aanbieder} heeft op {_d(startdatum)} geen geldig keurmerk Blik op Werk; een "
            f"{regel.traject.get_soort_display()}-traject mag alleen bij een keurmerkhouder "
            "worden ingekocht.",
        )


def ruimte(
    regel: Contractregel,
    contract: Contract,
    *,
    bezet: int,
    verplicht: Decimal,
    wachtend: int = 0,
    perceel_ruimte: Decimal | None = None,
) -> list[Bezwaar]:
    """Capacity and plafond (409): `bezet` (enrolments and open offers), `verplicht` and
    what is left under the perceel's plafond are counted by the caller, under the row locks
    when it writes. A free place goes first to the `wachtend` clients on the waiting list."""
    bezwaren = []
    if bezet >= regel.capaciteit:
        bezwaren.append(
            Bezwaar(
                "vol",
                "contractregel",
                f"{regel.traject.naam} onder {contract.kenmerk} is vol: alle "
                f"{regel.capaciteit} plaatsen zijn bezet.",
            )
        )
    elif bezet + wachtend >= regel.capaciteit:
        bezwaren.append(
            Bezwaar(
                "wachtlijst",
                "contractregel",
                f"{regel.traject.naam} onder {contract.kenmerk} heeft "
                f"{regel.capaciteit - bezet} vrije plaats(en), maar {wachtend} client(en) "
                "staan daarvoor op de wachtlijst en gaan voor.",
            )
        )
    bedrag = regel.bedrag_per_inschrijving
    if verplicht + bedrag > contract.plafond:
        bezwaren.append(
            Bezwaar(
                "plafond bereikt",
                "contractregel",
                f"Deze inschrijving ({euro(bedrag)}) past niet onder het plafond van "
                f"{contract.kenmerk}: {euro(verplicht)} van {euro(contract.plafond)} is al "
                "verplicht.",
            )
        )
    elif perceel_ruimte is not None and bedrag > perceel_ruimte:
        bezwaren.append(
            Bezwaar(
                "plafond bereikt",
                "contractregel",
                f"Deze inschrijving ({euro(bedrag)}) past niet onder het plafond van perceel "
                f"{contract.perceel}: er is nog {euro(max(perceel_ruimte, 0))} over.",
            )
        )
    return bezwaren


def aandeel_gemeente(
    client: Client, regel: Contractregel, *, plaatsen: int | None, bezet: int
) -> list[Bezwaar]:
    """A joint contract (inkoop.Contractdeelname): the client's gemeente takes at most its
    share of each line's places (409, so the client can wait for the gemeente's next place).
    `plaatsen` is None for a contract that is not joint; `bezet` counts the gemeente's
    clients on the line, under the contract's lock when writing."""
    if plaatsen is None or bezet < plaatsen:
        return []
    gemeente = client.gemeente or "de gemeente van de client"
    if plaatsen == 0:
        melding = (
            f"{gemeente} neemt niet deel aan contract {regel.contract.kenmerk}; vraag de "
            "inkoper van de centrumgemeente om een aandeel."
        )
    else:
        melding = (
            f"Het aandeel van {gemeente} in {regel.traject.naam} onder "
            f"{regel.contract.kenmerk} is op: {bezet} van {plaatsen} plaatsen bezet."
        )
    return [Bezwaar("aandeel gemeente", "contractregel", melding)]


AL_INGESCHREVEN = Bezwaar(
    "al ingeschreven", "client", "De client staat al ingeschreven op dit traject."
)


def al_ingeschreven(client: Client, regel: Contractregel) -> list[Bezwaar]:
    if client.inschrijvingen.filter(contractregel=regel, status__in=Inschrijving.ACTIEF).exists():
        return [AL_INGESCHREVEN]
    return []


def als_foutdict(bezwaren: list[Bezwaar]) -> dict[str, list[str]]:
    fouten: dict[str, list[str]] = {}
    for b in bezwaren:
        fouten.setdefault(b.veld, []).append(b.melding)
    return fouten
