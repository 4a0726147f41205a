import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from aanbod.models import Leerroute, Traject
from demo.personen import (
    AANTAL_CLIENTEN,
    ACHTERNAMEN,
    LANDEN,
    LEERBAAR,
    NIET_IN_BEELD,
    OVERIG_REDENEN,
    PROJECTEN,
    ROUTE_TRAJECTEN,
    VOORNAMEN,
)
from demo.regio import verhuizing_in_de_regio
from inkoop.models import Contractregel
from kern.fouten import ConflictError
from regio.models import Gemeente
from registratie import voortgangstand
from registratie.models.keuzes import plus_maanden

REGIO = {7: "Helmond", 8: "Veldhoven", 9: "Best"}


def _tussen(rnd, begin: dt.date, eind: dt.date) -> dt.date:
    return begin + dt.timedelta(days=rnd.randint(0, max(0, (eind - begin).days)))


def laad_registratie(vandaag: dt.date | None = None, voortgang=None) -> int:
    """A few hundred pseudonymous clients spread over every status, with enrolments made
    through the enrolment service (so capacity, plafond and criteria hold), monthly progress
    reports and outflows. Skipped when the demo clients exist already."""

    from django.utils import timezone

    from registratie.begeleiding import client_uitstroom_registreer
    from registratie.models import (
        Client,
        Doelgroep,
        DoelgroepBron,
        PlichtBron,
        PlichtStatus,
        Regime,
        Voortgangsrapportage,
    )
    from registratie.services import inschrijving_beeindig, inschrijving_create, inschrijving_start

    if Client.objects.filter(clientnummer="EHV-0001").exists():
        return 0
    vandaag = vandaag or timezone.localdate()
    rnd = random.Random(2026)
    User = get_user_model()
    specialisten = list(User.objects.filter(username__in=["specialist", "specialist2"]))
    gemeenten = {g.naam: g for g in Gemeente.objects.all()}
    regionaal = {
        g.naam: g.medewerkers.filter(groups__name="specialist").first() for g in gemeenten.values()
    }
    aanbieder_gebruiker = User.objects.get(username="aanbieder")
    routes = {lr.code: lr for lr in Leerroute.objects.all()}
    trajecten = {t.code: t for t in Traject.objects.all()}
    regels = {
        (r.traject.code, r.leerroute_id): r
        for r in Contractregel.objects.select_related("traject", "contract")
    }
    begin_2026 = dt.date(2026, 1, 5)

    with transaction.atomic():
        for i in range(1, AANTAL_CLIENTEN + 1):
            if voortgang is not None:
                voortgang(i - 1, AANTAL_CLIENTEN)
            route = rnd.choices(["b1", "z", "onderwijs"], weights=[60, 25, 15])[0]
            land, taal = rnd.choice(LANDEN)
            leeftijd = rnd.randint(18, 27) if route == "onderwijs" else rnd.randint(19, 62)
            huisvesting = _tussen(rnd, dt.date(2024, 9, 1), min(vandaag, dt.date(2026, 10, 15)))
            inschrijving_gemeente = huisvesting + dt.timedelta(days=rnd.randint(0, 14))
            client = Client(
                clientnummer=f"EHV-{i:04d}",
                voornaam=rnd.choice(VOORNAMEN),
                achternaam=rnd.choice(ACHTERNAMEN),
                geslacht=rnd.choice("mv"),
                geboortedatum=dt.date(
                    vandaag.year - leeftijd, rnd.randint(1, 12), rnd.randint(1, 28)
                ),
                land_van_herkomst=land,
                taal=taal,
                datum_huisvesting=huisvesting,
                datum_inschrijving_gemeente=min(inschrijving_gemeente, vandaag),
                specialist=specialisten[i % len(specialisten)],
                taalniveau=rnd.choice(["A0", "A1", "A1", "A2"]) if route != "onderwijs" else "A2",
                plicht_regime=Regime.WI2021,
                plicht_status=PlichtStatus.PLICHTIG,
                plicht_bron=PlichtBron.DUO,
                leerbaarheidstoets=LEERBAAR[route][i % 3],
            )
            client.plicht_status_datum = client.datum_inschrijving_gemeente
            # Seven in ten live in Eindhoven; the others in Helmond, Veldhoven and Best, each
            # with its own specialist.
            client.gemeente = gemeenten[REGIO.get(i % 10, "Eindhoven")]
            if client.gemeente.naam != "Eindhoven":
                client.specialist = regionaal[client.gemeente.naam]
            # One in nine came as a gezinsmigrant: no ontzorgen, no paid leerroute place.
            gezin = i % 9 == 0
            client.doelgroep = Doelgroep.GEZINSMIGRANT if gezin else Doelgroep.ASIELSTATUSHOUDER
            client.doelgroep_bron = DoelgroepBron.DUO
            client.doelgroep_datum = client.datum_inschrijving_gemeente
            intake = huisvesting + dt.timedelta(days=rnd.randint(20, 80))
            if intake < vandaag - dt.timedelta(days=5):
                client.datum_brede_intake = intake
                client.leerroute = routes[route]
                client.status = Client.Status.IN_BEGELEIDING
                client.ontzorgen_start = client.datum_inschrijving_gemeente + dt.timedelta(days=7)
                if rnd.random() < 0.6:
                    client.ontzorgen_eind = client.ontzorgen_start + dt.timedelta(
                        days=rnd.choice([150, 184, 240, 365])
                    )
                if gezin:
                    client.ontzorgen_start = client.ontzorgen_eind = None
                pip = intake + dt.timedelta(days=rnd.randint(10, 60))
                if pip < vandaag:
                    client.datum_pip = pip
            client.save()
            if client.datum_pip is None:
                continue

            # Voortraject, then a traject in the client's route, both in the 2026 contracts.
            start_voor = max(
                client.datum_pip + dt.timedelta(days=rnd.randint(7, 40)),
                begin_2026 + dt.timedelta(days=rnd.randint(0, 30)),
            )
            plan = [(("MIG-VOOR", None), start_voor)]
            passend = [
                t
                for t in ROUTE_TRAJECTEN[route]
                if leeftijd <= (trajecten[t[0]].max_leeftijd or 200)
            ]
            plan.append(
                (rnd.choice(passend), start_voor + dt.timedelta(weeks=12 + rnd.randint(0, 6)))
            )
            if route == "b1":  # the language part beside the route's traject
                plan.append((("SUM-NT2", "b1"), start_voor + dt.timedelta(weeks=12)))
            for (code, regel_route), start in plan:
                if start > vandaag + dt.timedelta(days=30):
                    continue
                if code == "MIG-VOOR":
                    client.datum_start_voortraject = start
                    client.save(update_fields=["datum_start_voortraject", "gewijzigd_op"])
                aanmelding = min(start, vandaag) - dt.timedelta(days=14)
                try:
                    inschrijving = inschrijving_create(
                        client=client,
                        contractregel=regels[(code, regel_route)],
                        startdatum=start,
                        datum_aanmelding=aanmelding,
                        door=client.specialist,
                    )
                except ConflictError:  # full: the client waits for any place on the traject
                    _wacht(client, regels[(code, regel_route)].traject, aanmelding)
                    continue
                except ValidationError:
                    continue  # not suitable: as in real life
                if start > vandaag:
                    continue
                inschrijving_start(inschrijving=inschrijving, startdatum=start, door=None)
                duur = trajecten[code].duur_weken or 12
                einde = start + dt.timedelta(weeks=duur)
                if rnd.random() < 0.25:
                    einde = start + dt.timedelta(weeks=rnd.randint(2, max(3, duur - 1)))
                    reden = rnd.choice(
                        ["voortijdig_client", "voortijdig_aanbieder", "werk", "verhuisd"]
                    )
                else:
                    reden = "volgens_plan"
                _rapporteer(
                    rnd,
                    inschrijving,
                    min(einde, vandaag),
                    aanbieder_gebruiker,
                    Voortgangsrapportage,
                )
                if einde <= vandaag:
                    inschrijving_beeindig(
                        inschrijving=inschrijving, einddatum=einde, reden=reden, door=None
                    )

            if client.datum_brede_intake < dt.date(2026, 4, 1) and rnd.random() < 0.45:
                _stroom_uit(rnd, client, vandaag, trajecten, client_uitstroom_registreer)
            _inburgering(random.Random(f"wi2021-{i}"), client, route, vandaag)
    _onderbrekingen(vandaag)
    verhuizing_in_de_regio(vandaag)
    _verlengingen_en_referentielijst(vandaag, aanbieder_gebruiker)
    if voortgang is not None:
        voortgang(AANTAL_CLIENTEN, AANTAL_CLIENTEN)
    return AANTAL_CLIENTEN


def _onderbrekingen(vandaag: dt.date) -> None:
    """Spells: three clients lost their job and came back; four clients without a running
    traject dropped out (illness, pregnancy), two of whom are back."""
    from registratie.begeleiding import begeleiding_hervat, begeleiding_onderbreek
    from registratie.models import Client, Inschrijving

    terug = Client.objects.filter(
        status__in=Client.UIT,
        uitstroom_reden__in=["voltijd_baan", "deeltijd_baan"],
        uitstroom_datum__lte=vandaag - dt.timedelta(days=60),
        nazorgcontacten__isnull=True,
    ).order_by("clientnummer")[:3]
    for client in terug:
        begeleiding_hervat(
            client=client,
            datum=client.uitstroom_datum + dt.timedelta(days=45),
            toelichting="Baan verloren na de proeftijd; terug in de bijstand.",
            door=client.specialist,
        )
    zonder_traject = (
        Client.objects.filter(
            status=Client.Status.IN_BEGELEIDING,
            datum_brede_intake__lte=vandaag - dt.timedelta(days=90),
            onderbrekingen__isnull=True,
        )
        .exclude(inschrijvingen__status__in=Inschrijving.ACTIEF)
        .order_by("clientnummer")[:4]
    )
    for n, client in enumerate(zonder_traject):
        van = vandaag - dt.timedelta(days=70 - 10 * n)
        begeleiding_onderbreek(
            client=client,
            datum=van,
            reden=["ziekte", "zwangerschap", "ziekte", "tijdelijk_weg"][n],
            door=client.specialist,
        )
        if n < 2:
            begeleiding_hervat(
                client=client, datum=van + dt.timedelta(days=40), door=client.specialist
            )


def _inburgering(rnd, client, route: str, vandaag: dt.date) -> None:
    """The Wi2021 record after a PIP: KNM, PVT and MAP under way or done, language exams,
    now and then a switch to the Z-route or an afschaling to A2, and nazorg contacts after a
    placement in work. Its own random stream, so the rest of the demo stays as it was."""
    from registratie.examens import module_registreer
    from registratie.inburgering import nazorgcontact_registreer, pip_vastleggen

    client.refresh_from_db()
    pip, door = client.datum_pip, client.specialist
    maanden = (vandaag - pip).days // 30
    if route == "b1" and maanden >= 7 and rnd.random() < 0.12:
        pip_vastleggen(
            client=client,
            datum=pip + dt.timedelta(days=rnd.randint(150, 200)),
            leerroute=Leerroute.objects.get(pk="z"),
            reden="schakelen",
            toelichting="Geen voortgang in de taal; de Z-route past beter.",
            door=door,
        )
        route = "z"
    elif route == "b1" and maanden >= 9 and rnd.random() < 0.12:
        pip_vastleggen(
            client=client,
            datum=pip + dt.timedelta(days=rnd.randint(240, 270)),
            leerroute=Leerroute.objects.get(pk="b1"),
            taaldoel="B1",
            afgeschaald=["schrijven"] if rnd.random() < 0.5 else ["schrijven", "spreken"],
            reden="afschalen",
            toelichting="600 uur les gevolgd; schrijven blijft achter.",
            door=door,
        )
    # KNM, the PVT at VluchtelingenWerk, MAP: months after the PIP, start and duration in
    # days, and how likely a finished one is recorded as such (None: always).
    for soort, na, start_dagen, duur_dagen, kans in (
        ("knm", 2, (20, 50), (90, 150), None),
        ("pvt", 3, (10, 30), (60, 90), None),
        ("map", 6, (60, 100), (80, 120), 0.7),
        ("tst", 15, (0, 1), (420, 520), 0.8),
    ):
        if maanden < na or (soort, route) == ("map", "onderwijs"):
            continue  # the onderwijsroute has no MAP, and only it a taalschakeltraject
        if soort == "tst" and route != "onderwijs":
            continue
        start = pip + dt.timedelta(days=rnd.randint(*start_dagen))
        klaar = start + dt.timedelta(days=rnd.randint(*duur_dagen))
        afgerond = klaar < vandaag and (kans is None or rnd.random() < kans)
        module_registreer(
            client=client,
            soort=soort,
            startdatum=start,
            afgerond_op=klaar if afgerond else None,
            door=door,
        )
    if route == "b1" and maanden >= 10:
        _examens(rnd, client, pip + dt.timedelta(days=rnd.randint(280, 320)), vandaag)
    client.refresh_from_db()
    if client.uitstroom_reden in ("voltijd_baan", "deeltijd_baan"):
        for maanden_na in (6, 12):
            datum = client.uitstroom_datum + dt.timedelta(days=30 * maanden_na + rnd.randint(0, 20))
            if datum < vandaag:
                nazorgcontact_registreer(
                    client=client,
                    datum=datum,
                    soort=rnd.choice(["gesprek", "telefoon", "werkgever"]),
                    werkt_nog=rnd.random() < 0.8,
                    door=door,
                )


def _examens(rnd, client, datum: dt.date, vandaag: dt.date) -> None:
    """The B1-route's exams, recorded by the specialist from DUO's portal: the four language
    parts at A2 or B1 and KNM, on one day."""
    from registratie.examens import examen_registreer

    niveau = "A2" if rnd.random() < 0.6 else "B1"
    for deel in ("lezen", "luisteren", "schrijven", "spreken"):
        if datum < vandaag and rnd.random() < 0.8:
            examen_registreer(
                client=client,
                onderdeel=deel,
                datum=datum,
                niveau=niveau,
                behaald=rnd.random() < 0.75,
                door=client.specialist,
            )
    if datum < vandaag:
        examen_registreer(
            client=client,
            onderdeel="knm",
            datum=datum,
            behaald=rnd.random() < 0.8,
            door=client.specialist,
        )


def _wacht(client, traject, aangevraagd: dt.date) -> None:
    """Put the client on the waiting list, dated on the day the place was asked for."""
    from django.utils import timezone

    from registratie.models import Wachtlijstplaats
    from registratie.services import wachtlijst_plaats

    try:
        plaats = wachtlijst_plaats(client=client, traject=traject, door=client.specialist)
    except ValidationError:
        return
    moment = timezone.make_aware(dt.datetime.combine(aangevraagd, dt.time(9)))
    Wachtlijstplaats.objects.filter(pk=plaats.pk).update(aangevraagd_op=moment, rang=moment)


def _rapporteer(rnd, inschrijving, tot: dt.date, gebruiker, Voortgangsrapportage):
    """Month-end reports from the start until `tot`, the ladder climbing now and then."""
    traject = inschrijving.contractregel.traject
    uren = (traject.uren_per_week or Decimal("6")) * Decimal("4.3")
    trede = rnd.randint(1, 2)
    niveau = inschrijving.client.taalniveau or "A1"
    peildatum = _maandeinde(inschrijving.startdatum)
    rapporten = []
    while peildatum <= tot:
        gevolgd = (uren * Decimal(rnd.randint(70, 100)) / 100).quantize(Decimal("0.01"))
        if rnd.random() < 0.35 and trede < 6:
            trede += 1
        if rnd.random() < 0.12 and niveau in ("A0", "A1", "A2"):
            niveau = {"A0": "A1", "A1": "A2", "A2": "B1"}[niveau]
        rapporten.append(
            Voortgangsrapportage(
                inschrijving=inschrijving,
                peildatum=peildatum,
                uren_aangeboden=uren,
                uren_gevolgd=gevolgd,
                verzuim_geoorloofd=((uren - gevolgd) / 2).quantize(Decimal("0.01")),
                verzuim_ongeoorloofd=((uren - gevolgd) / 2).quantize(Decimal("0.01")),
                taalniveau=niveau,
                participatieladder=trede,
                ingediend_door=gebruiker,
            )
        )
        peildatum = _maandeinde(peildatum + dt.timedelta(days=1))
    Voortgangsrapportage.objects.bulk_create(rapporten)
    voortgangstand.bijwerken([inschrijving.pk])  # bulk_create sends no post_save


def _maandeinde(datum: dt.date) -> dt.date:
    volgende = (datum.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return volgende - dt.timedelta(days=1)


def _werkgeversproject(client, project, uitstroom: dt.date) -> None:
    """The placement ran through the project: a (route-free) place in it before the job."""
    from registratie.services import inschrijving_beeindig, inschrijving_create, inschrijving_start

    start = uitstroom - dt.timedelta(weeks=project.duur_weken or 8)
    regel = project.contractregels.select_related("contract").first()
    if regel is None or not regel.contract.loopt_op(start):
        return
    try:
        inschrijving = inschrijving_create(
            client=client,
            contractregel=regel,
            startdatum=start,
            datum_aanmelding=start - dt.timedelta(days=7),
            door=None,
        )
    except ValidationError:
        return
    inschrijving_start(inschrijving=inschrijving, startdatum=start, door=None)
    inschrijving_beeindig(inschrijving=inschrijving, einddatum=uitstroom, reden="werk", door=None)


def _stroom_uit(rnd, client, vandaag, trajecten, registreer):
    from registratie.models import Client

    laatste = client.inschrijvingen.order_by("-einddatum").values_list("einddatum", flat=True)
    basis = max([d for d in laatste if d] + [client.datum_brede_intake])
    datum = basis + dt.timedelta(days=rnd.randint(5, 60))
    if datum >= vandaag:
        return
    reden = rnd.choices(
        ["voltijd_baan", "deeltijd_baan", "opleiding", "overig"], weights=[30, 25, 15, 30]
    )[0]
    plaatsing = {}
    if reden == "overig":
        plaatsing["uitstroom_subreden"] = rnd.choice(OVERIG_REDENEN)
    elif reden in ("voltijd_baan", "deeltijd_baan"):
        project = rnd.random() < 0.4
        plaatsing = {
            "sector": rnd.choice(Client.Sector.values),
            "dienstverband": "fulltime" if reden == "voltijd_baan" else "parttime",
            "type_bemiddeling": "project" if project else rnd.choice(["regulier", "social_return"]),
            "wgt_betrokken": rnd.random() < 0.5,
        }
        if project:
            plaatsing["werkgeversproject"] = trajecten[rnd.choice(PROJECTEN)]
            plaatsing["werkgever"] = plaatsing["werkgeversproject"].aanbieder.naam
            _werkgeversproject(client, plaatsing["werkgeversproject"], datum)
    einde = "werk" if reden != "overig" else rnd.choice(["voortijdig_client", "verhuisd"])
    beeindigingen = {
        str(u): einde
        for u in client.inschrijvingen.filter(status__in=["aangemeld", "gestart"]).values_list(
            "uuid", flat=True
        )
    }
    client = registreer(
        client=client,
        datum=datum,
        reden=reden,
        door=None,
        beeindigingen=beeindigingen,
        **plaatsing,
    )
    if client.status == Client.Status.NAZORG and client.nazorg_eind < vandaag:
        client.status = Client.Status.AFGESLOTEN
        client.save(update_fields=["status", "gewijzigd_op"])


def _verlengingen_en_referentielijst(vandaag: dt.date, aanbieder_gebruiker) -> None:
    """Through their services: the provider's monthly reports as the one import line an
    upload leaves, three extended terms (illness), and DUO's list of the gemeente's
    inburgeringsplichtigen with five clients of the register and three people niet in beeld."""
    import tablib

    from kern.models import Auditregel
    from kern.services import audit_log
    from registratie.inburgering import termijn_verleng
    from registratie.models import Client, Voortgangsrapportage
    from registratie.referentie import referentielijst_importeer

    audit_log(
        door=aanbieder_gebruiker,
        actie=Auditregel.Actie.GEIMPORTEERD,
        model="registratie.voortgangsrapportage",
        omschrijving=f"voortgang-demo.xlsx: {Voortgangsrapportage.objects.count()} nieuw",
    )
    lopend = Client.objects.filter(
        status=Client.Status.IN_BEGELEIDING, termijn_eind__isnull=False
    ).order_by("clientnummer")
    for client in lopend[:3]:
        termijn_verleng(
            client=client,
            datum=vandaag - dt.timedelta(days=10),
            nieuwe_einddatum=plus_maanden(client.termijn_eind, 6),
            reden="Langdurig ziek; het taalonderwijs lag vier maanden stil.",
            door=client.specialist,
        )
    lijst = tablib.Dataset(headers=["clientnummer"])
    for nummer in [*lopend.values_list("clientnummer", flat=True)[3:8], *NIET_IN_BEELD]:
        lijst.append([nummer])
    referentielijst_importeer(
        lijst,
        peildatum=vandaag,
        bron="duo",
        bestandsnaam="duo-inburgeringsplichtigen-demo.csv",
        door=get_user_model().objects.filter(username="beheerder").first(),
    )
