from django.contrib import admin

from aanbod.models import Aanbieder, AanbiederGebruiker, Leerroute, Traject
from aanbod.resources import AanbiederResource, TrajectResource
from aanbod.selectors import aanbieders_for, trajecten_for
from kern.admin import RegisterAdmin


@admin.register(Leerroute)
class LeerrouteAdmin(admin.ModelAdmin):
    list_display = ("code", "naam", "volgorde")


class TrajectInline(admin.TabularInline):
    model = Traject
    fields = ("code", "naam", "soort", "actief")
    extra = 0
    show_change_link = True


@admin.register(Aanbieder)
class AanbiederAdmin(RegisterAdmin):
    scope = staticmethod(aanbieders_for)
    resource_classes = [AanbiederResource]
    list_display = (
        "naam",
        "kvk_nummer",
        "soort",
        "keurmerk_status",
        "keurmerk_geldig_tot",
        "actief",
    )
    list_filter = ("soort", "keurmerk_status", "actief")
    search_fields = ("naam", "kvk_nummer", "contactpersoon")
    inlines = [TrajectInline]


@admin.register(Traject)
class TrajectAdmin(RegisterAdmin):
    scope = staticmethod(trajecten_for)
    resource_classes = [TrajectResource]
    list_display = ("code", "naam", "aanbieder", "soort", "routes", "duur_weken", "actief")
    list_filter = ("soort", "leerroutes", "actief", "aanbieder")
    search_fields = ("code", "naam", "omschrijving", "aanbieder__naam")
    autocomplete_fields = ("aanbieder",)
    filter_horizontal = ("leerroutes",)

    @admin.display(description="leerroutes")
    def routes(self, obj):
        return ", ".join(lr.naam for lr in obj.leerroutes.all()) or "routevrij"


@admin.register(AanbiederGebruiker)
class AanbiederGebruikerAdmin(admin.ModelAdmin):
    list_display = ("gebruiker", "aanbieder")
    autocomplete_fields = ("aanbieder",)
    search_fields = ("gebruiker__username", "aanbieder__naam")
