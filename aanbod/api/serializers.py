from rest_framework import serializers

from aanbod.models import Aanbieder, Leerroute, Traject
from kern.api.serializers import RegisterSerializer


class AanbiederSerializer(RegisterSerializer):
    class Meta:
        model = Aanbieder
        fields = [
            "id",
            "naam",
            "kvk_nummer",
            "iban",
            "soort",
            "keurmerk_status",
            "keurmerk_geldig_tot",
            "contactpersoon",
            "email",
            "telefoon",
            "website",
            "actief",
            "aangemaakt_op",
            "gewijzigd_op",
        ]


class TrajectSerializer(RegisterSerializer):
    aanbieder = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Aanbieder.objects.all(),
        help_text="Id (UUID) van de aanbieder.",
    )
    aanbieder_naam = serializers.CharField(source="aanbieder.naam", read_only=True)
    leerroutes = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=Leerroute.objects.all(),
        required=False,
        help_text="Codes van de leerroutes: b1, onderwijs, z; leeg voor routevrij.",
    )

    class Meta:
        model = Traject
        fields = [
            "id",
            "aanbieder",
            "aanbieder_naam",
            "code",
            "naam",
            "omschrijving",
            "soort",
            "leerroutes",
            "duur_weken",
            "uren_per_week",
            "taalniveau_in",
            "taalniveau_uit",
            "min_leeftijd",
            "max_leeftijd",
            "begeleidingstalen",
            "actief",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
