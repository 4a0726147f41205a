import django_filters

from declaraties.models import Declaratie
from kern.api.filters import ZoekFilterSet


class DeclaratieFilter(ZoekFilterSet):
    zoekvelden = (
        "inschrijving__client__clientnummer",
        "inschrijving__contractregel__traject__naam",
        "inschrijving__contractregel__contract__kenmerk",
    )
    status = django_filters.ChoiceFilter(
        choices=Declaratie.Status.choices, empty_label="alle statussen"
    )
    code = django_filters.ChoiceFilter(
        label="Afwijzingscode", choices=Declaratie.Code.choices, empty_label="alle codes"
    )

    class Meta:
        model = Declaratie
        fields = ["status", "code"]


class DeclaratieApiFilter(django_filters.FilterSet):
    contract = django_filters.CharFilter(
        field_name="inschrijving__contractregel__contract__kenmerk", label="Contract (kenmerk)"
    )
    aanbieder = django_filters.UUIDFilter(
        field_name="inschrijving__contractregel__contract__aanbieder__uuid", label="Aanbieder (id)"
    )
    inschrijving = django_filters.UUIDFilter(field_name="inschrijving__uuid")
    periode_van = django_filters.DateFilter("periode", "gte")
    periode_tot = django_filters.DateFilter("periode", "lte")
    betaalbatch = django_filters.CharFilter(field_name="betaalbatch__nummer")

    class Meta:
        model = Declaratie
        fields = ["status", "code"]
