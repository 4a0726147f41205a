"""A gemeente in the API and in files: by its CBS code, and only one of the user's."""

from rest_framework import serializers

from regio.models import Gemeente
from regio.selectors import gemeenten_van


class GemeenteVeld(serializers.SlugRelatedField):
    """The CBS code of a gemeente the user works for (772 reads as 0772). Empty is the
    region together, which only who sees every gemeente may record."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "cbs_code")
        kwargs.setdefault("queryset", Gemeente.objects.all())
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", "CBS-code van de gemeente; leeg: gezamenlijk, voor de hele regio."
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, int) or (isinstance(data, str) and data.isdigit()):
            data = str(data).zfill(4)
        gemeente = super().to_internal_value(data)
        request = self.context.get("request")
        zichtbaar = gemeenten_van(request.user) if request is not None else None
        if zichtbaar is not None and gemeente.pk not in zichtbaar:
            raise serializers.ValidationError(f"U werkt niet voor {gemeente}.")
        return gemeente


class EigenGemeente:
    """Serializer mixin: who works for some gemeenten only (a deelnemende gemeente's
    inkoper) records for one of them; a record for the region together is not theirs."""

    def validate(self, attrs):
        request = self.context.get("request")
        if request is not None and gemeenten_van(request.user) is not None:
            gemeente = attrs.get("gemeente", getattr(self.instance, "gemeente", None))
            if gemeente is None:
                melding = "Kies een van uw gemeenten; gezamenlijk is voor de centrumgemeente."
                raise serializers.ValidationError({"gemeente": melding})
        return super().validate(attrs)
