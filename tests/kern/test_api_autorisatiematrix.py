"""Every API URL pattern x method x role against an explicit table: 2xx/400/409 means the
role got past authorization, 401/403/404/405 that it did not. An endpoint or method without
a row fails, so a new one gets one. Filters and orderings per role are in
tests/registratie/test_filters_per_rol.py. Each request runs in a savepoint that is rolled
back, so a DELETE or a POST in one cell does not change the next."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import get_resolver
from rest_framework.test import APIClient

from tests.browser.wereld import maak_api_wereld

pytestmark = pytest.mark.django_db

ROLLEN = ("anoniem", "aanbieder", "ander", "specialist", "inkoper", "beheerder")
GEBRUIKERS = {"aanbieder": "aanb", "ander": "aanb2", "specialist": "spec"}
GEBRUIKERS |= {"inkoper": "ink", "beheerder": "beh"}

# (URL name, method): status per role, in the order of ROLLEN. A write with an empty JSON
# body that passes authorization answers 400 (an import 415: it takes a file), a DELETE that
# may delete 204, or 409 when the record is still in use. Anonymous: 403 (session first).
# A list a role may open but holds nothing for it (the inkoper's clienten, a provider's
# budgetten) is 200 and empty; that it is empty is tested with the scoping.
MATRIX = {
    ("aanbieder-detail", "DELETE"): (403, 403, 403, 403, 409, 409),
    ("aanbieder-detail", "GET"): (403, 200, 404, 200, 200, 200),
    ("aanbieder-detail", "PATCH"): (403, 403, 403, 403, 200, 200),
    ("aanbieder-detail", "PUT"): (403, 403, 403, 403, 400, 400),
    ("aanbieder-exporteer", "GET"): (403, 200, 200, 200, 200, 200),
    ("aanbieder-importeer", "POST"): (403, 403, 403, 403, 415, 415),
    ("aanbieder-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("aanbieder-list", "POST"): (403, 403, 403, 403, 400, 400),
    ("api-docs", "GET"): (200, 200, 200, 200, 200, 200),
    ("api-root", "GET"): (200, 200, 200, 200, 200, 200),
    ("api-schema", "GET"): (200, 200, 200, 200, 200, 200),
    # A background task is its asker's (the inkoper's here) and the beheerder's.
    ("achtergrondtaak-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("achtergrondtaak-detail", "GET"): (403, 404, 404, 404, 200, 200),
    ("achtergrondtaak-bestand", "GET"): (403, 404, 404, 404, 200, 200),
    ("betaalbatch-detail", "GET"): (403, 404, 404, 404, 200, 200),
    ("betaalbatch-export", "GET"): (403, 404, 404, 404, 200, 200),
    # The world's batch is released: releasing or withdrawing it again is refused (400).
    ("betaalbatch-intrekken", "POST"): (403, 403, 403, 403, 400, 400),
    ("betaalbatch-vrijgeven", "POST"): (403, 403, 403, 403, 400, 400),
    ("betaalbatch-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("betaalbatch-list", "POST"): (403, 403, 403, 403, 400, 400),
    ("budget-detail", "DELETE"): (403, 403, 403, 403, 204, 204),
    ("budget-detail", "GET"): (403, 404, 404, 404, 200, 200),
    ("budget-detail", "PATCH"): (403, 403, 403, 403, 200, 200),
    ("budget-detail", "PUT"): (403, 403, 403, 403, 400, 400),
    ("budget-exporteer", "GET"): (403, 200, 200, 200, 200, 200),
    ("budget-importeer", "POST"): (403, 403, 403, 403, 415, 415),
    ("budget-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("budget-list", "POST"): (403, 403, 403, 403, 400, 400),
    ("client-detail", "DELETE"): (403, 403, 403, 409, 403, 409),
    ("client-detail", "GET"): (403, 200, 404, 200, 404, 200),
    ("client-detail", "PATCH"): (403, 403, 403, 200, 403, 200),
    ("client-detail", "PUT"): (403, 403, 403, 400, 403, 400),
    ("client-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("client-list", "POST"): (403, 403, 403, 400, 403, 400),
    ("client-uitstroom", "POST"): (403, 403, 403, 400, 403, 400),
    # The Wi2021 record: dossier roles only; a provider reads none, even of its own client.
    ("client-inburgering", "GET"): (403, 403, 404, 200, 404, 200),
    ("client-pip", "POST"): (403, 403, 403, 400, 403, 400),
    ("client-verlenging", "POST"): (403, 403, 403, 400, 403, 400),
    ("client-module", "POST"): (403, 403, 403, 400, 403, 400),
    ("client-examen", "POST"): (403, 403, 403, 400, 403, 400),
    ("client-nazorgcontact", "POST"): (403, 403, 403, 400, 403, 400),
    ("client-uitval", "POST"): (403, 403, 403, 400, 403, 400),
    ("client-terugkeer", "POST"): (403, 403, 403, 400, 403, 400),
    ("contract-detail", "DELETE"): (403, 403, 403, 403, 409, 409),
    ("contract-detail", "GET"): (403, 200, 404, 200, 200, 200),
    ("contract-detail", "PATCH"): (403, 403, 403, 403, 200, 200),
    ("contract-detail", "PUT"): (403, 403, 403, 403, 400, 400),
    ("contract-exporteer", "GET"): (403, 200, 200, 200, 200, 200),
    ("contract-importeer", "POST"): (403, 403, 403, 403, 415, 415),
    ("contract-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("contract-list", "POST"): (403, 403, 403, 403, 400, 400),
    ("contractregel-detail", "DELETE"): (403, 403, 403, 403, 409, 409),
    ("contractregel-detail", "GET"): (403, 200, 404, 200, 200, 200),
    ("contractregel-detail", "PATCH"): (403, 403, 403, 403, 200, 200),
    ("contractregel-detail", "PUT"): (403, 403, 403, 403, 400, 400),
    ("contractregel-exporteer", "GET"): (403, 200, 200, 200, 200, 200),
    ("contractregel-importeer", "POST"): (403, 403, 403, 403, 415, 415),
    ("contractregel-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("contractregel-list", "POST"): (403, 403, 403, 403, 400, 400),
    ("declaratie-afwijzen", "POST"): (403, 403, 403, 403, 400, 400),
    ("declaratie-detail", "GET"): (403, 200, 404, 404, 200, 200),
    # A provider's invoice takes a file (415 for an empty JSON body); nobody else sends one.
    ("contractregel-bronnen", "GET"): (403, 200, 404, 200, 200, 200),
    ("contractregel-bronnen", "PUT"): (403, 403, 403, 403, 400, 400),
    ("declaratie-efactuur", "POST"): (403, 415, 415, 403, 403, 403),
    ("declaratie-exporteer", "GET"): (403, 200, 200, 200, 200, 200),
    ("declaratie-goedkeuren", "POST"): (403, 403, 403, 403, 400, 400),  # names a contract
    ("declaratie-importeer", "POST"): (403, 415, 415, 403, 403, 415),
    ("declaratie-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("inschrijving-beeindig", "POST"): (403, 403, 403, 400, 403, 400),
    ("inschrijving-detail", "GET"): (403, 200, 404, 200, 404, 200),
    ("inschrijving-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("inschrijving-list", "POST"): (403, 403, 403, 400, 403, 400),
    ("inschrijving-prestatie", "POST"): (403, 403, 403, 400, 403, 400),
    # A provider reports exams and modules on its own enrolments; another's is a 404.
    ("inschrijving-examen", "POST"): (403, 400, 404, 400, 403, 400),
    ("inschrijving-resultaten", "POST"): (403, 415, 415, 415, 403, 415),
    ("inschrijving-module", "POST"): (403, 400, 404, 400, 403, 400),
    ("inschrijving-start", "POST"): (403, 403, 403, 400, 403, 400),
    ("instroomprognose-detail", "DELETE"): (403, 403, 403, 403, 204, 204),
    ("instroomprognose-detail", "GET"): (403, 404, 404, 404, 200, 200),
    ("instroomprognose-detail", "PATCH"): (403, 403, 403, 403, 200, 200),
    ("instroomprognose-detail", "PUT"): (403, 403, 403, 403, 400, 400),
    ("instroomprognose-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("instroomprognose-list", "POST"): (403, 403, 403, 403, 400, 400),
    ("kostenpost-detail", "DELETE"): (403, 403, 403, 403, 204, 204),
    ("kostenpost-detail", "GET"): (403, 404, 404, 404, 200, 200),
    ("kostenpost-detail", "PATCH"): (403, 403, 403, 403, 200, 200),
    ("kostenpost-detail", "PUT"): (403, 403, 403, 403, 400, 400),
    ("kostenpost-exporteer", "GET"): (403, 200, 200, 200, 200, 200),
    ("kostenpost-importeer", "POST"): (403, 403, 403, 403, 415, 415),
    ("kostenpost-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("kostenpost-list", "POST"): (403, 403, 403, 403, 400, 400),
    ("rapportage", "GET"): (403, 404, 404, 200, 200, 200),
    ("rapportages", "GET"): (403, 200, 200, 200, 200, 200),
    # Anyone with reports may ask for the workbook of their own (rapportages.werkboek).
    ("rapportage-werkboek", "POST"): (403, 202, 202, 202, 202, 202),
    ("traject-detail", "DELETE"): (403, 403, 403, 403, 409, 409),
    ("traject-detail", "GET"): (403, 200, 404, 200, 200, 200),
    ("traject-detail", "PATCH"): (403, 403, 403, 403, 200, 200),
    ("traject-detail", "PUT"): (403, 403, 403, 403, 400, 400),
    ("traject-exporteer", "GET"): (403, 200, 200, 200, 200, 200),
    ("traject-importeer", "POST"): (403, 403, 403, 403, 415, 415),
    ("traject-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("traject-list", "POST"): (403, 403, 403, 403, 400, 400),
    ("voortgangsrapportage-detail", "DELETE"): (403, 204, 404, 204, 403, 204),
    ("voortgangsrapportage-detail", "GET"): (403, 200, 404, 200, 404, 200),
    ("voortgangsrapportage-detail", "PATCH"): (403, 400, 404, 400, 403, 400),
    ("voortgangsrapportage-detail", "PUT"): (403, 400, 404, 400, 403, 400),
    ("voortgangsrapportage-exporteer", "GET"): (403, 200, 200, 200, 200, 200),
    ("voortgangsrapportage-importeer", "POST"): (403, 415, 415, 415, 403, 415),
    ("voortgangsrapportage-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("voortgangsrapportage-list", "POST"): (403, 400, 400, 400, 403, 400),
    ("wachtlijst-accepteren", "POST"): (403, 403, 403, 400, 403, 400),
    ("wachtlijst-detail", "GET"): (403, 404, 404, 200, 404, 200),
    ("wachtlijst-intrekken", "POST"): (403, 403, 403, 400, 403, 400),
    ("wachtlijst-list", "GET"): (403, 200, 200, 200, 200, 200),
    ("wachtlijst-list", "POST"): (403, 403, 403, 400, 403, 400),
    ("wachtlijst-telling", "GET"): (403, 200, 200, 200, 200, 200),
    ("wachtlijst-voorrang", "POST"): (403, 403, 403, 400, 403, 400),
}
# Not requested here: token (login throttling has its own tests).
NIET_HIER = {("api-token", "POST"), ("api-token", "DELETE")}


def api_routes():
    """(name, path with {uuid} or {naam}, methods) of every pattern under api/v1/."""

    def walk(patronen, prefix=""):
        for p in patronen:
            if hasattr(p, "url_patterns"):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern), p.name, p.callback

    routes = {}
    for pad, naam, callback in walk(get_resolver().url_patterns):
        if not pad.startswith("api/v1/") or "format" in pad or naam is None:
            continue
        acties = getattr(callback, "actions", None)
        if acties:
            methodes = {m.upper() for m in acties}
        else:
            cls = callback.cls
            methodes = {m.upper() for m in cls.http_method_names if hasattr(cls, m)}
        # HEAD follows GET (DRF adds it to a viewset's actions on its first request).
        methodes -= {"OPTIONS", "HEAD"}
        routes[naam] = (pad, methodes)
    return routes


def test_elke_route_en_methode_staat_in_de_tabel():
    cellen = {(naam, m) for naam, (_p, methodes) in api_routes().items() for m in methodes}
    ontbreekt = cellen - set(MATRIX) - NIET_HIER
    te_veel = set(MATRIX) - cellen
    assert not ontbreekt, f"zonder regel in de matrix: {sorted(ontbreekt)}"
    assert not te_veel, f"in de matrix maar niet (meer) in de API: {sorted(te_veel)}"


def _adres(naam, pad, objecten):
    pad = pad.replace("^", "").replace("$", "")
    if "(?P<uuid>" in pad:
        basis = naam.rsplit("-", 1)[0]
        voor, rest = pad.split("(?P<uuid>", 1)
        pad = f"{voor}{objecten[basis]}{rest.split(')', 1)[1]}"
    pad = pad.replace("<str:naam>", "populatie")
    return "/" + pad


def test_elke_rol_op_elke_api_route():
    objecten = maak_api_wereld()
    gebruikers = {
        rol: get_user_model().objects.get(username=naam) for rol, naam in GEBRUIKERS.items()
    }
    routes = api_routes()
    gekregen, afwijkingen = {}, []
    cellen = {(n, m) for n, (_p, methodes) in routes.items() for m in methodes} - NIET_HIER
    for naam, methode in sorted(cellen):
        codes = MATRIX.get((naam, methode), (None,) * len(ROLLEN))
        adres = _adres(naam, routes[naam][0], objecten)
        rij = []
        for rol, code in zip(ROLLEN, codes, strict=True):
            client = APIClient()
            if rol != "anoniem":
                client.force_authenticate(gebruikers[rol])
            with transaction.atomic():
                status = client.generic(methode, adres, "{}", "application/json").status_code
                transaction.set_rollback(True)
            rij.append(status)
            if status != code:
                afwijkingen.append((naam, methode, rol, code, status))
        gekregen[(naam, methode)] = tuple(rij)
    if os.environ.get("MATRIX_TONEN"):
        for sleutel, rij in gekregen.items():
            print(f"    {sleutel}: {rij},")
    assert not afwijkingen, afwijkingen
