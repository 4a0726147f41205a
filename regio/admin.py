from django.contrib import admin

from kern.admin import RegisterAdmin
from regio.models import Gemeente


@admin.register(Gemeente)
class GemeenteAdmin(RegisterAdmin):
    list_display = ("naam", "cbs_code", "rol")
    list_filter = ("rol",)
    search_fields = ("naam", "cbs_code")
    filter_horizontal = ("medewerkers",)
