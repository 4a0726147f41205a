"""The register's periods from the law and its code lists: terms in months and weeks, the
outflow reasons, the plicht's regime, status and source, and the BSN check."""

import calendar
import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from aanbod.models import Taalniveau

NAZORG_MAANDEN = 4
PIP_WEKEN = 10
ONTZORGEN_MIN_MAANDEN = 6
SCHAKELEN_MAANDEN = 18
INBURGERINGSTERMIJN_MAANDEN = 36
TERMIJNVELDEN = (
    "pip_deadline",
    "ontzorgen_minimaal_tot",
    "schakelen_uiterlijk",
    "nazorg_eind",
    "termijn_start",
    "termijn_eind",
)


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """Calendar months later; the 31st becomes the last day of a shorter month."""
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    jaar, maand = datum.year + jaar, maand + 1
    return dt.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))


def standaard_taaldoel(leerroute: str | None) -> str:
    """The language goal a route sets unless the PIP says otherwise: B1 for the B1-route and
    the onderwijsroute; the Z-route has none (as much as the client can)."""
    return Taalniveau.B1 if leerroute in ("b1", "onderwijs") else ""


def elfproef(bsn: str) -> bool:
    """Nine ASCII digits passing the BSN's eleven test ('isdigit' alone lets full-width and
    Arabic-Indic digits through: one person, three spellings)."""
    if not (len(bsn) == 9 and bsn.isascii() and bsn.isdigit()):
        return False
    totaal = sum(int(c) * w for c, w in zip(bsn[:8], range(9, 1, -1), strict=True))
    return (totaal - int(bsn[8])) % 11 == 0


def bsn_sleutel(bsn: str | None) -> str | None:
    """The BSN's search key (settings.BSN_ZOEKSLEUTEL): equal BSNs, equal keys; without the
    key it says nothing."""
    if not bsn:
        return None
    return hmac.new(settings.BSN_ZOEKSLEUTEL.encode(), bsn.encode(), hashlib.sha256).hexdigest()


def valideer_bsn(waarde: str) -> None:
    if waarde and not elfproef(waarde):
        raise ValidationError("Dit is geen geldig BSN (9 cijfers die voldoen aan de elfproef).")


class Uitstroomreden(models.TextChoices):
    VOLTIJD_BAAN = "voltijd_baan", "voltijd baan"
    DEELTIJD_BAAN = "deeltijd_baan", "deeltijd baan"
    OPLEIDING = "opleiding", "opleiding"
    OVERIG = "overig", "overig"


NAAR_NAZORG = {Uitstroomreden.VOLTIJD_BAAN, Uitstroomreden.DEELTIJD_BAAN, Uitstroomreden.OPLEIDING}


class UitstroomSubreden(models.TextChoices):
    SAMENWONEN = "samenwonen", "samenwonen met werkende partner"
    EIGEN_ONDERNEMING = "eigen_onderneming", "eigen onderneming"
    VERHUISD = "verhuisd", "verhuisd naar andere gemeente"
    AOW = "aow", "AOW-leeftijd"
    VERPLICHTINGEN = "verplichtingen_niet_nagekomen", "verplichtingen niet nagekomen"
    EIGEN_VERZOEK = "eigen_verzoek", "op eigen verzoek"
    ONBEKEND = "onbekend", "onbekend"


class AbcUitkomst(models.TextChoices):
    """The outcome of the voortraject's signed ABC plan, as the brede intake records it."""

    WERK = "werk", "werk"
    ONDERWIJS_SCHOLING = "onderwijs_scholing", "onderwijs-scholing"
    GEEN = "geen", "geen"


class Regime(models.TextChoices):
    WI2013 = "wi2013", "Wet inburgering 2013"
    WI2021 = "wi2021", "Wet inburgering 2021"


class PlichtStatus(models.TextChoices):
    PLICHTIG = "plichtig", "inburgeringsplichtig"
    VRIJGESTELD = "vrijgesteld", "vrijgesteld"
    ONTHEVEN = "ontheven", "ontheven"
    VOLDAAN = "voldaan", "voldaan"
    BEEINDIGD = "beeindigd", "beëindigd"


class Doelgroep(models.TextChoices):
    """The target groups of the Wet inburgering 2021 (art. 1 Wi2021, MvT 35 483 nr. 3
    §2.3.1): the gemeente offers and pays the leerroute, and ontzorgt, for the
    asielstatushouder only; a gezinsmigrant or overige migrant arranges the course and pays
    it (with DUO's loan), and gets the brede intake, PIP, MAP and PVT from the gemeente."""

    ASIELSTATUSHOUDER = "asiel", "asielstatushouder"
    GEZINSMIGRANT = "gezin", "gezinsmigrant"
    OVERIGE_MIGRANT = "overig", "overige migrant"


class DoelgroepBron(models.TextChoices):
    DUO = "duo", "DUO (brief inburgeringsplicht)"
    IND = "ind", "IND (verblijfsvergunning)"
    GEMEENTE = "gemeente", "gemeente (brede intake)"


class PlichtBron(models.TextChoices):
    DUO = "duo", "DUO"
    GEMEENTE = "gemeente", "gemeente"


class Leerbaarheid(models.TextChoices):
    """The outcome of DUO's leerbaarheidstoets, as the brede intake records it."""

    HOOG = "hoog", "hoog"
    GEMIDDELD = "gemiddeld", "gemiddeld"
    LAAG = "laag", "laag"
    NIET_AFGENOMEN = "niet_afgenomen", "niet afgenomen"
