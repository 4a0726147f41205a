"""The unit of every figure, in one place: a report column's unit decides how the page shows
its cells and which number format its Excel column gets, so a page and its download cannot
differ. A column names its unit (a third element in the report's column list); where it does
not, `eenheid_van` reads it from the column's name, title and values, once, by the rules
below."""

import datetime as dt
import re
from decimal import Decimal

from django.utils.formats import number_format

from kern.formaten import euro

AANTAL, EURO, PROCENT, GETAL, FTE, DAGEN, JAAR, DATUM, TEKST = (
    "aantal",
    "euro",
    "procent",
    "getal",
    "fte",
    "dagen",
    "jaar",
    "datum",
    "tekst",
)
EENHEDEN = (AANTAL, EURO, PROCENT, GETAL, FTE, DAGEN, JAAR, DATUM, TEKST)

# Names of money columns: a Decimal in another column (an expected number of clients, hours,
# fte) is a number, never euros.
_GELD = re.compile(
    r"tarief|bedrag|plafond|budget|kosten|prijs|besparing|saldo|verplicht|ruimte|betaald|"
    r"gecontracteerd|goedgekeurd|gerealiseerd|besteed|ingehouden|vrijgegeven|te_betalen|"
    r"vervallen|te_verwachten|per_afronding|per_uitstroom|uitgaven|euro"
)
_ISODATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PROCENT_SLEUTELS = ("percentage", "bezettingsgraad", "dekking", "aandeel", "graad")
_JAAR_SLEUTELS = ("jaar", "cohort")
_DAGEN = re.compile(r"dagen|wachttijd|doorlooptijd|mediaan|percentiel|p80")


def eenheid_van(sleutel: str, titel: str, waarden) -> str:
    """A column's unit from its name and title, and its values' type where the name does not
    say (the first value that is not empty)."""
    if sleutel in _JAAR_SLEUTELS:
        return JAAR
    waarde = next((w for w in waarden if w not in (None, "")), None)
    if isinstance(waarde, str) and _ISODATUM.match(waarde):
        return DATUM
    if isinstance(waarde, bool | str):
        return TEKST
    if isinstance(waarde, dt.date):
        return DATUM
    if "%" in titel or sleutel.startswith(_PROCENT_SLEUTELS) or sleutel.endswith("graad"):
        return PROCENT
    if _GELD.search(sleutel) or "€" in titel or "(EUR)" in titel:
        return EURO
    if _DAGEN.search(sleutel) or "dagen" in titel.lower():
        return DAGEN
    if sleutel.startswith("fte"):
        return FTE
    if isinstance(waarde, int) or (waarde is None and sleutel.startswith("aantal")):
        return AANTAL
    if isinstance(waarde, float | Decimal):
        return GETAL
    return TEKST


def toon(waarde, eenheid: str) -> str:
    """A cell as a Dutch reader expects it: € 1.234,50, 37,6 %, 1.234 (a count, and days),
    0,89 (fte), 84,7 (another number: hours, a forecast), 2026, 31-12-2026; empty is '–'."""
    if waarde is None or waarde == "":
        return "–"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if eenheid == JAAR:
        return str(waarde)
    if eenheid == DATUM:
        if isinstance(waarde, str):
            try:
                waarde = dt.date.fromisoformat(waarde)
            except ValueError:
                return waarde
        return waarde.strftime("%d-%m-%Y") if isinstance(waarde, dt.date) else str(waarde)
    if not isinstance(waarde, int | float | Decimal):
        return str(waarde)
    if eenheid == EURO:
        return euro(waarde)
    if eenheid == PROCENT:
        return f"{number_format(waarde, 1)} %"
    if eenheid in (AANTAL, DAGEN):
        return number_format(round(waarde), force_grouping=True)
    if eenheid == FTE:
        return number_format(waarde, 2, force_grouping=True)
    return number_format(waarde, 1, force_grouping=True)


def cel(rij: dict, kolom: dict) -> str:
    """A report cell in its column's unit, or its row's where the row names one (a
    percentage row among counts; the first, text, column keeps its own)."""
    eenheid = kolom.get("eenheid", TEKST)
    if rij.get("eenheid") and eenheid not in (TEKST, JAAR):
        eenheid = rij["eenheid"]
    return toon(rij.get(kolom["naam"]), eenheid)
