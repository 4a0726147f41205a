"""The rapportages app's pages (`urlpatterns`) and API endpoints (`api_routes` for the one router,
`api_urlpatterns` beside it); config/urls.py puts every app's together."""

from django.urls import path

from rapportages.api import (
    RapportageLijstView,
    RapportageView,
    RapportageWerkboekView,
)
from rapportages.views import (
    DashboardView,
    RapportenView,
    RapportView,
)

urlpatterns = [
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("rapportages/", RapportenView.as_view(), name="rapporten"),
    path("rapportages/<str:naam>/", RapportView.as_view(), name="rapport-pagina"),
]

api_routes = []

api_urlpatterns = [
    path("rapportages/", RapportageLijstView.as_view(), name="rapportages"),
    path("rapportages/werkboek/", RapportageWerkboekView.as_view(), name="rapportage-werkboek"),
    path("rapportages/<str:naam>/", RapportageView.as_view(), name="rapportage"),
]
