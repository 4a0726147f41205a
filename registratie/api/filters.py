import django_filters
from django.core.exceptions import ValidationError
from django.utils import timezone

from aanbod.models import Leerroute
from kern.api.filters import ZoekFilterSet
from registratie.models import Client, Inschrijving, Voortgangsrapportage, Wachtlijstplaats
from registratie.selectors import TERMIJNEN, clienten_met_termijn


class ClientFilterVoorAanbieder(ZoekFilterSet):
    """A provider filters only on what it can see of a client: number, name, route."""

    zoekvelden = ("clientnummer", "voornaam", "achternaam")
    leerroute = django_filters.ModelChoiceFilter(
        queryset=Leerroute.objects.all(), to_field_name="code", label="Leerroute"
    )

    class Meta:
        model = Client
        fields = []


class ClientFilter(ClientFilterVoorAanbieder):
    specialist = django_filters.CharFilter(
        field_name="specialist__username", label="Specialist (gebruikersnaam)"
    )
    ingeschreven_van = django_filters.DateFilter("datum_inschrijving_gemeente", "gte")
    ingeschreven_tot = django_filters.DateFilter("datum_inschrijving_gemeente", "lte")
    uitstroom_van = django_filters.DateFilter("uitstroom_datum", "gte")
    uitstroom_tot = django_filters.DateFilter("uitstroom_datum", "lte")
    aanbieder = django_filters.UUIDFilter(
        field_name="inschrijvingen__contractregel__contract__aanbieder__uuid",
        distinct=True,
        label="Heeft een inschrijving bij aanbieder (id)",
    )
    termijn = django_filters.MultipleChoiceFilter(
        choices=[(t, t) for t in (*TERMIJNEN, "alle")],
        method="filter_termijn",
        label="Termijn verlopen of binnen `binnen_dagen` (pip, ontzorgen, schakelen, nazorg, alle)",
    )
    binnen_dagen = django_filters.NumberFilter(
        method="geen_filter", label="Dagen vooruit voor `termijn` (standaard 14)"
    )
    peildatum = django_filters.DateFilter(method="geen_filter", label="Peildatum voor `termijn`")

    class Meta:
        model = Client
        fields = ["status", "taalniveau", "uitstroom_reden", "wgt_betrokken"]

    def geen_filter(self, queryset, name, value):
        return queryset

    def filter_termijn(self, queryset, name, value):
        soorten = TERMIJNEN if "alle" in value else value
        dagen = self.form.cleaned_data.get("binnen_dagen")
        if dagen is not None and (dagen < 0 or dagen > 3650):
            raise ValidationError({"binnen_dagen": "Kies 0 tot 3650 dagen."})
        return clienten_met_termijn(
            queryset,
            soorten=soorten,
            binnen_dagen=int(14 if dagen is None else dagen),
            peildatum=self.form.cleaned_data.get("peildatum") or timezone.localdate(),
        )


class InschrijvingFilterVoorAanbieder(ZoekFilterSet):
    """A provider's own enrolments, on their own fields: not the client's specialist, and
    no other provider's."""

    zoekvelden = (
        "client__clientnummer",
        "client__voornaam",
        "client__achternaam",
        "contractregel__traject__naam",
        "contractregel__traject__code",
    )
    leerroute = django_filters.ModelChoiceFilter(
        queryset=Leerroute.objects.all(),
        field_name="contractregel__leerroute",
        to_field_name="code",
        label="Leerroute",
    )
    traject = django_filters.UUIDFilter(field_name="contractregel__traject__uuid")
    traject_code = django_filters.CharFilter(
        field_name="contractregel__traject__code", lookup_expr="iexact"
    )
    contract = django_filters.UUIDFilter(field_name="contractregel__contract__uuid")
    client = django_filters.UUIDFilter(field_name="client__uuid")
    soort = django_filters.CharFilter(field_name="contractregel__traject__soort")
    start_van = django_filters.DateFilter("startdatum", "gte")
    start_tot = django_filters.DateFilter("startdatum", "lte")
    eind_van = django_filters.DateFilter("einddatum", "gte")
    eind_tot = django_filters.DateFilter("einddatum", "lte")

    class Meta:
        model = Inschrijving
        fields = ["status", "reden_einde"]


class InschrijvingFilter(InschrijvingFilterVoorAanbieder):
    specialist = django_filters.CharFilter(field_name="client__specialist__username")
    aanbieder = django_filters.UUIDFilter(field_name="contractregel__contract__aanbieder__uuid")


class VoortgangsrapportageFilterVoorAanbieder(django_filters.FilterSet):
    inschrijving = django_filters.UUIDFilter(field_name="inschrijving__uuid")
    client = django_filters.UUIDFilter(field_name="inschrijving__client__uuid")
    clientnummer = django_filters.CharFilter(field_name="inschrijving__client__clientnummer")
    traject = django_filters.UUIDFilter(field_name="inschrijving__contractregel__traject__uuid")
    peildatum_van = django_filters.DateFilter("peildatum", "gte")
    peildatum_tot = django_filters.DateFilter("peildatum", "lte")

    class Meta:
        model = Voortgangsrapportage
        fields = ["taalniveau", "participatieladder"]


class VoortgangsrapportageFilter(VoortgangsrapportageFilterVoorAanbieder):
    aanbieder = django_filters.UUIDFilter(
        field_name="inschrijving__contractregel__contract__aanbieder__uuid"
    )


class WachtlijstFilter(django_filters.FilterSet):
    traject = django_filters.CharFilter(field_name="traject__code", label="Traject (code)")
    leerroute = django_filters.ModelChoiceFilter(
        queryset=Leerroute.objects.all(), to_field_name="code", label="Leerroute"
    )
    client = django_filters.UUIDFilter(field_name="client__uuid", label="Client (id)")
    specialist = django_filters.CharFilter(
        field_name="client__specialist__username", label="Specialist (gebruikersnaam)"
    )

    class Meta:
        model = Wachtlijstplaats
        fields = ["status"]
