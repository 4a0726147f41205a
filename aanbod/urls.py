"""The aanbod app's pages (`urlpatterns`) and API endpoints (`api_routes` for the one router,
`api_urlpatterns` beside it); config/urls.py puts every app's together."""

from django.urls import path

from aanbod.api.views import (
    AanbiederViewSet,
    TrajectViewSet,
)
from aanbod.views import (
    CatalogusView,
)

urlpatterns = [
    path("aanbod/", CatalogusView.as_view(), name="catalogus"),
]

api_routes = [
    ("aanbieders", AanbiederViewSet, "aanbieder"),
    ("trajecten", TrajectViewSet, "traject"),
]
