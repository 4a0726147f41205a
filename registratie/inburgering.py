"""The Wi2021 client record: PIP versions, the inburgeringsplicht and its term, and nazorg
contacts (modules and exams: registratie.examens). Writes that hold the rules of the law;
every path (form, API, upload) goes through them."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from aanbod.models import Leerroute, Taalniveau
from kern.models import Auditregel
from kern.services import audit_log
from registratie.models import (
    SCHAKELEN_MAANDEN,
    Client,
    Examen,
    Nazorgcontact,
    PipVersie,
    PlichtBron,
    PlichtStatus,
    Regime,
    Termijnverlenging,
    Wachtlijstplaats,
    plus_maanden,
)
from registratie.services import past_bij_route, wachtlijst_intrek

NIVEAUS = list(Taalniveau.values)  # A0 < A1 < ... < C1


def _d(datum: dt.date) -> str:
    return date_format(datum, "d-m-Y")


def _lager(a: str, b: str) -> bool:
    return bool(a and b) and NIVEAUS.index(a) < NIVEAUS.index(b)


# -- what fulfils the plicht ----------------------------------------------------------------


def eisen(client: Client, route: str | None, taaldoel: str) -> dict:
    """What fulfils the plicht for this client: the language exams at a level, KNM as an exam,
    and which modules must be completed. Wi2013: A2 on the four skills, KNM, ONA and PVT.
    Wi2021: the B1-route and the onderwijsroute the PIP's language goal (B1, or A2 after
    afschalen) on the four skills, KNM, MAP and PVT; the Z-route has no exams: its
    programme, KNM, MAP and PVT completed."""
    if client.plicht_regime == Regime.WI2013:
        return {"niveau": Taalniveau.A2, "knm_examen": True, "modules": {"ona", "pvt"}}
    if route == "z":
        return {"niveau": None, "knm_examen": False, "modules": {"z_route", "knm", "map", "pvt"}}
    return {
        "niveau": taaldoel or Taalniveau.B1,
        "knm_examen": True,
        "modules": {"map", "pvt"},
    }


def voldaan_op(client: Client) -> dt.date | None:
    """The day the client met every requirement of the plicht, or None."""
    versie = client.pip_versies.order_by("-volgnummer").first()
    if client.plicht_regime == Regime.WI2021 and versie is None:
        return None
    e = eisen(client, versie.leerroute_id if versie else None, versie.taaldoel if versie else "")
    data = []
    examens = list(client.examens.filter(behaald=True))
    delen = list(Examen.TAAL) if e["niveau"] else []
    if e["knm_examen"]:
        delen.append(Examen.Onderdeel.KNM)
    for deel in delen:
        gehaald = [
            x.datum
            for x in examens
            if x.onderdeel == deel
            and (deel == Examen.Onderdeel.KNM or not _lager(x.niveau, e["niveau"]))
        ]
        if not gehaald:
            return None
        data.append(min(gehaald))
    afgerond = dict(
        client.modules.filter(afgerond_op__isnull=False).values_list("soort", "afgerond_op")
    )
    for soort in e["modules"]:
        if soort not in afgerond:
            return None
        data.append(afgerond[soort])
    return max(data) if data else None


def _plicht_bijwerken(client: Client, door) -> None:
    """A running plicht becomes 'voldaan' on the day its last requirement is met."""
    if client.plicht_status != PlichtStatus.PLICHTIG:
        return
    datum = voldaan_op(client)
    if datum is None:
        return
    client.plicht_status = PlichtStatus.VOLDAAN
    client.plicht_status_datum = datum
    client.plicht_bron = PlichtBron.GEMEENTE
    client.save(update_fields=["plicht_status", "plicht_status_datum", "plicht_bron"])
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=client,
        gegevens={"plicht_status": PlichtStatus.VOLDAAN, "plicht_status_datum": str(datum)},
    )


# -- PIP ------------------------------------------------------------------------------------


@transaction.atomic
def pip_vastleggen(
    *,
    client: Client,
    datum: dt.date,
    leerroute: Leerroute | None,
    reden: str,
    door,
    taaldoel: str = "",
    toelichting: str = "",
    onderdelen: dict[str, bool] | None = None,
) -> PipVersie:
    """Record a PIP decision. The first is the initial PIP and fixes the term; each later one
    says why it differs: schakelen (another route), afschalen (a lower language goal) or
    another change. A switch after 18 months needs a motivation, kept with the version."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    vorige = client.pip_versies.order_by("-volgnummer").first()
    toelichting = (toelichting or "").strip()
    route = leerroute.pk if leerroute else None
    if datum > timezone.localdate():
        raise ValidationError({"datum": "De datum van het besluit ligt in de toekomst."})
    if reden not in PipVersie.Reden.values:
        raise ValidationError({"reden": f"Onbekende reden '{reden}'."})
    if taaldoel and taaldoel not in NIVEAUS:
        raise ValidationError({"taaldoel": f"Onbekend taalniveau '{taaldoel}'."})
    na_termijn = False
    if vorige is None:
        if reden != PipVersie.Reden.INITIEEL:
            raise ValidationError(
                {"reden": "De client heeft nog geen PIP: dit is het eerste PIP (reden 'initieel')."}
            )
        if route is None:
            raise ValidationError({"leerroute": "Het PIP bepaalt de leerroute: kies er een."})
    else:
        eerste = client.pip_versies.order_by("volgnummer").first()
        if reden == PipVersie.Reden.INITIEEL:
            raise ValidationError(
                {
                    "reden": f"Het eerste PIP is al vastgesteld op {_d(eerste.datum)} en die "
                    "datum ligt vast; kies schakelen, afschalen of een andere wijziging."
                }
            )
        if datum < vorige.datum:
            raise ValidationError(
                {
                    "datum": "Een nieuw besluit kan niet voor het vorige "
                    f"({_d(vorige.datum)}) liggen."
                }
            )
        if route is None:
            raise ValidationError({"leerroute": "Kies de leerroute van dit besluit."})
        andere_route = vorige.leerroute_id is not None and route != vorige.leerroute_id
        if andere_route and reden != PipVersie.Reden.SCHAKELEN:
            raise ValidationError(
                {
                    "reden": f"De leerroute verandert ({vorige.leerroute} naar {leerroute}): "
                    "kies reden 'schakelen'."
                }
            )
        if reden == PipVersie.Reden.SCHAKELEN and not andere_route:
            raise ValidationError(
                {
                    "leerroute": f"Bij schakelen verandert de leerroute; de client volgt al de "
                    f"{leerroute}."
                }
            )
        lager = not andere_route and _lager(taaldoel, vorige.taaldoel)
        if lager and reden != PipVersie.Reden.AFSCHALEN:
            raise ValidationError(
                {
                    "reden": f"Het taaldoel gaat omlaag ({vorige.taaldoel} naar {taaldoel}): kies "
                    "reden 'afschalen'."
                }
            )
        if reden == PipVersie.Reden.AFSCHALEN and not lager:
            raise ValidationError(
                {
                    "taaldoel": "Afschalen verlaagt het taaldoel in dezelfde leerroute "
                    "(bijvoorbeeld "
                    f"B1 naar A2); het vorige taaldoel is {vorige.taaldoel or 'niet vastgelegd'}."
                }
            )
        grens = plus_maanden(eerste.datum, SCHAKELEN_MAANDEN)
        na_termijn = reden == PipVersie.Reden.SCHAKELEN and datum > grens
        if na_termijn and not toelichting:
            raise ValidationError(
                {
                    "toelichting": f"Wisselen van leerroute kan tot {_d(grens)} (18 maanden na het "
                    "eerste PIP); daarna alleen met een motivering. Vul de toelichting in."
                }
            )
        if reden == PipVersie.Reden.OVERIG and not toelichting:
            raise ValidationError({"toelichting": "Beschrijf wat er in het PIP verandert."})
    versie = PipVersie(
        client=client,
        volgnummer=(vorige.volgnummer + 1) if vorige else 1,
        datum=datum,
        leerroute=leerroute,
        taaldoel=taaldoel,
        reden=reden,
        toelichting=toelichting,
        na_schakeltermijn=na_termijn,
        vastgelegd_door=door,
        **{k: bool(v) for k, v in (onderdelen or {}).items() if k in PipVersie.ONDERDELEN},
    )
    versie.full_clean(exclude=["client", "leerroute", "vastgelegd_door"])
    versie.save()
    client.datum_pip = client.datum_pip if vorige else datum
    andere_route = client.leerroute_id != route
    client.leerroute = leerroute
    client.save(update_fields=["datum_pip", "leerroute"])
    if andere_route:
        _wachtlijst_na_schakelen(client, leerroute, door)
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT,
        instance=versie,
        omschrijving=f"PIP-versie {versie.volgnummer} van {client}: {versie.get_reden_display()}",
        gegevens={
            "client": str(client.uuid),
            "datum": str(datum),
            "leerroute": route,
            "taaldoel": taaldoel,
            "reden": reden,
            "toelichting": toelichting,
            "na_18_maanden": na_termijn,
        },
    )
    _plicht_bijwerken(client, door)
    return versie


def _wachtlijst_na_schakelen(client: Client, leerroute, door) -> None:
    """A client who switched route no longer waits for places bought for the old one only
    (a Z-route client stayed in line for a B1-only course)."""
    for plaats in client.wachtlijst.filter(status__in=Wachtlijstplaats.OPEN).select_related(
        "traject", "contractregel"
    ):
        if not past_bij_route(plaats.traject, plaats.contractregel, client.leerroute_id):
            wachtlijst_intrek(
                plaats=plaats,
                door=door,
                reden=f"Leerroute gewijzigd naar {leerroute or 'geen'}; "
                f"{plaats.traject.naam} is daar niet voor ingekocht.",
            )


# -- the term -------------------------------------------------------------------------------


@transaction.atomic
def termijn_verleng(
    *, client: Client, datum: dt.date, nieuwe_einddatum: dt.date, reden: str, door
) -> Termijnverlenging:
    """Extend the inburgering term; the client's term end follows the latest extension."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if not client.termijn_eind:
        raise ValidationError(
            {
                "nieuwe_einddatum": "Er loopt nog geen inburgeringstermijn (geen PIP of begin van "
                "de plicht)."
            }
        )
    if nieuwe_einddatum <= client.termijn_eind:
        raise ValidationError(
            {
                "nieuwe_einddatum": f"De nieuwe einddatum moet na het huidige einde "
                f"({_d(client.termijn_eind)}) liggen."
            }
        )
    if not (reden or "").strip():
        raise ValidationError({"reden": "Geef de reden van de verlenging."})
    verlenging = Termijnverlenging.objects.create(
        client=client,
        datum=datum,
        nieuwe_einddatum=nieuwe_einddatum,
        reden=reden.strip(),
        vastgelegd_door=door,
    )
    voor = client.termijn_eind
    client.verlengd_tot = nieuwe_einddatum
    client.save(update_fields=["verlengd_tot"])
    # On the extension, which the client's audit trail and inzage include.
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT,
        instance=verlenging,
        gegevens={"termijn_eind": [str(voor), str(nieuwe_einddatum)], "reden": verlenging.reden},
    )
    return verlenging


@transaction.atomic
def nazorgcontact_registreer(
    *, client: Client, datum: dt.date, soort: str, werkt_nog: bool, door, toelichting: str = ""
) -> Nazorgcontact:
    client = Client.objects.select_for_update().get(pk=client.pk)
    if not client.uitstroom_datum:
        raise ValidationError(
            {"datum": "Nazorg volgt op een uitstroom; die is nog niet vastgelegd."}
        )
    if datum < client.uitstroom_datum:
        raise ValidationError(
            {"datum": f"Een nazorgcontact ligt na de uitstroom ({_d(client.uitstroom_datum)})."}
        )
    if datum > timezone.localdate():
        raise ValidationError({"datum": "De datum van het contact ligt in de toekomst."})
    if soort not in Nazorgcontact.Soort.values:
        raise ValidationError({"soort": f"Onbekende soort contact '{soort}'."})
    contact = Nazorgcontact.objects.create(
        client=client,
        datum=datum,
        soort=soort,
        werkt_nog=werkt_nog,
        toelichting=(toelichting or "").strip(),
        vastgelegd_door=door,
    )
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT,
        instance=contact,
        gegevens={"client": str(client.uuid), "datum": str(datum), "werkt_nog": werkt_nog},
    )
    return contact


def nazorg_afsluiten(*, vandaag: dt.date | None = None) -> int:
    """The daily step: a nazorg file whose four months have ended is closed."""
    vandaag = vandaag or timezone.localdate()
    klaar = list(
        Client.objects.filter(status=Client.Status.NAZORG, nazorg_eind__lt=vandaag).values_list(
            "pk", "uuid"
        )
    )
    if not klaar:
        return 0
    with transaction.atomic():
        Client.objects.filter(pk__in=[pk for pk, _ in klaar]).update(
            status=Client.Status.AFGESLOTEN, gewijzigd_op=timezone.now()
        )
        audit_log(
            door=None,
            actie=Auditregel.Actie.GEWIJZIGD,
            model="registratie.client",
            omschrijving=f"Nazorg voorbij: {len(klaar)} dossier(s) afgesloten",
            gegevens={"clienten": [str(u) for _, u in klaar], "status": "afgesloten"},
        )
    return len(klaar)
