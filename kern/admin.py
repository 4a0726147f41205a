from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats

from kern.importeren import CSVMetScheidingsteken, VeiligCSV, VeiligXLSX
from kern.models import Auditregel
from kern.services import audit_log


class RegisterAdmin(ImportExportModelAdmin):
    """Admin for a register model: the queryset comes from the model's scoping selector
    (`scope`), and import/export speak CSV (comma or semicolon) and XLSX."""

    scope = None
    import_formats = [CSVMetScheidingsteken, base_formats.XLSX]
    export_formats = [VeiligCSV, VeiligXLSX]
    readonly_fields = ("uuid", "aangemaakt_op", "gewijzigd_op")
    list_per_page = 50

    def get_queryset(self, request):
        if self.scope is None:
            return super().get_queryset(request)
        return type(self).scope(request.user)

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
