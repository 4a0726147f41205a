"""The waiting list in the API."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    extend_schema,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kern.api.views import ObjectEerst
from kern.rollen import BEHEERDER, SPECIALIST
from registratie import services
from registratie.api.filters import (
    WachtlijstFilter,
)
from registratie.api.serializers import (
    InschrijvingSerializer,
    WachtlijstAanmeldenSerializer,
    WachtlijstAccepterenSerializer,
    WachtlijstIntrekkenSerializer,
    WachtlijstplaatsSerializer,
    WachtlijstTellingSerializer,
    WachtlijstVoorrangSerializer,
)
from registratie.selectors import (
    inschrijvingen_for,
    wachtlijst_for,
    wachtlijst_telling,
)

# A dossier role gets the whole client, a provider its few fields: the schema says both.


class WachtlijstViewSet(
    ObjectEerst,
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
        invoer = WachtlijstAanmeldenSerializer(data=request.data, context={"request": request})
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
