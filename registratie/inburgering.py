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


def eisen(client: Client, versie: PipVersie | None) -> dict:
    """What fulfils the plicht for this client: the level per language exam part, KNM as an
    exam, and which modules must be completed.
    - Wi2013: A2 on the four skills, KNM, ONA and PVT.
    - B1-route (art. 7 Wi2021): the four skills at the PIP's goal (B1; A2 for the parts
      afgeschaald, art. 17 lid 3 Wi2021), the KNM exam, MAP and PVT.
    - Onderwijsroute: the taalschakeltraject completed, and the PVT. It has no MAP, whose
      place the study-career guidance takes (MvT 35 483 nr. 3 §2.7.1.2; Divosa 2020), and
      no separate DUO exams.
    - Z-route: no exams; its programme, KNM, MAP and PVT completed."""
    if client.plicht_regime == Regime.WI2013:
        niveaus = dict.fromkeys(Examen.TAAL, Taalniveau.A2)
        return {"niveaus": niveaus, "knm_examen": True, "modules": {"ona", "pvt"}}
    route = versie.leerroute_id if versie else None
    if route == "z":
        return {"niveaus": {}, "knm_examen": False, "modules": {"z_route", "knm", "map", "pvt"}}
    if route == "onderwijs":
        return {"niveaus": {}, "knm_examen": False, "modules": {"tst", "pvt"}}
    return {"niveaus": versie.doel_per_deel(), "knm_examen": True, "modules": {"map", "pvt"}}


def voldaan_op(client: Client) -> dt.date | None:
    """The day the client met every requirement of the plicht, or None. Only results that
    count (Examen.telt: not a provider's report DUO has not confirmed) fulfil it."""
    versie = client.pip_versies.order_by("-volgnummer").first()
    if client.plicht_regime == Regime.WI2021 and versie is None:
        return None
    e = eisen(client, versie)
    data = []
    examens = list(client.examens.filter(Examen.telt(), behaald=True))
    doelen = dict(e["niveaus"])
    if e["knm_examen"]:
        doelen[Examen.Onderdeel.KNM] = ""
    for deel, niveau in doelen.items():
        gehaald = [x.datum for x in examens if x.onderdeel == deel and not _lager(x.niveau, niveau)]
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
    afgeschaald: list[str] | None = None,
) -> PipVersie:
    """Record a PIP decision (art. 15 Wi2021). The first is the initial PIP and fixes the
    term; each later one says why it differs: schakelen (another route), afschalen (exam
    parts to A2) or another change."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    vorige = client.pip_versies.order_by("-volgnummer").first()
    toelichting = (toelichting or "").strip()
    route = leerroute.pk if leerroute else None
    _controleer_invoer(datum, reden, taaldoel, afgeschaald)
    if vorige is None:
        _controleer_eerste(reden, route, afgeschaald)
        na_termijn, delen = False, []
    else:
        na_termijn, delen = _controleer_wijziging(
            client, vorige, reden, leerroute, taaldoel, toelichting, datum, afgeschaald
        )
    gekozen = {k: bool(v) for k, v in (onderdelen or {}).items() if k in PipVersie.ONDERDELEN}
    if route == "onderwijs":
        gekozen["map"] = False  # no MAP in the onderwijsroute (eisen)
    if not client.ontzorgd:
        gekozen["ontzorgen"] = False  # ontzorgen is for the asielstatushouder
    versie = PipVersie(
        client=client,
        volgnummer=(vorige.volgnummer + 1) if vorige else 1,
        datum=datum,
        leerroute=leerroute,
        taaldoel=taaldoel,
        afgeschaald=delen,
        reden=reden,
        toelichting=toelichting,
        na_schakeltermijn=na_termijn,
        vastgelegd_door=door,
        **gekozen,
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
            "afgeschaald": delen,
            "reden": reden,
            "toelichting": toelichting,
            "na_18_maanden": na_termijn,
        },
    )
    _plicht_bijwerken(client, door)
    return versie


def _controleer_invoer(datum, reden, taaldoel, afgeschaald) -> None:
    if datum > timezone.localdate():
        raise ValidationError({"datum": "De datum van het besluit ligt in de toekomst."})
    if reden not in PipVersie.Reden.values:
        raise ValidationError({"reden": f"Onbekende reden '{reden}'."})
    if taaldoel and taaldoel not in NIVEAUS:
        raise ValidationError({"taaldoel": f"Onbekend taalniveau '{taaldoel}'."})
    onbekend = set(afgeschaald or ()) - set(Examen.TAAL)
    if onbekend:
        raise ValidationError(
            {"afgeschaald": f"Geen taalexamenonderdeel: {', '.join(sorted(onbekend))}."}
        )


def _controleer_eerste(reden: str, route: str | None, afgeschaald) -> None:
    if reden != PipVersie.Reden.INITIEEL:
        raise ValidationError(
            {"reden": "De client heeft nog geen PIP: dit is het eerste PIP (reden 'initieel')."}
        )
    if route is None:
        raise ValidationError({"leerroute": "Het PIP bepaalt de leerroute: kies er een."})
    if afgeschaald:
        raise ValidationError(
            {"afgeschaald": "Afschalen volgt op inspanning in de B1-route, niet in het eerste PIP."}
        )


def _controleer_wijziging(
    client, vorige, reden, leerroute, taaldoel, toelichting, datum, afgeschaald
) -> tuple[bool, list[str]]:
    """The rules for a later PIP decision; returns whether it is the late switch from the
    onderwijsroute and the exam parts afgeschaald from now on."""
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
            {"datum": f"Een nieuw besluit kan niet voor het vorige ({_d(vorige.datum)}) liggen."}
        )
    if leerroute is None:
        raise ValidationError({"leerroute": "Kies de leerroute van dit besluit."})
    andere_route = vorige.leerroute_id is not None and leerroute.pk != vorige.leerroute_id
    if andere_route and reden != PipVersie.Reden.SCHAKELEN:
        raise ValidationError(
            {
                "reden": f"De leerroute verandert ({vorige.leerroute} naar {leerroute}): "
                "kies reden 'schakelen'."
            }
        )
    if reden == PipVersie.Reden.SCHAKELEN:
        if not andere_route:
            raise ValidationError(
                {
                    "leerroute": "Bij schakelen verandert de leerroute; de client volgt al de "
                    f"{leerroute}."
                }
            )
        if afgeschaald:
            raise ValidationError(
                {"afgeschaald": "Na schakelen begint de nieuwe leerroute zonder afschalen."}
            )
        return _schakelen_mag(vorige, leerroute, eerste, datum), []
    delen = sorted(set(vorige.afgeschaald) | set(afgeschaald or ()), key=Examen.TAAL.index)
    lager = _lager(taaldoel, vorige.taaldoel)
    nieuw = lager or len(delen) > len(vorige.afgeschaald)
    if nieuw and reden != PipVersie.Reden.AFSCHALEN:
        raise ValidationError(
            {
                "reden": "Dit besluit schaalt af (onderdelen op A2 of een lager taaldoel): kies "
                "reden 'afschalen'."
            }
        )
    if reden == PipVersie.Reden.AFSCHALEN:
        _afschalen_mag(vorige, nieuw)
    if reden == PipVersie.Reden.OVERIG and not toelichting:
        raise ValidationError({"toelichting": "Beschrijf wat er in het PIP verandert."})
    return False, delen


def _afschalen_mag(vorige: PipVersie, nieuw: bool) -> None:
    """Art. 17 lid 3 Wi2021: in the B1-route the gemeente may, after considerable effort,
    let the client take one or more language exam parts at A2 (Besluit inburgering 2021:
    at least 600 hours of lessons). Only there: the onderwijsroute and the Z-route have no
    A2 exams to scale down to."""
    if vorige.leerroute_id != "b1":
        raise ValidationError(
            {
                "reden": f"Afschalen kan alleen in de B1-route (art. 17 lid 3 Wi2021); de "
                f"client volgt de {vorige.leerroute}."
            }
        )
    if not nieuw:
        raise ValidationError(
            {
                "afgeschaald": "Kies de examenonderdelen die de client op A2 mag afleggen"
                + (
                    f" (al afgeschaald: {', '.join(vorige.afgeschaald)})."
                    if vorige.afgeschaald
                    else "."
                )
            }
        )


def _schakelen_mag(vorige: PipVersie, leerroute, eerste: PipVersie, datum: dt.date) -> bool:
    """Art. 15 Wi2021 and the Besluit inburgering 2021: the route may change up to 18 months
    after the first PIP; after that only from the onderwijsroute to the B1-route, at any time
    in the term, so that who cannot finish the taalschakeltraject can still scale down in
    the B1-route (Divosa, Wet inburgering in vraag en antwoord §5, onderwijsroute vraag 1).
    Returns whether this is that late switch."""
    grens = plus_maanden(eerste.datum, SCHAKELEN_MAANDEN)
    if datum <= grens:
        return False
    if vorige.leerroute_id == "onderwijs" and leerroute.pk == "b1":
        return True
    raise ValidationError(
        {
            "leerroute": f"Wisselen van leerroute kon tot {_d(grens)} (18 maanden na het eerste "
            f"PIP). Daarna kan alleen nog de overstap van de onderwijsroute naar de B1-route; "
            f"van de {vorige.leerroute} naar de {leerroute} niet meer."
        }
    )


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
