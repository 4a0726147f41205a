"""The Eindhoven demo data set (docs/domein.md): the real offer, plausible 2026 contracts, budgets,
programme costs and one user per role. Every write is keyed on a natural key, so loading it
twice changes nothing."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from aanbod.models import Aanbieder, AanbiederGebruiker, Leerroute, Traject
from demo.gegevens import (
    AANBIEDER_VAN_DEMO_GEBRUIKER,
    AANBIEDERS,
    BUDGETTEN,
    CONTRACTEN,
    DEMO_GEBRUIKERS,
    DEMO_WACHTWOORD,
    GELDIG_TOT,
    GELIJKTIJDIG_IN_DEMO,
    INDEXATIES,
    INSTROOMPROGNOSES,
    KOSTENPOSTEN,
    OPTIES,
    TRAJECTEN,
    VOORTIJDIG_EINDE,
    S,
)
from demo.personen import (
    DEMO_FORMATIE,
    EENHEDEN,
    PRESTATIES,
)
from demo.regio import (
    BRON_STANDAARD,
    DEELNAMES,
    FINANCIERING_PER_SOORT,
    FORMATIE_VAN,
    GEMEENTEN,
    GROOTBOEK,
    PLANNING,
)
from inkoop.models import (
    Budget,
    Contract,
    Contractregel,
    Indexatie,
    Instroomprognose,
    Kostenpost,
    Optie,
    Perceel,
)
from kern.rollen import BEHEERDER, richt_rollen_in


def bewaar(model, sleutel: dict, waarden: dict):
    """get_or_create that only writes when a value differs, so a second load changes nothing."""
    obj, nieuw = model.objects.get_or_create(**sleutel, defaults=waarden)
    if not nieuw:
        anders = [k for k, v in waarden.items() if getattr(obj, k) != v]
        if anders:
            for k in anders:
                setattr(obj, k, waarden[k])
            obj.save(update_fields=anders + ["gewijzigd_op"])
    return obj


def _plafond(regels) -> Decimal:
    return sum(
        (Decimal(t) * c * EENHEDEN.get(code, (1, None))[0] for code, _, t, _, c, _ in regels),
        Decimal("0"),
    )


@transaction.atomic
def laad_catalogus_en_inkoop() -> dict:
    richt_rollen_in()
    routes = {lr.code: lr for lr in Leerroute.objects.all()}
    aanbieders = {}
    for naam, kvk, soort, keurmerk, contact in AANBIEDERS:
        aanbieders[naam] = bewaar(
            Aanbieder,
            {"naam": naam},
            {
                "kvk_nummer": kvk,
                "soort": soort,
                "contactpersoon": contact,
                "keurmerk_status": "geldig" if keurmerk else "geen",
                "keurmerk_geldig_tot": GELDIG_TOT if keurmerk else None,
            },
        )
    trajecten = {}
    for code, aanbieder, naam, soort, rts, weken, uren, max_lft in TRAJECTEN:
        trajecten[code] = bewaar(
            Traject,
            {"code": code},
            {
                "aanbieder": aanbieders[aanbieder],
                "naam": naam,
                "soort": soort,
                "duur_weken": weken,
                "uren_per_week": uren,
                "max_leeftijd": max_lft,
                "taalniveau_in": "A0" if soort == S.ALFABETISERING else "",
            },
        )
        gewenst = {routes[r] for r in rts}
        if set(trajecten[code].leerroutes.all()) != gewenst:
            trajecten[code].leerroutes.set(gewenst)
    regels = {}
    # The tender's lots: the two aanbestedingen share a plafond with the contracts awarded
    # beside them (their plafonds added up); the other lots only group.
    percelen = {}
    for _, _, _, naam, _, regeldata in CONTRACTEN:
        if naam:
            percelen.setdefault(naam, Decimal(0))
            percelen[naam] += _plafond(regeldata)
    for naam, som in percelen.items():
        percelen[naam] = bewaar(
            Perceel,
            {"naam": naam},
            {"plafond": som if naam.startswith(("Perceel 1", "Perceel 2")) else None},
        )
    for kenmerk, aanbieder, vorm, perceel, (start, eind), regeldata in CONTRACTEN:
        contract = bewaar(
            Contract,
            {"kenmerk": kenmerk},
            {
                "aanbieder": aanbieders[aanbieder],
                "inkoopvorm": vorm,
                "perceel": percelen.get(perceel),
                "omschrijving": f"{perceel or 'Inkoop'} – {aanbieder}",
                "startdatum": start,
                "einddatum": eind,
                "plafond": _plafond(regeldata),
                "status": Contract.Status.GEGUND,
            },
        )
        for code, route, tarief, eenheid, capaciteit, prestatie in regeldata:
            regels[(code, route)] = bewaar(
                Contractregel,
                {
                    "contract": contract,
                    "traject": trajecten[code],
                    "leerroute": routes[route] if route else None,
                },
                {
                    "tarief": Decimal(tarief),
                    "eenheid": eenheid,
                    "verwachte_eenheden": EENHEDEN.get(code, (Decimal(1), None))[0],
                    "max_eenheden_per_maand": EENHEDEN.get(code, (Decimal(1), None))[1],
                    "capaciteit": capaciteit,
                    "capaciteitsvorm": Contractregel.Capaciteitsvorm.GELIJKTIJDIG
                    if code in GELIJKTIJDIG_IN_DEMO
                    else Contractregel.Capaciteitsvorm.INSTROOM,
                    "prestatiedeel": Decimal(prestatie),
                    "prestatie": PRESTATIES.get(code, Contractregel.Prestatie.VOLGENS_PLAN)
                    if prestatie
                    else "",
                    "bij_voortijdig_einde": VOORTIJDIG_EINDE.get(
                        code, (Contractregel.BijVoortijdigEinde.PER_EENHEID, None)
                    )[0],
                    "minimum_maanden": VOORTIJDIG_EINDE.get(code, (None, None))[1],
                },
            )
    contracten = {c.kenmerk: c for c in Contract.objects.all()}
    for kenmerk, traject, vanaf, percentage, toelichting in INDEXATIES:
        contract = contracten[kenmerk]
        bewaar(
            Indexatie,
            {
                "contract": contract,
                "contractregel": contract.regels.get(traject__code=traject) if traject else None,
                "ingangsdatum": vanaf,
            },
            {"percentage": Decimal(percentage), "toelichting": toelichting},
        )
    for jaar, route, bedrag, volume in BUDGETTEN:
        bewaar(
            Budget,
            {"jaar": jaar, "leerroute": routes[route], "gemeente": None},
            {"bedrag": Decimal(bedrag), "verwacht_volume": volume},
        )
    for jaar, halfjaar, aantal, toelichting in INSTROOMPROGNOSES:
        bewaar(
            Instroomprognose,
            {"jaar": jaar, "halfjaar": halfjaar, "gemeente": None},
            {"aantal": aantal, "toelichting": toelichting},
        )
    for jaar, soort, omschrijving, bedrag in KOSTENPOSTEN:
        bewaar(
            Kostenpost,
            {"jaar": jaar, "soort": soort, "omschrijving": omschrijving, "gemeente": None},
            {"bedrag": Decimal(bedrag)},
        )
    _financiering()
    return {"aanbieders": aanbieders, "trajecten": trajecten, "regels": regels, "routes": routes}


def _financiering() -> None:
    """Every budget and every bought line its funding stream (demo.regio); a second load
    changes nothing (the same split is no change, also after approval)."""
    from financien.models import Financieringsbron
    from financien.standaard import standaardbronnen
    from inkoop.services import bronnen_vastleggen

    bronnen = standaardbronnen(Financieringsbron)
    for code, (rekening, kostenplaats) in GROOTBOEK.items():
        bewaar(
            Financieringsbron,
            {"code": code},
            {"grootboekrekening": rekening, "kostenplaats": kostenplaats},
        )
    for contract in Contract.objects.filter(ordernummer=""):
        contract.ordernummer = f"PO-{contract.kenmerk}"
        contract.save(update_fields=["ordernummer", "gewijzigd_op"])
    Budget.objects.filter(bron=None).update(bron=bronnen[BRON_STANDAARD])
    for regel in Contractregel.objects.exclude(contract__aanbieder__soort=Aanbieder.Soort.INTERN):
        verdeling = FINANCIERING_PER_SOORT.get(regel.traject.soort, {BRON_STANDAARD: 100})
        aandelen = {bronnen[code]: Decimal(a) for code, a in verdeling.items()}
        bronnen_vastleggen(regel=regel, aandelen=aandelen, door=None)


@transaction.atomic
def laad_gebruikers() -> dict:
    User = get_user_model()
    gebruikers = {}
    for username, rol, voornaam, achternaam, staff in DEMO_GEBRUIKERS:
        user, nieuw = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": voornaam,
                "last_name": achternaam,
                "is_staff": staff,
                "is_superuser": rol == BEHEERDER,
                "email": f"{username}@example.org",
            },
        )
        if nieuw:
            user.set_password(DEMO_WACHTWOORD)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=rol))
        gebruikers[username] = user
    for kenmerk, tot, uiterlijk, uitgeoefend in OPTIES:
        bewaar(
            Optie,
            {"contract": Contract.objects.get(kenmerk=kenmerk), "verlengen_tot": tot},
            {
                "uiterlijk_op": uiterlijk,
                "uitgeoefend_op": uitgeoefend,
                "uitgeoefend_door": gebruikers["inkoper"] if uitgeoefend else None,
            },
        )
    _regio(gebruikers)
    AanbiederGebruiker.objects.get_or_create(
        gebruiker=gebruikers["aanbieder"],
        defaults={"aanbieder": Aanbieder.objects.get(naam=AANBIEDER_VAN_DEMO_GEBRUIKER)},
    )
    from registratie.models import Formatie

    for username, fte in DEMO_FORMATIE:
        Formatie.objects.get_or_create(
            specialist=gebruikers[username], van=dt.date(2024, 9, 1), defaults={"fte": fte}
        )
    _planning_per_gemeente(gebruikers)
    return gebruikers


def _regio(gebruikers) -> None:
    """Eindhoven and three deelnemende gemeenten, their staff, and the joint contracts' key."""
    from inkoop.models import Contractdeelname
    from regio.models import Gemeente

    gemeenten = {}
    for naam, cbs, rol, medewerkers in GEMEENTEN:
        gemeenten[naam] = bewaar(Gemeente, {"cbs_code": cbs}, {"naam": naam, "rol": rol})
        gemeenten[naam].medewerkers.add(*(gebruikers[m] for m in medewerkers))
    for kenmerk, aandelen in DEELNAMES.items():
        for naam, aandeel in aandelen.items():
            bewaar(
                Contractdeelname,
                {"contract": Contract.objects.get(kenmerk=kenmerk), "gemeente": gemeenten[naam]},
                {"aandeel": Decimal(aandeel)},
            )


def _planning_per_gemeente(gebruikers) -> None:
    """The deelnemende gemeenten's own budgets, cost posts, prognoses and fte (demo.regio)."""
    from financien.models import Financieringsbron
    from financien.standaard import standaardbronnen
    from regio.models import Gemeente
    from registratie.models import Formatie

    gemeenten = {g.naam: g for g in Gemeente.objects.all()}
    spuk = standaardbronnen(Financieringsbron)[BRON_STANDAARD]
    for username, naam in FORMATIE_VAN.items():
        Formatie.objects.filter(specialist=gebruikers[username]).update(gemeente=gemeenten[naam])
    for naam, plan in PLANNING.items():
        g = gemeenten[naam]
        for jaar, route, bedrag, volume in plan["budgetten"]:
            bewaar(
                Budget,
                {"jaar": jaar, "leerroute": Leerroute.objects.get(code=route), "gemeente": g},
                {"bedrag": Decimal(bedrag), "verwacht_volume": volume, "bron": spuk},
            )
        for jaar, soort, omschrijving, bedrag in plan["kostenposten"]:
            bewaar(
                Kostenpost,
                {"jaar": jaar, "soort": soort, "omschrijving": omschrijving, "gemeente": g},
                {"bedrag": Decimal(bedrag)},
            )
        for jaar, halfjaar, aantal in plan["prognoses"]:
            bewaar(
                Instroomprognose,
                {"jaar": jaar, "halfjaar": halfjaar, "gemeente": g},
                {"aantal": aantal, "toelichting": f"Taakstelling {naam}"},
            )
        username, fte = plan["formatie"]
        bewaar(
            Formatie,
            {"specialist": gebruikers[username], "van": dt.date(2025, 1, 1)},
            {"fte": Decimal(fte), "gemeente": g},
        )


def laad_declaraties(vandaag: dt.date | None = None) -> int:
    """Four months of declarations by every provider, through the same import and checks a
    provider's file goes through (a few lines are rejected: a wrong amount, more hours than
    the month's report), approved by the inkoper and paid in a batch. Withheld prestatiedelen
    of enrolments completed as planned are released in that batch. Skipped when present."""
    import tablib
    from django.utils import timezone

    from declaraties.importeren import DeclaratieResource, maandeinde
    from declaraties.models import Declaratie
    from declaraties.ramingen import grens as grens_bij_einde
    from declaraties.ramingen import waarden_van
    from inkoop.models import geindexeerd_tarief
    from kern.importeren import importeer
    from registratie.models import Inschrijving, Voortgangsrapportage

    if Declaratie.objects.exists():
        return 0
    vandaag = vandaag or timezone.localdate()
    laatste = (vandaag.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    maanden = [laatste]
    while len(maanden) < 4:
        maanden.insert(0, (maanden[0] - dt.timedelta(days=1)).replace(day=1))
    uren = {
        (r["inschrijving_id"], r["peildatum"].replace(day=1)): r["uren_aangeboden"]
        for r in Voortgangsrapportage.objects.filter(peildatum__gte=maanden[0]).values(
            "inschrijving_id", "peildatum", "uren_aangeboden"
        )
    }
    dataset = tablib.Dataset(headers=["inschrijving", "periode", "eenheden", "bedrag"])
    inschrijvingen = (
        Inschrijving.objects.filter(geannuleerd=False, startdatum__lte=maandeinde(laatste))
        .exclude(contractregel__contract__aanbieder__soort=Aanbieder.Soort.INTERN)
        .exclude(status=Inschrijving.Status.AANGEMELD)
        .select_related("contractregel__traject")
        .order_by("pk")
    )
    indexaties = defaultdict(list)
    for contract, *indexatie in Indexatie.objects.values_list(
        "contract", "contractregel", "ingangsdatum", "percentage"
    ):
        indexaties[contract].append(indexatie)
    for n, ins in enumerate(inschrijvingen):
        grens = grens_bij_einde(waarden_van(ins))[0]
        for maand in maanden:
            if maandeinde(maand) < ins.startdatum or (ins.einddatum and ins.einddatum < maand):
                continue
            if ins.eenheid == Contractregel.Eenheid.TRAJECT:
                if ins.startdatum < maand or ins.startdatum > maandeinde(maand):
                    continue  # a traject price is declared once, in the month it starts
                eenheden = Decimal(1)
            elif ins.eenheid == Contractregel.Eenheid.UUR:
                eenheden = min(uren.get((ins.pk, maand), Decimal(32)), Decimal(60))
                if n % 11 == 0:
                    eenheden += 8  # more hours than the report offered: U01
            else:
                eenheden = Decimal(1)
            tarief = geindexeerd_tarief(
                ins.tarief, indexaties[ins.contractregel.contract_id], ins.contractregel_id, maand
            )
            bedrag = (eenheden * tarief).quantize(Decimal("0.01"))
            if grens is not None:
                bedrag = min(bedrag, grens)  # what the regel pays after an early end
            if n % 17 == 0:
                bedrag += Decimal("25.00")  # a wrong amount: T01
            dataset.append([str(ins.uuid), maand.isoformat(), eenheden, bedrag])
    uitkomst = importeer(DeclaratieResource(), dataset, dry_run=False, bestandsnaam="demo")
    if not uitkomst.geslaagd:
        raise RuntimeError(f"Demodeclaraties: {uitkomst.fouten[:3]}")
    _keur_goed_en_betaal(
        Declaratie.objects.filter(periode__lt=laatste),
        f"Declaraties t/m {maandeinde(maanden[-2]):%d-%m-%Y}",
    )
    # The last month waits for approval, so the inkoper has something to do.
    return uitkomst.nieuw


def _keur_goed_en_betaal(eerder, omschrijving: str) -> None:
    """Four eyes as the register asks them: the inkoper approves, the beheerder approves
    second what is above VIER_OGEN_VANAF, and releases the batch the inkoper prepared."""
    from declaraties.models import Declaratie
    from declaraties.selectors import betaalbatches_for
    from declaraties.services import (
        betaalbatch_maak,
        betaalbatch_vrijgeven,
        declaraties_keur_goed,
    )

    inkoper = get_user_model().objects.get(username="inkoper")
    beheerder = get_user_model().objects.get(username="beheerder")
    declaraties_keur_goed(declaraties=eerder, door=inkoper)
    declaraties_keur_goed(declaraties=eerder, door=beheerder)
    batch = betaalbatch_maak(
        declaraties=Declaratie.objects.all(), door=inkoper, omschrijving=omschrijving
    )
    bedrag = betaalbatches_for(beheerder).get(pk=batch.pk).bedrag
    betaalbatch_vrijgeven(batch=batch, bedrag=bedrag, door=beheerder)
