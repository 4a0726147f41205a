from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from kern.api.schema import BESTAND
from kern.api.serializers import ImportUitkomstSerializer, ImportVerzoekSerializer
from kern.api.taken import TaakSerializer
from kern.bestanden import lees_bestand
from kern.exporteren import EXPORTFORMATEN, exporteer
from kern.importeren import ImportUitkomst, importeer
from kern.models import Auditregel, Taak
from kern.services import audit_log, exportlog, wijzigingen
from kern.taken import groot_bestand


class ObjectEerst:
    """A record outside the caller's scope is a 404 before anything else is read, also for
    an action that checks its input first (a 400 would answer before the 404)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.lookup_field in self.kwargs and request.method != "OPTIONS":
            self.get_object()


class RegisterViewSet(ObjectEerst, viewsets.ModelViewSet):
    """A register endpoint: UUID in the URL, the queryset from one scoping selector
    (`scope(user)`), and every write in one transaction with an audit line."""

    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    @staticmethod
    def scope(user):  # pragma: no cover - every subclass sets it
        raise NotImplementedError

    def get_queryset(self):
        return type(self).scope(self.request.user)

    def _opnieuw(self, instance):
        """Read the written record back through the scoped queryset, so the answer carries
        the same derived figures as a GET."""
        return self.get_queryset().get(pk=instance.pk)

    def extra_velden(self) -> dict:
        """Values the server sets on create (e.g. who submitted), not the client."""
        return {}

    @transaction.atomic
    def perform_create(self, serializer):
        instance = serializer.save(**self.extra_velden())
        serializer.instance = self._opnieuw(instance)
        audit_log(
            door=self.request.user,
            actie=Auditregel.Actie.AANGEMAAKT,
            instance=instance,
            gegevens=_plain(serializer.validated_data),
        )

    @transaction.atomic
    def perform_update(self, serializer):
        voor = {k: getattr(serializer.instance, k, None) for k in serializer.validated_data}
        instance = serializer.save()
        serializer.instance = self._opnieuw(instance)
        audit_log(
            door=self.request.user,
            actie=Auditregel.Actie.GEWIJZIGD,
            instance=instance,
            gegevens=wijzigingen(voor, serializer.validated_data),
        )

    @transaction.atomic
    def perform_destroy(self, instance):
        audit_log(door=self.request.user, actie=Auditregel.Actie.VERWIJDERD, instance=instance)
        instance.delete()


def _plain(data: dict) -> dict:
    """validated_data made JSON-safe for the audit log."""
    out = {}
    for key, value in data.items():
        if hasattr(value, "uuid"):
            out[key] = str(value.uuid)
        elif isinstance(value, list | tuple):
            out[key] = [str(getattr(v, "pk", v)) for v in value]
        else:
            out[key] = str(value) if value is not None else None
    return out


def bestand_importeren(request, verwerk, resource_class=None) -> Response:
    """An uploaded file (multipart `file`, `dry_run`) through `verwerk(dataset, dry_run=,
    bestandsnaam=) -> ImportUitkomst`; every refusal has one shape: the report with its
    errors (400). With `resource_class`, a file of more than IMPORT_DIRECT_MAX rows is
    written by the worker (202, the task), all or nothing as here."""
    verzoek = ImportVerzoekSerializer(data=request.data)
    if not verzoek.is_valid():
        fouten = [
            {"rij": None, "kolom": veld, "melding": str(melding)}
            for veld, meldingen in verzoek.errors.items()
            for melding in meldingen
        ]
        return Response(ImportUitkomst(fouten=fouten).als_dict(), status=400)
    bestand = verzoek.validated_data["file"]
    dry_run = verzoek.validated_data["dry_run"]
    try:
        grens = settings.IMPORT_MAX_BYTES
        if bestand.size > grens:  # refused before it is read into memory
            raise DjangoValidationError(f"Het bestand is groter dan {grens // 1024 // 1024} MB.")
        inhoud = bestand.read()
        dataset = lees_bestand(inhoud, bestand.name)
    except DjangoValidationError as error:
        fouten = [{"rij": None, "kolom": None, "melding": m} for m in error.messages]
        uitkomst = ImportUitkomst(dry_run=dry_run, fouten=fouten)
    else:
        groot = None
        if resource_class is not None and not dry_run:
            groot = groot_bestand(
                door=request.user,
                resource_class=resource_class,
                dataset=dataset,
                inhoud=inhoud,
                bestandsnaam=bestand.name,
            )
        if isinstance(groot, Taak):
            antwoord = TaakSerializer(groot, context={"request": request}).data
            plek = request.build_absolute_uri(f"/api/v1/taken/{groot.uuid}/")
            return Response(antwoord, status=202, headers={"Location": plek})
        if groot:
            uitkomst = ImportUitkomst(dry_run=dry_run, fouten=groot)
        else:
            uitkomst = verwerk(dataset, dry_run=dry_run, bestandsnaam=bestand.name)
    return Response(uitkomst.als_dict(), status=200 if uitkomst.geslaagd else 400)


class ImportExportMixin:
    """`POST <lijst>/import/` (multipart `file`, `dry_run`) and `GET <lijst>/export/?formaat=`
    through the model's import-export resource; the import is all or nothing."""

    resource_class = None

    @extend_schema(
        request={"multipart/form-data": ImportVerzoekSerializer},
        responses={
            200: ImportUitkomstSerializer,
            202: TaakSerializer,
            400: ImportUitkomstSerializer,
        },
        summary="Importeer een CSV- of XLSX-bestand (alles of niets; een groot bestand op de "
        "achtergrond: 202, de taak)",
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def importeer(self, request):
        return bestand_importeren(
            request,
            lambda dataset, *, dry_run, bestandsnaam: importeer(
                self.resource_class(),
                dataset,
                dry_run=dry_run,
                door=request.user,
                bestandsnaam=bestandsnaam,
            ),
            resource_class=self.resource_class,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "formaat", str, enum=["xlsx", "csv"], description="Bestandsformaat, standaard xlsx."
            )
        ],
        responses={**BESTAND, (202, "application/json"): TaakSerializer},
        summary="Exporteer de (gefilterde) lijst als XLSX of CSV; een lange lijst op de "
        "achtergrond (202, de taak)",
    )
    @action(detail=False, methods=["get"], url_path="export")
    def exporteer(self, request):
        formaat = request.query_params.get("formaat", "xlsx").lower()
        if formaat not in EXPORTFORMATEN:
            raise ValidationError({"formaat": "Kies xlsx of csv."})
        queryset = self.filter_queryset(self.get_queryset())
        if (totaal := queryset.count()) > settings.EXPORT_DIRECT_MAX:
            return self._op_de_achtergrond(request, formaat, totaal)
        inhoud, content_type = exporteer(self.resource_class(), queryset, formaat)
        naam = f"{self.basename}-{timezone.localdate():%Y%m%d}.{formaat}"
        antwoord = StreamingHttpResponse if formaat == "csv" else HttpResponse
        response = antwoord(inhoud, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        exportlog(request, naam=naam, filters=request.query_params.dict())
        return response


class FiltersPerRol:
    """A provider filters and sorts only on fields it can see: its own filterset and
    ordering (`filters_voor_aanbieder`, `ordering_voor_aanbieder`); a filter or ordering it
    may not use is ignored, as any unknown parameter is. Who sees personal files, and the
    schema, get the full set."""

    filters_voor_aanbieder = None
    ordering_voor_aanbieder: list[str] = []

    def _alleen_aanbieder(self) -> bool:
        from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST, heeft_rol

        user = getattr(getattr(self, "request", None), "user", None)
        return (
            user is not None
            and heeft_rol(user, AANBIEDER)
            and not heeft_rol(user, SPECIALIST, BEHEERDER, INKOPER)
        )

    @property
    def filterset_class(self):
        if self._alleen_aanbieder():
            return self.filters_voor_aanbieder
        return self.alle_filters

    @property
    def ordering_fields(self):
        if self._alleen_aanbieder():
            return self.ordering_voor_aanbieder
        return self.alle_ordering

    def _op_de_achtergrond(self, request, formaat: str, totaal: int) -> Response:
        """A long export: 202 and the task (kern.taken) that makes it; `Location` is where
        to ask how far it is."""
        from kern.taken import taak_aanmaken

        titel = str(self.resource_class._meta.model._meta.verbose_name_plural).capitalize()
        taak = taak_aanmaken(
            door=request.user,
            soort="api-export",
            titel=f"{titel} als {formaat.upper()} ({totaal} rijen)",
            parameters={
                "viewset": f"{type(self).__module__}.{type(self).__qualname__}",
                "basename": self.basename,
                "pad": request.path,
                "query": request.query_params.urlencode(),
                "formaat": formaat,
            },
            totaal=totaal,
        )
        antwoord = TaakSerializer(taak, context={"request": request}).data
        plek = request.build_absolute_uri(f"/api/v1/taken/{taak.uuid}/")
        return Response(antwoord, status=202, headers={"Location": plek})
