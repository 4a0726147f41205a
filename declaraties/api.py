"""Declarations and payment batches over the API: a provider declares through `import/` and
sees its own lines; the inkoper approves, rejects and pays in a batch."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from declaraties.boeken import betaalbatch_bestand
from declaraties.efactuur import FactuurFout, factuur_insturen
from declaraties.filters import DeclaratieApiFilter
from declaraties.importeren import DeclaratieResource
from declaraties.models import Betaalbatch, Declaratie, Factuur
from declaraties.selectors import betaalbatches_for, declaraties_for
from declaraties.services import (
    betaalbatch_intrekken,
    betaalbatch_maak,
    betaalbatch_vrijgeven,
    declaratie_wijs_af,
    declaraties_keur_goed,
)
from inkoop.models import Contract
from kern.api.schema import BESTAND
from kern.api.views import ImportExportMixin
from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, heeft_rol
from kern.services import exportlog


class DeclaratieSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    inschrijving = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    clientnummer = serializers.CharField(source="inschrijving.client.clientnummer", read_only=True)
    traject_code = serializers.CharField(
        source="inschrijving.contractregel.traject.code", read_only=True
    )
    contract = serializers.CharField(
        source="inschrijving.contractregel.contract.kenmerk", read_only=True
    )
    betaalbatch = serializers.SlugRelatedField(slug_field="nummer", read_only=True, allow_null=True)
    code = serializers.ChoiceField(
        choices=Declaratie.Code.choices, allow_blank=True, read_only=True, label="afwijzingscode"
    )
    wacht_op_tweede_akkoord = serializers.SerializerMethodField(
        help_text="Boven het vier-ogenbedrag: één persoon keurde goed, een tweede nog niet."
    )

    def get_wacht_op_tweede_akkoord(self, obj) -> bool:
        return obj.status == Declaratie.Status.INGEDIEND and obj.eerste_akkoord_door_id is not None

    class Meta:
        model = Declaratie
        fields = [
            "id",
            "inschrijving",
            "clientnummer",
            "traject_code",
            "contract",
            "periode",
            "eenheden",
            "bedrag",
            "ingehouden",
            "status",
            "code",
            "reden",
            "toelichting",
            "wacht_op_tweede_akkoord",
            "betaalbatch",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = fields


class DeclaratiesGoedkeurenSerializer(serializers.Serializer):
    """An approval names what it approves: a contract's submitted lines, or lines by id (the
    only way to approve a line submitted again after a rejection)."""

    contract = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Contract.objects.all(),
        required=False,
        help_text="Het contract (id) waarvan de ingediende regels worden goedgekeurd (niet de "
        "regels die na een afwijzing opnieuw zijn ingediend).",
    )
    declaraties = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        max_length=1000,
        help_text="Deze regels (id's), ook als ze na een afwijzing opnieuw zijn ingediend.",
    )

    def validate(self, data):
        if not data.get("contract") and not data.get("declaraties"):
            raise serializers.ValidationError(
                {"contract": "Kies het contract of de regels die u goedkeurt."}
            )
        return data


class EfactuurVerzoekSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="De factuur als UBL 2.1 (SI-UBL 2.0) XML.")


class EfactuurSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    regels = serializers.IntegerField(source="regels.count", read_only=True)

    class Meta:
        model = Factuur
        fields = ["id", "nummer", "datum", "ordernummer", "bedrag", "btw", "te_betalen", "regels"]
        read_only_fields = fields


class EfactuurFoutSerializer(serializers.Serializer):
    regel = serializers.IntegerField(
        allow_null=True, help_text="De factuurregel; leeg: de factuur."
    )
    element = serializers.CharField()
    melding = serializers.CharField()


class EfactuurWeigeringSerializer(serializers.Serializer):
    fouten = EfactuurFoutSerializer(many=True)


class DeclaratieAfwijzenSerializer(serializers.Serializer):
    reden = serializers.CharField(max_length=300)


class BetaalbatchSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    regels = serializers.IntegerField(read_only=True, source="aantal_regels")
    bedrag = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    contract = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Contract.objects.all(),
        required=False,
        allow_null=True,
        write_only=True,
        help_text="Alleen de goedgekeurde regels van dit contract; leeg: alle.",
    )

    status = serializers.SerializerMethodField(
        help_text="voorbereid: wacht op vrijgave door een tweede persoon; vrijgegeven: betaald."
    )
    aangemaakt_door = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    vrijgegeven_door = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Betaalbatch
        fields = [
            "id",
            "nummer",
            "omschrijving",
            "status",
            "regels",
            "bedrag",
            "contract",
            "aangemaakt_op",
            "aangemaakt_door",
            "vrijgegeven_op",
            "vrijgegeven_door",
        ]
        read_only_fields = ["nummer", "aangemaakt_op", "vrijgegeven_op"]

    def get_status(self, obj) -> str:
        return "vrijgegeven" if obj.vrijgegeven else "voorbereid"


def _alleen(request, *rollen):
    if not heeft_rol(request.user, *rollen):
        raise PermissionDenied("U heeft geen rol die dit toestaat.")


class DeclaratieViewSet(
    ImportExportMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Declaraties. A provider declares through `import/` (CSV/XLSX, all or nothing) and sees
    only its own lines with their status and rejection code; the inkoper approves (`goedkeuren/`,
    under the plafond) or rejects a line. List: count + page (2 queries)."""

    serializer_class = DeclaratieSerializer
    resource_class = DeclaratieResource
    filterset_class = DeclaratieApiFilter
    lookup_field = "uuid"
    schrijfrollen = (AANBIEDER, INKOPER, BEHEERDER)
    ordering_fields = ["periode", "bedrag", "status", "aangemaakt_op"]
    ordering = ["-periode", "inschrijving__client__clientnummer"]

    def get_queryset(self):
        return declaraties_for(self.request.user)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action == "importeer":  # an inkoper approves, it does not declare
            _alleen(request, AANBIEDER, BEHEERDER)

    @extend_schema(
        request=DeclaratiesGoedkeurenSerializer,
        responses={200: OpenApiTypes.OBJECT},
        summary="Keur de ingediende regels goed (binnen het plafond)",
    )
    @action(detail=False, methods=["post"])
    def goedkeuren(self, request):
        _alleen(request, INKOPER, BEHEERDER)
        invoer = DeclaratiesGoedkeurenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        qs, bekeken = self.get_queryset(), bool(invoer.validated_data.get("declaraties"))
        if contract := invoer.validated_data.get("contract"):
            qs = qs.filter(inschrijving__contractregel__contract=contract)
        if bekeken:
            qs = qs.filter(uuid__in=invoer.validated_data["declaraties"])
        return Response(declaraties_keur_goed(declaraties=qs, door=request.user, bekeken=bekeken))

    @extend_schema(
        request={"multipart/form-data": EfactuurVerzoekSerializer},
        responses={201: EfactuurSerializer, 400: EfactuurWeigeringSerializer},
        summary="Stuur een e-factuur (UBL 2.1, SI-UBL 2.0): heel aangenomen of heel geweigerd",
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def efactuur(self, request):
        _alleen(request, AANBIEDER)
        invoer = EfactuurVerzoekSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            factuur = factuur_insturen(bestand=invoer.validated_data["file"], door=request.user)
        except FactuurFout as fout:
            return Response({"fouten": fout.fouten}, status=status.HTTP_400_BAD_REQUEST)
        return Response(EfactuurSerializer(factuur).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DeclaratieAfwijzenSerializer, responses=DeclaratieSerializer)
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, uuid=None):
        _alleen(request, INKOPER, BEHEERDER)
        invoer = DeclaratieAfwijzenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        declaratie = declaratie_wijs_af(
            declaratie=self.get_object(), reden=invoer.validated_data["reden"], door=request.user
        )
        return Response(DeclaratieSerializer(self.get_queryset().get(pk=declaratie.pk)).data)


class BetaalbatchViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Betaalbatches (inkoper, beheerder). Creating one prepares every approved line (of one
    contract, or all); a second person with a mandate for its amount `vrijgeven/` it (then
    it is paid) or `intrekken/` it; `export/` gives a released batch to the financial system
    as CSV or XLSX."""

    serializer_class = BetaalbatchSerializer
    lookup_field = "uuid"

    def get_queryset(self):
        return betaalbatches_for(self.request.user)

    def create(self, request, *args, **kwargs):
        invoer = BetaalbatchSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        qs = declaraties_for(request.user)
        if contract := invoer.validated_data.get("contract"):
            qs = qs.filter(inschrijving__contractregel__contract=contract)
        batch = betaalbatch_maak(
            declaraties=qs,
            door=request.user,
            omschrijving=invoer.validated_data.get("omschrijving", ""),
        )
        return Response(
            BetaalbatchSerializer(self.get_queryset().get(pk=batch.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=None,
        responses=BetaalbatchSerializer,
        summary="Geef de betaalbatch vrij (vier ogen: niet wie hem maakte)",
    )
    @action(detail=True, methods=["post"])
    def vrijgeven(self, request, uuid=None):
        batch = self.get_object()
        betaalbatch_vrijgeven(batch=batch, bedrag=batch.bedrag, door=request.user)
        return Response(BetaalbatchSerializer(self.get_queryset().get(pk=batch.pk)).data)

    @extend_schema(request=None, responses={204: None}, summary="Trek de voorbereide batch in")
    @action(detail=True, methods=["post"])
    def intrekken(self, request, uuid=None):
        betaalbatch_intrekken(batch=self.get_object(), door=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        parameters=[OpenApiParameter("formaat", str, enum=["xlsx", "csv"])],
        responses=BESTAND,
        summary="De betaalbatch voor het financiële systeem",
    )
    @action(detail=True, methods=["get"])
    def export(self, request, uuid=None):
        formaat = request.query_params.get("formaat", "xlsx").lower()
        if formaat not in ("xlsx", "csv"):
            raise ValidationError({"formaat": "Kies xlsx of csv."})
        batch = self.get_object()
        inhoud, content_type = betaalbatch_bestand(batch, formaat)
        naam = f"betaalbatch-{batch.nummer}.{formaat}"
        response = HttpResponse(inhoud, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        exportlog(request, naam=naam)
        return response
