"""Writes on clients and enrolments that must hold the register's invariants."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from inkoop.models import Contract, Contractregel
from inkoop.selectors import contract_verplicht_bedrag, contractregel_bezetting
from kern.formaten import euro
from kern.fouten import ConflictError
from kern.models import Auditregel
from kern.services import audit_log
from registratie.models import Client, Inschrijving, Uitstroomreden

ROUTES_MET_KEURMERK = {"b1", "z"}


def _d(datum: dt.date) -> str:
    return date_format(datum, "d-m-Y")


def _controleer_geschiktheid(client: Client, regel: Contractregel, startdatum: dt.date) -> None:
    """Every reason why this client may not start this traject on this date (400)."""
    fouten = {}
    contract, traject = regel.contract, regel.traject
    if not contract.loopt_op(startdatum):
        fouten["contractregel"] = (
            f"Contract {contract.kenmerk} loopt niet op {_d(startdatum)} "
            f"(status {contract.get_status_display()}, {_d(contract.startdatum)} t/m "
            f"{_d(contract.einddatum)})."
        )
    if client.status == Client.Status.AFGESLOTEN:
        fouten["client"] = "Deze client is afgesloten; heropen het dossier eerst."
    if regel.leerroute_id:
        if client.leerroute_id is None:
            fouten["client"] = (
                f"De client heeft nog geen leerroute; deze plaats is voor de {regel.leerroute}."
            )
        elif client.leerroute_id != regel.leerroute_id:
            fouten["client"] = (
                f"De client volgt de {client.leerroute}, deze plaats is voor de {regel.leerroute}."
            )
    leeftijd = client.leeftijd_op(startdatum)
    if traject.max_leeftijd is not None or traject.min_leeftijd is not None:
        if leeftijd is None:
            fouten["client"] = (
                f"{traject.naam} heeft een leeftijdsgrens; vul eerst de geboortedatum in."
            )
        elif traject.max_leeftijd is not None and leeftijd > traject.max_leeftijd:
            fouten["client"] = (
                f"{traject.naam} is tot en met {traject.max_leeftijd} jaar; de client is op "
                f"{_d(startdatum)} {leeftijd}."
            )
        elif traject.min_leeftijd is not None and leeftijd < traject.min_leeftijd:
            fouten["client"] = (
                f"{traject.naam} is vanaf {traject.min_leeftijd} jaar; de client is op "
                f"{_d(startdatum)} {leeftijd}."
            )
    # The route the place was bought for decides; a route-free part needs no keurmerk.
    if regel.leerroute_id in ROUTES_MET_KEURMERK and not traject.aanbieder.keurmerk_geldig_op(
        startdatum
    ):
        fouten["contractregel"] = (
            f"{traject.aanbieder} heeft op {_d(startdatum)} geen geldig keurmerk Blik op Werk; "
            f"trajecten in de {regel.leerroute} mogen alleen bij een keurmerkhouder worden "
            "ingekocht."
        )
    if client.inschrijvingen.filter(contractregel=regel, status__in=Inschrijving.ACTIEF).exists():
        fouten["client"] = "De client staat al ingeschreven op dit traject."
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def inschrijving_create(
    *,
    client: Client,
    contractregel: Contractregel,
    startdatum: dt.date,
    door,
    datum_aanmelding: dt.date | None = None,
    verwachte_einddatum: dt.date | None = None,
    toelichting: str = "",
) -> Inschrijving:
    """Enrol a client on a contracted place. The contract row is locked first, so two
    requests can never take the last place or the last euro under the plafond twice."""
    contract = Contract.objects.select_for_update().get(pk=contractregel.contract_id)
    regel = (
        Contractregel.objects.select_for_update(of=("self",))
        .select_related("traject", "traject__aanbieder", "leerroute")
        .get(pk=contractregel.pk)
    )
    regel.contract = contract
    client = Client.objects.select_related("leerroute").get(pk=client.pk)
    datum_aanmelding = datum_aanmelding or min(timezone.localdate(), startdatum)
    _controleer_geschiktheid(client, regel, startdatum)

    if contractregel_bezetting(regel) >= regel.capaciteit:
        raise ConflictError(
            {
                "contractregel": f"{regel.traject.naam} onder {contract.kenmerk} is vol: alle "
                f"{regel.capaciteit} plaatsen zijn bezet."
            }
        )
    verplicht = contract_verplicht_bedrag(contract)
    if verplicht + regel.tarief > contract.plafond:
        raise ConflictError(
            {
                "contractregel": f"Deze inschrijving ({euro(regel.tarief)}) past niet onder het "
                f"plafond van {contract.kenmerk}: {euro(verplicht)} van {euro(contract.plafond)} "
                "is al verplicht."
            }
        )

    inschrijving = Inschrijving(
        client=client,
        contractregel=regel,
        datum_aanmelding=datum_aanmelding,
        startdatum=startdatum,
        verwachte_einddatum=verwachte_einddatum,
        tarief=regel.tarief,
        aangemeld_door=door if door is not None and door.is_authenticated else None,
        toelichting=toelichting,
    )
    inschrijving.full_clean()
    inschrijving.save()
    if client.status == Client.Status.IN_BEELD:
        client.status = Client.Status.IN_BEGELEIDING
        client.save(update_fields=["status", "gewijzigd_op"])
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT,
        instance=inschrijving,
        gegevens={"client": client.clientnummer, "contractregel": str(regel.uuid)},
    )
    return inschrijving


@transaction.atomic
def inschrijving_start(*, inschrijving: Inschrijving, startdatum: dt.date, door) -> Inschrijving:
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if inschrijving.status != Inschrijving.Status.AANGEMELD:
        raise ValidationError(
            {
                "status": f"Alleen een aangemelde inschrijving kan starten; deze is "
                f"{inschrijving.get_status_display()}."
            }
        )
    inschrijving.status = Inschrijving.Status.GESTART
    inschrijving.startdatum = startdatum
    inschrijving.full_clean()
    inschrijving.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=inschrijving,
        gegevens={"status": "gestart", "startdatum": str(startdatum)},
    )
    return inschrijving


@transaction.atomic
def inschrijving_beeindig(
    *, inschrijving: Inschrijving, einddatum: dt.date, reden: str, door, toelichting: str = ""
) -> Inschrijving:
    """End an enrolment: according to plan means afgerond, any other reason is an early end."""
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if inschrijving.status not in Inschrijving.ACTIEF:
        raise ValidationError({"status": "Deze inschrijving is al beëindigd."})
    if reden not in Inschrijving.RedenEinde.values:
        raise ValidationError({"reden_einde": f"Onbekende reden '{reden}'."})
    inschrijving.status = (
        Inschrijving.Status.AFGEROND
        if reden == Inschrijving.RedenEinde.VOLGENS_PLAN
        else Inschrijving.Status.VOORTIJDIG_BEEINDIGD
    )
    inschrijving.einddatum = einddatum
    inschrijving.reden_einde = reden
    if toelichting:
        inschrijving.toelichting = toelichting
    inschrijving.full_clean()
    inschrijving.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=inschrijving,
        gegevens={"status": inschrijving.status, "reden_einde": reden, "einddatum": str(einddatum)},
    )
    return inschrijving


NAAR_NAZORG = {Uitstroomreden.VOLTIJD_BAAN, Uitstroomreden.DEELTIJD_BAAN, Uitstroomreden.OPLEIDING}


@transaction.atomic
def client_uitstroom_registreer(
    *, client: Client, datum: dt.date, reden: str, door, **plaatsing
) -> Client:
    """Record the outflow. Work or education starts 4 months of nazorg; other reasons end
    the guidance. Running enrolments are left to the specialist to end with their reason."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    client.uitstroom_datum = datum
    client.uitstroom_reden = reden
    for veld in (
        "uitstroom_subreden",
        "sector",
        "dienstverband",
        "type_bemiddeling",
        "wgt_betrokken",
        "werkgever",
        "werkgeversproject",
    ):
        if veld in plaatsing:
            setattr(client, veld, plaatsing[veld])
    client.status = Client.Status.NAZORG if reden in NAAR_NAZORG else Client.Status.UITGESTROOMD
    client.full_clean()
    client.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=client,
        gegevens={"uitstroom_datum": str(datum), "uitstroom_reden": reden},
    )
    return client
