"""Modules and exams, the results of inburgering: recorded by the specialist (form, API) or
reported by the provider of the enrolment they belong to (API, results upload). A result has
an owner: what the gemeente recorded, a provider cannot change; a provider's result lies
within its enrolment. A passed exam or a completed module can fulfil the plicht
(registratie.inburgering.voldaan_op)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern.models import Auditregel
from kern.rollen import AANBIEDER, heeft_rol
from kern.services import audit_log
from registratie.inburgering import NIVEAUS, _d, _plicht_bijwerken
from registratie.models import Client, Examen, Inschrijving, Module, PlichtStatus, Regime
from registratie.selectors import inschrijvingen_for

# Exams may be recorded for a client whose plicht is running or already met (a retake).
EXAMEN_TOEGESTAAN = (PlichtStatus.PLICHTIG, PlichtStatus.VOLDAAN)
# How far a result may lie before the start and after the end of its enrolment.
MARGE_VOOR, MARGE_NA = 31, 183
# Modules of one law only: MAP, the Z-route programme and the taalschakeltraject came with
# 2021, ONA went with it.
MODULE_REGIME = {
    Module.Soort.MAP: Regime.WI2021,
    Module.Soort.Z_ROUTE: Regime.WI2021,
    Module.Soort.TAALSCHAKEL: Regime.WI2021,
    Module.Soort.ONA: Regime.WI2013,
}
# What a provider hears when its report meets the client's dossier: the same words whatever
# the record is (another's exam that day, the gemeente's module, the law the client falls
# under), so a file of guesses learns no date, level, result or regime it did not send.
NIET_UW_DOSSIER = (
    "Dit resultaat past niet bij wat de gemeente van deze client weet; de specialist van de "
    "gemeente kan het vastleggen."
)


def _weiger(door, veld: str, melding: str):
    """Refuse on a record the reporter did not make: the gemeente reads why, a provider
    only NIET_UW_DOSSIER."""
    raise ValidationError({veld: NIET_UW_DOSSIER if heeft_rol(door, AANBIEDER) else melding})


def eigen_resultaten(qs, door):
    """The results among qs that a provider reported on its own enrolments (all, for the
    gemeente): what a provider may be told about."""
    if not heeft_rol(door, AANBIEDER):
        return qs
    return qs.filter(inschrijving__in=inschrijvingen_for(door).values("pk"))


def _controleer_plicht(client: Client, veld: str, wat: str, door) -> None:
    if client.plicht_status not in EXAMEN_TOEGESTAAN:
        _weiger(
            door,
            veld,
            f"{client} is niet inburgeringsplichtig; {wat} hoort bij een lopende of voldane "
            "inburgeringsplicht.",
        )


def _controleer_inschrijving(client: Client, inschrijving: Inschrijving | None) -> None:
    if inschrijving is not None and inschrijving.client_id != client.pk:
        raise ValidationError({"inschrijving": "Deze inschrijving is van een andere client."})


def _binnen_inschrijving(inschrijving: Inschrijving | None, datum, veld: str) -> None:
    """A result reported on an enrolment lies within it: from MARGE_VOOR days before its
    start (a module begun in the intake weeks) to MARGE_NA days after its end, or today if it
    runs (exam appointments at DUO come months after the course)."""
    if inschrijving is None or datum is None:
        return
    vroegst = inschrijving.startdatum - dt.timedelta(days=MARGE_VOOR)
    laatst = (inschrijving.einddatum or timezone.localdate()) + dt.timedelta(days=MARGE_NA)
    if not vroegst <= datum <= laatst:
        looptijd = f"gestart {_d(inschrijving.startdatum)}"
        if inschrijving.einddatum:
            looptijd += f", beëindigd {_d(inschrijving.einddatum)}"
        tot = min(laatst, timezone.localdate())
        raise ValidationError(
            {
                veld: f"{_d(datum)} ligt buiten de inschrijving ({looptijd}); een resultaat "
                f"hoort tussen {_d(vroegst)} en {_d(tot)}."
            }
        )


@transaction.atomic
def module_registreer(
    *,
    client: Client,
    soort: str,
    door,
    startdatum: dt.date | None = None,
    afgerond_op: dt.date | None = None,
    inschrijving: Inschrijving | None = None,
) -> Module:
    """Record the start and/or completion of a module (one per kind per client)."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if soort not in Module.Soort.values:
        raise ValidationError({"soort": f"Onbekende module '{soort}'."})
    _controleer_plicht(client, "soort", "een module", door)
    regime = MODULE_REGIME.get(soort)
    if regime and client.plicht_regime != regime:
        _weiger(
            door,
            "soort",
            f"{Module.Soort(soort).label} hoort bij de {Regime(regime).label}; de client "
            f"inburgert onder de {client.get_plicht_regime_display()}.",
        )
    _controleer_inschrijving(client, inschrijving)
    vandaag = timezone.localdate()
    if afgerond_op and afgerond_op > vandaag:
        raise ValidationError({"afgerond_op": "De datum van afronden ligt in de toekomst."})
    _binnen_inschrijving(inschrijving, startdatum, "startdatum")
    _binnen_inschrijving(inschrijving, afgerond_op, "afgerond_op")
    module = client.modules.filter(soort=soort).first() or Module(client=client, soort=soort)
    if (
        inschrijving is not None
        and module.inschrijving_id
        and module.inschrijving_id != inschrijving.pk
    ):
        _weiger(
            door,
            "inschrijving",
            f"{module.get_soort_display()} van deze client is gemeld bij een andere "
            "inschrijving; de specialist kan haar wijzigen.",
        )
    if module.pk and not module.inschrijving_id and heeft_rol(door, AANBIEDER):
        # The gemeente's record: a provider's report does not overwrite it.
        _weiger(door, "soort", "")
    voor = {"startdatum": module.startdatum, "afgerond_op": module.afgerond_op}
    if startdatum is not None:
        module.startdatum = startdatum
    if afgerond_op is not None:
        module.afgerond_op = afgerond_op
    if inschrijving is not None:
        module.inschrijving = inschrijving
    if module.startdatum and module.afgerond_op and module.afgerond_op < module.startdatum:
        raise ValidationError(
            {
                "afgerond_op": f"Een module kan niet worden afgerond ({_d(module.afgerond_op)}) "
                f"voor ze begon ({_d(module.startdatum)})."
            }
        )
    nieuw = module.pk is None
    module.save()
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT if nieuw else Auditregel.Actie.GEWIJZIGD,
        instance=module,
        gegevens={
            "client": str(client.uuid),
            "soort": soort,
            "voor": {k: str(v) if v else None for k, v in voor.items()},
            "startdatum": str(module.startdatum) if module.startdatum else None,
            "afgerond_op": str(module.afgerond_op) if module.afgerond_op else None,
        },
    )
    if module.afgerond_op:
        _plicht_bijwerken(client, door)
    return module


@transaction.atomic
def examen_registreer(
    *,
    client: Client,
    onderdeel: str,
    datum: dt.date,
    behaald: bool,
    door,
    niveau: str = "",
    inschrijving: Inschrijving | None = None,
) -> Examen:
    """Record one exam result; a passed set that completes the requirements fulfils the plicht."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if onderdeel not in Examen.Onderdeel.values:
        raise ValidationError({"onderdeel": f"Onbekend examenonderdeel '{onderdeel}'."})
    _controleer_plicht(client, "onderdeel", "een examen", door)
    _controleer_inschrijving(client, inschrijving)
    if datum > timezone.localdate():
        raise ValidationError({"datum": "De examendatum ligt in de toekomst."})
    _binnen_inschrijving(inschrijving, datum, "datum")
    if onderdeel in Examen.TAAL and not niveau:
        raise ValidationError({"niveau": "Vul het niveau van het taalexamen in (bijv. B1)."})
    if niveau and niveau not in NIVEAUS:
        raise ValidationError({"niveau": f"Onbekend taalniveau '{niveau}'."})
    if onderdeel == Examen.Onderdeel.KNM and niveau:
        raise ValidationError({"niveau": "Het KNM-examen heeft geen taalniveau."})
    zelfde_dag = client.examens.filter(onderdeel=onderdeel, datum=datum)
    if zelfde_dag.exists():
        melding = f"Voor {Examen.Onderdeel(onderdeel).label} staat op {_d(datum)} al een uitslag."
        if eigen_resultaten(zelfde_dag, door).exists():
            raise ValidationError({"datum": melding})
        _weiger(door, "datum", melding)
    # DUO holds the exams: a provider's report waits for DUO's file (registratie.duo).
    bron = Examen.Bron.AANBIEDER if heeft_rol(door, AANBIEDER) else Examen.Bron.GEMEENTE
    examen = Examen.objects.create(
        client=client,
        onderdeel=onderdeel,
        datum=datum,
        niveau=niveau,
        behaald=behaald,
        inschrijving=inschrijving,
        bron=bron,
    )
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT,
        instance=examen,
        gegevens={
            "client": str(client.uuid),
            "onderdeel": onderdeel,
            "datum": str(datum),
            "niveau": niveau,
            "behaald": behaald,
            "bron": bron,
        },
    )
    if behaald and examen.bevestigd:  # only a counted pass can complete the requirements
        _plicht_bijwerken(client, door)
    return examen
