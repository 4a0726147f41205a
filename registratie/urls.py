"""The registratie app's pages (`urlpatterns`) and API endpoints (`api_routes` for the one router,
`api_urlpatterns` beside it); config/urls.py puts every app's together."""

from django.urls import path

from registratie.api.views import (
    ClientViewSet,
    InschrijvingViewSet,
    VoortgangsrapportageViewSet,
)
from registratie.api.wachtlijst import WachtlijstViewSet
from registratie.views.avg import ClientInzageView, ClientLogboekView
from registratie.views.clienten import (
    CaseloadView,
    ClientBewerkenView,
    ClientTotVerhuizingView,
    ClientView,
    InschrijvenView,
    InschrijvingActieView,
    TerugkeerView,
    UitstroomView,
    UitvalView,
    VerhuizingView,
)
from registratie.views.inburgering import (
    DuoImportView,
    DuoVoorbeeldView,
    InburgeringView,
    ReferentielijstenView,
    ReferentielijstView,
)
from registratie.views.portaal import (
    BevestigView,
    GeschiedenisView,
    PortaalView,
    ResultatenBevestigView,
    ResultatenSjabloonView,
    ResultatenUploadView,
    SjabloonView,
    UploadView,
)
from registratie.views.wachtlijst import (
    WachtlijstAanmeldenView,
    WachtlijstActieView,
    WachtlijstView,
)

urlpatterns = [
    path("clienten/", CaseloadView.as_view(), name="caseload"),
    path("clienten/nieuw/", ClientBewerkenView.as_view(), name="client-nieuw"),
    path("clienten/<uuid:uuid>/", ClientView.as_view(), name="client"),
    path("clienten/<uuid:uuid>/bewerken/", ClientBewerkenView.as_view(), name="client-bewerken"),
    path(
        "inschrijvingen/<uuid:uuid>/<str:actie>/",
        InschrijvingActieView.as_view(),
        name="inschrijving-actie",
    ),
    path("clienten/<uuid:uuid>/inschrijven/", InschrijvenView.as_view(), name="inschrijven"),
    path("clienten/<uuid:uuid>/uitstroom/", UitstroomView.as_view(), name="uitstroom"),
    path("clienten/<uuid:uuid>/verhuizing/", VerhuizingView.as_view(), name="verhuizing"),
    path(
        "clienten/<uuid:uuid>/tot-verhuizing/",
        ClientTotVerhuizingView.as_view(),
        name="client-tot-verhuizing",
    ),
    path("clienten/<uuid:uuid>/inburgering/", InburgeringView.as_view(), name="inburgering"),
    path("clienten/<uuid:uuid>/inzage/", ClientInzageView.as_view(), name="client-inzage"),
    path("clienten/<uuid:uuid>/logboek/", ClientLogboekView.as_view(), name="client-logboek"),
    path("clienten/<uuid:uuid>/uitval/", UitvalView.as_view(), name="uitval"),
    path("clienten/<uuid:uuid>/terugkeer/", TerugkeerView.as_view(), name="terugkeer"),
    path(
        "clienten/<uuid:uuid>/inburgering/<str:actie>/",
        InburgeringView.as_view(),
        name="inburgering-actie",
    ),
    path(
        "clienten/<uuid:uuid>/wachtlijst/",
        WachtlijstAanmeldenView.as_view(),
        name="wachtlijst-aanmelden",
    ),
    path("wachtlijst/", WachtlijstView.as_view(), name="wachtlijst"),
    path(
        "wachtlijst/<uuid:uuid>/<str:actie>/",
        WachtlijstActieView.as_view(),
        name="wachtlijst-actie",
    ),
    path("referentielijsten/", ReferentielijstenView.as_view(), name="referentielijsten"),
    path("duo/", DuoImportView.as_view(), name="duo-import"),
    path("duo/voorbeeld.xlsx", DuoVoorbeeldView.as_view(), name="duo-voorbeeld"),
    path("referentielijsten/<uuid:uuid>/", ReferentielijstView.as_view(), name="referentielijst"),
    path("portaal/", PortaalView.as_view(), name="portaal"),
    path("portaal/upload/", UploadView.as_view(), name="portaal-upload"),
    path("portaal/upload/bevestigen/", BevestigView.as_view(), name="portaal-bevestigen"),
    path("portaal/sjabloon.xlsx", SjabloonView.as_view(), name="portaal-sjabloon"),
    path("portaal/geschiedenis/", GeschiedenisView.as_view(), name="portaal-geschiedenis"),
    path("portaal/resultaten/", ResultatenUploadView.as_view(), name="portaal-resultaten"),
    path(
        "portaal/resultaten/sjabloon.xlsx",
        ResultatenSjabloonView.as_view(),
        name="portaal-resultaten-sjabloon",
    ),
    path(
        "portaal/resultaten/bevestigen/",
        ResultatenBevestigView.as_view(),
        name="portaal-resultaten-bevestigen",
    ),
]

api_routes = [
    ("clienten", ClientViewSet, "client"),
    ("inschrijvingen", InschrijvingViewSet, "inschrijving"),
    ("wachtlijst", WachtlijstViewSet, "wachtlijst"),
    ("voortgangsrapportages", VoortgangsrapportageViewSet, "voortgangsrapportage"),
]
