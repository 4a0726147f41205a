from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from financien.models import Financieringsbron
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
from inkoop.services import bronnen_vastleggen
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


class FinancieringSerializer(serializers.Serializer):
    aandelen = serializers.DictField(
        child=serializers.DecimalField(max_digits=5, decimal_places=2),
        help_text="Per financieringsbron (code) het aandeel in procenten, samen 100; leeg: "
        "geen bron genoemd.",
    )


class ContractregelViewSet(ImportExportMixin, RegisterViewSet):
    """Contractregels with bezet, vrij and bezettingsgraad. List query: count + page (2).
    `financiering/` reads and sets which funding streams pay the line (issue 25)."""

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

    @extend_schema(
        methods=["PUT"],
        request=FinancieringSerializer,
        responses=FinancieringSerializer,
        summary="Leg de financiering van de regel vast (aandelen per bron, samen 100 %)",
    )
    @extend_schema(methods=["GET"], responses=FinancieringSerializer)
    # Named apart from the page of the same path (inkoop.urls, "contractregel-financiering").
    @action(detail=True, methods=["get", "put"], url_path="financiering", url_name="bronnen")
    def financiering(self, request, uuid=None):
        regel = self.get_object()
        if request.method == "PUT":
            invoer = FinancieringSerializer(data=request.data)
            invoer.is_valid(raise_exception=True)
            codes = invoer.validated_data["aandelen"]
            bronnen = {b.code: b for b in Financieringsbron.objects.filter(code__in=codes)}
            if onbekend := sorted(set(codes) - set(bronnen)):
                raise ValidationError({"aandelen": f"Onbekende bron(nen): {', '.join(onbekend)}."})
            bronnen_vastleggen(
                regel=regel,
                aandelen={bronnen[c]: a for c, a in codes.items()},
                door=request.user,
            )
        aandelen = {
            b.bron.code: b.aandeel
            for b in regel.bronverdeling.select_related("bron").order_by("bron")
        }
        return Response(FinancieringSerializer({"aandelen": aandelen}).data)


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
