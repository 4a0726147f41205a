from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from aanbod.models import Leerroute, Traject
from inkoop.models import Contractregel
from kern.api.serializers import RegisterSerializer
from regio.models import Gemeente
from regio.selectors import in_scope
from registratie.models import (
    Client,
    Inschrijving,
    PrestatieStatus,
    Voortgangsrapportage,
    Wachtlijstplaats,
)
from registratie.selectors import clienten_for, inschrijvingen_for


class ClientSerializer(RegisterSerializer):
    leerroute = serializers.SlugRelatedField(
        slug_field="code", queryset=Leerroute.objects.all(), allow_null=True, required=False
    )
    specialist = serializers.SlugRelatedField(
        slug_field="username",
        allow_null=True,
        required=False,
        queryset=get_user_model().objects.filter(groups__name="specialist"),
        help_text="Gebruikersnaam van de specialist.",
    )
    werkgeversproject = serializers.SlugRelatedField(
        slug_field="code",
        allow_null=True,
        required=False,
        queryset=Traject.objects.filter(soort=Traject.Soort.WERKGEVERSPROJECT),
        help_text="Code van het werkgeversproject (traject).",
    )
    gemeente = serializers.SlugRelatedField(
        slug_field="cbs_code",
        allow_null=True,
        required=False,
        queryset=Gemeente.objects.all(),
        help_text="CBS-code van de gemeente waar de client woont (een van uw gemeenten).",
    )

    def validate_gemeente(self, gemeente):
        request = self.context.get("request")
        if gemeente is not None and request is not None and not in_scope(request.user, gemeente.pk):
            raise serializers.ValidationError(f"U werkt niet voor {gemeente}.")
        return gemeente

    class Meta:
        model = Client
        fields = [
            "id",
            *Client.GEGEVENS,
            "uitstroom_datum",
            "uitstroom_reden",
            "uitstroom_subreden",
            "sector",
            "dienstverband",
            "type_bemiddeling",
            "wgt_betrokken",
            "werkgever",
            "werkgeversproject",
            "pip_deadline",
            "ontzorgen_minimaal_tot",
            "schakelen_uiterlijk",
            "nazorg_eind",
            "termijn_start",
            "termijn_eind",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = [
            "pip_deadline",
            "ontzorgen_minimaal_tot",
            "schakelen_uiterlijk",
            "nazorg_eind",
            "termijn_start",
            "termijn_eind",
        ]


class ClientVoorAanbiederSerializer(serializers.ModelSerializer):
    """What a provider needs of a client, and no more."""

    id = serializers.UUIDField(source="uuid", read_only=True)
    leerroute = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Client
        fields = ["id", "clientnummer", "voornaam", "achternaam", "leerroute"]
        read_only_fields = fields


class InschrijvingSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    client = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    clientnummer = serializers.CharField(source="client.clientnummer", read_only=True)
    contractregel = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    traject_code = serializers.CharField(source="contractregel.traject.code", read_only=True)
    traject_naam = serializers.CharField(source="contractregel.traject.naam", read_only=True)
    aanbieder = serializers.CharField(source="contractregel.traject.aanbieder.naam", read_only=True)
    contract = serializers.CharField(source="contractregel.contract.kenmerk", read_only=True)
    leerroute = serializers.CharField(
        source="contractregel.leerroute_id", read_only=True, allow_null=True
    )
    verplicht_bedrag = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        help_text="Tarief × verwachte eenheden: wat deze inschrijving verplicht.",
    )
    # Empty until the enrolment ends, or when it has no prestatiedeel: "" is a value here.
    reden_einde = serializers.ChoiceField(
        choices=Inschrijving.RedenEinde.choices, allow_blank=True, read_only=True
    )
    prestatie_status = serializers.ChoiceField(
        choices=PrestatieStatus.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Inschrijving
        fields = [
            "id",
            "client",
            "clientnummer",
            "contractregel",
            "traject_code",
            "traject_naam",
            "aanbieder",
            "contract",
            "leerroute",
            "status",
            "datum_aanmelding",
            "startdatum",
            "verwachte_einddatum",
            "einddatum",
            "reden_einde",
            "tarief",
            "eenheid",
            "verwachte_eenheden",
            "verplicht_bedrag",
            "prestatie_status",
            "prestatie_vastgesteld_op",
            "prestatie_bron",
            "toelichting",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = fields


class ClientInScope(serializers.SlugRelatedField):
    """A client by uuid among those the caller may see (clienten_for: a specialist's own
    gemeenten); any other uuid is a 404, as the client's own URL would be."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="uuid", queryset=Client.objects.all(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return clienten_for(request.user) if request is not None else Client.objects.none()

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(uuid=data)
        except (Client.DoesNotExist, ValueError, TypeError, DjangoValidationError):
            raise NotFound("Deze client bestaat niet of valt buiten uw gemeente.") from None


class InschrijvingAanmakenSerializer(serializers.Serializer):
    """Input for inschrijving_create; the service checks every rule."""

    client = ClientInScope()
    contractregel = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Contractregel.objects.all()
    )
    startdatum = serializers.DateField()
    datum_aanmelding = serializers.DateField(required=False)
    verwachte_einddatum = serializers.DateField(required=False, allow_null=True)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class InschrijvingStartSerializer(serializers.Serializer):
    startdatum = serializers.DateField()


class PrestatieBevestigenSerializer(serializers.Serializer):
    toelichting = serializers.CharField(
        max_length=90, help_text="Waaruit het resultaat blijkt (bijv. een diploma)."
    )


class InschrijvingEindeSerializer(serializers.Serializer):
    einddatum = serializers.DateField()
    reden_einde = serializers.ChoiceField(choices=Inschrijving.RedenEinde.choices)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class VoortgangsrapportageSerializer(RegisterSerializer):
    inschrijving = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Inschrijving.objects.all()
    )
    clientnummer = serializers.CharField(source="inschrijving.client.clientnummer", read_only=True)
    traject_code = serializers.CharField(
        source="inschrijving.contractregel.traject.code", read_only=True
    )
    ingediend_door = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Voortgangsrapportage
        fields = [
            "id",
            "inschrijving",
            "clientnummer",
            "traject_code",
            "peildatum",
            "uren_aangeboden",
            "uren_gevolgd",
            "verzuim_geoorloofd",
            "verzuim_ongeoorloofd",
            "taalniveau",
            "participatieladder",
            "toelichting",
            "ingediend_door",
            "ingediend_op",
        ]
        read_only_fields = ["ingediend_op"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # An enrolment outside your scope "does not exist" for you.
            self.fields["inschrijving"].queryset = inschrijvingen_for(request.user)


class UitstroomSerializer(serializers.Serializer):
    datum = serializers.DateField()
    reden = serializers.ChoiceField(choices=Client._meta.get_field("uitstroom_reden").choices)
    uitstroom_subreden = serializers.ChoiceField(
        choices=Client._meta.get_field("uitstroom_subreden").choices, required=False
    )
    sector = serializers.ChoiceField(choices=Client.Sector.choices, required=False)
    dienstverband = serializers.ChoiceField(choices=Client.Dienstverband.choices, required=False)
    type_bemiddeling = serializers.ChoiceField(
        choices=Client.TypeBemiddeling.choices, required=False
    )
    wgt_betrokken = serializers.BooleanField(required=False)
    werkgever = serializers.CharField(required=False, allow_blank=True)
    werkgeversproject = serializers.SlugRelatedField(
        slug_field="code",
        required=False,
        allow_null=True,
        queryset=Traject.objects.filter(soort=Traject.Soort.WERKGEVERSPROJECT),
    )
    beeindigingen = serializers.DictField(
        child=serializers.ChoiceField(choices=Inschrijving.RedenEinde.choices),
        required=False,
        help_text="Per lopende inschrijving (id) de reden van beëindiging; elke lopende "
        "inschrijving moet erin staan.",
    )


class WachtlijstplaatsSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    client = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    clientnummer = serializers.CharField(source="client.clientnummer", read_only=True)
    traject = serializers.SlugRelatedField(slug_field="code", read_only=True)
    traject_naam = serializers.CharField(source="traject.naam", read_only=True)
    contractregel = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
    leerroute = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    aangeboden_regel = serializers.SlugRelatedField(
        slug_field="uuid", read_only=True, allow_null=True
    )
    inschrijving = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
    positie = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Plaats in de rij (1 = eerste); leeg als de client niet meer wacht.",
    )

    class Meta:
        model = Wachtlijstplaats
        fields = [
            "id",
            "client",
            "clientnummer",
            "traject",
            "traject_naam",
            "contractregel",
            "leerroute",
            "status",
            "positie",
            "aangevraagd_op",
            "voorrang_reden",
            "aangeboden_regel",
            "aangeboden_op",
            "geldig_tot",
            "inschrijving",
            "afgesloten_op",
            "toelichting",
        ]
        read_only_fields = fields


class WachtlijstAanmeldenSerializer(serializers.Serializer):
    """Input for wachtlijst_plaats: a traject (any fitting place) or one contractregel."""

    client = ClientInScope()
    traject = serializers.SlugRelatedField(
        slug_field="code", queryset=Traject.objects.all(), required=False, allow_null=True
    )
    contractregel = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Contractregel.objects.all(), required=False, allow_null=True
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if not attrs.get("traject") and not attrs.get("contractregel"):
            raise serializers.ValidationError(
                {"traject": "Geef het traject (code) of de contractregel (id)."}
            )
        return attrs


class WachtlijstAccepterenSerializer(serializers.Serializer):
    startdatum = serializers.DateField()
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class WachtlijstIntrekkenSerializer(serializers.Serializer):
    reden = serializers.CharField(max_length=500)


class WachtlijstVoorrangSerializer(serializers.Serializer):
    voor = serializers.UUIDField(help_text="De wachtlijstplaats (id) waar deze client vóór komt.")
    reden = serializers.CharField(max_length=500)


class WachtlijstTellingSerializer(serializers.Serializer):
    traject = serializers.CharField(source="traject__code")
    traject_naam = serializers.CharField(source="traject__naam")
    aanbieder = serializers.CharField(source="traject__aanbieder__naam")
    wachtend = serializers.IntegerField()
    aangeboden = serializers.IntegerField()
