from rest_framework import serializers

from aanbod.models import Aanbieder, Leerroute, Traject
from financien.models import Financieringsbron
from inkoop.models import (
    Budget,
    Contract,
    Contractregel,
    Instroomprognose,
    Kostenpost,
    Perceel,
)
from kern.api.serializers import RegisterSerializer
from regio.velden import EigenGemeente, GemeenteVeld

GELD = {"max_digits": 14, "decimal_places": 2, "read_only": True}


class ContractSerializer(RegisterSerializer):
    aanbieder = serializers.SlugRelatedField(slug_field="uuid", queryset=Aanbieder.objects.all())
    aanbieder_naam = serializers.CharField(source="aanbieder.naam", read_only=True)
    perceel = serializers.SlugRelatedField(
        slug_field="naam",
        queryset=Perceel.objects.all(),
        allow_null=True,
        required=False,
        help_text="De naam van het perceel (lot); leeg: geen perceel.",
    )
    verplicht_bedrag = serializers.DecimalField(
        **GELD, help_text="Som van de tarieven van alle inschrijvingen onder dit contract."
    )
    ruimte_onder_plafond = serializers.DecimalField(
        **GELD, help_text="Plafond min verplicht bedrag."
    )

    class Meta:
        model = Contract
        fields = [
            "id",
            "aanbieder",
            "aanbieder_naam",
            "kenmerk",
            "omschrijving",
            "inkoopvorm",
            "perceel",
            "startdatum",
            "einddatum",
            "plafond",
            "status",
            "verzuimmarge",
            "ordernummer",
            "verplicht_bedrag",
            "ruimte_onder_plafond",
            "aangemaakt_op",
            "gewijzigd_op",
        ]


class ContractregelSerializer(RegisterSerializer):
    contract = serializers.SlugRelatedField(slug_field="uuid", queryset=Contract.objects.all())
    contract_kenmerk = serializers.CharField(source="contract.kenmerk", read_only=True)
    traject = serializers.SlugRelatedField(slug_field="uuid", queryset=Traject.objects.all())
    traject_naam = serializers.CharField(source="traject.naam", read_only=True)
    leerroute = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Leerroute.objects.all(),
        allow_null=True,
        required=False,
        help_text="b1, onderwijs, z of leeg (routevrij).",
    )
    bezet = serializers.IntegerField(
        read_only=True, help_text="Bezette plaatsen volgens de capaciteitsvorm."
    )
    aangeboden = serializers.IntegerField(
        read_only=True,
        help_text="Plaatsen die van de wachtlijst zijn aangeboden en zolang worden vastgehouden.",
    )
    vrij = serializers.IntegerField(
        read_only=True, help_text="Capaciteit min bezet min aangeboden."
    )
    bezettingsgraad = serializers.SerializerMethodField(help_text="Bezet / capaciteit in %.")

    class Meta:
        model = Contractregel
        fields = [
            "id",
            "contract",
            "contract_kenmerk",
            "traject",
            "traject_naam",
            "leerroute",
            "tarief",
            "eenheid",
            "verwachte_eenheden",
            "max_eenheden_per_maand",
            "capaciteitsvorm",
            "capaciteit",
            "prestatiedeel",
            "prestatie",
            "prestatie_taalniveau",
            "prestatie_maanden",
            "bezet",
            "aangeboden",
            "vrij",
            "bezettingsgraad",
            "aangemaakt_op",
            "gewijzigd_op",
        ]

    def get_bezettingsgraad(self, obj) -> float | None:
        waarde = getattr(obj, "bezettingsgraad", None)
        return None if waarde is None else round(waarde, 1)


class BudgetSerializer(EigenGemeente, RegisterSerializer):
    leerroute = serializers.SlugRelatedField(slug_field="code", queryset=Leerroute.objects.all())
    gemeente = GemeenteVeld()
    bron = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Financieringsbron.objects.filter(actief=True),
        allow_null=True,
        required=False,
        help_text="Code van de financieringsbron, bijv. spuk-wi2021.",
    )
    gecontracteerde_plaatsen = serializers.IntegerField(read_only=True)
    gecontracteerd_bedrag = serializers.DecimalField(
        **GELD, help_text="Som van capaciteit x tarief van gegunde contractregels in dit jaar."
    )
    budget_min_gecontracteerd = serializers.DecimalField(**GELD)

    class Meta:
        model = Budget
        validators = []  # the model's constraints (full_clean): gemeente may be empty
        fields = [
            "id",
            "jaar",
            "leerroute",
            "gemeente",
            "bron",
            "bedrag",
            "verwacht_volume",
            "toelichting",
            "gecontracteerde_plaatsen",
            "gecontracteerd_bedrag",
            "budget_min_gecontracteerd",
            "aangemaakt_op",
            "gewijzigd_op",
        ]


class KostenpostSerializer(EigenGemeente, RegisterSerializer):
    gemeente = GemeenteVeld()

    class Meta:
        model = Kostenpost
        validators = []  # the model's constraints (full_clean): gemeente may be empty
        fields = [
            "id",
            "jaar",
            "gemeente",
            "soort",
            "omschrijving",
            "bedrag",
            "toelichting",
            "aangemaakt_op",
            "gewijzigd_op",
        ]


class InstroomprognoseSerializer(EigenGemeente, RegisterSerializer):
    gemeente = GemeenteVeld()
    waarschuwing = serializers.SerializerMethodField(
        help_text="Gevuld als het halfjaar al voorbij is (geen fout)."
    )

    class Meta:
        model = Instroomprognose
        validators = []  # the model's constraints (full_clean): gemeente may be empty
        fields = [
            "id",
            "jaar",
            "halfjaar",
            "gemeente",
            "aantal",
            "toelichting",
            "waarschuwing",
            "aangemaakt_op",
            "gewijzigd_op",
        ]

    def get_waarschuwing(self, obj) -> str:
        from django.utils import timezone

        return obj.waarschuwing(timezone.localdate())
