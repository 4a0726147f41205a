from aanbod.filters import CatalogusFilter
from aanbod.selectors import trajecten_for
from kern.excel import DATUM, GEHEEL, GETAL, Blad, Kolom
from kern.rollen import BEHEERDER, INKOPER, SPECIALIST
from kern.web import LijstView


class CatalogusView(LijstView):
    rollen = (INKOPER, BEHEERDER, SPECIALIST)
    scope = staticmethod(trajecten_for)
    filterset_class = CatalogusFilter
    template_name = "aanbod/catalogus.html"
    sorteringen = ("naam", "code", "soort", "aanbieder__naam", "duur_weken")
    standaard_sortering = "aanbieder__naam"
    excel_titel = "Aanbod"

    def excel_bladen(self, queryset):
        kolommen = [
            Kolom("Code"),
            Kolom("Traject"),
            Kolom("Aanbieder"),
            Kolom("Soort"),
            Kolom("Leerroutes"),
            Kolom("Duur (weken)", GEHEEL),
            Kolom("Uren per week", GETAL),
            Kolom("Taalniveau in"),
            Kolom("Taalniveau uit"),
            Kolom("Keurmerk Blik op Werk geldig tot", DATUM),
            Kolom("Actief"),
        ]
        rijen = [
            [
                t.code,
                t.naam,
                t.aanbieder.naam,
                t.get_soort_display(),
                ", ".join(lr.naam for lr in t.leerroutes.all()) or "routevrij",
                t.duur_weken,
                t.uren_per_week,
                t.taalniveau_in,
                t.taalniveau_uit,
                t.aanbieder.keurmerk_geldig_tot,
                t.actief,
            ]
            for t in queryset.prefetch_related("leerroutes")
        ]
        return [Blad("Trajecten", kolommen, rijen)]
