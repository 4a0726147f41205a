from inkoop.api.filters import BudgetFilter, ContractFilter, ContractregelFilter, KostenpostFilter
from inkoop.api.permissions import BeheertContracten
from inkoop.api.serializers import (
    BudgetSerializer,
    ContractregelSerializer,
    ContractSerializer,
    InstroomprognoseSerializer,
    KostenpostSerializer,
)
from inkoop.resources import (
    BudgetResource,
    ContractregelResource,
    ContractResource,
    KostenpostResource,
)
from inkoop.selectors import (
    budgetten_for,
    contracten_for,
    contractregels_for,
    instroomprognoses_for,
    kostenposten_for,
)
from kern.api.views import ImportExportMixin, RegisterViewSet


class ContractViewSet(ImportExportMixin, RegisterViewSet):
    """Contracten with verplicht bedrag and ruimte onder plafond (one subquery each).
    List query: count + page (2 queries)."""

    scope = staticmethod(contracten_for)
    permission_classes = [BeheertContracten]
    serializer_class = ContractSerializer
    resource_class = ContractResource
    filterset_class = ContractFilter
    ordering_fields = [
        "kenmerk",
        "startdatum",
        "einddatum",
        "plafond",
        "verplicht_bedrag",
        "ruimte_onder_plafond",
        "aanbieder__naam",
    ]
    ordering = ["-startdatum", "kenmerk"]


class ContractregelViewSet(ImportExportMixin, RegisterViewSet):
    """Contractregels with bezet, vrij and bezettingsgraad. List query: count + page (2)."""

    scope = staticmethod(contractregels_for)
    permission_classes = [BeheertContracten]
    serializer_class = ContractregelSerializer
    resource_class = ContractregelResource
    filterset_class = ContractregelFilter
    ordering_fields = [
        "tarief",
        "capaciteit",
        "bezet",
        "vrij",
        "bezettingsgraad",
        "traject__naam",
        "contract__kenmerk",
    ]
    ordering = ["contract__kenmerk", "traject__naam"]


class BudgetViewSet(ImportExportMixin, RegisterViewSet):
    """Budgetten per jaar en leerroute, with what is contracted. List: count + page (2)."""

    scope = staticmethod(budgetten_for)
    serializer_class = BudgetSerializer
    resource_class = BudgetResource
    filterset_class = BudgetFilter
    ordering_fields = ["jaar", "bedrag", "gecontracteerd_bedrag"]
    ordering = ["-jaar", "leerroute__volgorde"]


class KostenpostViewSet(ImportExportMixin, RegisterViewSet):
    """Kostenposten of the programme itself. List: count + page (2)."""

    scope = staticmethod(kostenposten_for)
    serializer_class = KostenpostSerializer
    resource_class = KostenpostResource
    filterset_class = KostenpostFilter
    ordering_fields = ["jaar", "soort", "bedrag", "omschrijving"]
    ordering = ["-jaar", "soort", "omschrijving"]


class InstroomprognoseViewSet(RegisterViewSet):
    """Instroomprognoses per halfjaar (inkoper, beheerder). A half-year that is over is
    accepted with a `waarschuwing`. List: count + page (2)."""

    scope = staticmethod(instroomprognoses_for)
    serializer_class = InstroomprognoseSerializer
    filterset_fields = ["jaar", "halfjaar"]
    ordering_fields = ["jaar", "halfjaar"]
    ordering = ["jaar", "halfjaar"]
