"""Every page for people, for every role, against an explicit table: who gets the page
(200), who is sent to log in (302), who is refused (403) and for whom the object does not
exist (404). A page (URL name) without a row fails, so a new page gets one."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from inkoop.models import Optie
from registratie.models import Referentielijst
from tests.browser.wereld import klare_taak, maak_wereld
from tests.factories import AanbiederFactory, UserFactory, koppel_aanbieder

pytestmark = pytest.mark.django_db

ROLLEN = {"anoniem": None, "aanbieder": "aanb", "ander": "aanb2", "specialist": "spec"}
ROLLEN |= {"inkoper": "ink", "beheerder": "beh"}

# URL name: status for anoniem, aanbieder (owns the objects), ander (another provider),
# specialist, inkoper, beheerder.
MATRIX = {
    "start": (200, 302, 302, 302, 302, 302),
    "inloggen": (200, 302, 302, 302, 302, 302),
    "api-uitleg": (200, 200, 200, 200, 200, 200),
    "dashboard": (302, 403, 403, 200, 200, 200),
    "catalogus": (302, 403, 403, 200, 200, 200),
    "aanbieder": (302, 403, 403, 200, 200, 200),
    "contracten": (302, 403, 403, 403, 200, 200),
    "contract-nieuw": (302, 403, 403, 403, 200, 200),
    "contract": (302, 403, 403, 403, 200, 200),
    "contract-bewerken": (302, 403, 403, 403, 200, 200),
    "contractregel-nieuw": (302, 403, 404, 403, 200, 200),
    "indexatie-nieuw": (302, 403, 404, 403, 200, 200),
    "optie-nieuw": (302, 403, 404, 403, 200, 200),
    "contract-deelnames": (302, 403, 403, 403, 200, 200),
    "contractregel-bewerken": (302, 403, 404, 403, 200, 200),
    "contractregel-financiering": (302, 403, 403, 403, 200, 200),
    # Open data: the awarded contracts, for anyone (inkoop/ocds.py).
    "ocds-contracten": (200, 200, 200, 200, 200, 200),
    # A background task is its asker's (the inkoper's here) and the beheerder's.
    "taak": (302, 404, 404, 404, 200, 200),
    "taak-stand": (302, 404, 404, 404, 200, 200),
    "taak-bestand": (302, 404, 404, 404, 200, 200),
    "caseload": (302, 403, 403, 200, 403, 200),
    "client-nieuw": (302, 403, 403, 200, 403, 200),
    "client": (302, 403, 403, 200, 403, 200),
    "client-bewerken": (302, 403, 403, 200, 403, 200),
    "inschrijven": (302, 403, 404, 200, 404, 200),
    "uitstroom": (302, 403, 404, 200, 404, 200),
    "verhuizing": (302, 403, 404, 200, 404, 200),
    # Only for the gemeente a client left in a region (tests/regio/test_verhuizing.py).
    "client-tot-verhuizing": (302, 403, 403, 404, 403, 404),
    "inburgering": (302, 403, 404, 200, 404, 200),
    "client-inzage": (302, 403, 403, 403, 403, 200),
    "client-logboek": (302, 403, 403, 403, 403, 200),
    "uitval": (302, 403, 404, 200, 404, 200),
    "terugkeer": (302, 403, 404, 200, 404, 200),
    "wachtlijst": (302, 403, 403, 200, 403, 200),
    "rapporten": (302, 200, 200, 200, 200, 200),
    "referentielijsten": (302, 403, 403, 200, 403, 200),
    "duo-import": (302, 403, 403, 200, 403, 200),
    "synthetische-wereld": (302, 403, 403, 403, 403, 200),
    "duo-voorbeeld": (302, 403, 403, 200, 403, 200),
    "referentielijst": (302, 403, 403, 200, 403, 200),
    "rapport-pagina": (302, 200, 200, 200, 200, 200),  # contracten: the provider's own
    "portaal": (302, 200, 200, 403, 403, 403),
    "portaal-upload": (302, 200, 200, 403, 403, 403),
    "portaal-sjabloon": (302, 200, 200, 403, 403, 403),
    "portaal-geschiedenis": (302, 200, 200, 403, 403, 403),
    "portaal-declaraties": (302, 200, 200, 403, 403, 403),
    "portaal-declaraties-upload": (302, 200, 200, 403, 403, 403),
    "portaal-resultaten": (302, 200, 200, 403, 403, 403),
    "portaal-declaraties-sjabloon": (302, 200, 200, 403, 403, 403),
    "portaal-resultaten-sjabloon": (302, 200, 200, 403, 403, 403),
    "declaraties": (302, 403, 403, 403, 200, 200),
}
# A report a provider may not see is not there for it.
EXTRA = {"/rapportages/volumes/": (302, 404, 404, 200, 200, 200)}
# Pages that only take a POST (their refusals are tested with their tasks), and the API,
# the admin and the login/logout of the browsable API, which have tests of their own.
NIET_HIER = {
    "uitloggen",
    "inschrijving-actie",
    "inburgering-actie",
    "wachtlijst-aanmelden",
    "wachtlijst-actie",
    "portaal-bevestigen",
    "portaal-declaraties-bevestigen",
    "portaal-resultaten-bevestigen",
    "portaal-efactuur",
    "declaratie-actie",
    "betaalbatch-download",
    "optie-uitoefenen",
    "healthz",
    "login",
    "logout",
    "api-token",
    "api-schema",
    "api-docs",
    "rapportages",
    "rapportage",
}


def web_namen():
    namen = set()
    for patroon in get_resolver().url_patterns:
        if hasattr(patroon, "url_patterns"):  # an include
            prefix = str(patroon.pattern)
            if prefix.startswith(("admin/", "api/v1/")):
                continue
            namen |= {p.name for p in patroon.url_patterns if getattr(p, "name", None)}
        elif patroon.name:
            namen.add(patroon.name)
    return namen


def test_elke_pagina_staat_in_de_tabel():
    ontbreekt = web_namen() - set(MATRIX) - NIET_HIER
    assert not ontbreekt, f"pagina's zonder regel in de matrix: {sorted(ontbreekt)}"


def test_elke_rol_op_elke_pagina():
    w = maak_wereld()
    taak = klare_taak()
    koppel_aanbieder(UserFactory(username="aanb2", rol="aanbieder"), AanbiederFactory(naam="Ander"))
    lijst = Referentielijst.objects.create(
        peildatum=w.klant.datum_inschrijving_gemeente, bron="duo", bestandsnaam="duo.csv"
    )
    adressen = {
        "start": "/",
        "inloggen": "/inloggen/",
        "api-uitleg": "/api/",
        "dashboard": "/dashboard/",
        "catalogus": "/aanbod/",
        "aanbieder": f"/aanbod/aanbieders/{w.contract.aanbieder.uuid}/",
        "contracten": "/contracten/",
        "contract-nieuw": "/contracten/nieuw/",
        "contract": f"/contracten/{w.contract.uuid}/",
        "contract-bewerken": f"/contracten/{w.contract.uuid}/bewerken/",
        "contractregel-nieuw": f"/contracten/{w.contract.uuid}/regels/nieuw/",
        "indexatie-nieuw": f"/contracten/{w.contract.uuid}/indexaties/nieuw/",
        "optie-nieuw": f"/contracten/{w.contract.uuid}/opties/nieuw/",
        "contract-deelnames": f"/contracten/{w.contract.uuid}/deelnames/",
        "contractregel-bewerken": f"/contractregels/{w.regel.uuid}/bewerken/",
        "contractregel-financiering": f"/contractregels/{w.regel.uuid}/financiering/",
        "ocds-contracten": "/open-data/contracten.json",
        "taak": f"/taken/{taak.uuid}/",
        "taak-stand": f"/taken/{taak.uuid}.json",
        "taak-bestand": f"/taken/{taak.uuid}/bestand/",
        "caseload": "/clienten/",
        "client-nieuw": "/clienten/nieuw/",
        "client": f"/clienten/{w.klant.uuid}/",
        "client-bewerken": f"/clienten/{w.klant.uuid}/bewerken/",
        "inschrijven": f"/clienten/{w.klant.uuid}/inschrijven/",
        "uitstroom": f"/clienten/{w.klant.uuid}/uitstroom/",
        "verhuizing": f"/clienten/{w.klant.uuid}/verhuizing/",
        "client-tot-verhuizing": f"/clienten/{w.klant.uuid}/tot-verhuizing/",
        "inburgering": f"/clienten/{w.klant.uuid}/inburgering/",
        "client-inzage": f"/clienten/{w.klant.uuid}/inzage/",
        "client-logboek": f"/clienten/{w.klant.uuid}/logboek/",
        "uitval": f"/clienten/{w.klant.uuid}/uitval/",
        "terugkeer": f"/clienten/{w.klant.uuid}/terugkeer/",
        "wachtlijst": "/wachtlijst/",
        "rapporten": "/rapportages/",
        "referentielijsten": "/referentielijsten/",
        "duo-import": "/duo/",
        "synthetische-wereld": "/beheer/synthetische-wereld/",
        "duo-voorbeeld": "/duo/voorbeeld.xlsx",
        "referentielijst": f"/referentielijsten/{lijst.uuid}/",
        "rapport-pagina": "/rapportages/contracten/",
        "portaal": "/portaal/",
        "portaal-upload": "/portaal/upload/",
        "portaal-sjabloon": "/portaal/sjabloon.xlsx",
        "portaal-geschiedenis": "/portaal/geschiedenis/",
        "portaal-declaraties": "/portaal/declaraties/",
        "portaal-declaraties-upload": "/portaal/declaraties/upload/",
        "portaal-resultaten": "/portaal/resultaten/",
        "portaal-declaraties-sjabloon": "/portaal/declaraties/sjabloon.xlsx",
        "portaal-resultaten-sjabloon": "/portaal/resultaten/sjabloon.xlsx",
        "declaraties": "/declaraties/",
    }
    verwacht = {adressen[naam]: codes for naam, codes in MATRIX.items()} | EXTRA
    gebruikers = {
        rol: get_user_model().objects.get(username=naam) if naam else None
        for rol, naam in ROLLEN.items()
    }
    afwijkingen, cellen = [], 0
    for adres, codes in verwacht.items():
        for (rol, user), code in zip(gebruikers.items(), codes, strict=True):
            client = Client()
            if user is not None:
                client.force_login(user)
            gekregen = client.get(adres).status_code
            cellen += 1
            if gekregen != code:
                afwijkingen.append((adres, rol, code, gekregen))
    assert not afwijkingen, afwijkingen
    assert cellen == len(verwacht) * len(ROLLEN)


# The pages that only take a POST (and the payment batch download), asked with an empty
# form by every role: a provider, its own objects or another's, never gets past the role or
# the scope (403/404); who may act gets the form's refusal (400) or is sent back (302).
POST_MATRIX = {
    "inschrijving-actie": (302, 403, 403, 400, 403, 400),
    "inburgering-actie": (302, 403, 404, 400, 404, 400),
    "wachtlijst-aanmelden": (302, 403, 403, 302, 403, 302),
    "wachtlijst-actie": (302, 403, 403, 302, 403, 302),
    "declaratie-actie": (302, 403, 403, 403, 302, 302),
    "portaal-bevestigen": (302, 302, 302, 403, 403, 403),
    "portaal-declaraties-bevestigen": (302, 302, 302, 403, 403, 403),
    "portaal-resultaten-bevestigen": (302, 302, 302, 403, 403, 403),
    "portaal-efactuur": (302, 302, 302, 403, 403, 403),
    "betaalbatch-download": (302, 403, 403, 403, 200, 200),
    "optie-uitoefenen": (302, 403, 403, 403, 302, 302),
}


def test_elke_rol_op_elke_postpagina():
    from declaraties.models import Betaalbatch
    from registratie.models import Wachtlijstplaats

    w = maak_wereld()
    koppel_aanbieder(UserFactory(username="aanb2", rol="aanbieder"), AanbiederFactory(naam="Ander"))
    plaats = Wachtlijstplaats.objects.create(
        client=w.nieuw,
        traject=w.vol.traject,
        aangevraagd_op=timezone.now(),
        rang=timezone.now(),
    )
    batch = Betaalbatch.objects.create(nummer="BB-1", vrijgegeven_op=timezone.now())
    optie = Optie.objects.create(
        contract=w.contract,
        verlengen_tot=w.contract.einddatum + dt.timedelta(days=365),
        uiterlijk_op=w.contract.einddatum,
    )
    verzoeken = {
        "inschrijving-actie": ("post", f"/inschrijvingen/{w.aangemeld.uuid}/start/"),
        "inburgering-actie": ("post", f"/clienten/{w.klant.uuid}/inburgering/pip/"),
        "wachtlijst-aanmelden": ("post", f"/clienten/{w.nieuw.uuid}/wachtlijst/"),
        "wachtlijst-actie": ("post", f"/wachtlijst/{plaats.uuid}/intrekken/"),
        "declaratie-actie": ("post", "/declaraties/goedkeuren/"),
        "portaal-bevestigen": ("post", "/portaal/upload/bevestigen/"),
        "portaal-declaraties-bevestigen": ("post", "/portaal/declaraties/upload/bevestigen/"),
        "portaal-resultaten-bevestigen": ("post", "/portaal/resultaten/bevestigen/"),
        "portaal-efactuur": ("post", "/portaal/facturen/"),
        "betaalbatch-download": ("get", f"/betaalbatches/{batch.uuid}.csv"),
        "optie-uitoefenen": ("post", f"/opties/{optie.uuid}/uitoefenen/"),
    }
    assert set(verzoeken) == set(POST_MATRIX)
    assert set(POST_MATRIX) <= NIET_HIER
    gebruikers = {
        rol: get_user_model().objects.get(username=naam) if naam else None
        for rol, naam in ROLLEN.items()
    }
    afwijkingen = []
    for naam, (methode, adres) in verzoeken.items():
        for (rol, user), code in zip(gebruikers.items(), POST_MATRIX[naam], strict=True):
            client = Client()
            if user is not None:
                client.force_login(user)
            with transaction.atomic():
                gekregen = getattr(client, methode)(adres).status_code
                transaction.set_rollback(True)
            if gekregen != code:
                afwijkingen.append((naam, rol, code, gekregen))
    assert not afwijkingen, afwijkingen
