import django_filters

from aanbod.models import Aanbieder, Leerroute, Traject
from kern.api.filters import ZoekFilterSet


class AanbiederFilter(ZoekFilterSet):
    zoekvelden = ("naam", "kvk_nummer", "contactpersoon")
    leerroute = django_filters.ModelChoiceFilter(
        queryset=Leerroute.objects.all(),
        field_name="trajecten__leerroutes",
        to_field_name="code",
        distinct=True,
        label="Heeft een traject in leerroute",
    )

    class Meta:
        model = Aanbieder
        fields = ["soort", "actief", "keurmerk_status"]


class TrajectFilter(ZoekFilterSet):
    zoekvelden = ("naam", "code", "omschrijving", "aanbieder__naam")
    leerroute = django_filters.ModelChoiceFilter(
        queryset=Leerroute.objects.all(),
        field_name="leerroutes",
        to_field_name="code",
        label="Leerroute",
    )
    aanbieder = django_filters.UUIDFilter(field_name="aanbieder__uuid", label="Aanbieder (id)")
    keurmerk = django_filters.ChoiceFilter(
        field_name="aanbieder__keurmerk_status",
        choices=Aanbieder.KeurmerkStatus.choices,
        label="Keurmerk van de aanbieder",
    )

    class Meta:
        model = Traject
        fields = ["soort", "actief"]
