from django.contrib import admin

from kern.admin import RegisterAdmin
from registratie.models import (
    Client,
    Formatie,
    Inschrijving,
    Uitstroomalias,
    Voortgangsrapportage,
    Wachtlijstplaats,
)
from registratie.resources import VoortgangsrapportageResource
from registratie.selectors import clienten_for, inschrijvingen_for, voortgangsrapportages_for


class InschrijvingInline(admin.TabularInline):
    model = Inschrijving
    fields = (
        "contractregel",
        "status",
        "datum_aanmelding",
        "startdatum",
        "einddatum",
        "reden_einde",
        "tarief",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # enrolling goes through the service (capacity, plafond, criteria)


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = (
        "clientnummer",
        "voornaam",
        "achternaam",
        "leerroute",
        "status",
        "specialist",
        "pip_deadline",
        "uitstroom_datum",
        "uitstroom_reden",
    )
    list_filter = ("status", "leerroute", "uitstroom_reden", "specialist")
    search_fields = ("clientnummer", "voornaam", "achternaam")
    readonly_fields = (
        "uuid",
        "pip_deadline",
        "ontzorgen_minimaal_tot",
        "schakelen_uiterlijk",
        "nazorg_eind",
        "aangemaakt_op",
        "gewijzigd_op",
    )
    inlines = [InschrijvingInline]
    list_per_page = 50

    def get_queryset(self, request):
        return clienten_for(request.user)


@admin.register(Inschrijving)
class InschrijvingAdmin(admin.ModelAdmin):
    list_display = ("client", "contractregel", "status", "startdatum", "einddatum", "tarief")
    list_filter = ("status", "reden_einde", "contractregel__leerroute")
    search_fields = ("client__clientnummer", "contractregel__traject__naam")
    list_per_page = 50

    def get_readonly_fields(self, request, obj=None):
        # Status, dates and money change only through the services (start, end, outflow),
        # which check and audit them; here only the note can be edited.
        return [f.name for f in self.model._meta.fields if f.name not in ("id", "toelichting")]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return inschrijvingen_for(request.user)

    def has_add_permission(self, request):
        return False  # through the API or the specialist pages, which call the service


@admin.register(Voortgangsrapportage)
class VoortgangsrapportageAdmin(RegisterAdmin):
    scope = staticmethod(voortgangsrapportages_for)
    resource_classes = [VoortgangsrapportageResource]
    skip_admin_log = True  # the import writes one audit line per file instead
    list_display = (
        "inschrijving",
        "peildatum",
        "uren_aangeboden",
        "uren_gevolgd",
        "participatieladder",
        "taalniveau",
        "ingediend_door",
    )
    list_filter = ("participatieladder", "taalniveau")
    search_fields = ("inschrijving__client__clientnummer",)
    date_hierarchy = "peildatum"
    raw_id_fields = ("inschrijving",)
    readonly_fields = ("uuid", "ingediend_door", "ingediend_op", "aangemaakt_op", "gewijzigd_op")


@admin.register(Uitstroomalias)
class UitstroomaliasAdmin(admin.ModelAdmin):
    list_display = ("tekst", "reden", "subreden")
    list_filter = ("reden",)
    search_fields = ("tekst",)


@admin.register(Formatie)
class FormatieAdmin(admin.ModelAdmin):
    list_display = ("specialist", "gemeente", "van", "tot", "fte")
    list_filter = ("specialist", "gemeente")
    date_hierarchy = "van"


@admin.register(Wachtlijstplaats)
class WachtlijstplaatsAdmin(admin.ModelAdmin):
    """To look at only: the order, offers and voorrang change through the services (the
    client page and the API), which lock and audit."""

    list_display = ("traject", "client", "status", "aangevraagd_op", "geldig_tot", "voorrang_reden")
    list_filter = ("status", "leerroute", "traject")
    search_fields = ("client__clientnummer", "traject__naam", "traject__code")
    list_select_related = ("traject", "client")
    ordering = ("traject__naam", "rang", "id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
