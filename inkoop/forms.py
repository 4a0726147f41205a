from decimal import Decimal

from django import forms
from django.db.models import Q

from aanbod.models import Traject
from financien.models import Financieringsbron
from inkoop.models import Contract, Contractregel, Indexatie, Optie
from kern.web import DatumInvoer, leesbare_keuzes
from regio.models import Gemeente


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = [
            "aanbieder",
            "kenmerk",
            "omschrijving",
            "inkoopvorm",
            "perceel",
            "startdatum",
            "einddatum",
            "plafond",
            "status",
            "verzuimmarge",
            "ordernummer",
        ]
        widgets = {"startdatum": DatumInvoer(), "einddatum": DatumInvoer()}
        localized_fields = ["plafond", "verzuimmarge"]  # accepts 1.234,50

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        leesbare_keuzes(self)


class ContractregelForm(forms.ModelForm):
    """A line of one contract: only that provider's trajecten can be chosen."""

    class Meta:
        model = Contractregel
        fields = [
            "traject",
            "leerroute",
            "tarief",
            "eenheid",
            "verwachte_eenheden",
            "max_eenheden_per_maand",
            "capaciteit",
            "capaciteitsvorm",
            "prestatiedeel",
            "prestatie",
            "prestatie_taalniveau",
            "prestatie_maanden",
            "bij_voortijdig_einde",
            "minimum_maanden",
        ]
        localized_fields = [
            "tarief",
            "verwachte_eenheden",
            "max_eenheden_per_maand",
            "capaciteit",
            "prestatiedeel",
        ]

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.contract = contract
        self.fields["traject"].queryset = Traject.objects.filter(aanbieder=contract.aanbieder)
        self.fields["leerroute"].empty_label = "routevrij"
        self.fields["verwachte_eenheden"].required = False
        self.fields["verwachte_eenheden"].help_text += " Leeg: 1."
        self.fields["prestatie_maanden"].required = False
        self.fields["prestatie_maanden"].help_text += " Leeg: 6."
        self.fields["bij_voortijdig_einde"].required = False
        leesbare_keuzes(self)

    def clean_verwachte_eenheden(self):
        return self.cleaned_data["verwachte_eenheden"] or Decimal(1)

    def clean_bij_voortijdig_einde(self):
        return (
            self.cleaned_data["bij_voortijdig_einde"]
            or Contractregel.BijVoortijdigEinde.PER_EENHEID
        )

    def clean_prestatie_maanden(self):
        maanden = self.cleaned_data["prestatie_maanden"]
        return 6 if maanden is None else maanden


class IndexatieForm(forms.ModelForm):
    """An indexation of one contract: of all its regels or of one."""

    class Meta:
        model = Indexatie
        fields = ["ingangsdatum", "percentage", "contractregel", "toelichting"]
        widgets = {"ingangsdatum": DatumInvoer()}
        localized_fields = ["percentage"]  # accepts 3,1

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.contract = contract
        regel = self.fields["contractregel"]
        regel.queryset = contract.regels.select_related("traject", "leerroute")
        regel.empty_label = "alle regels van het contract"
        leesbare_keuzes(self)


class OptieForm(forms.ModelForm):
    """An option to extend a contract, as the contract names it."""

    class Meta:
        model = Optie
        fields = ["verlengen_tot", "uiterlijk_op"]
        widgets = {"verlengen_tot": DatumInvoer(), "uiterlijk_op": DatumInvoer()}

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.contract = contract
        self.fields["uiterlijk_op"].required = False
        self.fields["uiterlijk_op"].help_text += f" Leeg: {contract.einddatum:%d-%m-%Y}."

    def clean_uiterlijk_op(self):
        return self.cleaned_data["uiterlijk_op"] or self.instance.contract.einddatum


class DeelnamesForm(forms.Form):
    """The verdeelsleutel of a joint contract: one share per gemeente of the region."""

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = list(Gemeente.objects.all())
        huidig = {d.gemeente_id: d.aandeel for d in contract.deelnames.all()}
        for gemeente in self.gemeenten:
            self.fields[f"gemeente_{gemeente.cbs_code}"] = forms.DecimalField(
                label=f"{gemeente} ({gemeente.get_rol_display()})",
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=2,
                localize=True,  # 12,5 in and out, as a Dutch user writes it
                initial=huidig.get(gemeente.pk),
                help_text="Aandeel in de plaatsen van elke regel, in %. Leeg: neemt niet deel.",
            )

    def als_argumenten(self) -> dict:
        return {
            "aandelen": {
                g: self.cleaned_data[f"gemeente_{g.cbs_code}"]
                for g in self.gemeenten
                if self.cleaned_data.get(f"gemeente_{g.cbs_code}") is not None
            }
        }


class FinancieringForm(forms.Form):
    """The funding streams of a contract line: one share per active stream (and any stream
    the line already uses)."""

    def __init__(self, *args, regel, **kwargs):
        super().__init__(*args, **kwargs)
        huidig = {b.bron_id: b.aandeel for b in regel.bronverdeling.all()}
        self.bronnen = list(
            Financieringsbron.objects.filter(Q(actief=True) | Q(pk__in=list(huidig)))
        )
        for bron in self.bronnen:
            self.fields[f"bron_{bron.code}"] = forms.DecimalField(
                label=bron.naam,
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=2,
                localize=True,
                initial=huidig.get(bron.pk),
                help_text="Aandeel in %. Leeg: deze bron betaalt niet mee.",
            )

    def als_argumenten(self) -> dict:
        return {
            "aandelen": {
                b: self.cleaned_data[f"bron_{b.code}"]
                for b in self.bronnen
                if self.cleaned_data.get(f"bron_{b.code}")
            }
        }
