import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from kern.api.exceptions import als_detail


class RegisterSerializer(serializers.ModelSerializer):
    """Runs the model's own `full_clean()` (field validators, `clean()`, unique and check
    constraints) so the API refuses exactly what the admin and the import refuse."""

    id = serializers.UUIDField(source="uuid", read_only=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        m2m = {f.name for f in model._meta.many_to_many}
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name not in m2m:
                setattr(instance, name, value)
        try:
            instance.full_clean(exclude=m2m | set(getattr(self.Meta, "clean_exclude", ())))
        except DjangoValidationError as error:
            raise serializers.ValidationError(als_detail(error)) from error
        return attrs


class ImportVerzoekSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV (komma of puntkomma, UTF-8) of XLSX.")
    dry_run = serializers.BooleanField(
        default=False, help_text="true: alleen controleren en tellen, niets opslaan."
    )


class ImportFoutSerializer(serializers.Serializer):
    rij = serializers.IntegerField(allow_null=True, help_text="Regel in het bestand; kop = 1.")
    kolom = serializers.CharField(allow_null=True)
    melding = serializers.CharField()


class ImportUitkomstSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    geslaagd = serializers.BooleanField()
    nieuw = serializers.IntegerField()
    gewijzigd = serializers.IntegerField()
    ongewijzigd = serializers.IntegerField()
    afgewezen = serializers.IntegerField(
        help_text="Declaraties: regels die zijn opgeslagen maar met een code afgewezen."
    )
    fouten = ImportFoutSerializer(many=True)
