"""The inkoop app's pages (`urlpatterns`) and API endpoints (`api_routes` for the one router,
`api_urlpatterns` beside it); config/urls.py puts every app's together."""

from django.urls import path

from inkoop.api.views import (
    BudgetViewSet,
    ContractregelViewSet,
    ContractViewSet,
    InstroomprognoseViewSet,
    KostenpostViewSet,
)
from inkoop.forms import IndexatieForm, OptieForm
from inkoop.ocds import ocds_view
from inkoop.views import (
    AanbiederView,
    ContractBewerkenView,
    ContractenView,
    ContractOnderdeelView,
    ContractregelBewerkenView,
    ContractView,
    DeelnamesView,
    FinancieringView,
    OptieUitoefenenView,
)

urlpatterns = [
    path("aanbod/aanbieders/<uuid:uuid>/", AanbiederView.as_view(), name="aanbieder"),
    path("contracten/", ContractenView.as_view(), name="contracten"),
    path("open-data/contracten.json", ocds_view, name="ocds-contracten"),
    path("contracten/nieuw/", ContractBewerkenView.as_view(), name="contract-nieuw"),
    path("contracten/<uuid:uuid>/", ContractView.as_view(), name="contract"),
    path(
        "contracten/<uuid:uuid>/bewerken/", ContractBewerkenView.as_view(), name="contract-bewerken"
    ),
    path(
        "contracten/<uuid:uuid>/regels/nieuw/",
        ContractregelBewerkenView.as_view(),
        name="contractregel-nieuw",
    ),
    path(
        "contracten/<uuid:uuid>/indexaties/nieuw/",
        ContractOnderdeelView.as_view(form_class=IndexatieForm),
        name="indexatie-nieuw",
    ),
    path(
        "contracten/<uuid:uuid>/opties/nieuw/",
        ContractOnderdeelView.as_view(form_class=OptieForm),
        name="optie-nieuw",
    ),
    path("opties/<uuid:uuid>/uitoefenen/", OptieUitoefenenView.as_view(), name="optie-uitoefenen"),
    path("contracten/<uuid:uuid>/deelnames/", DeelnamesView.as_view(), name="contract-deelnames"),
    path(
        "contractregels/<uuid:uuid>/financiering/",
        FinancieringView.as_view(),
        name="contractregel-financiering",
    ),
    path(
        "contractregels/<uuid:regel>/bewerken/",
        ContractregelBewerkenView.as_view(),
        name="contractregel-bewerken",
    ),
]

api_routes = [
    ("contracten", ContractViewSet, "contract"),
    ("contractregels", ContractregelViewSet, "contractregel"),
    ("budgetten", BudgetViewSet, "budget"),
    ("kostenposten", KostenpostViewSet, "kostenpost"),
    ("instroomprognoses", InstroomprognoseViewSet, "instroomprognose"),
]
