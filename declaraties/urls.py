"""The declaraties app's pages (`urlpatterns`) and API endpoints (`api_routes` for the one router,
`api_urlpatterns` beside it); config/urls.py puts every app's together."""

from django.urls import path

from declaraties.api import (
    BetaalbatchViewSet,
    DeclaratieViewSet,
)
from declaraties.views import (
    BetaalbatchDownloadView,
    DeclaratieActieView,
    DeclaratieBevestigView,
    DeclaratieSjabloonView,
    DeclaratiesView,
    DeclaratieUploadView,
    PortaalDeclaratiesView,
    PortaalEfactuurView,
)

urlpatterns = [
    path("portaal/declaraties/", PortaalDeclaratiesView.as_view(), name="portaal-declaraties"),
    path(
        "portaal/declaraties/upload/",
        DeclaratieUploadView.as_view(),
        name="portaal-declaraties-upload",
    ),
    path(
        "portaal/declaraties/sjabloon.xlsx",
        DeclaratieSjabloonView.as_view(),
        name="portaal-declaraties-sjabloon",
    ),
    path(
        "portaal/declaraties/upload/bevestigen/",
        DeclaratieBevestigView.as_view(),
        name="portaal-declaraties-bevestigen",
    ),
    path("portaal/facturen/", PortaalEfactuurView.as_view(), name="portaal-efactuur"),
    path("declaraties/", DeclaratiesView.as_view(), name="declaraties"),
    path("declaraties/<str:actie>/", DeclaratieActieView.as_view(), name="declaratie-actie"),
    path(
        "betaalbatches/<uuid:uuid>.<str:formaat>",
        BetaalbatchDownloadView.as_view(),
        name="betaalbatch-download",
    ),
]

api_routes = [
    ("declaraties", DeclaratieViewSet, "declaratie"),
    ("betaalbatches", BetaalbatchViewSet, "betaalbatch"),
]
