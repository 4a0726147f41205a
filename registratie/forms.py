import datetime as dt

from django import forms
from django.conf import settings

from aanbod.models import Leerroute, Taalniveau, Traject
from inkoop.selectors import contractregels_for
from kern.formaten import euro
from kern.web import DatumInvoer, leesbare_keuzes
from regio.models import Gemeente
from regio.selectors import gemeenten_van
from registratie.models import (
    Client,
    Examen,
    Inschrijving,
    Module,
    Nazorgcontact,
    Onderbreking,
    PipVersie,
    Referentielijst,
    Uitstroomreden,
    UitstroomSubreden,
)


def regel_label(regel) -> str:
    return (
        f"{regel.traject.naam} – {regel.contract.aanbieder.naam} "
        f"({regel.leerroute.naam if regel.leerroute else 'routevrij'}; "
        f"{regel.vrij} van {regel.capaciteit} plaatsen vrij; {euro(regel.tarief)} "
        f"{regel.get_eenheid_display()})"
    )


class InschrijvenForm(forms.Form):
    """Offers only the places this client can take on the start date (`plaatsen` from
    selectors.plaatsen_voor); any place in scope is accepted, so that a place that filled up
    meanwhile gets the service's own reason rather than "not a valid choice"."""

    contractregel = forms.ModelChoiceField(queryset=None, label="Traject")
    startdatum = forms.DateField(widget=DatumInvoer())
    datum_aanmelding = forms.DateField(
        label="Datum aanmelding", widget=DatumInvoer(), required=False, help_text="Leeg: vandaag."
    )
    toelichting = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user, plaatsen: list[dict], startdatum: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["contractregel"]
        veld.queryset = contractregels_for(user)
        veld.choices = [("", "kies een traject")] + [
            (p["regel"].pk, regel_label(p["regel"])) for p in plaatsen if not p["bezwaren"]
        ]
        self.fields["startdatum"].initial = startdatum


class MetLopendeInschrijvingen(forms.Form):
    """A step that ends the client's running enrolments with it (outflow, uitval): one reason
    per running enrolment, as `beeindigingen` (enrolment uuid -> reason)."""

    wanneer = "op de datum van uitstroom"

    def __init__(self, *args, lopend=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lopend = list(lopend)
        for inschrijving in self.lopend:
            self.fields[f"einde_{inschrijving.uuid}"] = forms.ChoiceField(
                label=f"Reden einde {inschrijving.contractregel.traject.naam} "
                f"({inschrijving.get_status_display()} {inschrijving.startdatum:%d-%m-%Y})",
                choices=[("", "kies een reden"), *Inschrijving.RedenEinde.choices],
                help_text=f"Deze inschrijving loopt nog en wordt {self.wanneer} beëindigd.",
            )

    def clean(self):
        data = super().clean()
        data["beeindigingen"] = {
            str(i.uuid): data.get(f"einde_{i.uuid}")
            for i in self.lopend
            if data.get(f"einde_{i.uuid}")
        }
        for i in self.lopend:
            data.pop(f"einde_{i.uuid}", None)
        return data


class UitstroomForm(MetLopendeInschrijvingen):
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
                "doelgroep_datum",
                "plicht_status_datum",
                "plicht_sinds",
            )
        } | {"notities": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["leerroute"].empty_label = "nog niet bepaald"
        leesbare_keuzes(self)
        if self.instance.pk and self.instance.pip_versies.exists():
            # Fixed by the PIP: a new decision is a new PIP version (Inburgering page).
            for naam in ("datum_pip", "leerroute"):
                self.fields[naam].disabled = True
                self.fields[
                    naam
                ].help_text = "Volgt uit het PIP; wijzig via Inburgering: een nieuwe PIP-versie."
        self.fields["specialist"].empty_label = "geen"
        self._gemeente_in_scope()
        if self.instance.status not in (Client.Status.IN_BEELD, Client.Status.IN_BEGELEIDING):
            self.fields["status"].disabled = True
            self.fields[
                "status"
            ].help_text = (
                "Volgt uit uitstroom, uitval en terugkeer (knoppen op de pagina van de client)."
            )
        # Outflow has its own page (it starts nazorg); here the guidance statuses only.
        self.fields["status"].choices = [
            (k, v)
            for k, v in Client.Status.choices
            if k in (Client.Status.IN_BEELD, Client.Status.IN_BEGELEIDING)
            or k == self.instance.status
        ]

    def _gemeente_in_scope(self):
        """The gemeenten this user works for (all for the beheerder); required once the
        register knows a gemeente, preset when there is one to choose."""
        veld = self.fields["gemeente"]
        gemeenten = gemeenten_van(self.user) if self.user is not None else None
        if gemeenten is not None:
            veld.queryset = Gemeente.objects.filter(pk__in=gemeenten)
        veld.empty_label = "kies de gemeente"
        veld.required = veld.queryset.exists()
        if not self.instance.pk and veld.queryset.count() == 1:
            veld.initial = veld.queryset.get().pk


class InschrijvingStartForm(forms.Form):
    startdatum = forms.DateField(
        label="Gestart op",
        widget=DatumInvoer(),
        error_messages={"required": "Vul de datum in waarop het traject begon."},
    )


class InschrijvingEindeForm(forms.Form):
    einddatum = forms.DateField(
        label="Einddatum",
        widget=DatumInvoer(),
        error_messages={"required": "Vul de einddatum in."},
    )
    reden_einde = forms.ChoiceField(
        label="Reden",
        choices=Inschrijving.RedenEinde.choices,
        error_messages={"required": "Kies een reden van beëindiging."},
    )


class WachtlijstForm(forms.Form):
    """Put a client on the waiting list from the enrol page: for this place, or for any
    place on its traject that fits the client's route."""

    contractregel = forms.ModelChoiceField(queryset=None, to_field_name="uuid")
    bereik = forms.ChoiceField(choices=[("regel", "deze plaats"), ("traject", "elke plaats")])
    toelichting = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contractregel"].queryset = contractregels_for(user)


class AanbodAannemenForm(forms.Form):
    startdatum = forms.DateField(widget=DatumInvoer())


GEEN_REDEN = {"required": "Geef een reden; die wordt vastgelegd."}


class RedenForm(forms.Form):
    reden = forms.CharField(max_length=500, error_messages=GEEN_REDEN)


class VoorrangForm(forms.Form):
    voor = forms.UUIDField(error_messages={"required": "Kies vóór wie de client komt."})
    reden = forms.CharField(max_length=500, error_messages=GEEN_REDEN)


class PrestatieForm(forms.Form):
    toelichting = forms.CharField(
        label="Waaruit blijkt het",
        max_length=90,
        error_messages={"required": "Noem waaruit het resultaat blijkt."},
    )


# -- the Wi2021 record (registratie.inburgering) ---------------------------------------------


class PipForm(forms.Form):
    datum = forms.DateField(
        label="Datum besluit",
        widget=DatumInvoer(),
        error_messages={"required": "Vul de datum van het besluit in."},
    )
    reden = forms.ChoiceField(choices=PipVersie.Reden.choices)
    leerroute = forms.ModelChoiceField(
        queryset=Leerroute.objects.all(),
        empty_label="kies een leerroute",
        error_messages={"required": "Kies de leerroute."},
    )
    taaldoel = forms.ChoiceField(choices=[("", "geen")] + Taalniveau.choices, required=False)
    afgeschaald = forms.MultipleChoiceField(
        label="Afschalen naar A2",
        choices=[(d, Examen.Onderdeel(d).label) for d in Examen.TAAL],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Alleen in de B1-route: de examenonderdelen die de client op A2 mag "
        "afleggen. Eerder afgeschaalde onderdelen blijven afgeschaald.",
    )
    onderdelen = forms.MultipleChoiceField(
        choices=[(n, PipVersie._meta.get_field(n).verbose_name) for n in PipVersie.ONDERDELEN],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=list(PipVersie.ONDERDELEN),
        help_text="De onderwijsroute heeft geen MAP; ontzorgen is er alleen voor "
        "asielstatushouders.",
    )
    toelichting = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Verplicht bij 'andere wijziging'.",
    )

    def als_argumenten(self) -> dict:
        data = dict(self.cleaned_data)
        gekozen = set(data.pop("onderdelen"))
        data["onderdelen"] = {n: n in gekozen for n in PipVersie.ONDERDELEN}
        return data


class VerlengingForm(forms.Form):
    datum = forms.DateField(label="Datum besluit", widget=DatumInvoer())
    nieuwe_einddatum = forms.DateField(label="Nieuwe einddatum", widget=DatumInvoer())
    reden = forms.CharField(max_length=500)


class ModuleForm(forms.Form):
    soort = forms.ChoiceField(label="Module", choices=Module.Soort.choices)
    startdatum = forms.DateField(widget=DatumInvoer(), required=False)
    afgerond_op = forms.DateField(label="Afgerond op", widget=DatumInvoer(), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("startdatum") and not data.get("afgerond_op"):
            raise forms.ValidationError("Vul de startdatum of de datum van afronden in.")
        return data


class ExamenForm(forms.Form):
    onderdeel = forms.ChoiceField(choices=Examen.Onderdeel.choices)
    datum = forms.DateField(label="Examendatum", widget=DatumInvoer())
    niveau = forms.ChoiceField(choices=[("", "geen (KNM)")] + Taalniveau.choices, required=False)
    behaald = forms.TypedChoiceField(
        label="Uitslag",
        choices=[("ja", "behaald"), ("nee", "niet behaald")],
        coerce=lambda v: v == "ja",
    )


class NazorgForm(forms.Form):
    datum = forms.DateField(label="Datum contact", widget=DatumInvoer())
    soort = forms.ChoiceField(choices=Nazorgcontact.Soort.choices)
    werkt_nog = forms.TypedChoiceField(
        label="Werkt de client nog?",
        choices=[("ja", "ja"), ("nee", "nee")],
        coerce=lambda v: v == "ja",
    )
    toelichting = forms.CharField(max_length=500, required=False)


class UitvalForm(MetLopendeInschrijvingen):
    wanneer = "op de datum van uitval"
    datum = forms.DateField(label="Uitgevallen op", widget=DatumInvoer())
    reden = forms.ChoiceField(
        choices=[("", "kies een reden")] + Onderbreking.Reden.choices,
        error_messages={"required": "Kies de reden van de uitval."},
    )
    toelichting = forms.CharField(max_length=500, required=False)


class TerugkeerForm(forms.Form):
    datum = forms.DateField(label="Terug in begeleiding op", widget=DatumInvoer())
    toelichting = forms.CharField(
        max_length=500, required=False, help_text="Bijvoorbeeld: baan verloren na de proeftijd."
    )


class ReferentielijstForm(UploadForm):
    peildatum = forms.DateField(
        widget=DatumInvoer(), help_text="De datum waarop de lijst de stand weergeeft."
    )
    bron = forms.ChoiceField(choices=[("", "kies de bron")] + Referentielijst.Bron.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "bestand"
        ].help_text = (
            "CSV (komma of puntkomma) of Excel (.xlsx), met een kolom BSN en/of clientnummer."
        )


class DuoBestandForm(UploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = (
            "CSV of Excel (.xlsx) uit het portaal van DUO: per rij een examenuitslag of een "
            "besluit over de inburgeringsplicht."
        )


class VerhuizingForm(forms.Form):
    datum = forms.DateField(
        label="Datum verhuizing",
        widget=DatumInvoer(),
        error_messages={"required": "Vul de datum van de verhuizing in."},
    )
    naar = forms.ModelChoiceField(
        label="Naar een gemeente van de regio",
        queryset=Gemeente.objects.all(),
        required=False,
        empty_label="– (buiten de regio: vul hieronder de gemeente in)",
    )
    naar_buiten = forms.CharField(
        label="Of: gemeente buiten de regio",
        max_length=100,
        required=False,
        help_text="De lopende inschrijvingen eindigen (reden 'verhuisd') en de begeleiding "
        "stopt; het dossier gaat als bestand mee (warme overdracht).",
    )
    toelichting = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].queryset = Gemeente.objects.exclude(pk=client.gemeente_id)
