import datetime as dt
from decimal import Decimal

from aanbod.models import Aanbieder, Traject
from inkoop.models import Contract, Contractregel, Kostenpost
from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST

DEMO_WACHTWOORD = "demo-2026"


DEMO_GEBRUIKERS = [
    # username, role, first name, last name, staff
    ("beheerder", BEHEERDER, "Bea", "Beheer", True),
    ("inkoper", INKOPER, "Ingrid", "Inkoop", True),
    ("specialist", SPECIALIST, "Sanne", "de Vries", False),
    ("specialist2", SPECIALIST, "Youssef", "El Amrani", False),
    ("aanbieder", AANBIEDER, "Rik", "van Refugee Team", False),
    ("specialist-helmond", SPECIALIST, "Hanna", "Maas", False),
    ("specialist-veldhoven", SPECIALIST, "Vincent", "Aarts", False),
    ("specialist-best", SPECIALIST, "Bas", "Kuipers", False),
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
    # UAF guides higher-educated refugees towards study, beside any route; the onderwijsroute
    # is Summa's taalschakeltraject (its age rule is the route's, not the traject's).
    (
        "UAF-PREBACH",
        "UAF",
        "Pre-bachelor (hoger onderwijs)",
        S.HOGER_ONDERWIJS,
        [],
        40,
        Decimal("20"),
        None,
    ),
    (
        "SUM-DUAAL",
        "Summa College",
        "Duaal traject: mbo Entree en taal, daarna BBL of werk",
        S.DUAAL,
        ["onderwijs", "b1"],
        52,
        Decimal("24"),
        None,
    ),
    (
        "SUM-TST",
        "Summa College",
        "Taalschakeltraject (onderwijsroute)",
        S.TAAL,
        ["onderwijs"],
        78,
        Decimal("20"),
        None,
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
    (
        "VWN-KNM",
        "VluchtelingenWerk Zuid-Nederland",
        "KNM-cursus",
        S.KNM,
        [],
        10,
        Decimal("3"),
        None,
    ),
    (
        "VWN-MAP",
        "VluchtelingenWerk Zuid-Nederland",
        "MAP-module",
        S.MAP,
        [],
        12,
        Decimal("2"),
        None,
    ),
    (
        "WIJ-ALFA",
        "WIJeindhoven",
        "Alfabetisering",
        S.ALFABETISERING,
        ["z", "b1"],
        40,
        Decimal("6"),
        None,
    ),
    (
        "WIJ-ZROUTE",
        "WIJeindhoven",
        "Z-route-programma",
        S.Z_ROUTE,
        ["z"],
        52,
        Decimal("16"),
        None,
    ),
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


# Contract changes: the Refugee Team's fourth year was an option, exercised in June 2026 (so
# the contract now runs to 2028), and a fifth year is still open; Summa's NT2 hours are
# indexed from July 2026; the Refugee Team pays pro rata when a client drops out, Summa's
# duale trajecten pay the whole price after six months.
OPTIES = [
    # kenmerk, verlengt tot, uiterlijk uit te oefenen, uitgeoefend op
    ("INB-2025-101", dt.date(2028, 12, 31), dt.date(2027, 12, 31), dt.date(2026, 6, 15)),
    ("INB-2025-101", dt.date(2029, 12, 31), dt.date(2028, 9, 30), None),
]
INDEXATIES = [
    # kenmerk, traject (None: all regels), vanaf, percentage, toelichting
    ("INB-2025-102", "SUM-NT2", dt.date(2026, 7, 1), "3.10", "CAO-loonindex 2026"),
]
VOORTIJDIG_EINDE = {
    "RT-WERKFIT": (Contractregel.BijVoortijdigEinde.PER_MAAND, None),
    "SUM-DUAAL": (Contractregel.BijVoortijdigEinde.VOLLEDIG_NA_MINIMUM, 6),
}


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
        [("UAF-PREBACH", None, "3520.00", "traject", 10, 0)],
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
            ("SUM-TST", "onderwijs", "11500.00", "traject", 20, 0),
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
            ("VWN-KNM", None, "420.00", "traject", 120, 0),
            ("VWN-MAP", None, "650.00", "traject", 200, 0),
        ],
    ),
    (
        "INB-2026-006",
        "WIJeindhoven",
        V.SUBSIDIE,
        "Perceel 3 Z-route",
        JAAR,
        [
            ("WIJ-ALFA", "z", "2100.00", "traject", 8, 0),
            ("WIJ-ALFA", "b1", "2100.00", "traject", 6, 0),
            ("WIJ-ZROUTE", "z", "9500.00", "traject", 12, 0),
        ],
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
