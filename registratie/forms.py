import datetime as dt

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from aanbod.models import Traject
from inkoop.forms import DatumInvoer
from inkoop.selectors import contracten_actief_op, contractregels_for
from kern.formaten import euro
from registratie.models import Client, Inschrijving, Uitstroomreden, UitstroomSubreden


class RegelKeuze(forms.ModelChoiceField):
    def label_from_instance(self, regel):
        return (
            f"{regel.traject.naam} – {regel.contract.aanbieder.naam} "
            f"({regel.leerroute.naam if regel.leerroute else 'routevrij'}; "
            f"{regel.vrij} van {regel.capaciteit} plaatsen vrij; {euro(regel.tarief)})"
        )


class InschrijvenForm(forms.Form):
    """Pick a place that fits the client's leerroute (or a route-free part) under a running
    contract; the enrolment service checks everything again under its lock."""

    contractregel = RegelKeuze(queryset=None, label="Traject", empty_label="kies een traject")
    startdatum = forms.DateField(widget=DatumInvoer())
    datum_aanmelding = forms.DateField(
        label="Datum aanmelding", widget=DatumInvoer(), required=False, help_text="Leeg: vandaag."
    )
    toelichting = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, client: Client, user, **kwargs):
        super().__init__(*args, **kwargs)
        vandaag = timezone.localdate()
        route = Q(leerroute__isnull=True)
        if client.leerroute_id:
            route |= Q(leerroute_id=client.leerroute_id)
        self.fields["contractregel"].queryset = contracten_actief_op(
            contractregels_for(user).filter(route), vandaag, prefix="contract__"
        ).order_by("traject__naam")
        self.fields["startdatum"].initial = vandaag + dt.timedelta(days=7)


class UitstroomForm(forms.Form):
    datum = forms.DateField(label="Datum uitstroom", widget=DatumInvoer())
    reden = forms.ChoiceField(label="Reden", choices=Uitstroomreden.choices)
    uitstroom_subreden = forms.ChoiceField(
        label="Reden bij 'overig'",
        required=False,
        choices=[("", "–"), *UitstroomSubreden.choices],
    )
    dienstverband = forms.ChoiceField(
        required=False, choices=[("", "–"), *Client.Dienstverband.choices]
    )
    type_bemiddeling = forms.ChoiceField(
        label="Type bemiddeling",
        required=False,
        choices=[("", "–"), *Client.TypeBemiddeling.choices],
    )
    sector = forms.ChoiceField(required=False, choices=[("", "–"), *Client.Sector.choices])
    werkgever = forms.CharField(required=False)
    werkgeversproject = forms.ModelChoiceField(
        required=False,
        empty_label="geen project",
        queryset=Traject.objects.filter(soort=Traject.Soort.WERKGEVERSPROJECT),
    )
    wgt_betrokken = forms.BooleanField(label="WGT betrokken", required=False)


class UploadForm(forms.Form):
    bestand = forms.FileField(
        help_text="CSV (komma of puntkomma) of Excel (.xlsx), met een kopregel zoals in het "
        "sjabloon.",
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"Het bestand is groter dan {settings.UPLOAD_MAX_BYTES // 1024 // 1024} MB."
            )
        return bestand


class ClientForm(forms.ModelForm):
    """Intake and the client's dates; deadlines follow from them on save."""

    class Meta:
        model = Client
        fields = Client.GEGEVENS
        widgets = {
            naam: DatumInvoer()
            for naam in (
                "geboortedatum",
                "datum_huisvesting",
                "datum_inschrijving_gemeente",
                "datum_brede_intake",
                "datum_pip",
                "ontzorgen_start",
                "ontzorgen_eind",
                "datum_start_voortraject",
            )
        } | {"notities": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerroute"].empty_label = "nog niet bepaald"
        self.fields["specialist"].empty_label = "geen"
        # Outflow has its own page (it starts nazorg); here the guidance statuses only.
        self.fields["status"].choices = [
            (k, v)
            for k, v in Client.Status.choices
            if k in (Client.Status.IN_BEELD, Client.Status.IN_BEGELEIDING)
            or k == self.instance.status
        ]


class InschrijvingStartForm(forms.Form):
    startdatum = forms.DateField(widget=DatumInvoer())


class InschrijvingEindeForm(forms.Form):
    einddatum = forms.DateField(widget=DatumInvoer())
    reden_einde = forms.ChoiceField(label="Reden", choices=Inschrijving.RedenEinde.choices)
