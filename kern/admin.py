from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from import_export.admin import ImportExportModelAdmin
from import_export.results import RowResult

from kern.bestanden import MAX_BESTAND_BYTES
from kern.exporteren import VeiligCSV, VeiligXLSX
from kern.importeren import CSVMetScheidingsteken, VeiligeXLSX
from kern.models import Auditregel
from kern.services import audit_log, wijzigingen


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

    def save_model(self, request, obj, form, change):
        """A change in the beheer is in the audit log with before and after, as on the
        pages (kern.services.form_opslaan)."""
        super().save_model(request, obj, form, change)
        _audit_formulier(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for inline in formset.forms:
            if inline.instance.pk and inline.has_changed() and inline not in formset.deleted_forms:
                nieuw = inline.instance in formset.new_objects
                _audit_formulier(request, inline.instance, inline, not nieuw)
        for verwijderd in formset.deleted_objects:
            audit_log(door=request.user, actie=Auditregel.Actie.VERWIJDERD, instance=verwijderd)

    def delete_model(self, request, obj):
        audit_log(door=request.user, actie=Auditregel.Actie.VERWIJDERD, instance=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_log(door=request.user, actie=Auditregel.Actie.VERWIJDERD, instance=obj)
        super().delete_queryset(request, queryset)

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

    def get_export_data(self, file_format, request, queryset, **kwargs):
        """The library's, with native values (dates, numbers) for our own workbook as well:
        the library recognises only its own XLSX class, so ours was filled with text."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(
            request, queryset, force_native_type=file_format.is_binary(), **kwargs
        )
        export_data = file_format.export_data(data)
        encoding = kwargs.get("encoding")
        if not file_format.is_binary() and encoding:
            export_data = export_data.encode(encoding)
        return export_data

    def add_success_message(self, result, request):
        # The library's Dutch translation of this message is marked fuzzy, so it read English.
        t = result.totals
        messages.success(
            request,
            f"Import klaar: {t[RowResult.IMPORT_TYPE_NEW]} nieuw, "
            f"{t[RowResult.IMPORT_TYPE_UPDATE]} gewijzigd, "
            f"{t[RowResult.IMPORT_TYPE_DELETE]} verwijderd en "
            f"{t[RowResult.IMPORT_TYPE_SKIP]} overgeslagen "
            f"({self.model._meta.verbose_name_plural}).",
        )

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


def _audit_formulier(request, obj, form, change: bool) -> None:
    na = {k: form.cleaned_data[k] for k in form.changed_data if k in form.cleaned_data}
    audit_log(
        door=request.user,
        actie=Auditregel.Actie.GEWIJZIGD if change else Auditregel.Actie.AANGEMAAKT,
        instance=obj,
        gegevens=wijzigingen(form.initial if change else {}, na),
    )
