"""The rules for taking a place, as reasons rather than exceptions: the enrolment service
raises them under its lock, and the enrol page shows them beside each place beforehand."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.formats import date_format

from inkoop.models import Contract, Contractregel
from kern.formaten import euro
from registratie.models import Client, Inschrijving

ROUTES_MET_KEURMERK = {"b1", "z"}
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
    bezwaren = []
    contract, traject = regel.contract, regel.traject
    if not contract.loopt_op(startdatum):
        bezwaren.append(
            Bezwaar(
                "contract loopt niet",
                "contractregel",
                f"Contract {contract.kenmerk} loopt niet op {_d(startdatum)} "
                f"(status {contract.get_status_display()}, {_d(contract.startdatum)} t/m "
                f"{_d(contract.einddatum)}).",
            )
        )
    if client.status == Client.Status.AFGESLOTEN:
        bezwaren.append(
            Bezwaar("afgesloten", "client", "Deze client is afgesloten; heropen het dossier eerst.")
        )
    elif client.is_uitgestroomd:
        bezwaren.append(
            Bezwaar(
                "uitgestroomd",
                "client",
                f"De client is op {_d(client.uitstroom_datum)} uitgestroomd "
                f"({client.get_uitstroom_reden_display()}) en kan niet meer worden ingeschreven.",
            )
        )
    elif client.status == Client.Status.UITGEVALLEN:
        bezwaren.append(
            Bezwaar(
                "uitgevallen",
                "client",
                "De begeleiding van deze client is onderbroken (uitval); leg eerst vast dat "
                "de client terug is.",
            )
        )
    if regel.leerroute_id:
        if client.leerroute_id is None:
            bezwaren.append(
                Bezwaar(
                    "geen leerroute",
                    "client",
                    f"De client heeft nog geen leerroute; deze plaats is voor de "
                    f"{regel.leerroute}.",
                )
            )
        elif client.leerroute_id != regel.leerroute_id:
            bezwaren.append(
                Bezwaar(
                    "andere leerroute",
                    "client",
                    f"De client volgt de {client.leerroute}, deze plaats is voor de "
                    f"{regel.leerroute}.",
                )
            )
    if traject.max_leeftijd is not None or traject.min_leeftijd is not None:
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
            melding = ""
        if melding:
            bezwaren.append(Bezwaar("leeftijd", "client", melding))
    if regel.leerroute_id == "onderwijs":
        leeftijd = client.leeftijd_op(startdatum)
        if leeftijd is None or leeftijd >= ONDERWIJSROUTE_TOT:
            bezwaren.append(
                Bezwaar(
                    "leeftijd",
                    "client",
                    f"De onderwijsroute is voor wie bij de start jonger is dan "
                    f"{ONDERWIJSROUTE_TOT}; "
                    + (
                        "vul eerst de geboortedatum in."
                        if leeftijd is None
                        else f"de client is op {_d(startdatum)} {leeftijd}."
                    ),
                )
            )
    # The route the place was bought for and the kind of traject decide: a route-free part,
    # a werkfit or an employer project needs no keurmerk (settings.KEURMERK_SOORTEN).
    if (
        regel.leerroute_id in ROUTES_MET_KEURMERK
        and traject.soort in settings.KEURMERK_SOORTEN
        and not traject.aanbieder.keurmerk_geldig_op(startdatum)
    ):
        bezwaren.append(
            Bezwaar(
                "geen keurmerk",
                "contractregel",
                f"{traject.aanbieder} heeft op {_d(startdatum)} geen geldig keurmerk Blik op "
                f"Werk; trajecten in de {regel.leerroute} mogen alleen bij een keurmerkhouder "
                "worden ingekocht.",
            )
        )
    return bezwaren


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
