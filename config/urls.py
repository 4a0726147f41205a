"""The site's URLs: each app brings its own pages and API endpoints (its urls.py); the API has
one router, so /api/v1/ lists every endpoint."""

from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from aanbod import urls as aanbod_urls
from declaraties import urls as declaraties_urls
from demo import urls as demo_urls
from inkoop import urls as inkoop_urls
from kern.api.taken import TaakViewSet
from kern.views import (
    ApiUitlegView,
    InlogView,
    StartView,
    TaakBestandView,
    TaakView,
    TokenView,
    healthz,
)
from rapportages import urls as rapportages_urls
from registratie import urls as registratie_urls

APPS = (aanbod_urls, inkoop_urls, registratie_urls, declaraties_urls, rapportages_urls, demo_urls)


class ApiRoot(DefaultRouter.APIRootView):
    """The list of endpoints is public; what they return is not."""

    permission_classes = [AllowAny]


router = DefaultRouter()
router.APIRootView = ApiRoot
for app in APPS:
    for prefix, viewset, basename in app.api_routes:
        router.register(prefix, viewset, basename=basename)
router.register("taken", TaakViewSet, basename="achtergrondtaak")

admin.site.site_header = "Inburgeringsaanbod – beheer"
admin.site.site_title = "Inburgeringsaanbod"
admin.site.index_title = "Register van aanbod, inkoop en registratie"

api_urls = [
    path("token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    *(p for app in APPS for p in getattr(app, "api_urlpatterns", [])),
    path("", include(router.urls)),
]

urlpatterns = [
    path("", StartView.as_view(), name="start"),
    path("healthz", healthz, name="healthz"),
    path("taken/<uuid:uuid>/", TaakView.as_view(), name="taak"),
    path("taken/<uuid:uuid>.json", TaakView.as_view(), {"formaat": "json"}, name="taak-stand"),
    path("taken/<uuid:uuid>/bestand/", TaakBestandView.as_view(), name="taak-bestand"),
    path("admin/", admin.site.urls),
    path("api/", ApiUitlegView.as_view(), name="api-uitleg"),
    path("api/v1/", include(api_urls)),
    path("api-auth/", include("rest_framework.urls")),
    path("inloggen/", InlogView.as_view(), name="inloggen"),
    path("uitloggen/", LogoutView.as_view(), name="uitloggen"),
    *(p for app in APPS for p in app.urlpatterns),
]
