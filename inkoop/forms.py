from decimal import Decimal

from django import forms

from aanbod.models import Traject
from inkoop.models import Contract, Contractregel
from kern.web import DatumInvoer, leesbare_keuzes


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
        ]
        widgets = {"startdatum": DatumInvoer(), "einddatum": DatumInvoer()}
        localized_fields = ["plafond"]  # accepts 1.234,50

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
        leesbare_keuzes(self)

    def clean_verwachte_eenheden(self):
        return self.cleaned_data["verwachte_eenheden"] or Decimal(1)

    def clean_prestatie_maanden(self):
        maanden = self.cleaned_data["prestatie_maanden"]
        return 6 if maanden is None else maanden
