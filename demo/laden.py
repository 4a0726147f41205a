"""The Eindhoven demo data set (DOMAIN.md): the real offer, plausible 2026 contracts, budgets,
programme costs and one user per role. Every write is keyed on a natural key, so loading it
twice changes nothing."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from aanbod.models import Aanbieder, AanbiederGebruiker, Leerroute, Traject
from inkoop.models import Budget, Contract, Contractregel, Instroomprognose, Kostenpost
from kern.fouten import ConflictError
from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST, richt_rollen_in

DEMO_WACHTWOORD = "demo-2026"
DEMO_GEBRUIKERS = [
    # username, role, first name, last name, staff
    ("beheerder", BEHEERDER, "Bea", "Beheer", True),
    ("inkoper", INKOPER, "Ingrid", "Inkoop", True),
    ("specialist", SPECIALIST, "Sanne", "de Vries", False),
    ("specialist2", SPECIALIST, "Youssef", "El Amrani", False),
    ("aanbieder", AANBIEDER, "Rik", "van Refugee Team", False),
]
AANBIEDER_VAN_DEMO_GEBRUIKER = "Refugee Team"

GELDIG_TOT = dt.date(2028, 6, 30)
A = Aanbieder.Soort
S = Traject.Soort

AANBIEDERS = [
    # naam, kvk, soort, keurmerk geldig, contact
    ("Gemeente Eindhoven, team Migratie", "", A.INTERN, False, "Teamleider Migratie"),
    ("Werkgelegenheidsteam (04Werkt)", "", A.INTERN, False, "Coördinator WGT"),
    ("Refugee Team", "64839201", A.REINTEGRATIE, True, "Projectleider"),
    ("Werkclub", "58120934", A.REINTEGRATIE, True, "Coördinator"),
    ("UAF", "41197864", A.ONDERWIJS, False, "Regiokantoor Zuid"),
    ("Summa College", "41088475", A.ONDERWIJS, True, "Teamleider Entree"),
    ("VluchtelingenWerk Zuid-Nederland", "41085763", A.MAATSCHAPPELIJK, True, "Regiomanager"),
    ("WIJeindhoven", "56712345", A.MAATSCHAPPELIJK, True, "Coördinator taal"),
    ("PostNL", "27124701", A.WERKGEVER, False, "HR Eindhoven"),
    ("DAF Trucks", "17013126", A.WERKGEVER, False, "HR"),
    ("Gascogne Sack", "17095032", A.WERKGEVER, False, "HR"),
    ("DHL Supply Chain", "33190983", A.WERKGEVER, False, "HR"),
    ("ICS Schoonmaak", "17241375", A.WERKGEVER, False, "HR"),
    ("Manpower", "33184564", A.WERKGEVER, False, "Vestiging Eindhoven"),
    ("Philips", "17001910", A.WERKGEVER, False, "Social Return"),
]

TRAJECTEN = [
    # code, aanbieder, naam, soort, routes, weken, uren/week, max leeftijd
    (
        "MIG-VOOR",
        "Gemeente Eindhoven, team Migratie",
        "Voortraject (12 weken, 2 dagdelen per week)",
        S.VOORTRAJECT,
        [],
        12,
        Decimal("8"),
        None,
    ),
    (
        "MIG-VERVOLG",
        "Gemeente Eindhoven, team Migratie",
        "Vervolgtraject naar werk",
        S.VERVOLGTRAJECT,
        [],
        12,
        Decimal("6"),
        None,
    ),
    (
        "WGT-BEMID",
        "Werkgelegenheidsteam (04Werkt)",
        "Bemiddeling naar werkgevers",
        S.BEMIDDELING,
        [],
        26,
        None,
        None,
    ),
    (
        "RT-WERKFIT",
        "Refugee Team",
        "Werkfit via vrijwilligerswerk bij (sport)evenementen",
        S.WERKFIT,
        ["b1"],
        26,
        Decimal("12"),
        None,
    ),
    (
        "WC-INTENSIEF",
        "Werkclub",
        "Intensieve begeleiding naar werk",
        S.WERKFIT,
        ["b1", "z"],
        20,
        Decimal("8"),
        None,
    ),
    (
        "UAF-PREBACH",
        "UAF",
        "Voorbereiding hoger onderwijs (pre-bachelor)",
        S.HOGER_ONDERWIJS,
        ["onderwijs"],
        40,
        Decimal("20"),
        28,
    ),
    (
        "SUM-DUAAL",
        "Summa College",
        "Duaal traject: mbo Entree en taal, daarna BBL of werk",
        S.DUAAL,
        ["onderwijs", "b1"],
        52,
        Decimal("24"),
        28,
    ),
    (
        "VWN-MB",
        "VluchtelingenWerk Zuid-Nederland",
        "Maatschappelijke begeleiding",
        S.MAATSCHAPPELIJKE_BEGELEIDING,
        [],
        52,
        Decimal("1"),
        None,
    ),
    (
        "VWN-PVT",
        "VluchtelingenWerk Zuid-Nederland",
        "Participatieverklaringstraject",
        S.PVT,
        [],
        6,
        Decimal("3"),
        None,
    ),
    ("WIJ-ALFA", "WIJeindhoven", "Alfabetisering", S.ALFABETISERING, ["z"], 40, Decimal("6"), None),
    ("SUM-NT2", "Summa College", "NT2 naar B1", S.TAAL, ["b1"], 40, Decimal("8"), None),
    (
        "WIJ-VRIJW",
        "WIJeindhoven",
        "Vrijwilligerswerk in de wijk",
        S.VRIJWILLIGERSWERK,
        ["z"],
        26,
        Decimal("4"),
        None,
    ),
    (
        "PROJ-POSTNL",
        "PostNL",
        "Werkgeversproject PostNL sorteercentrum",
        S.WERKGEVERSPROJECT,
        [],
        13,
        Decimal("24"),
        None,
    ),
    (
        "PROJ-DAF",
        "DAF Trucks",
        "Werkgeversproject DAF productie",
        S.WERKGEVERSPROJECT,
        [],
        13,
        Decimal("32"),
        None,
    ),
    (
        "PROJ-GASCOGNE",
        "Gascogne Sack",
        "Werkgeversproject Gascogne",
        S.WERKGEVERSPROJECT,
        [],
        8,
        Decimal("32"),
        None,
    ),
    (
        "PROJ-DHL",
        "DHL Supply Chain",
        "Werkgeversproject DHL logistiek",
        S.WERKGEVERSPROJECT,
        [],
        13,
        Decimal("32"),
        None,
    ),
    (
        "PROJ-ICS",
        "ICS Schoonmaak",
        "Werkgeversproject ICS schoonmaak",
        S.WERKGEVERSPROJECT,
        [],
        8,
        Decimal("20"),
        None,
    ),
    (
        "PROJ-MANPOWER",
        "Manpower",
        "Werkgeversproject Manpower",
        S.WERKGEVERSPROJECT,
        [],
        13,
        Decimal("32"),
        None,
    ),
    (
        "PROJ-PHILIPS",
        "Philips",
        "Werkgeversproject Philips (social return)",
        S.WERKGEVERSPROJECT,
        [],
        26,
        Decimal("32"),
        None,
    ),
]

V = Contract.Inkoopvorm
JAAR = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
LANG = dt.date(2025, 1, 1), dt.date(2028, 12, 31)
# Guidance bought as a caseload and hours of NT2 (so many clients at the same time); the rest
# buys starts.
GELIJKTIJDIG_IN_DEMO = {"VWN-MB", "WGT-BEMID", "SUM-NT2"}
CONTRACTEN = [
    # kenmerk, aanbieder, vorm, perceel, (start, eind),
    # [(traject, route, tarief, eenheid, capaciteit, prestatie %)]
    (
        "INB-2026-001",
        "Gemeente Eindhoven, team Migratie",
        V.INBESTEDEN,
        "",
        JAAR,
        [
            ("MIG-VOOR", None, "1250.00", "traject", 200, 0),
            ("MIG-VERVOLG", None, "1600.00", "traject", 150, 0),
        ],
    ),
    (
        "INB-2026-002",
        "Werkgelegenheidsteam (04Werkt)",
        V.INBESTEDEN,
        "",
        JAAR,
        [("WGT-BEMID", None, "450.00", "traject", 120, 0)],
    ),
    (
        "INB-2025-101",
        "Refugee Team",
        V.AANBESTEDING,
        "Perceel 1 B1-route",
        LANG,
        [("RT-WERKFIT", "b1", "1850.00", "traject", 90, 10)],
    ),
    (
        "INB-2026-003",
        "Werkclub",
        V.OPEN_HOUSE,
        "Perceel 1 B1-route",
        JAAR,
        [
            ("WC-INTENSIEF", "b1", "2400.00", "traject", 50, 10),
            ("WC-INTENSIEF", "z", "2400.00", "traject", 4, 10),
        ],
    ),
    (
        "INB-2026-004",
        "UAF",
        V.SUBSIDIE,
        "Perceel 2 onderwijsroute",
        JAAR,
        [("UAF-PREBACH", "onderwijs", "3520.00", "traject", 10, 0)],
    ),
    (
        "INB-2025-102",
        "Summa College",
        V.AANBESTEDING,
        "Perceel 2 onderwijsroute",
        LANG,
        [
            ("SUM-DUAAL", "onderwijs", "4800.00", "traject", 25, 10),
            ("SUM-DUAAL", "b1", "4800.00", "traject", 15, 10),
            ("SUM-NT2", "b1", "8.00", "uur", 30, 0),
        ],
    ),
    (
        "INB-2026-005",
        "VluchtelingenWerk Zuid-Nederland",
        V.SUBSIDIE,
        "",
        JAAR,
        [
            ("VWN-MB", None, "1100.00", "traject", 250, 0),
            ("VWN-PVT", None, "150.00", "traject", 250, 0),
        ],
    ),
    (
        "INB-2026-006",
        "WIJeindhoven",
        V.SUBSIDIE,
        "Perceel 3 Z-route",
        JAAR,
        [("WIJ-ALFA", "z", "2100.00", "traject", 8, 0)],
    ),
    (
        "INB-2026-010",
        "PostNL",
        V.OPEN_HOUSE,
        "Werkgeversprojecten",
        JAAR,
        [("PROJ-POSTNL", None, "1700.00", "traject", 25, 0)],
    ),
    (
        "INB-2026-011",
        "DAF Trucks",
        V.OPEN_HOUSE,
        "Werkgeversprojecten",
        JAAR,
        [("PROJ-DAF", None, "1500.00", "traject", 10, 0)],
    ),
    (
        "INB-2026-012",
        "Gascogne Sack",
        V.OPEN_HOUSE,
        "Werkgeversprojecten",
        JAAR,
        [("PROJ-GASCOGNE", None, "1035.00", "traject", 5, 0)],
    ),
    (
        "INB-2026-013",
        "DHL Supply Chain",
        V.OPEN_HOUSE,
        "Werkgeversprojecten",
        JAAR,
        [("PROJ-DHL", None, "1400.00", "traject", 12, 0)],
    ),
    (
        "INB-2026-014",
        "ICS Schoonmaak",
        V.OPEN_HOUSE,
        "Werkgeversprojecten",
        JAAR,
        [("PROJ-ICS", None, "900.00", "traject", 8, 0)],
    ),
    (
        "INB-2026-015",
        "Manpower",
        V.OPEN_HOUSE,
        "Werkgeversprojecten",
        JAAR,
        [("PROJ-MANPOWER", None, "1200.00", "traject", 10, 0)],
    ),
    (
        "INB-2026-016",
        "Philips",
        V.OPEN_HOUSE,
        "Werkgeversprojecten",
        JAAR,
        [("PROJ-PHILIPS", None, "1600.00", "traject", 6, 0)],
    ),
]

BUDGETTEN = [
    # jaar, route, bedrag, verwacht volume
    (2025, "b1", "520000.00", 200),
    (2025, "onderwijs", "160000.00", 35),
    (2025, "z", "210000.00", 60),
    (2026, "b1", "600000.00", 220),
    (2026, "onderwijs", "180000.00", 40),
    (2026, "z", "250000.00", 70),
    (2027, "b1", "620000.00", 230),
    (2027, "onderwijs", "180000.00", 40),
    (2027, "z", "260000.00", 75),
]

INSTROOMPROGNOSES = [
    # jaar, halfjaar, aantal, toelichting
    (2027, 1, 95, "Taakstelling 1e halfjaar 2027: 70 statushouders, plus 25 gezinsmigranten"),
    (2027, 2, 85, "Taakstelling 2e halfjaar 2027: 62 statushouders, plus 23 gezinsmigranten"),
    (2028, 1, 80, "Voorlopig: taakstelling nog niet bekend, gelijk aan 2027 min 5"),
]

KOSTENPOSTEN = [
    (2026, Kostenpost.Soort.FORMATIE, "Specialisten arbeidsparticipatie (5 fte)", "480000.00"),
    (2026, Kostenpost.Soort.FORMATIE, "Teamleider en administratie (1,5 fte)", "135000.00"),
    (2026, Kostenpost.Soort.INHUUR, "Inhuur klantregisseurs bij piek", "60000.00"),
    (2026, Kostenpost.Soort.ADVIES, "Evaluatie aanpak", "15000.00"),
    (2026, Kostenpost.Soort.OVERIG, "Tolken en vertalingen", "12500.00"),
    (2025, Kostenpost.Soort.FORMATIE, "Specialisten arbeidsparticipatie (4,5 fte)", "420000.00"),
    (2026, Kostenpost.Soort.SUBSIDIE, "Rijksbijdrage uitvoering Wet inburgering", "350000.00"),
    (2026, Kostenpost.Soort.VERGOEDING, "Vergoeding regionale coördinator (Divosa)", "25000.00"),
]


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
    for kenmerk, aanbieder, vorm, perceel, (start, eind), regeldata in CONTRACTEN:
        contract = bewaar(
            Contract,
            {"kenmerk": kenmerk},
            {
                "aanbieder": aanbieders[aanbieder],
                "inkoopvorm": vorm,
                "perceel": perceel,
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
                },
            )
    for jaar, route, bedrag, volume in BUDGETTEN:
        bewaar(
            Budget,
            {"jaar": jaar, "leerroute": routes[route]},
            {"bedrag": Decimal(bedrag), "verwacht_volume": volume},
        )
    for jaar, halfjaar, aantal, toelichting in INSTROOMPROGNOSES:
        bewaar(
            Instroomprognose,
            {"jaar": jaar, "halfjaar": halfjaar},
            {"aantal": aantal, "toelichting": toelichting},
        )
    for jaar, soort, omschrijving, bedrag in KOSTENPOSTEN:
        bewaar(
            Kostenpost,
            {"jaar": jaar, "soort": soort, "omschrijving": omschrijving},
            {"bedrag": Decimal(bedrag)},
        )
    return {"aanbieders": aanbieders, "trajecten": trajecten, "regels": regels, "routes": routes}


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
    AanbiederGebruiker.objects.get_or_create(
        gebruiker=gebruikers["aanbieder"],
        defaults={"aanbieder": Aanbieder.objects.get(naam=AANBIEDER_VAN_DEMO_GEBRUIKER)},
    )
    from registratie.models import Formatie

    for username, fte in DEMO_FORMATIE:
        Formatie.objects.get_or_create(
            specialist=gebruikers[username], van=dt.date(2024, 9, 1), defaults={"fte": fte}
        )
    return gebruikers


# The demo team: one full-time and one 0.8 fte specialist.
DEMO_FORMATIE = [("specialist", Decimal("1.00")), ("specialist2", Decimal("0.80"))]


VOORNAMEN = [
    "Amina",
    "Yonas",
    "Fatima",
    "Mohammed",
    "Selam",
    "Ahmad",
    "Rahaf",
    "Omar",
    "Helen",
    "Tesfay",
    "Nour",
    "Yusuf",
    "Mariam",
    "Bilal",
    "Saba",
    "Khaled",
    "Lina",
    "Dawit",
    "Huda",
    "Samir",
    "Aster",
    "Hassan",
    "Rim",
    "Filmon",
    "Zainab",
    "Tariq",
    "Eden",
    "Ali",
    "Layla",
    "Robel",
]
ACHTERNAMEN = [
    "Haile",
    "Al-Hassan",
    "Tesfamariam",
    "Ibrahim",
    "Gebremedhin",
    "Khalil",
    "Mohammadi",
    "Abdullah",
    "Berhane",
    "Nasser",
    "Yohannes",
    "Saleh",
    "Kidane",
    "Haddad",
    "Tekle",
    "Rahimi",
    "Osman",
    "Mengistu",
    "Darwish",
    "Ghebreyesus",
]
LANDEN = [
    ("Syrië", "Arabisch"),
    ("Eritrea", "Tigrinya"),
    ("Afghanistan", "Dari"),
    ("Jemen", "Arabisch"),
    ("Turkije", "Turks"),
    ("Ethiopië", "Amhaars"),
    ("Irak", "Arabisch"),
]
# Per traject priced by the hour or month: expected units per enrolment and the maximum per month.
EENHEDEN = {"SUM-NT2": (Decimal("400"), Decimal("60"))}

# What the prestatiedeel pays for, where it is not completion as planned.
PRESTATIES = {
    "WC-INTENSIEF": Contractregel.Prestatie.UITSTROOM,
    "RT-WERKFIT": Contractregel.Prestatie.TREDE,
}

ROUTE_TRAJECTEN = {
    "b1": [("RT-WERKFIT", "b1"), ("WC-INTENSIEF", "b1"), ("SUM-DUAAL", "b1")],
    "onderwijs": [("UAF-PREBACH", "onderwijs"), ("SUM-DUAAL", "onderwijs")],
    "z": [("WIJ-ALFA", "z"), ("WC-INTENSIEF", "z")],
}
OVERIG_REDENEN = [
    "samenwonen",
    "eigen_onderneming",
    "verhuisd",
    "aow",
    "verplichtingen_niet_nagekomen",
    "eigen_verzoek",
    "onbekend",
]
PROJECTEN = [
    "PROJ-POSTNL",
    "PROJ-DAF",
    "PROJ-GASCOGNE",
    "PROJ-DHL",
    "PROJ-ICS",
    "PROJ-MANPOWER",
    "PROJ-PHILIPS",
]
AANTAL_CLIENTEN = 320


def _tussen(rnd, begin: dt.date, eind: dt.date) -> dt.date:
    return begin + dt.timedelta(days=rnd.randint(0, max(0, (eind - begin).days)))


def laad_registratie(vandaag: dt.date | None = None, voortgang=None) -> int:
    """A few hundred pseudonymous clients spread over every status, with enrolments made
    through the enrolment service (so capacity, plafond and criteria hold), monthly progress
    reports and outflows. Skipped when the demo clients exist already."""

    from django.utils import timezone

    from registratie.models import Client, PlichtBron, PlichtStatus, Regime, Voortgangsrapportage
    from registratie.services import (
        client_uitstroom_registreer,
        inschrijving_beeindig,
        inschrijving_create,
        inschrijving_start,
    )

    if Client.objects.filter(clientnummer="EHV-0001").exists():
        return 0
    vandaag = vandaag or timezone.localdate()
    rnd = random.Random(2026)
    User = get_user_model()
    specialisten = list(User.objects.filter(username__in=["specialist", "specialist2"]))
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
    if voortgang is not None:
        voortgang(AANTAL_CLIENTEN, AANTAL_CLIENTEN)
    return AANTAL_CLIENTEN


def _onderbrekingen(vandaag: dt.date) -> None:
    """Spells: three clients lost their job and came back; four clients without a running
    traject dropped out (illness, pregnancy), two of whom are back."""
    from registratie.models import Client, Inschrijving
    from registratie.services import begeleiding_hervat, begeleiding_onderbreek

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


LEERBAAR = {
    "b1": ("gemiddeld", "hoog", "gemiddeld"),
    "onderwijs": ("hoog", "hoog", "gemiddeld"),
    "z": ("laag", "laag", "niet_afgenomen"),
}


def _inburgering(rnd, client, route: str, vandaag: dt.date) -> None:
    """The Wi2021 record after a PIP: KNM, PVT and MAP under way or done, language exams,
    now and then a switch to the Z-route or an afschaling to A2, and nazorg contacts after a
    placement in work. Its own random stream, so the rest of the demo stays as it was."""
    from registratie.inburgering import (
        examen_registreer,
        module_registreer,
        nazorgcontact_registreer,
        pip_vastleggen,
    )

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
            taaldoel="A2",
            reden="afschalen",
            door=door,
        )
    # KNM, the PVT at VluchtelingenWerk, MAP: months after the PIP, start and duration in
    # days, and how likely a finished one is recorded as such (None: always).
    for soort, na, start_dagen, duur_dagen, kans in (
        ("knm", 2, (20, 50), (90, 150), None),
        ("pvt", 3, (10, 30), (60, 90), None),
        ("map", 6, (60, 100), (80, 120), 0.7),
    ):
        if maanden < na:
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
    if route != "z" and maanden >= 10:
        datum = pip + dt.timedelta(days=rnd.randint(280, 320))
        niveau = "A2" if rnd.random() < 0.6 else "B1"
        for deel in ("lezen", "luisteren", "schrijven", "spreken"):
            if datum < vandaag and rnd.random() < 0.8:
                examen_registreer(
                    client=client,
                    onderdeel=deel,
                    datum=datum,
                    niveau=niveau,
                    behaald=rnd.random() < 0.75,
                    door=door,
                )
        if datum < vandaag:
            examen_registreer(
                client=client, onderdeel="knm", datum=datum, behaald=rnd.random() < 0.8, door=door
            )
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


def laad_declaraties(vandaag: dt.date | None = None) -> int:
    """Four months of declarations by every provider, through the same import and checks a
    provider's file goes through (a few lines are rejected: a wrong amount, more hours than
    the month's report), approved by the inkoper and paid in a batch. Withheld prestatiedelen
    of enrolments completed as planned are released in that batch. Skipped when present."""
    import tablib
    from django.utils import timezone

    from declaraties.importeren import DeclaratieResource, maandeinde
    from declaraties.models import Declaratie
    from declaraties.services import betaalbatch_maak, declaraties_keur_goed
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
        .select_related("contractregel")
        .order_by("pk")
    )
    for n, ins in enumerate(inschrijvingen):
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
            bedrag = (eenheden * ins.tarief).quantize(Decimal("0.01"))
            if n % 17 == 0:
                bedrag += Decimal("25.00")  # a wrong amount: T01
            dataset.append([str(ins.uuid), maand.isoformat(), eenheden, bedrag])
    uitkomst = importeer(DeclaratieResource(), dataset, dry_run=False, bestandsnaam="demo")
    if not uitkomst.geslaagd:
        raise RuntimeError(f"Demodeclaraties: {uitkomst.fouten[:3]}")
    inkoper = get_user_model().objects.get(username="inkoper")
    declaraties_keur_goed(declaraties=Declaratie.objects.filter(periode__lt=laatste), door=inkoper)
    betaalbatch_maak(
        declaraties=Declaratie.objects.all(),
        door=inkoper,
        omschrijving=f"Declaraties t/m {maandeinde(maanden[-2]):%d-%m-%Y}",
    )
    # The last month waits for approval, so the inkoper has something to do.
    return uitkomst.nieuw
