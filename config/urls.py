from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from aanbod.api.views import AanbiederViewSet, TrajectViewSet
from inkoop.api.views import (
    BudgetViewSet,
    ContractregelViewSet,
    ContractViewSet,
    InstroomprognoseViewSet,
    KostenpostViewSet,
)
from kern.views import ApiUitlegView, StartView, TokenView, healthz
from registratie.api.rapportages import RapportageLijstView, RapportageView
from registratie.api.views import (
    BetaalbatchViewSet,
    ClientViewSet,
    DeclaratieViewSet,
    InschrijvingViewSet,
    VoortgangsrapportageViewSet,
    WachtlijstViewSet,
)


class ApiRoot(DefaultRouter.APIRootView):
    """The list of endpoints is public; what they return is not."""

    permission_classes = [AllowAny]


router = DefaultRouter()
router.APIRootView = ApiRoot
router.register("aanbieders", AanbiederViewSet, basename="aanbieder")
router.register("trajecten", TrajectViewSet, basename="traject")
router.register("contracten", ContractViewSet, basename="contract")
router.register("contractregels", ContractregelViewSet, basename="contractregel")
router.register("budgetten", BudgetViewSet, basename="budget")
router.register("kostenposten", KostenpostViewSet, basename="kostenpost")
router.register("instroomprognoses", InstroomprognoseViewSet, basename="instroomprognose")
router.register("clienten", ClientViewSet, basename="client")
router.register("inschrijvingen", InschrijvingViewSet, basename="inschrijving")
router.register("wachtlijst", WachtlijstViewSet, basename="wachtlijst")
router.register("declaraties", DeclaratieViewSet, basename="declaratie")
router.register("betaalbatches", BetaalbatchViewSet, basename="betaalbatch")
router.register(
    "voortgangsrapportages", VoortgangsrapportageViewSet, basename="voortgangsrapportage"
)

admin.site.site_header = "Inburgeringsaanbod – beheer"
admin.site.site_title = "Inburgeringsaanbod"
admin.site.index_title = "Register van aanbod, inkoop en registratie"

api_urls = [
    path("token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("rapportages/", RapportageLijstView.as_view(), name="rapportages"),
    path("rapportages/<str:naam>/", RapportageView.as_view(), name="rapportage"),
    path("", include(router.urls)),
]

urlpatterns = [
    path("", StartView.as_view(), name="start"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", ApiUitlegView.as_view(), name="api-uitleg"),
    path("api/v1/", include(api_urls)),
    path("api-auth/", include("rest_framework.urls")),
    path("", include("config.web_urls")),
]
