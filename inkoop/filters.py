import django_filters

from aanbod.models import Aanbieder
from inkoop.api.filters import ContractFilter


class ContractenFilter(ContractFilter):
    """The API's contract filters, with the provider picked from a list (by its uuid)."""

    aanbieder = django_filters.ModelChoiceFilter(
        queryset=Aanbieder.objects.order_by("naam"),
        to_field_name="uuid",
        label="Aanbieder",
        empty_label="alle aanbieders",
    )

    class Meta(ContractFilter.Meta):
        pass
