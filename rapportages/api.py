import datetime as dt

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import renderers, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from kern.api.schema import BESTAND
from kern.api.taken import TaakSerializer
from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST
from kern.services import exportlog
from rapportages.bestanden import als_csv, als_xlsx
from rapportages.rapporten import RAPPORTEN, maak_rapport, rapporten_voor
from rapportages.werkboek import werkboek_aanvragen
from regio.models import Gemeente


class XLSXRenderer(renderers.BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, dict) or "kolommen" not in data:
            data = _fout_als_tabel(data)
        return als_xlsx(data)


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, dict) or "kolommen" not in data:
            data = _fout_als_tabel(data)
        return als_csv(data).encode("utf-8")


def _fout_als_tabel(data) -> dict:
    return {
        "naam": "fout",
        "titel": "Fout",
        "peildatum": "",
        "van": "",
        "tot": "",
        "kolommen": [{"naam": "melding", "titel": "Melding"}],
        "rijen": [{"melding": str(data)}],
    }


RAPPORT_VAN, RAPPORT_TOT = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


class RapportageParameters(serializers.Serializer):
    peildatum = serializers.DateField(required=False, help_text="Standaard vandaag.")
    gemeente = serializers.SlugRelatedField(
        slug_field="cbs_code",
        queryset=Gemeente.objects.all(),
        required=False,
        help_text="CBS-code: alleen deze gemeente (een van uw gemeenten); standaard alle "
        "gemeenten die u mag zien. Niet voor aanbieders.",
    )
    van = serializers.DateField(
        required=False,
        help_text="Begin van de periode; standaard 1 januari van het jaar van de peildatum.",
    )
    tot = serializers.DateField(
        required=False, help_text="Einde van de periode; standaard de peildatum."
    )
    jaar = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Voor kosten-baten; standaard het jaar van de peildatum.",
    )
    norm = serializers.IntegerField(
        required=False, min_value=1, max_value=1000, help_text="Caseloadnorm; standaard 100."
    )
    uitkering_per_jaar = serializers.DecimalField(
        required=False, max_digits=10, decimal_places=2, min_value=0
    )
    deeltijd_factor = serializers.DecimalField(
        required=False, max_digits=4, decimal_places=3, min_value=0, max_value=1
    )

    mix_b1 = serializers.DecimalField(
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        help_text="Inkoopbehoefte: aandeel B1-route in de instroom (%), in plaats van het "
        "waargenomen aandeel.",
    )
    mix_onderwijs = serializers.DecimalField(
        required=False, max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    mix_z = serializers.DecimalField(
        required=False, max_digits=5, decimal_places=2, min_value=0, max_value=100
    )

    def validate(self, attrs):
        for veld in ("peildatum", "van", "tot"):
            datum = attrs.get(veld)
            if datum and not (RAPPORT_VAN <= datum <= RAPPORT_TOT):
                raise serializers.ValidationError(
                    {veld: "Kies een datum tussen 01-01-2000 en 31-12-2100."}
                )
        van, tot = attrs.get("van"), attrs.get("tot")
        if van and tot and tot < van:
            raise serializers.ValidationError({"tot": "De periode eindigt voor ze begint."})
        return attrs


class RapportageItemSerializer(serializers.Serializer):
    naam = serializers.CharField()
    omschrijving = serializers.CharField()
    url = serializers.URLField()


class RapportageLijstView(APIView):
    """The reports this user may see."""

    @extend_schema(
        responses={200: RapportageItemSerializer(many=True)},
        summary="Beschikbare rapportages",
        operation_id="rapportages_list",
    )
    def get(self, request):
        return Response(
            [
                {
                    "naam": naam,
                    "omschrijving": RAPPORTEN[naam][1],
                    "url": request.build_absolute_uri(f"{naam}/"),
                }
                for naam in rapporten_voor(request.user)
            ]
        )


class RapportageView(APIView):
    """One report for a peildatum (and period): JSON, or `?format=xlsx` / `?format=csv`."""

    renderer_classes = [
        renderers.JSONRenderer,
        renderers.BrowsableAPIRenderer,
        XLSXRenderer,
        CSVRenderer,
    ]

    def handle_exception(self, exc):
        # An error is JSON, also when a file was asked for: a spreadsheet cannot say why.
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = "application/json"
        return super().handle_exception(exc)

    @extend_schema(
        parameters=[
            RapportageParameters,
            OpenApiParameter("format", str, enum=["json", "xlsx", "csv"]),
        ],
        responses={(200, "application/json"): OpenApiTypes.OBJECT} | BESTAND,
        summary="Een rapportage op een peildatum",
    )
    def get(self, request, naam: str):
        if naam not in rapporten_voor(request.user):
            raise Http404
        parameters = RapportageParameters(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        p = dict(parameters.validated_data)
        rapport = maak_rapport(
            naam,
            user=request.user,
            peildatum=p.pop("peildatum", timezone.localdate()),
            van=p.pop("van", None),
            tot=p.pop("tot", None),
            gemeente=p.pop("gemeente", None),
            parameters=p,
        ).als_dict()
        response = Response(rapport)
        formaat = getattr(request.accepted_renderer, "format", "json")
        if formaat in ("xlsx", "csv"):
            bestand = f"rapportage-{naam}-{rapport['peildatum']}.{formaat}"
            response["Content-Disposition"] = f'attachment; filename="{bestand}"'
            exportlog(request, naam=bestand, filters=request.query_params.dict())
        return response


class WerkboekParameters(RapportageParameters):
    """A workbook of every report takes the dates and the gemeente; each report its defaults."""

    jaar = norm = uitkering_per_jaar = deeltijd_factor = None
    mix_b1 = mix_onderwijs = mix_z = None


class RapportageWerkboekView(APIView):
    """Every report you may see in one .xlsx, made in the background: 202 with the task;
    `Location` is where to follow it, its `bestand` the workbook when done."""

    # Asking for a file writes no record of the register: whoever has reports may.
    schrijfrollen = (INKOPER, BEHEERDER, SPECIALIST, AANBIEDER)

    @extend_schema(
        request=WerkboekParameters,
        responses={202: TaakSerializer},
        summary="Alle rapportages als één werkboek (op de achtergrond)",
    )
    def post(self, request):
        if not rapporten_voor(request.user):
            raise PermissionDenied("U heeft geen rapportages.")
        parameters = WerkboekParameters(data=request.data)
        parameters.is_valid(raise_exception=True)
        p = parameters.validated_data
        taak = werkboek_aanvragen(
            door=request.user,
            peildatum=p.get("peildatum") or timezone.localdate(),
            van=p.get("van"),
            tot=p.get("tot"),
            gemeente=p.get("gemeente"),
        )
        antwoord = TaakSerializer(taak, context={"request": request}).data
        plek = request.build_absolute_uri(f"/api/v1/taken/{taak.uuid}/")
        return Response(antwoord, status=202, headers={"Location": plek})
