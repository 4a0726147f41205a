import django_filters

from aanbod.models import Leerroute
from kern.api.filters import ZoekFilterSet
from registratie.models import Client, Inschrijving, Wachtlijstplaats
from registratie.selectors import TERMIJNEN, clienten_met_termijn


class CaseloadFilter(ZoekFilterSet):
    zoekvelden = ("clientnummer", "voornaam", "achternaam")
    leerroute = django_filters.ModelChoiceFilter(
        queryset=Leerroute.objects.all(), empty_label="alle leerroutes"
    )
    termijn = django_filters.ChoiceFilter(
        label="Termijn binnen 14 dagen",
        method="filter_termijn",
        empty_label="alle",
        choices=[
            ("alle", "een termijn"),
            ("pip", "PIP"),
            ("ontzorgen", "ontzorgen"),
            ("schakelen", "leerroute wisselen"),
            ("nazorg", "nazorg"),
        ],
    )
    alle = django_filters.BooleanFilter(
        method="geen_filter",
        label="Ook clienten van andere specialisten",
        widget=django_filters.widgets.forms.CheckboxInput,
    )

    status = django_filters.ChoiceFilter(
        choices=[*Client.Status.choices, ("alle", "alle statussen")],
        empty_label="actief (in beeld, in begeleiding, nazorg)",
        method="filter_status",
    )

    class Meta:
        model = Client
        fields = ["status"]

    def filter_status(self, queryset, name, value):
        # Empty means the active clients; the view applies that default.
        return queryset if value == "alle" else queryset.filter(status=value)

    def geen_filter(self, queryset, name, value):
        return queryset

    def filter_termijn(self, queryset, name, value):
        from django.utils import timezone

        soorten = TERMIJNEN if value == "alle" else [value]
        return clienten_met_termijn(
            queryset, soorten=soorten, peildatum=timezone.localdate(), binnen_dagen=14
        )


class PortaalFilter(ZoekFilterSet):
    zoekvelden = (
        "client__clientnummer",
        "client__voornaam",
        "client__achternaam",
        "contractregel__traject__naam",
        "contractregel__traject__code",
    )

    class Meta:
        model = Inschrijving
        fields = ["status"]


class WachtlijstFilter(ZoekFilterSet):
    zoekvelden = ("client__clientnummer", "client__achternaam", "traject__naam", "traject__code")
    leerroute = django_filters.ModelChoiceFilter(
        queryset=Leerroute.objects.all(), empty_label="alle leerroutes"
    )
    status = django_filters.ChoiceFilter(
        choices=[*Wachtlijstplaats.Status.choices, ("alle", "alle statussen")],
        empty_label="open (wachtend of aangeboden)",
        method="filter_status",
    )

    class Meta:
        model = Wachtlijstplaats
        fields = ["status"]

    def filter_status(self, queryset, name, value):
        return queryset if value == "alle" else queryset.filter(status=value)
