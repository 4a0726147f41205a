"""The provider's Excel template for declarations: one row per running enrolment for the
month, the tarief and its unit beside it for information, and a sheet that explains every
column; the declaration import reads it back."""

import datetime as dt

from kern.excel import GELD, GETAL, TEKST, Blad, Kolom, werkboek
from registratie.sjabloon import lopend

DECLARATIE_KOLOMMEN = [
    Kolom("Clientnummer", TEKST),
    Kolom("Naam", TEKST),
    Kolom("Traject", TEKST),
    Kolom("Trajectcode", TEKST),
    Kolom("Periode (jjjj-mm)", TEKST, breedte=12),
    Kolom("Eenheden", GETAL),
    Kolom("Tarief (ter info)", GELD),
    Kolom("Tariefeenheid (ter info)", TEKST),
    Kolom("Bedrag", GELD),
    Kolom("Toelichting", TEKST, breedte=40),
    Kolom("Inschrijving (id, niet wijzigen)", TEKST, breedte=38),
]
DECLARATIE_UITLEG = [
    ("Zo vult u het sjabloon in", ""),
    (
        "",
        "Eén regel per inschrijving per maand. Uw lopende inschrijvingen staan er al in, met de "
        "maand ingevuld; vul de eenheden en het bedrag in en verwijder de regels die u deze "
        "maand niet declareert. Upload het bestand onder 'Declaraties'; u ziet eerst wat er "
        "verandert en welke regels worden afgewezen, pas na bevestigen wordt er iets opgeslagen.",
    ),
    ("Clientnummer, Trajectcode", "Verplicht (of de kolom Inschrijving)."),
    ("Naam, Traject, Tarief, Tariefeenheid", "Ter informatie; het register leest ze niet."),
    ("Periode", "Verplicht. De maand van de declaratie als jjjj-mm (2026-10); niet later."),
    (
        "Eenheden",
        "Verplicht. Uren, dagdelen of maanden volgens de tariefeenheid; 1 bij een trajectprijs.",
    ),
    ("Bedrag", "Verplicht. Eenheden × het gecontracteerde tarief, in euro's."),
    ("Toelichting", "Vrije tekst, bijvoorbeeld bij een afwijking."),
    ("Inschrijving (id, niet wijzigen)", "De technische sleutel; laat hem staan."),
]


def declaratie_sjabloon(user, periode: dt.date) -> bytes:
    """The provider's declarations for one month: a row per running enrolment."""
    einde = (periode.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(1)
    rijen = [
        [
            i.client.clientnummer,
            i.client.naam,
            i.contractregel.traject.naam,
            i.contractregel.traject.code,
            f"{periode:%Y-%m}",
            None,
            i.tarief,
            i.contractregel.get_eenheid_display(),
            None,
            None,
            str(i.uuid),
        ]
        for i in lopend(user, einde)
    ]
    return werkboek(
        "Declaraties",
        [Blad("Declaraties", DECLARATIE_KOLOMMEN, rijen)],
        over=[("Periode", f"{periode:%m-%Y}"), ("Regels", str(len(rijen)))],
        uitleg=DECLARATIE_UITLEG,
    )
