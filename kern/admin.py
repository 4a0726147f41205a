from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from import_export.admin import ImportExportModelAdmin

from kern.bestanden import MAX_BESTAND_BYTES
from kern.exporteren import VeiligCSV, VeiligXLSX
from kern.importeren import CSVMetScheidingsteken, VeiligeXLSX
from kern.models import Auditregel
from kern.services import audit_log


class RegisterAdmin(ImportExportModelAdmin):
    """Admin for a register model: the queryset comes from the model's scoping selector
    (`scope`), and import/export speak CSV (comma or semicolon) and XLSX."""

    scope = None
    import_formats = [CSVMetScheidingsteken, VeiligeXLSX]
    export_formats = [VeiligCSV, VeiligXLSX]
    readonly_fields = ("uuid", "aangemaakt_op", "gewijzigd_op")
    list_per_page = 50

    def get_queryset(self, request):
        if self.scope is None:
            return super().get_queryset(request)
        return type(self).scope(request.user)

    def import_action(self, request, **kwargs):
        bestand = request.FILES.get("import_file")
        if bestand is not None and bestand.size > MAX_BESTAND_BYTES:
            messages.error(
                request,
                f"Het bestand is groter dan {MAX_BESTAND_BYTES // 1024 // 1024} MB; er is niets "
                "ingelezen.",
            )
            return redirect(request.path)
        return super().import_action(request, **kwargs)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ValidationError):
            for melding in e.messages:
                form.add_error("import_file", melding)
            return
        super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        response = super().process_result(result, request)
        audit_log(
            door=request.user,
            actie=Auditregel.Actie.GEIMPORTEERD,
            model=self.model._meta.label_lower,
            omschrijving=f"Import via beheer: {request.POST.get('original_file_name', '')}",
            gegevens={
                "bestand": request.POST.get("original_file_name", ""),
                "totalen": dict(result.totals),
            },
        )
        return response


@admin.register(Auditregel)
class AuditregelAdmin(admin.ModelAdmin):
    list_display = ("tijdstip", "gebruiker", "actie", "model", "omschrijving")
    list_filter = ("actie", "model")
    search_fields = ("omschrijving", "object_uuid", "gebruiker__username")
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
