from import_export import fields

from aanbod.models import Aanbieder, Leerroute, Traject
from financien.models import Financieringsbron
from inkoop.models import Budget, Contract, Contractregel, Kostenpost, Perceel
from kern.importeren import (
    DatumWidget,
    DecimaalWidget,
    GetalWidget,
    KeuzeWidget,
    RegisterResource,
    SleutelWidget,
    TekstWidget,
)
from regio.models import Gemeente


class GemeenteWidget(SleutelWidget):
    """A gemeente by its CBS code (772 in a spreadsheet is 0772); empty: the region."""

    def __init__(self):
        super().__init__(Gemeente, "cbs_code", "gemeente met CBS-code")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if value is not None and str(value).strip().isdigit():
            value = str(value).strip().zfill(4)
        return super().clean(value, row, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return value.cbs_code if value else ""


class ContractResource(RegisterResource):
    kenmerk = fields.Field("kenmerk", "kenmerk", widget=TekstWidget())
    aanbieder = fields.Field(
        "aanbieder", "aanbieder", widget=SleutelWidget(Aanbieder, "naam", "aanbieder")
    )
    inkoopvorm = fields.Field(
        "inkoopvorm", "inkoopvorm", widget=KeuzeWidget(Contract.Inkoopvorm.choices)
    )
    perceel = fields.Field("perceel", "perceel", widget=SleutelWidget(Perceel, "naam", "perceel"))
    startdatum = fields.Field("startdatum", "startdatum", widget=DatumWidget())
    einddatum = fields.Field("einddatum", "einddatum", widget=DatumWidget())
    plafond = fields.Field("plafond", "plafond", widget=DecimaalWidget())
    status = fields.Field("status", "status", widget=KeuzeWidget(Contract.Status.choices))
    verzuimmarge = fields.Field("verzuimmarge", "verzuimmarge", widget=DecimaalWidget())

    class Meta(RegisterResource.Meta):
        model = Contract
        import_id_fields = ("kenmerk",)
        fields = (
            "kenmerk",
            "aanbieder",
            "omschrijving",
            "inkoopvorm",
            "perceel",
            "startdatum",
            "einddatum",
            "plafond",
            "status",
            "verzuimmarge",
            "ordernummer",
        )
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("aanbieder", "perceel")


class ContractregelResource(RegisterResource):
    contract = fields.Field(
        "contract", "contract", widget=SleutelWidget(Contract, "kenmerk", "contract")
    )
    traject = fields.Field("traject", "traject", widget=SleutelWidget(Traject, "code", "traject"))
    leerroute = fields.Field(
        "leerroute", "leerroute", widget=SleutelWidget(Leerroute, "code", "leerroute")
    )
    tarief = fields.Field("tarief", "tarief", widget=DecimaalWidget())
    eenheid = fields.Field("eenheid", "eenheid", widget=KeuzeWidget(Contractregel.Eenheid.choices))
    capaciteitsvorm = fields.Field(
        "capaciteitsvorm",
        "capaciteitsvorm",
        widget=KeuzeWidget(Contractregel.Capaciteitsvorm.choices),
    )
    capaciteit = fields.Field("capaciteit", "capaciteit", widget=GetalWidget())
    prestatiedeel = fields.Field("prestatiedeel", "prestatiedeel", widget=DecimaalWidget())

    class Meta(RegisterResource.Meta):
        model = Contractregel
        import_id_fields = ("contract", "traject", "leerroute")
        fields = (
            "contract",
            "traject",
            "leerroute",
            "tarief",
            "eenheid",
            "capaciteitsvorm",
            "capaciteit",
            "prestatiedeel",
        )
        export_order = fields

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("contract", "contract__aanbieder", "traject", "leerroute")
        )


class BudgetResource(RegisterResource):
    jaar = fields.Field("jaar", "jaar", widget=GetalWidget())
    leerroute = fields.Field(
        "leerroute", "leerroute", widget=SleutelWidget(Leerroute, "code", "leerroute")
    )
    bedrag = fields.Field("bedrag", "bedrag", widget=DecimaalWidget())
    verwacht_volume = fields.Field("verwacht_volume", "verwacht_volume", widget=GetalWidget())
    gemeente = fields.Field("gemeente", "gemeente", widget=GemeenteWidget())
    bron = fields.Field(
        "bron", "bron", widget=SleutelWidget(Financieringsbron, "code", "financieringsbron")
    )

    class Meta(RegisterResource.Meta):
        model = Budget
        import_id_fields = ("jaar", "leerroute", "gemeente")
        fields = (
            "jaar",
            "leerroute",
            "gemeente",
            "bron",
            "bedrag",
            "verwacht_volume",
            "toelichting",
        )
        export_order = fields


class KostenpostResource(RegisterResource):
    jaar = fields.Field("jaar", "jaar", widget=GetalWidget())
    soort = fields.Field("soort", "soort", widget=KeuzeWidget(Kostenpost.Soort.choices))
    omschrijving = fields.Field("omschrijving", "omschrijving", widget=TekstWidget())
    bedrag = fields.Field("bedrag", "bedrag", widget=DecimaalWidget())
    gemeente = fields.Field("gemeente", "gemeente", widget=GemeenteWidget())

    class Meta(RegisterResource.Meta):
        model = Kostenpost
        import_id_fields = ("jaar", "soort", "omschrijving", "gemeente")
        fields = ("jaar", "gemeente", "soort", "omschrijving", "bedrag", "toelichting")
        export_order = fields
