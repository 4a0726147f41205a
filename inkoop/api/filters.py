import django_filters

from aanbod.models import Leerroute
from inkoop.models import Budget, Contract, Contractregel, Kostenpost
from inkoop.selectors import contracten_actief_op
from kern.api.filters import ZoekFilterSet


class ContractFilter(ZoekFilterSet):
    zoekvelden = ("kenmerk", "omschrijving", "perceel__naam", "aanbieder__naam")
    aanbieder = django_filters.UUIDFilter(field_name="aanbieder__uuid", label="Aanbieder (id)")
    leerroute = django_filters.ModelChoiceFilter(
        queryset=Leerroute.objects.all(),
        field_name="regels__leerroute",
        to_field_name="code",
        distinct=True,
        label="Heeft een regel in leerroute",
    )
    actief_op = django_filters.DateFilter(method="filter_actief_op", label="Loopt op datum")
    eindigt_uiterlijk = django_filters.DateFilter(
        field_name="einddatum", lookup_expr="lte", label="Eindigt uiterlijk op"
    )

    class Meta:
        model = Contract
        fields = ["inkoopvorm", "status"]

    def filter_actief_op(self, queryset, name, value):
        return contracten_actief_op(queryset, value)


class ContractregelFilter(ZoekFilterSet):
    zoekvelden = (
        "traject__naam",
        "traject__code",
        "contract__kenmerk",
        "contract__aanbieder__naam",
    )
    contract = django_filters.UUIDFilter(field_name="contract__uuid", label="Contract (id)")
    aanbieder = django_filters.UUIDFilter(
        field_name="contract__aanbieder__uuid", label="Aanbieder (id)"
    )
    traject = django_filters.UUIDFilter(field_name="traject__uuid", label="Traject (id)")
    leerroute = django_filters.ModelChoiceFilter(
        queryset=Leerroute.objects.all(), to_field_name="code", label="Leerroute"
    )
    soort = django_filters.CharFilter(field_name="traject__soort", label="Soort traject")
    actief_op = django_filters.DateFilter(method="filter_actief_op", label="Contract loopt op")
    vrij = django_filters.BooleanFilter(method="filter_vrij", label="Heeft vrije plaatsen")

    class Meta:
        model = Contractregel
        fields = ["eenheid", "capaciteitsvorm"]

    def filter_actief_op(self, queryset, name, value):
        return contracten_actief_op(queryset, value, prefix="contract__")

    def filter_vrij(self, queryset, name, value):
        return queryset.filter(vrij__gt=0) if value else queryset.filter(vrij__lte=0)


class BudgetFilter(django_filters.FilterSet):
    leerroute = django_filters.ModelChoiceFilter(
        queryset=Leerroute.objects.all(), to_field_name="code", label="Leerroute"
    )

    gemeente = django_filters.CharFilter("gemeente__cbs_code", label="Gemeente (CBS-code)")

    class Meta:
        model = Budget
        fields = ["jaar"]


class KostenpostFilter(ZoekFilterSet):
    zoekvelden = ("omschrijving", "toelichting")

    gemeente = django_filters.CharFilter("gemeente__cbs_code", label="Gemeente (CBS-code)")

    class Meta:
        model = Kostenpost
        fields = ["jaar", "soort"]
