"""The pages for people (the API and admin are in config/urls.py)."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from aanbod.views import AanbiederView, CatalogusView
from inkoop.views import (
    ContractBewerkenView,
    ContractenView,
    ContractregelBewerkenView,
    ContractView,
)
from kern.views import InlogView
from registratie.declaratie_views import (
    BetaalbatchDownloadView,
    DeclaratieActieView,
    DeclaratieBevestigView,
    DeclaratiesView,
    DeclaratieUploadView,
    PortaalDeclaratiesView,
)
from registratie.views import (
    BevestigView,
    CaseloadView,
    ClientBewerkenView,
    ClientView,
    DashboardView,
    GeschiedenisView,
    InburgeringView,
    InschrijvenView,
    InschrijvingActieView,
    PortaalView,
    RapportenView,
    RapportView,
    ReferentielijstenView,
    ReferentielijstView,
    ResultatenBevestigView,
    ResultatenUploadView,
    SjabloonView,
    TerugkeerView,
    UitstroomView,
    UitvalView,
    UploadView,
    WachtlijstAanmeldenView,
    WachtlijstActieView,
    WachtlijstView,
)

urlpatterns = [
    path("inloggen/", InlogView.as_view(), name="inloggen"),
    path("uitloggen/", LogoutView.as_view(), name="uitloggen"),
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("aanbod/", CatalogusView.as_view(), name="catalogus"),
    path("aanbod/aanbieders/<uuid:uuid>/", AanbiederView.as_view(), name="aanbieder"),
    path("contracten/", ContractenView.as_view(), name="contracten"),
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
        "contractregels/<uuid:regel>/bewerken/",
        ContractregelBewerkenView.as_view(),
        name="contractregel-bewerken",
    ),
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
    path("clienten/<uuid:uuid>/inburgering/", InburgeringView.as_view(), name="inburgering"),
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
    path("rapportages/", RapportenView.as_view(), name="rapporten"),
    path("referentielijsten/", ReferentielijstenView.as_view(), name="referentielijsten"),
    path("referentielijsten/<uuid:uuid>/", ReferentielijstView.as_view(), name="referentielijst"),
    path("rapportages/<str:naam>/", RapportView.as_view(), name="rapport-pagina"),
    path("portaal/", PortaalView.as_view(), name="portaal"),
    path("portaal/upload/", UploadView.as_view(), name="portaal-upload"),
    path("portaal/upload/bevestigen/", BevestigView.as_view(), name="portaal-bevestigen"),
    path("portaal/sjabloon.xlsx", SjabloonView.as_view(), name="portaal-sjabloon"),
    path("portaal/geschiedenis/", GeschiedenisView.as_view(), name="portaal-geschiedenis"),
    path("portaal/resultaten/", ResultatenUploadView.as_view(), name="portaal-resultaten"),
    path(
        "portaal/resultaten/bevestigen/",
        ResultatenBevestigView.as_view(),
        name="portaal-resultaten-bevestigen",
    ),
    path("portaal/declaraties/", PortaalDeclaratiesView.as_view(), name="portaal-declaraties"),
    path(
        "portaal/declaraties/upload/",
        DeclaratieUploadView.as_view(),
        name="portaal-declaraties-upload",
    ),
    path(
        "portaal/declaraties/upload/bevestigen/",
        DeclaratieBevestigView.as_view(),
        name="portaal-declaraties-bevestigen",
    ),
    path("declaraties/", DeclaratiesView.as_view(), name="declaraties"),
    path("declaraties/<str:actie>/", DeclaratieActieView.as_view(), name="declaratie-actie"),
    path(
        "betaalbatches/<uuid:uuid>.<str:formaat>",
        BetaalbatchDownloadView.as_view(),
        name="betaalbatch-download",
    ),
]
