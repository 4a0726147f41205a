import django_filters

from aanbod.api.filters import TrajectFilter
from aanbod.models import Aanbieder


class CatalogusFilter(TrajectFilter):
    """The API's traject filters, with a provider picked from a list instead of an id."""

    aanbieder = django_filters.ModelChoiceFilter(
        queryset=Aanbieder.objects.order_by("naam"),
        to_field_name="uuid",
        label="Aanbieder",
        empty_label="alle aanbieders",
    )

    class Meta(TrajectFilter.Meta):
        fields = ["soort", "actief"]
