from decimal import Decimal

from inkoop.models import Contractregel

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
    "onderwijs": [("SUM-TST", "onderwijs"), ("SUM-DUAAL", "onderwijs")],
    "z": [("WIJ-ALFA", "z"), ("WIJ-ZROUTE", "z")],
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


LEERBAAR = {
    "b1": ("gemiddeld", "hoog", "gemiddeld"),
    "onderwijs": ("hoog", "hoog", "gemiddeld"),
    "z": ("laag", "laag", "niet_afgenomen"),
}

# On DUO's demo list of inburgeringsplichtigen but not in the register: niet in beeld.
NIET_IN_BEELD = ["EHV-0901", "EHV-0902", "EHV-0903"]
