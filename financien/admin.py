from django.contrib import admin

from financien.models import Financieringsbron
from kern.admin import RegisterAdmin


@admin.register(Financieringsbron)
class FinancieringsbronAdmin(RegisterAdmin):
    list_display = ("naam", "code", "grootboekrekening", "kostenplaats", "sisa", "actief")
    list_filter = ("sisa", "actief")
    search_fields = ("naam", "code", "grootboekrekening")
