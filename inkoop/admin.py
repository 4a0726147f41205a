from decimal import Decimal

from django.contrib import admin, messages
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.formats import number_format

from inkoop.forms import ContractregelForm
from inkoop.models import (
    Budget,
    Contract,
    Contractregel,
    Instroomprognose,
    Jaarschijf,
    Kostenpost,
    Perceel,
    jaarschijven_bijwerken,
)
from inkoop.resources import (
    BudgetResource,
    ContractregelResource,
    ContractResource,
    KostenpostResource,
)
from inkoop.selectors import (
    budgetten_for,
    contracten_for,
    contractregels_for,
    instroomprognoses_for,
    kostenposten_for,
)
from kern.admin import RegisterAdmin
from kern.formaten import euro


class ContractregelInline(admin.TabularInline):
    model = Contractregel
    fields = ContractregelForm.Meta.fields  # the same fields as the contract page's form
    autocomplete_fields = ("traject",)
    extra = 0


class JaarschijvenFormSet(BaseInlineFormSet):
    """Recorded year slices add up to the whole contract and lie within its term."""

    def clean(self):
        super().clean()
        rijen = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if not any(r.get("vastgelegd") for r in rijen):
            return
        contract = self.instance
        buiten = sorted(
            r["jaar"]
            for r in rijen
            if not contract.startdatum.year <= r["jaar"] <= contract.einddatum.year
        )
        if buiten:
            raise ValidationError(
                f"De jaarschijf van {', '.join(map(str, buiten))} ligt buiten de looptijd "
                f"({contract.startdatum:%d-%m-%Y} t/m {contract.einddatum:%d-%m-%Y})."
            )
        totaal = sum(r["aandeel"] for r in rijen)
        if abs(totaal - 1) > Decimal("0.00001"):
            raise ValidationError(
                f"De jaarschijven tellen op tot {number_format(totaal * 100, 2)} %, niet "
                "100 %: samen zijn ze de hele waarde van het contract."
            )


class JaarschijfInline(admin.TabularInline):
    model = Jaarschijf
    formset = JaarschijvenFormSet
    extra = 0
    fields = ("jaar", "aandeel", "vastgelegd")


@admin.register(Contract)
class ContractAdmin(RegisterAdmin):
    scope = staticmethod(contracten_for)
    resource_classes = [ContractResource]
    list_display = (
        "kenmerk",
        "aanbieder",
        "inkoopvorm",
        "startdatum",
        "einddatum",
        "status",
        "plafond_eur",
        "verplicht",
        "ruimte",
    )
    list_filter = ("status", "inkoopvorm", "aanbieder")
    search_fields = ("kenmerk", "omschrijving", "perceel__naam", "aanbieder__naam")
    date_hierarchy = "startdatum"
    autocomplete_fields = ("aanbieder",)
    inlines = [ContractregelInline, JaarschijfInline]

    def save_model(self, request, obj, form, change):
        obj._jaarschijven_later = True  # after the inline: it may record the slices
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        jaarschijven_bijwerken(form.instance)

    @admin.display(description="plafond", ordering="plafond")
    def plafond_eur(self, obj):
        return euro(obj.plafond)

    @admin.display(description="verplicht bedrag", ordering="verplicht_bedrag")
    def verplicht(self, obj):
        return euro(obj.verplicht_bedrag)

    @admin.display(description="ruimte onder plafond", ordering="ruimte_onder_plafond")
    def ruimte(self, obj):
        return euro(obj.ruimte_onder_plafond)


@admin.register(Perceel)
class PerceelAdmin(RegisterAdmin):
    list_display = ("naam", "plafond_eur", "verplicht_eur", "contracten")
    search_fields = ("naam", "omschrijving")

    @admin.display(description="plafond")
    def plafond_eur(self, obj):
        return euro(obj.plafond) if obj.plafond is not None else "–"

    @admin.display(description="verplicht onder het perceel")
    def verplicht_eur(self, obj):
        return euro(obj.verplicht())

    @admin.display(description="contracten")
    def contracten(self, obj):
        return ", ".join(obj.contracten.values_list("kenmerk", flat=True))


@admin.register(Contractregel)
class ContractregelAdmin(RegisterAdmin):
    scope = staticmethod(contractregels_for)
    resource_classes = [ContractregelResource]
    list_display = (
        "contract",
        "traject",
        "leerroute",
        "tarief_eur",
        "eenheid",
        "capaciteit",
        "capaciteitsvorm",
        "bezet",
        "vrij",
        "bezettingsgraad_pct",
    )
    list_filter = ("leerroute", "eenheid", "capaciteitsvorm", "contract__status")
    search_fields = ("contract__kenmerk", "traject__naam", "traject__code")
    autocomplete_fields = ("contract", "traject")

    @admin.display(description="tarief", ordering="tarief")
    def tarief_eur(self, obj):
        return euro(obj.tarief)

    @admin.display(description="bezet", ordering="bezet")
    def bezet(self, obj):
        return obj.bezet

    @admin.display(description="vrij", ordering="vrij")
    def vrij(self, obj):
        return obj.vrij

    @admin.display(description="bezettingsgraad", ordering="bezettingsgraad")
    def bezettingsgraad_pct(self, obj):
        if obj.bezettingsgraad is None:
            return "–"
        return f"{number_format(obj.bezettingsgraad, 1)} %"


@admin.register(Budget)
class BudgetAdmin(RegisterAdmin):
    scope = staticmethod(budgetten_for)
    resource_classes = [BudgetResource]
    list_display = (
        "jaar",
        "leerroute",
        "gemeente",
        "bron",
        "bedrag_eur",
        "verwacht_volume",
        "plaatsen",
        "gecontracteerd",
        "verschil",
    )
    list_filter = ("jaar", "leerroute", "gemeente", "bron")

    @admin.display(description="budget", ordering="bedrag")
    def bedrag_eur(self, obj):
        return euro(obj.bedrag)

    @admin.display(description="gecontracteerde plaatsen", ordering="gecontracteerde_plaatsen")
    def plaatsen(self, obj):
        return intcomma(obj.gecontracteerde_plaatsen)

    @admin.display(
        description="gecontracteerd (capaciteit × tarief)", ordering="gecontracteerd_bedrag"
    )
    def gecontracteerd(self, obj):
        return euro(obj.gecontracteerd_bedrag)

    @admin.display(description="budget min gecontracteerd", ordering="budget_min_gecontracteerd")
    def verschil(self, obj):
        return euro(obj.budget_min_gecontracteerd)


@admin.register(Kostenpost)
class KostenpostAdmin(RegisterAdmin):
    scope = staticmethod(kostenposten_for)
    resource_classes = [KostenpostResource]
    list_display = ("jaar", "gemeente", "soort", "omschrijving", "bedrag_eur")
    list_filter = ("jaar", "soort", "gemeente")
    search_fields = ("omschrijving", "toelichting")

    @admin.display(description="bedrag", ordering="bedrag")
    def bedrag_eur(self, obj):
        return euro(obj.bedrag)


@admin.register(Instroomprognose)
class InstroomprognoseAdmin(RegisterAdmin):
    list_display = ("jaar", "halfjaar", "gemeente", "aantal", "toelichting")
    list_filter = ("jaar", "gemeente")

    def get_queryset(self, request):
        return instroomprognoses_for(request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if waarschuwing := obj.waarschuwing(timezone.localdate()):
            messages.warning(request, waarschuwing)
