from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kern.api.views import ImportExportMixin, RegisterViewSet
from kern.rollen import AANBIEDER, BEHEERDER, SPECIALIST
from registratie import services
from registratie.api.filters import (
    ClientFilter,
    InschrijvingFilter,
    VoortgangsrapportageFilter,
    WachtlijstFilter,
)
from registratie.api.serializers import (
    ClientSerializer,
    ClientVoorAanbiederSerializer,
    InschrijvingAanmakenSerializer,
    InschrijvingEindeSerializer,
    InschrijvingSerializer,
    InschrijvingStartSerializer,
    UitstroomSerializer,
    VoortgangsrapportageSerializer,
    WachtlijstAanmeldenSerializer,
    WachtlijstAccepterenSerializer,
    WachtlijstIntrekkenSerializer,
    WachtlijstplaatsSerializer,
    WachtlijstTellingSerializer,
    WachtlijstVoorrangSerializer,
)
from registratie.resources import VoortgangsrapportageResource
from registratie.selectors import (
    clienten_for,
    inschrijvingen_for,
    voortgangsrapportages_for,
    wachtlijst_for,
    wachtlijst_telling,
    ziet_dossiers,
)


class ClientViewSet(RegisterViewSet):
    """Clienten. A provider sees only clients with an enrolment in its contracts, and of them
    only clientnummer, name and leerroute. List: groups + count + page (3 queries)."""

    scope = staticmethod(clienten_for)
    schrijfrollen = (SPECIALIST, BEHEERDER)
    filterset_class = ClientFilter
    ordering_fields = [
        "clientnummer",
        "achternaam",
        "datum_inschrijving_gemeente",
        "pip_deadline",
        "nazorg_eind",
        "status",
    ]
    ordering = ["clientnummer"]

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False) or ziet_dossiers(self.request.user):
            return ClientSerializer
        return ClientVoorAanbiederSerializer

    @extend_schema(
        request=UitstroomSerializer,
        responses=ClientSerializer,
        summary="Registreer de uitstroom van een client",
    )
    @action(detail=True, methods=["post"])
    def uitstroom(self, request, uuid=None):
        client = self.get_object()
        invoer = UitstroomSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = dict(invoer.validated_data)
        client = services.client_uitstroom_registreer(
            client=client,
            datum=data.pop("datum"),
            reden=data.pop("reden"),
            door=request.user,
            **data,
        )
        return Response(ClientSerializer(self._opnieuw(client)).data)


class InschrijvingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Inschrijvingen. Creating one goes through inschrijving_create: 409 when the traject is
    full or the plafond would be exceeded, 400 for any other refusal.
    List: groups + count + page (3 queries; the provider's link adds 1)."""

    serializer_class = InschrijvingSerializer
    filterset_class = InschrijvingFilter
    lookup_field = "uuid"
    schrijfrollen = (SPECIALIST, BEHEERDER)
    ordering_fields = [
        "startdatum",
        "datum_aanmelding",
        "einddatum",
        "status",
        "client__clientnummer",
    ]
    ordering = ["-startdatum", "client__clientnummer"]

    def get_queryset(self):
        return inschrijvingen_for(self.request.user)

    @extend_schema(request=InschrijvingAanmakenSerializer, responses={201: InschrijvingSerializer})
    def create(self, request, *args, **kwargs):
        invoer = InschrijvingAanmakenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inschrijving = services.inschrijving_create(door=request.user, **invoer.validated_data)
        return Response(self._uit(inschrijving), status=status.HTTP_201_CREATED)

    @extend_schema(request=InschrijvingStartSerializer, responses=InschrijvingSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, uuid=None):
        invoer = InschrijvingStartSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inschrijving = services.inschrijving_start(
            inschrijving=self.get_object(), door=request.user, **invoer.validated_data
        )
        return Response(self._uit(inschrijving))

    @extend_schema(request=InschrijvingEindeSerializer, responses=InschrijvingSerializer)
    @action(detail=True, methods=["post"])
    def beeindig(self, request, uuid=None):
        invoer = InschrijvingEindeSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        inschrijving = services.inschrijving_beeindig(
            inschrijving=self.get_object(),
            einddatum=data["einddatum"],
            reden=data["reden_einde"],
            toelichting=data["toelichting"],
            door=request.user,
        )
        return Response(self._uit(inschrijving))

    def _uit(self, inschrijving):
        return InschrijvingSerializer(self.get_queryset().get(pk=inschrijving.pk)).data


class VoortgangsrapportageViewSet(ImportExportMixin, RegisterViewSet):
    """Voortgangsrapportages. A provider reports only on enrolments in its own contracts,
    one by one or as a file through `import/`. List: groups + count + page (3 queries)."""

    scope = staticmethod(voortgangsrapportages_for)
    serializer_class = VoortgangsrapportageSerializer
    resource_class = VoortgangsrapportageResource
    filterset_class = VoortgangsrapportageFilter
    schrijfrollen = (AANBIEDER, SPECIALIST, BEHEERDER)
    ordering_fields = ["peildatum", "ingediend_op", "participatieladder"]
    ordering = ["-peildatum"]

    def extra_velden(self):
        return {"ingediend_door": self.request.user}


class WachtlijstViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """De wachtlijst. Specialists and beheerders see who waits and put clients on it; every
    role sees how many wait per traject at `telling/` (a provider: its own trajecten), and
    nobody else sees who. Every write goes through the waiting-list services (400/409 with
    the reason). List: count + page (2 queries)."""

    serializer_class = WachtlijstplaatsSerializer
    filterset_class = WachtlijstFilter
    lookup_field = "uuid"
    schrijfrollen = (SPECIALIST, BEHEERDER)
    ordering_fields = ["rang", "aangevraagd_op", "geldig_tot"]
    ordering = ["rang"]

    def get_queryset(self):
        return wachtlijst_for(self.request.user)

    @extend_schema(
        request=WachtlijstAanmeldenSerializer, responses={201: WachtlijstplaatsSerializer}
    )
    def create(self, request, *args, **kwargs):
        invoer = WachtlijstAanmeldenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        plaats = services.wachtlijst_plaats(door=request.user, **invoer.validated_data)
        return Response(self._uit(plaats), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=WachtlijstAccepterenSerializer,
        responses={201: InschrijvingSerializer},
        summary="Neem de aangeboden plaats aan: de client wordt ingeschreven",
    )
    @action(detail=True, methods=["post"])
    def accepteren(self, request, uuid=None):
        invoer = WachtlijstAccepterenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inschrijving = services.wachtlijst_accepteer(
            plaats=self.get_object(), door=request.user, **invoer.validated_data
        )
        uit = inschrijvingen_for(request.user).get(pk=inschrijving.pk)
        return Response(InschrijvingSerializer(uit).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=WachtlijstIntrekkenSerializer,
        responses=WachtlijstplaatsSerializer,
        summary="Haal de client van de wachtlijst of wijs het aanbod af",
    )
    @action(detail=True, methods=["post"])
    def intrekken(self, request, uuid=None):
        invoer = WachtlijstIntrekkenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        plaats = services.wachtlijst_intrek(
            plaats=self.get_object(), door=request.user, reden=invoer.validated_data["reden"]
        )
        return Response(self._uit(plaats))

    @extend_schema(
        request=WachtlijstVoorrangSerializer,
        responses=WachtlijstplaatsSerializer,
        summary="Geef voorrang: de client komt vóór een andere wachtende (met reden)",
    )
    @action(detail=True, methods=["post"])
    def voorrang(self, request, uuid=None):
        invoer = WachtlijstVoorrangSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        voor = get_object_or_404(self.get_queryset(), uuid=invoer.validated_data["voor"])
        plaats = services.wachtlijst_voorrang(
            plaats=self.get_object(),
            voor=voor,
            reden=invoer.validated_data["reden"],
            door=request.user,
        )
        return Response(self._uit(plaats))

    @extend_schema(
        responses=WachtlijstTellingSerializer(many=True),
        summary="Hoeveel clienten wachten per traject (zonder wie)",
        filters=False,
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def telling(self, request):
        return Response(
            WachtlijstTellingSerializer(wachtlijst_telling(request.user), many=True).data
        )

    def _uit(self, plaats):
        return WachtlijstplaatsSerializer(self.get_queryset().get(pk=plaats.pk)).data
