from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from kern.api.serializers import ImportUitkomstSerializer, ImportVerzoekSerializer
from kern.api.views import (
    FiltersPerRol,
    ImportExportMixin,
    ObjectEerst,
    RegisterViewSet,
    bestand_importeren,
)
from kern.models import Auditregel
from kern.rollen import AANBIEDER, BEHEERDER, SPECIALIST
from kern.services import audit_log
from registratie import begeleiding, examens, inburgering, services
from registratie.api.filters import (
    ClientFilter,
    ClientFilterVoorAanbieder,
    InschrijvingFilter,
    InschrijvingFilterVoorAanbieder,
    VoortgangsrapportageFilter,
    VoortgangsrapportageFilterVoorAanbieder,
)
from registratie.api.inburgering import (
    ExamenInvoerSerializer,
    ExamenSerializer,
    InburgeringSerializer,
    ModuleInvoerSerializer,
    ModuleSerializer,
    NazorgcontactSerializer,
    NazorgInvoerSerializer,
    PipInvoerSerializer,
    PipVersieSerializer,
    TerugkeerSerializer,
    UitvalSerializer,
    VerlengingInvoerSerializer,
    VerlengingSerializer,
)
from registratie.api.serializers import (
    ClientSerializer,
    ClientVoorAanbiederSerializer,
    InschrijvingAanmakenSerializer,
    InschrijvingEindeSerializer,
    InschrijvingSerializer,
    InschrijvingStartSerializer,
    PrestatieBevestigenSerializer,
    UitstroomSerializer,
    VoortgangsrapportageSerializer,
)
from registratie.models import Client
from registratie.prestaties import prestatie_bevestig
from registratie.resources import VoortgangsrapportageResource
from registratie.resultaten import Resultatenbestand
from registratie.selectors import (
    clienten_for,
    inschrijvingen_for,
    voortgangsrapportages_for,
    ziet_dossiers,
)

# A dossier role gets the whole client, a provider its few fields: the schema says both.
CLIENT_OF_BEPERKT = PolymorphicProxySerializer(
    component_name="ClientOfBeperkt",
    serializers=[ClientSerializer, ClientVoorAanbiederSerializer],
    resource_type_field_name=None,
)


@extend_schema_view(
    list=extend_schema(responses=CLIENT_OF_BEPERKT),
    retrieve=extend_schema(responses=CLIENT_OF_BEPERKT),
)
class ClientViewSet(FiltersPerRol, RegisterViewSet):
    """Clienten. A provider sees only clients with an enrolment in its contracts, and of them
    only clientnummer, name and leerroute, and filters and sorts on those alone.
    List: groups + count + page (3 queries)."""

    scope = staticmethod(clienten_for)
    schrijfrollen = (SPECIALIST, BEHEERDER)
    alle_filters = ClientFilter
    filters_voor_aanbieder = ClientFilterVoorAanbieder
    ordering_voor_aanbieder = ["clientnummer", "achternaam"]
    alle_ordering = [
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

    def _gelezen(self, client, wat: str) -> None:
        audit_log(
            door=self.request.user,
            actie=Auditregel.Actie.GELEZEN,
            instance=client,
            omschrijving=f"{wat} {client.clientnummer} (API)",
        )

    def retrieve(self, request, *args, **kwargs):
        client = self.get_object()
        self._gelezen(client, "Client")
        return Response(self.get_serializer(client).data)

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
        client = begeleiding.client_uitstroom_registreer(
            client=client,
            datum=data.pop("datum"),
            reden=data.pop("reden"),
            door=request.user,
            **data,
        )
        return Response(ClientSerializer(self._opnieuw(client)).data)

    @extend_schema(
        request=UitvalSerializer,
        responses=ClientSerializer,
        summary="De begeleiding is onderbroken (uitval)",
    )
    @action(detail=True, methods=["post"])
    def uitval(self, request, uuid=None):
        invoer = UitvalSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        begeleiding.begeleiding_onderbreek(
            client=self.get_object(), door=request.user, **invoer.validated_data
        )
        return Response(ClientSerializer(self._opnieuw(self.get_object())).data)

    @extend_schema(
        request=TerugkeerSerializer,
        responses=ClientSerializer,
        summary="De client is terug in begeleiding (na uitval of uitstroom)",
    )
    @action(detail=True, methods=["post"])
    def terugkeer(self, request, uuid=None):
        invoer = TerugkeerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        client = begeleiding.begeleiding_hervat(
            client=self.get_object(), door=request.user, **invoer.validated_data
        )
        return Response(ClientSerializer(self._opnieuw(client)).data)

    def _dossier(self):
        if not ziet_dossiers(self.request.user):
            raise PermissionDenied("Het inburgeringsdossier is alleen voor specialisten.")
        return self.get_object()

    @extend_schema(responses=InburgeringSerializer, summary="Het Wi2021-dossier van een client")
    @action(detail=True, methods=["get"])
    def inburgering(self, request, uuid=None):
        client = self._dossier()
        self._gelezen(client, "Inburgering")
        client = (
            Client.objects.filter(pk=client.pk)
            .prefetch_related(
                "pip_versies__leerroute",
                "pip_versies__vastgelegd_door",
                "verlengingen",
                "modules__inschrijving",
                "examens__inschrijving",
                "nazorgcontacten",
                "onderbrekingen",
            )
            .get()
        )
        return Response(InburgeringSerializer(client).data)

    def _schrijf(self, invoer_class, uit_class, service, **vast):
        client = self._dossier()
        invoer = invoer_class(data=self.request.data)
        invoer.is_valid(raise_exception=True)
        argumenten = (
            invoer.als_argumenten()
            if hasattr(invoer, "als_argumenten")
            else dict(invoer.validated_data)
        )
        uit = service(client=client, door=self.request.user, **argumenten, **vast)
        return Response(uit_class(uit).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=PipInvoerSerializer,
        responses={201: PipVersieSerializer},
        summary="Leg een PIP-besluit vast (eerste PIP, schakelen, afschalen, overig)",
    )
    @action(detail=True, methods=["post"])
    def pip(self, request, uuid=None):
        return self._schrijf(PipInvoerSerializer, PipVersieSerializer, inburgering.pip_vastleggen)

    @extend_schema(
        request=VerlengingInvoerSerializer,
        responses={201: VerlengingSerializer},
        summary="Verleng de inburgeringstermijn",
    )
    @action(detail=True, methods=["post"])
    def verlenging(self, request, uuid=None):
        return self._schrijf(
            VerlengingInvoerSerializer, VerlengingSerializer, inburgering.termijn_verleng
        )

    @extend_schema(
        request=ModuleInvoerSerializer,
        responses={201: ModuleSerializer},
        summary="Leg de start of afronding van een module vast",
    )
    @action(detail=True, methods=["post"])
    def module(self, request, uuid=None):
        return self._schrijf(ModuleInvoerSerializer, ModuleSerializer, examens.module_registreer)

    @extend_schema(
        request=ExamenInvoerSerializer,
        responses={201: ExamenSerializer},
        summary="Leg een examenuitslag vast",
    )
    @action(detail=True, methods=["post"])
    def examen(self, request, uuid=None):
        return self._schrijf(ExamenInvoerSerializer, ExamenSerializer, examens.examen_registreer)

    @extend_schema(
        request=NazorgInvoerSerializer,
        responses={201: NazorgcontactSerializer},
        summary="Leg een nazorgcontact vast (werkt de client nog?)",
    )
    @action(detail=True, methods=["post"])
    def nazorgcontact(self, request, uuid=None):
        return self._schrijf(
            NazorgInvoerSerializer, NazorgcontactSerializer, inburgering.nazorgcontact_registreer
        )


class InschrijvingViewSet(
    ObjectEerst,
    FiltersPerRol,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Inschrijvingen. Creating one goes through inschrijving_create: 409 when the traject is
    full or the plafond would be exceeded, 400 for any other refusal.
    List: groups + count + page (3 queries; the provider's link adds 1)."""

    serializer_class = InschrijvingSerializer
    alle_filters = InschrijvingFilter
    filters_voor_aanbieder = InschrijvingFilterVoorAanbieder
    lookup_field = "uuid"
    schrijfrollen = (SPECIALIST, BEHEERDER)
    alle_ordering = ordering_voor_aanbieder = [
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
        invoer = InschrijvingAanmakenSerializer(data=request.data, context={"request": request})
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

    @extend_schema(
        request=PrestatieBevestigenSerializer,
        responses=InschrijvingSerializer,
        summary="Bevestig dat het resultaat voor het prestatiedeel is bereikt",
    )
    @action(detail=True, methods=["post"])
    def prestatie(self, request, uuid=None):
        invoer = PrestatieBevestigenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        inschrijving = prestatie_bevestig(
            inschrijving=self.get_object(),
            door=request.user,
            toelichting=invoer.validated_data["toelichting"],
        )
        return Response(self._uit(inschrijving))

    def _resultaat(self, invoer_class, uit_class, service):
        inschrijving = self.get_object()
        invoer = invoer_class(data=self.request.data)
        invoer.is_valid(raise_exception=True)
        uit = service(
            client=inschrijving.client,
            inschrijving=inschrijving,
            door=self.request.user,
            **invoer.validated_data,
        )
        return Response(uit_class(uit).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ExamenInvoerSerializer,
        responses={201: ExamenSerializer},
        summary="Meld een examenuitslag bij deze inschrijving (ook voor de aanbieder)",
    )
    @action(detail=True, methods=["post"], schrijfrollen=(SPECIALIST, BEHEERDER, AANBIEDER))
    def examen(self, request, uuid=None):
        return self._resultaat(ExamenInvoerSerializer, ExamenSerializer, examens.examen_registreer)

    @extend_schema(
        request=ModuleInvoerSerializer,
        responses={201: ModuleSerializer},
        summary="Meld de start of afronding van een module bij deze inschrijving",
    )
    @action(detail=True, methods=["post"], schrijfrollen=(SPECIALIST, BEHEERDER, AANBIEDER))
    def module(self, request, uuid=None):
        return self._resultaat(ModuleInvoerSerializer, ModuleSerializer, examens.module_registreer)

    @extend_schema(
        request={"multipart/form-data": ImportVerzoekSerializer},
        responses={200: ImportUitkomstSerializer, 400: ImportUitkomstSerializer},
        summary="Examens en modules als bestand, alleen voor eigen inschrijvingen (alles of niets)",
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="resultaten/import",
        parser_classes=[MultiPartParser, FormParser],
        schrijfrollen=(SPECIALIST, BEHEERDER, AANBIEDER),
    )
    def resultaten(self, request):
        return bestand_importeren(
            request,
            lambda dataset, *, dry_run, bestandsnaam: Resultatenbestand(
                dataset, user=request.user
            ).uitvoeren(dry_run=dry_run, bestandsnaam=bestandsnaam),
        )

    def _uit(self, inschrijving):
        return InschrijvingSerializer(self.get_queryset().get(pk=inschrijving.pk)).data


class VoortgangsrapportageViewSet(FiltersPerRol, ImportExportMixin, RegisterViewSet):
    """Voortgangsrapportages. A provider reports only on enrolments in its own contracts,
    one by one or as a file through `import/`. List: groups + count + page (3 queries)."""

    scope = staticmethod(voortgangsrapportages_for)
    serializer_class = VoortgangsrapportageSerializer
    resource_class = VoortgangsrapportageResource
    alle_filters = VoortgangsrapportageFilter
    filters_voor_aanbieder = VoortgangsrapportageFilterVoorAanbieder
    schrijfrollen = (AANBIEDER, SPECIALIST, BEHEERDER)
    alle_ordering = ordering_voor_aanbieder = ["peildatum", "ingediend_op", "participatieladder"]
    ordering = ["-peildatum"]

    def extra_velden(self):
        return {"ingediend_door": self.request.user}
