"""The procurement models, one module per subject; imported from here."""

from inkoop.models.contract import (
    ACTIEVE_STATUSSEN,
    GELD,
    VERPLICHT_BEDRAG,
    Contract,
    Contractregel,
    Jaarschijf,
    Perceel,
    inschrijvingen_op_regels,
    jaarschijven_bijwerken,
    neemt_plaats,
    pro_rata,
)
from inkoop.models.deelname import Contractdeelname
from inkoop.models.financiering import Bronverdeling
from inkoop.models.planning import Budget, Instroomprognose, Kostenpost
from inkoop.models.wijzigingen import Indexatie, Optie, geindexeerd_tarief

__all__ = [
    "ACTIEVE_STATUSSEN",
    "GELD",
    "VERPLICHT_BEDRAG",
    "Bronverdeling",
    "Budget",
    "Contract",
    "Contractdeelname",
    "Contractregel",
    "Indexatie",
    "Instroomprognose",
    "Jaarschijf",
    "Kostenpost",
    "Optie",
    "Perceel",
    "geindexeerd_tarief",
    "inschrijvingen_op_regels",
    "jaarschijven_bijwerken",
    "neemt_plaats",
    "pro_rata",
]
