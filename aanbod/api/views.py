from aanbod.api.filters import AanbiederFilter, TrajectFilter
from aanbod.api.serializers import AanbiederSerializer, TrajectSerializer
from aanbod.resources import AanbiederResource, TrajectResource
from aanbod.selectors import aanbieders_for, trajecten_for
from kern.api.views import ImportExportMixin, RegisterViewSet


class AanbiederViewSet(ImportExportMixin, RegisterViewSet):
    """Aanbieders (providers). List query: count + page (2 queries)."""

    scope = staticmethod(aanbieders_for)
    serializer_class = AanbiederSerializer
    resource_class = AanbiederResource
    filterset_class = AanbiederFilter
    ordering_fields = ["naam", "soort", "keurmerk_geldig_tot", "aangemaakt_op"]
    ordering = ["naam"]


class TrajectViewSet(ImportExportMixin, RegisterViewSet):
    """Trajecten. List query: count + page (with aanbieder) + leerroutes prefetch (3 queries)."""

    scope = staticmethod(trajecten_for)
    serializer_class = TrajectSerializer
    resource_class = TrajectResource
    filterset_class = TrajectFilter
    ordering_fields = ["naam", "code", "soort", "duur_weken", "aanbieder__naam"]
    ordering = ["aanbieder__naam", "naam"]
