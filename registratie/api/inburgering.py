"""The Wi2021 record over the API: read as a whole, written one decision or result at a time
through the services in registratie.inburgering."""

from rest_framework import serializers

from aanbod.models import Leerroute, Taalniveau
from registratie.models import (
    Client,
    Examen,
    Inschrijving,
    Module,
    Nazorgcontact,
    Onderbreking,
    PipVersie,
    Termijnverlenging,
)


class _Uuid(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)


class PipVersieSerializer(_Uuid):
    leerroute = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    vastgelegd_door = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = PipVersie
        fields = [
            "id",
            "volgnummer",
            "datum",
            "leerroute",
            "taaldoel",
            "afgeschaald",
            *PipVersie.ONDERDELEN,
            "reden",
            "toelichting",
            "na_schakeltermijn",
            "vastgelegd_door",
        ]
        read_only_fields = fields


class VerlengingSerializer(_Uuid):
    class Meta:
        model = Termijnverlenging
        fields = ["id", "datum", "nieuwe_einddatum", "reden"]
        read_only_fields = fields


class ModuleSerializer(_Uuid):
    inschrijving = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)

    class Meta:
        model = Module
        fields = ["id", "soort", "startdatum", "afgerond_op", "inschrijving"]
        read_only_fields = fields


class ExamenSerializer(_Uuid):
    inschrijving = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)

    class Meta:
        model = Examen
        fields = [
            "id",
            "onderdeel",
            "datum",
            "niveau",
            "behaald",
            "inschrijving",
            "bron",
            "duo_bevestigd_op",
        ]
        read_only_fields = fields


class NazorgcontactSerializer(_Uuid):
    class Meta:
        model = Nazorgcontact
        fields = ["id", "datum", "soort", "werkt_nog", "toelichting"]
        read_only_fields = fields


class OnderbrekingSerializer(_Uuid):
    class Meta:
        model = Onderbreking
        fields = ["id", "soort", "van", "tot", "reden", "uitstroom_reden", "toelichting"]
        read_only_fields = fields


class InburgeringSerializer(serializers.ModelSerializer):
    """The whole Wi2021 record of one client."""

    id = serializers.UUIDField(source="uuid", read_only=True)
    pip_versies = PipVersieSerializer(many=True, read_only=True)
    verlengingen = VerlengingSerializer(many=True, read_only=True)
    modules = ModuleSerializer(many=True, read_only=True)
    examens = ExamenSerializer(many=True, read_only=True)
    nazorgcontacten = NazorgcontactSerializer(many=True, read_only=True)
    onderbrekingen = OnderbrekingSerializer(many=True, read_only=True)

    class Meta:
        model = Client
        fields = [
            "id",
            "clientnummer",
            "plicht_regime",
            "plicht_status",
            "plicht_status_datum",
            "plicht_bron",
            "plicht_sinds",
            "doelgroep",
            "termijn_start",
            "termijn_eind",
            "schakelen_uiterlijk",
            "leerbaarheidstoets",
            "abc_uitkomst",
            "pip_versies",
            "verlengingen",
            "modules",
            "examens",
            "nazorgcontacten",
            "onderbrekingen",
        ]
        read_only_fields = fields


class PipInvoerSerializer(serializers.Serializer):
    datum = serializers.DateField()
    leerroute = serializers.SlugRelatedField(slug_field="code", queryset=Leerroute.objects.all())
    taaldoel = serializers.ChoiceField(
        choices=Taalniveau.choices, required=False, allow_blank=True, default=""
    )
    reden = serializers.ChoiceField(choices=PipVersie.Reden.choices)
    toelichting = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Verplicht bij 'overig'.",
    )
    afgeschaald = serializers.ListField(
        child=serializers.ChoiceField(choices=[(d, d) for d in Examen.TAAL]),
        required=False,
        default=list,
        help_text="Bij afschalen (alleen B1-route): de taalexamenonderdelen die de client op "
        "A2 mag afleggen; eerder afgeschaalde blijven afgeschaald.",
    )
    knm = serializers.BooleanField(default=True)
    map = serializers.BooleanField(default=True)
    pvt = serializers.BooleanField(default=True)
    ontzorgen = serializers.BooleanField(default=True)
    participatie = serializers.BooleanField(default=True)

    def als_argumenten(self) -> dict:
        data = dict(self.validated_data)
        data["onderdelen"] = {k: data.pop(k) for k in PipVersie.ONDERDELEN}
        return data


class VerlengingInvoerSerializer(serializers.Serializer):
    datum = serializers.DateField()
    nieuwe_einddatum = serializers.DateField()
    reden = serializers.CharField(max_length=500)


class ModuleInvoerSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=Module.Soort.choices)
    startdatum = serializers.DateField(required=False, allow_null=True, default=None)
    afgerond_op = serializers.DateField(required=False, allow_null=True, default=None)


class ExamenInvoerSerializer(serializers.Serializer):
    onderdeel = serializers.ChoiceField(choices=Examen.Onderdeel.choices)
    datum = serializers.DateField()
    niveau = serializers.ChoiceField(
        choices=Taalniveau.choices, required=False, allow_blank=True, default=""
    )
    behaald = serializers.BooleanField()


class NazorgInvoerSerializer(serializers.Serializer):
    datum = serializers.DateField()
    soort = serializers.ChoiceField(choices=Nazorgcontact.Soort.choices)
    werkt_nog = serializers.BooleanField()
    toelichting = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500
    )


class UitvalSerializer(serializers.Serializer):
    datum = serializers.DateField()
    reden = serializers.ChoiceField(choices=Onderbreking.Reden.choices)
    toelichting = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500
    )
    beeindigingen = serializers.DictField(
        child=serializers.ChoiceField(choices=Inschrijving.RedenEinde.choices),
        required=False,
        help_text="Per lopende inschrijving (id) de reden van beëindiging; elke lopende "
        "inschrijving moet erin staan, ze eindigen op de datum van uitval.",
    )


class TerugkeerSerializer(serializers.Serializer):
    datum = serializers.DateField(help_text="De dag waarop de begeleiding weer begint.")
    toelichting = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500
    )
