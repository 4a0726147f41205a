from import_export import fields

from aanbod.models import Aanbieder, Leerroute, Taalniveau, Traject
from kern.importeren import (
    DatumWidget,
    DecimaalWidget,
    GetalWidget,
    JaNeeWidget,
    KeuzeWidget,
    MeerdereSleutelsWidget,
    RegisterResource,
    SleutelWidget,
    TekstWidget,
)


class AanbiederResource(RegisterResource):
    naam = fields.Field("naam", "naam", widget=TekstWidget())
    kvk_nummer = fields.Field("kvk_nummer", "kvk_nummer", widget=TekstWidget())
    soort = fields.Field("soort", "soort", widget=KeuzeWidget(Aanbieder.Soort.choices))
    keurmerk_status = fields.Field(
        "keurmerk_status", "keurmerk_status", widget=KeuzeWidget(Aanbieder.KeurmerkStatus.choices)
    )
    keurmerk_geldig_tot = fields.Field(
        "keurmerk_geldig_tot", "keurmerk_geldig_tot", widget=DatumWidget()
    )
    actief = fields.Field("actief", "actief", widget=JaNeeWidget())

    class Meta(RegisterResource.Meta):
        model = Aanbieder
        import_id_fields = ("naam",)
        fields = (
            "naam",
            "kvk_nummer",
            "iban",
            "soort",
            "keurmerk_status",
            "keurmerk_geldig_tot",
            "contactpersoon",
            "email",
            "telefoon",
            "website",
            "actief",
        )
        export_order = fields


class TrajectResource(RegisterResource):
    aanbieder = fields.Field(
        "aanbieder", "aanbieder", widget=SleutelWidget(Aanbieder, "naam", "aanbieder")
    )
    code = fields.Field("code", "code", widget=TekstWidget())
    soort = fields.Field("soort", "soort", widget=KeuzeWidget(Traject.Soort.choices))
    leerroutes = fields.Field(
        "leerroutes", "leerroutes", widget=MeerdereSleutelsWidget(Leerroute, "code", "leerroute")
    )
    duur_weken = fields.Field("duur_weken", "duur_weken", widget=GetalWidget())
    uren_per_week = fields.Field("uren_per_week", "uren_per_week", widget=DecimaalWidget())
    taalniveau_in = fields.Field(
        "taalniveau_in", "taalniveau_in", widget=KeuzeWidget(Taalniveau.choices)
    )
    taalniveau_uit = fields.Field(
        "taalniveau_uit", "taalniveau_uit", widget=KeuzeWidget(Taalniveau.choices)
    )
    min_leeftijd = fields.Field("min_leeftijd", "min_leeftijd", widget=GetalWidget())
    max_leeftijd = fields.Field("max_leeftijd", "max_leeftijd", widget=GetalWidget())
    actief = fields.Field("actief", "actief", widget=JaNeeWidget())

    class Meta(RegisterResource.Meta):
        model = Traject
        import_id_fields = ("code",)
        fields = (
            "code",
            "aanbieder",
            "naam",
            "omschrijving",
            "soort",
            "leerroutes",
            "duur_weken",
            "uren_per_week",
            "taalniveau_in",
            "taalniveau_uit",
            "min_leeftijd",
            "max_leeftijd",
            "begeleidingstalen",
            "actief",
        )
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("aanbieder").prefetch_related("leerroutes")
