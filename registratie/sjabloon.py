"""The provider's Excel templates, read back by the imports: for progress reports (Dutch
headers, one row per running enrolment with the peildatum filled in, drop-down lists for the
level and the step, the technical key last) and for exam results and modules (drop-down
lists, the provider's enrolments on a sheet of their own); each with a sheet that explains
every column."""

import datetime as dt

from django.utils import timezone

from aanbod.models import Taalniveau
from kern.excel import DATUM, GEHEEL, GETAL, TEKST, Blad, Kolom, werkboek
from registratie.models import Examen, Inschrijving, Module
from registratie.selectors import inschrijvingen_for

KOLOMMEN = [
    Kolom("Clientnummer", TEKST),
    Kolom("Naam", TEKST),
    Kolom("Traject", TEKST),
    Kolom("Trajectcode", TEKST),
    Kolom("Peildatum", DATUM, breedte=12),
    Kolom("Uren aangeboden", GETAL),
    Kolom("Uren gevolgd", GETAL),
    Kolom("Verzuim geoorloofd (uren)", GETAL),
    Kolom("Verzuim ongeoorloofd (uren)", GETAL),
    Kolom("Taalniveau", TEKST),
    Kolom("Participatieladder (trede 1-6)", GEHEEL),
    Kolom("Toelichting", TEKST, breedte=40),
    Kolom("Inschrijving (id, niet wijzigen)", TEKST, breedte=38),
]
TREDEN = ["1", "2", "3", "4", "5", "6"]

UITLEG = [
    ("Zo vult u het sjabloon in", ""),
    (
        "",
        "Eén regel per inschrijving per peildatum. De lopende inschrijvingen onder uw "
        "contracten staan er al in, met de peildatum ingevuld. Vul de uren en zo mogelijk "
        "taalniveau en trede in, sla op en upload het bestand onder 'Rapportages uploaden'. U "
        "ziet eerst wat er verandert; pas na bevestigen wordt er iets opgeslagen.",
    ),
    (
        "Clientnummer, Trajectcode",
        "Verplicht (of de kolom Inschrijving): zo vindt het register de inschrijving.",
    ),
    ("Naam, Traject", "Ter herkenning; het register leest deze kolommen niet."),
    (
        "Peildatum",
        "Verplicht. De datum waarop de rapportage betrekking heeft (dd-mm-jjjj), "
        "meestal de laatste dag van de maand; niet in de toekomst.",
    ),
    ("Uren aangeboden", "Verplicht. Uren die u de client in de periode heeft aangeboden."),
    ("Uren gevolgd", "Verplicht. Uren die de client heeft gevolgd; niet meer dan aangeboden."),
    ("Verzuim geoorloofd (uren)", "Uren afwezig met een geldige reden (ziekte, afspraak)."),
    ("Verzuim ongeoorloofd (uren)", "Uren afwezig zonder geldige reden."),
    (
        "Taalniveau",
        f"Bereikt niveau: {', '.join(Taalniveau.values)} (A0 = alfa). Kies uit de lijst.",
    ),
    (
        "Participatieladder (trede 1-6)",
        "1 geïsoleerd, 2 sociale contacten buitenshuis, 3 "
        "deelname aan georganiseerde activiteiten, 4 onbetaald werk, 5 betaald werk met "
        "ondersteuning, 6 betaald werk.",
    ),
    ("Toelichting", "Vrije tekst, bijvoorbeeld over verzuim of de voortgang."),
    (
        "Inschrijving (id, niet wijzigen)",
        "De technische sleutel van de inschrijving. Laat "
        "hem staan: hij maakt de regel eenduidig als een client twee keer hetzelfde traject "
        "volgt.",
    ),
    ("Getallen en datums", "Decimalen met een komma of punt (12,5); datums als 31-10-2026."),
]


def standaard_peildatum(vandaag: dt.date) -> dt.date:
    """The last day of the previous month: reports are made per month, never ahead."""
    return vandaag.replace(day=1) - dt.timedelta(days=1)


def voortgang_sjabloon(user, peildatum: dt.date) -> bytes:
    lopend = (
        inschrijvingen_for(user)
        .filter(status__in=Inschrijving.ACTIEF, startdatum__lte=peildatum)
        .order_by("client__clientnummer", "contractregel__traject__code")
    )
    rijen = [
        [
            i.client.clientnummer,
            i.client.naam,
            i.contractregel.traject.naam,
            i.contractregel.traject.code,
            peildatum,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            str(i.uuid),
        ]
        for i in lopend
    ]
    blad = Blad(
        "Voortgang",
        KOLOMMEN,
        rijen,
        keuzelijsten={9: list(Taalniveau.values), 10: TREDEN},
    )
    return werkboek(
        "Voortgangsrapportages",
        [blad],
        over=[("Peildatum", peildatum.strftime("%d-%m-%Y")), ("Regels", str(len(rijen)))],
        uitleg=UITLEG,
    )


def lopend(user, peildatum: dt.date):
    return (
        inschrijvingen_for(user)
        .filter(status__in=Inschrijving.ACTIEF, startdatum__lte=peildatum)
        .select_related("client", "contractregel__traject")
        .order_by("client__clientnummer", "contractregel__traject__code")
    )


RESULTAAT_KOLOMMEN = [
    Kolom("Clientnummer", TEKST),
    Kolom("Trajectcode", TEKST),
    Kolom("Soort", TEKST),
    Kolom("Onderdeel", TEKST),
    Kolom("Datum", DATUM, breedte=12),
    Kolom("Niveau", TEKST),
    Kolom("Behaald", TEKST),
    Kolom("Startdatum", DATUM, breedte=12),
    Kolom("Inschrijving (id)", TEKST, breedte=38),
]
RESULTAAT_UITLEG = [
    ("Zo vult u het sjabloon in", ""),
    (
        "",
        "Eén regel per examenuitslag of module. Neem clientnummer en trajectcode (of de id) "
        "over van het blad Inschrijvingen: alleen uw eigen inschrijvingen. Alles of niets: één "
        "fout en er wordt niets opgeslagen; hetzelfde bestand nog eens verandert niets.",
    ),
    ("Soort", "examen of module."),
    (
        "Onderdeel",
        "Examen: lezen, luisteren, schrijven, spreken, knm. Module: knm, map, ona, pvt, z_route.",
    ),
    ("Datum", "De examendatum, of de datum waarop de module is afgerond (dd-mm-jjjj)."),
    ("Niveau", "Bij een taalexamen het niveau (A1, A2, B1, ...); leeg bij KNM."),
    ("Behaald", "Bij een examen: ja of nee."),
    ("Startdatum", "Bij een module: wanneer ze begon (mag leeg)."),
]


def resultaten_sjabloon(user) -> bytes:
    """An empty sheet of results with drop-down lists, and the provider's running enrolments
    to take the client and traject from."""
    vandaag = timezone.localdate()
    inschrijvingen = Blad(
        "Inschrijvingen",
        [
            Kolom("Clientnummer", TEKST),
            Kolom("Naam", TEKST),
            Kolom("Traject", TEKST),
            Kolom("Trajectcode", TEKST),
            Kolom("Gestart", DATUM, breedte=12),
            Kolom("Inschrijving (id)", TEKST, breedte=38),
        ],
        [
            [
                i.client.clientnummer,
                i.client.naam,
                i.contractregel.traject.naam,
                i.contractregel.traject.code,
                i.startdatum,
                str(i.uuid),
            ]
            for i in lopend(user, vandaag)
        ],
    )
    onderdelen = sorted(set(Examen.Onderdeel.values) | set(Module.Soort.values))
    resultaten = Blad(
        "Resultaten",
        RESULTAAT_KOLOMMEN,
        [],
        keuzelijsten={
            2: ["examen", "module"],
            3: onderdelen,
            5: list(Taalniveau.values),
            6: ["ja", "nee"],
        },
    )
    return werkboek("Examens en modules", [resultaten, inschrijvingen], uitleg=RESULTAAT_UITLEG)


DUO_UITLEG = [
    ("Zo leest u een bestand van DUO in", ""),
    (
        "",
        "Per rij een examenuitslag of een besluit over de inburgeringsplicht van één client. "
        "Lees het in onder Clienten, 'DUO-bestand inlezen'. Alles of niets; hetzelfde bestand "
        "nog eens inlezen verandert niets.",
    ),
    ("BSN, Clientnummer", "Een van beide: wie het betreft."),
    ("Onderdeel", "Bij een examen: lezen, luisteren, schrijven, spreken of KNM."),
    ("Niveau", "Bij een taalexamen: A1, A2, B1, B2 of C1; leeg bij KNM."),
    ("Datum", "De examendatum of de datum van het besluit (dd-mm-jjjj), niet in de toekomst."),
    ("Uitslag", "Bij een examen: behaald of niet behaald."),
    ("Besluit", "plichtig, voldaan, vrijgesteld, ontheven, beëindigd of verlengd."),
    ("Einddatum", "Bij een verlenging: het nieuwe einde van de inburgeringstermijn."),
]


def duo_voorbeeld() -> bytes:
    """An example of DUO's file with one row of each kind (fictitious clients)."""
    dag = timezone.localdate() - dt.timedelta(days=7)
    kolommen = [
        Kolom("BSN", TEKST),
        Kolom("Clientnummer", TEKST),
        Kolom("Onderdeel", TEKST),
        Kolom("Niveau", TEKST),
        Kolom("Datum", DATUM, breedte=12),
        Kolom("Uitslag", TEKST),
        Kolom("Besluit", TEKST),
        Kolom("Einddatum", DATUM, breedte=12),
    ]
    rijen = [
        ["", "VOORBEELD-1", "lezen", "B1", dag, "behaald", "", None],
        ["", "VOORBEELD-1", "KNM", "", dag, "niet behaald", "", None],
        ["", "VOORBEELD-2", "", "", dag, "", "verlengd", dag + dt.timedelta(days=365)],
        ["", "VOORBEELD-3", "", "", dag, "", "ontheven", None],
    ]
    blad = Blad(
        "DUO",
        kolommen,
        rijen,
        keuzelijsten={
            2: ["lezen", "luisteren", "schrijven", "spreken", "KNM"],
            3: list(Taalniveau.values),
            5: ["behaald", "niet behaald"],
            6: ["plichtig", "voldaan", "vrijgesteld", "ontheven", "beëindigd", "verlengd"],
        },
    )
    return werkboek("Bestand van DUO", [blad], uitleg=DUO_UITLEG)
