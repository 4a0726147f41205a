"""Background tasks over the API: how far one is, and its file when done (issue 26)."""

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated

from kern.api.schema import BESTAND
from kern.excel import XLSX_TYPE
from kern.models import Taak
from kern.taken import stand, taken_for


class TaakSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    procent = serializers.SerializerMethodField()
    resterend_seconden = serializers.SerializerMethodField()
    bestand = serializers.SerializerMethodField()

    class Meta:
        model = Taak
        fields = [
            "id",
            "soort",
            "titel",
            "status",
            "gedaan",
            "totaal",
            "procent",
            "resterend_seconden",
            "aangemaakt_op",
            "begonnen_op",
            "klaar_op",
            "melding",
            "fouten",
            "bestand",
        ]
        read_only_fields = fields

    def get_procent(self, obj) -> int | None:
        return stand(obj)["procent"]

    def get_resterend_seconden(self, obj) -> int | None:
        return stand(obj)["resterend_seconden"]

    def get_bestand(self, obj) -> str | None:
        if obj.status != Taak.Status.KLAAR or not obj.bestandsnaam:
            return None
        return self.context["request"].build_absolute_uri(f"/api/v1/taken/{obj.uuid}/bestand/")


class TaakViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your own background tasks (a beheerder: everyone's); another's is a 404."""

    serializer_class = TaakSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-fA-F-]{36}"

    def get_queryset(self):
        return taken_for(self.request.user)

    @extend_schema(responses=BESTAND, summary="Het bestand van een taak die klaar is")
    @action(detail=True, methods=["get"])
    def bestand(self, request, uuid=None):
        taak = self.get_object()
        if taak.status != Taak.Status.KLAAR or not taak.bestandsnaam:
            raise NotFound("Deze taak heeft (nog) geen bestand.")
        inhoud = Taak.objects.values_list("inhoud", flat=True).get(pk=taak.pk)
        soort = "text/csv" if taak.bestandsnaam.endswith(".csv") else XLSX_TYPE
        response = HttpResponse(bytes(inhoud), content_type=soort)
        response["Content-Disposition"] = f'attachment; filename="{taak.bestandsnaam}"'
        return response
