"""Writes on clients and enrolments that must hold the register's invariants."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from inkoop.models import Contract, Contractregel, Perceel
from inkoop.selectors import contract_verplicht_bedrag, contractregel_bezetting
from kern.fouten import ConflictError
from kern.models import Auditregel
from kern.services import audit_log
from registratie import regels
from registratie.models import (
    Client,
    Inschrijving,
    PrestatieStatus,
    Wachtlijstplaats,
    Weigering,
)
from registratie.selectors import (
    BEGELEID,
    aanbod_bedrag,
    aandeel_bezwaren,
    perceel_ruimte,
    wachtend_voor,
)


def _d(datum: dt.date) -> str:
    return date_format(datum, "d-m-Y")


def inschrijving_create(*, contractregel: Contractregel, **kwargs) -> Inschrijving:
    """Enrol a client on a contracted place (see _inschrijving_create). A refusal is
    recorded with its reasons, without the client, so demand that was not met is counted."""
    try:
        return _inschrijving_create(contractregel=contractregel, **kwargs)
    except regels.Geweigerd as weigering:
        Weigering.objects.bulk_create(
            Weigering(
                datum=timezone.localdate(),
                contractregel_id=contractregel.pk,
                leerroute_id=contractregel.leerroute_id,
                gemeente_id=getattr(kwargs.get("client"), "gemeente_id", None),
                reden=soort,
            )
            for soort in dict.fromkeys(b.soort for b in weigering.bezwaren)
        )
        raise weigering.fout from None


@transaction.atomic
def _inschrijving_create(
    *,
    client: Client,
    contractregel: Contractregel,
    startdatum: dt.date,
    door,
    datum_aanmelding: dt.date | None = None,
    verwachte_einddatum: dt.date | None = None,
    toelichting: str = "",
    aanbod: Wachtlijstplaats | None = None,
) -> Inschrijving:
    """The contract row is locked first, so two requests can never take the last place or
    the last euro under the plafond twice. A place offered from the waiting list is held for
    that client: it counts as taken for everyone else, and so do the places the clients
    waiting for this regel are first in line for. `aanbod` is the client's own offer."""
    contract, regel = _vergrendel(contractregel)
    eigen = None
    if aanbod is not None:
        eigen = Wachtlijstplaats.objects.select_for_update().get(pk=aanbod.pk)
        _controleer_aanbod(eigen, regel)
    client = Client.objects.select_related("leerroute", "gemeente").get(pk=client.pk)
    datum_aanmelding = datum_aanmelding or min(timezone.localdate(), startdatum)
    bezwaren = regels.geschiktheid(client, regel, startdatum) + regels.al_ingeschreven(
        client, regel
    )
    if bezwaren:
        raise regels.Geweigerd(bezwaren, ValidationError(regels.als_foutdict(bezwaren)))
    anderen = Wachtlijstplaats.objects.exclude(pk=getattr(eigen, "pk", None))
    bezwaren = regels.ruimte(
        regel,
        contract,
        bezet=contractregel_bezetting(regel)
        + anderen.filter(status=Wachtlijstplaats.Status.AANGEBODEN, aangeboden_regel=regel).count(),
        verplicht=contract_verplicht_bedrag(contract) + aanbod_bedrag(contract, zonder=eigen),
        wachtend=0 if eigen else anderen.filter(wachtend_voor(regel)).count(),
        perceel_ruimte=perceel_ruimte(contract, zonder=eigen),
    ) + aandeel_bezwaren(client, regel)
    if bezwaren:
        raise regels.Geweigerd(bezwaren, ConflictError(regels.als_foutdict(bezwaren)))

    inschrijving = Inschrijving(
        client=client,
        contractregel=regel,
        datum_aanmelding=datum_aanmelding,
        startdatum=startdatum,
        verwachte_einddatum=verwachte_einddatum,
        tarief=regel.tarief,
        eenheid=regel.eenheid,
        verwachte_eenheden=regel.verwachte_eenheden,
        prestatie_status=PrestatieStatus.OPEN if regel.prestatiedeel else "",
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
    if eigen is not None:
        eigen.status = Wachtlijstplaats.Status.INGESCHREVEN
        eigen.inschrijving = inschrijving
        eigen.afgesloten_op = timezone.localdate()
        eigen.save()
    # Waiting for the same traject elsewhere ends once the client has a place on it.
    Wachtlijstplaats.objects.filter(
        client=client, traject_id=regel.traject_id, status__in=Wachtlijstplaats.OPEN
    ).update(
        status=Wachtlijstplaats.Status.INGETROKKEN,
        afgesloten_op=timezone.localdate(),
        toelichting="Elders op dit traject ingeschreven.",
        gewijzigd_op=timezone.now(),
    )
    return inschrijving


def _vergrendel(contractregel: Contractregel) -> tuple[Contract, Contractregel]:
    """Lock the contract, its perceel, then the regel: the one order every write on places
    takes."""
    contract = Contract.objects.select_for_update().get(pk=contractregel.contract_id)
    if contract.perceel_id:  # the lot's plafond is shared: its contracts take turns
        contract.perceel = Perceel.objects.select_for_update().get(pk=contract.perceel_id)
    regel = (
        Contractregel.objects.select_for_update(of=("self",))
        .select_related("traject", "traject__aanbieder", "leerroute")
        .get(pk=contractregel.pk)
    )
    regel.contract = contract
    return contract, regel


@transaction.atomic
def inschrijving_start(*, inschrijving: Inschrijving, startdatum: dt.date, door) -> Inschrijving:
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if startdatum > timezone.localdate():
        raise ValidationError(
            {
                "startdatum": f"{_d(startdatum)} ligt in de toekomst; leg de start vast op of "
                "na de dag dat het traject begint."
            }
        )
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
    inschrijving.geannuleerd = inschrijving.status == Inschrijving.Status.AANGEMELD
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
    if inschrijving.contractregel.capaciteitsvorm == Contractregel.Capaciteitsvorm.GELIJKTIJDIG or (
        inschrijving.geannuleerd
    ):
        wachtlijst_bied_aan(regel=inschrijving.contractregel, door=door)
    return inschrijving


# -- spells of guidance: uitval and coming back ---------------------------------------------


# -- the waiting list ---------------------------------------------------------------------


def _controleer_aanbod(plaats: Wachtlijstplaats, regel: Contractregel) -> None:
    vandaag = timezone.localdate()
    if (
        plaats.status != Wachtlijstplaats.Status.AANGEBODEN
        or plaats.aangeboden_regel_id != regel.pk
    ):
        raise ValidationError(
            {
                "wachtlijst": "Er staat geen aanbod open voor deze plaats "
                f"({plaats.get_status_display()})."
            }
        )
    if plaats.geldig_tot < vandaag:
        raise ValidationError(
            {
                "wachtlijst": f"Het aanbod gold tot en met {_d(plaats.geldig_tot)} en is "
                "verlopen; de plaats gaat naar de volgende op de wachtlijst."
            }
        )


def past_bij_route(traject, contractregel, leerroute_id) -> bool:
    """A waiting-list place fits a route when its regel is bought for that route or route-free;
    a place on a traject, when one of the traject's regels is."""
    if contractregel is not None:
        routes = {contractregel.leerroute_id}
    else:
        routes = set(
            Contractregel.objects.filter(traject=traject).values_list("leerroute_id", flat=True)
        )
    return None in routes or leerroute_id in routes


@transaction.atomic
def wachtlijst_plaats(
    *,
    client: Client,
    door,
    traject=None,
    contractregel: Contractregel | None = None,
    toelichting: str = "",
) -> Wachtlijstplaats:
    """Put a client on the waiting list of one contractregel or of a traject (any place on
    it that fits the client's route). If a place is free the first in line is offered it
    at once, which may be this client."""
    if contractregel is not None:
        traject = contractregel.traject
    if traject is None:
        raise ValidationError({"traject": "Kies het traject of de plaats waarop de client wacht."})
    client = (
        Client.objects.select_for_update(of=("self",)).select_related("leerroute").get(pk=client.pk)
    )
    fouten = {}
    if client.status not in BEGELEID:
        fouten["client"] = (
            f"{client} is niet (meer) in begeleiding ({client.get_status_display()}) en kan niet "
            "op een wachtlijst."
        )
    if not past_bij_route(traject, contractregel, client.leerroute_id):
        fouten["traject"] = (
            f"{traject.naam} is niet ingekocht voor de route van de client "
            f"({client.leerroute or 'nog geen leerroute'})."
        )
    if Wachtlijstplaats.objects.filter(
        client=client, traject=traject, status__in=Wachtlijstplaats.OPEN
    ).exists():
        fouten["traject"] = f"{client} staat al op de wachtlijst voor {traject.naam}."
    if client.inschrijvingen.filter(
        contractregel__traject=traject, status__in=Inschrijving.ACTIEF
    ).exists():
        fouten["traject"] = f"{client} staat al ingeschreven op {traject.naam}."
    if fouten:
        raise ValidationError(fouten)
    nu = timezone.now()
    plaats = Wachtlijstplaats.objects.create(
        client=client,
        traject=traject,
        contractregel=contractregel,
        leerroute=client.leerroute,
        aangevraagd_op=nu,
        rang=nu,
        aangevraagd_door=door if door is not None and door.is_authenticated else None,
        toelichting=toelichting,
    )
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT,
        instance=plaats,
        gegevens={
            "traject": traject.code,
            "contractregel": str(getattr(contractregel, "uuid", "")),
        },
    )
    regels_ = [contractregel] if contractregel else Contractregel.objects.filter(traject=traject)
    for regel in regels_:
        wachtlijst_bied_aan(regel=regel, door=door)
    plaats.refresh_from_db()
    return plaats


@transaction.atomic
def wachtlijst_bied_aan(
    *, regel: Contractregel, door=None, vandaag: dt.date | None = None
) -> list[Wachtlijstplaats]:
    """Offer every free place of this regel to the first in line who can take it, under the
    same locks as an enrolment. An offer holds the place for WACHTLIJST_AANBOD_DAGEN days."""
    from django.conf import settings

    vandaag = vandaag or timezone.localdate()
    contract, regel = _vergrendel(regel)
    if not contract.loopt_op(vandaag):
        return []
    kandidaten = list(
        Wachtlijstplaats.objects.select_for_update(of=("self",))
        .filter(wachtend_voor(regel))
        .select_related("client__leerroute")
        .order_by("rang", "id")
    )
    if not kandidaten:
        return []
    bezet = (
        contractregel_bezetting(regel)
        + Wachtlijstplaats.objects.filter(
            status=Wachtlijstplaats.Status.AANGEBODEN, aangeboden_regel=regel
        ).count()
    )
    ruimte = contract.plafond - contract_verplicht_bedrag(contract) - aanbod_bedrag(contract)
    if (onder_perceel := perceel_ruimte(contract)) is not None:
        ruimte = min(ruimte, onder_perceel)
    vrij = regel.capaciteit - bezet
    if regel.bedrag_per_inschrijving > 0:
        vrij = min(vrij, int(ruimte // regel.bedrag_per_inschrijving))
    aanbiedingen = []
    for plaats in kandidaten:
        if len(aanbiedingen) >= vrij:
            break
        if (
            regels.geschiktheid(plaats.client, regel, vandaag)
            or regels.al_ingeschreven(plaats.client, regel)
            or aandeel_bezwaren(plaats.client, regel, aangeboden=True)
        ):
            continue  # stays in line for a place that fits (its gemeente's share included)
        plaats.status = Wachtlijstplaats.Status.AANGEBODEN
        plaats.aangeboden_regel = regel
        plaats.aangeboden_op = vandaag
        plaats.geldig_tot = vandaag + dt.timedelta(days=settings.WACHTLIJST_AANBOD_DAGEN)
        plaats.save()
        audit_log(
            door=door,
            actie=Auditregel.Actie.GEWIJZIGD,
            instance=plaats,
            gegevens={
                "status": "aangeboden",
                "contractregel": str(regel.uuid),
                "geldig_tot": str(plaats.geldig_tot),
            },
        )
        aanbiedingen.append(plaats)
    return aanbiedingen


def wachtlijst_accepteer(
    *, plaats: Wachtlijstplaats, startdatum: dt.date, door, toelichting: str = ""
) -> Inschrijving:
    """Take the offered place: an enrolment through the same locked service."""
    if plaats.aangeboden_regel_id is None:
        raise ValidationError({"wachtlijst": "Er staat geen aanbod open voor deze client."})
    return inschrijving_create(
        client=plaats.client,
        contractregel=plaats.aangeboden_regel,
        startdatum=startdatum,
        door=door,
        toelichting=toelichting,
        aanbod=plaats,
    )


@transaction.atomic
def wachtlijst_intrek(*, plaats: Wachtlijstplaats, door, reden: str) -> Wachtlijstplaats:
    """Take a client off the list, or decline an offer: the place goes to the next."""
    if not reden.strip():
        raise ValidationError({"reden": "Geef een reden."})
    regel = plaats.aangeboden_regel
    if regel is not None:
        _vergrendel(regel)
    plaats = Wachtlijstplaats.objects.select_for_update().get(pk=plaats.pk)
    if plaats.status not in Wachtlijstplaats.OPEN:
        raise ValidationError(
            {"status": f"Deze wachtlijstplaats is al {plaats.get_status_display()}."}
        )
    had_aanbod = plaats.status == Wachtlijstplaats.Status.AANGEBODEN
    plaats.status = Wachtlijstplaats.Status.INGETROKKEN
    plaats.afgesloten_op = timezone.localdate()
    plaats.toelichting = reden
    plaats.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=plaats,
        gegevens={"status": "ingetrokken", "reden": reden},
    )
    if had_aanbod:
        wachtlijst_bied_aan(regel=plaats.aangeboden_regel, door=door)
    return plaats


@transaction.atomic
def wachtlijst_voorrang(
    *, plaats: Wachtlijstplaats, voor: Wachtlijstplaats, reden: str, door
) -> Wachtlijstplaats:
    """Move a client up to just before another on the same list, only with a reason."""
    if not reden.strip():
        raise ValidationError({"reden": "Voorrang kan alleen met een reden; die wordt vastgelegd."})
    plaatsen = {
        p.pk: p
        for p in Wachtlijstplaats.objects.select_for_update().filter(pk__in=[plaats.pk, voor.pk])
    }
    plaats, voor = plaatsen[plaats.pk], plaatsen[voor.pk]
    wachtend = Wachtlijstplaats.Status.WACHTEND
    if plaats.status != wachtend or voor.status != wachtend:
        raise ValidationError({"voor": "Beide clienten moeten nog wachten."})
    if plaats.traject_id != voor.traject_id:
        raise ValidationError({"voor": "Die client wacht op een ander traject."})
    if (voor.rang, voor.pk) > (plaats.rang, plaats.pk):
        raise ValidationError({"voor": "Deze client staat al eerder in de rij."})
    oud = plaats.rang
    plaats.rang = voor.rang - dt.timedelta(microseconds=1)
    plaats.voorrang_reden = reden
    plaats.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=plaats,
        gegevens={
            "voorrang": reden,
            "voor": voor.client.clientnummer,
            "rang_oud": oud.isoformat(),
            "rang_nieuw": plaats.rang.isoformat(),
        },
    )
    return plaats


def wachtlijst_verwerk(*, vandaag: dt.date | None = None, door=None) -> dict[str, int]:
    """The daily step: offers not taken in time lapse, and every place that is free (a
    contract that started, an offer that lapsed) goes to the next in line."""
    vandaag = vandaag or timezone.localdate()
    verlopen = 0
    for plaats in Wachtlijstplaats.objects.filter(
        status=Wachtlijstplaats.Status.AANGEBODEN, geldig_tot__lt=vandaag
    ):
        with transaction.atomic():
            plaats = Wachtlijstplaats.objects.select_for_update().get(pk=plaats.pk)
            if plaats.status != Wachtlijstplaats.Status.AANGEBODEN:
                continue
            plaats.status = Wachtlijstplaats.Status.VERLOPEN
            plaats.afgesloten_op = vandaag
            plaats.save()
            audit_log(
                door=door,
                actie=Auditregel.Actie.GEWIJZIGD,
                instance=plaats,
                gegevens={"status": "verlopen", "geldig_tot": str(plaats.geldig_tot)},
            )
            verlopen += 1
    trajecten = Wachtlijstplaats.objects.filter(status=Wachtlijstplaats.Status.WACHTEND).values(
        "traject"
    )
    aangeboden = 0
    for regel in Contractregel.objects.filter(
        traject__in=trajecten,
        contract__status=Contract.Status.GEGUND,
        contract__startdatum__lte=vandaag,
        contract__einddatum__gte=vandaag,
    ):
        aangeboden += len(wachtlijst_bied_aan(regel=regel, door=door, vandaag=vandaag))
    return {"verlopen": verlopen, "aangeboden": aangeboden}
