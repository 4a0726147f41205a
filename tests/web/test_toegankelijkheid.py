"""Every form field has a label (and its descriptions exist), every chart has a text
alternative (its table), every page has one h1 and the Dutch language set: checked on the
rendered HTML of each page."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from inkoop.models import Contract
from rapportages.rapporten import RAPPORTEN
from registratie.selectors import clienten_for

# A year printed as a number with a thousands separator ("2.026"); an amount keeps its
# decimals ("€ 2.026,00") and so does not match.
JAAR_ALS_GETAL = re.compile(r"(?<![\d.,])2\.0[0-9]{2}(?![\d.,])")


class Pagina(HTMLParser):
    def __init__(self):
        super().__init__()
        self.velden, self.labels, self.ids, self.svgs, self.h1 = [], set(), set(), [], 0
        self.html_lang = None
        self._svg = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.velden.append(a)
        if tag == "svg":
            self._svg = {"attrs": a, "title": False}
            self.svgs.append(self._svg)
        if tag == "title" and self._svg is not None:
            self._svg["title"] = True

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg = None


def controleer(html: str):
    p = Pagina()
    p.feed(html)
    assert not JAAR_ALS_GETAL.search(html), JAAR_ALS_GETAL.search(html).group()
    assert p.html_lang == "nl"
    assert p.h1 == 1
    for veld in p.velden:
        assert veld.get("id") in p.labels or veld.get("aria-label"), f"veld zonder label: {veld}"
        for verwijzing in (veld.get("aria-describedby") or "").split():
            assert verwijzing in p.ids, f"aria-describedby naar niets: {veld}"
    for svg in p.svgs:
        assert svg["attrs"].get("role") == "img" and svg["title"], svg
        beschreven = svg["attrs"].get("aria-describedby")
        assert beschreven and beschreven in p.ids, f"grafiek zonder tabel: {svg['attrs']}"
    return p


def paginas(rol):
    contract = Contract.objects.order_by("kenmerk").first()
    # A client the demo's specialist (Eindhoven) may open: the region scopes the rest.
    specialist = get_user_model().objects.get(username="specialist")
    client = clienten_for(specialist).order_by("clientnummer").first()
    return {
        "inkoper": [
            "/dashboard/",
            "/aanbod/",
            "/contracten/",
            "/contracten/nieuw/",
            f"/contracten/{contract.uuid}/",
            f"/contracten/{contract.uuid}/regels/nieuw/",
            f"/aanbod/aanbieders/{contract.aanbieder.uuid}/",
            *(f"/rapportages/{naam}/" for naam in RAPPORTEN),
        ],
        "specialist": [
            "/clienten/",
            f"/clienten/{client.uuid}/",
            f"/clienten/{client.uuid}/inschrijven/",
            f"/clienten/{client.uuid}/uitstroom/",
        ],
        "aanbieder": ["/portaal/", "/portaal/upload/", "/portaal/geschiedenis/"],
    }[rol]


@pytest.mark.django_db
def test_paginas_hebben_labels_en_tekstalternatieven(client):
    call_command("loaddemo", verbosity=0, force=True)
    for rol in ("inkoper", "specialist", "aanbieder"):
        client.force_login(get_user_model().objects.get(username=rol))
        grafieken = 0
        for url in paginas(rol):
            response = client.get(url)
            assert response.status_code == 200, url
            grafieken += len(controleer(response.content.decode()).svgs)
        if rol == "inkoper":
            assert grafieken >= 5  # the dashboard's charts were checked
        client.logout()


@pytest.mark.django_db
def test_inlogpagina_en_startpagina(client):
    for url in ("/inloggen/", "/"):
        controleer(client.get(url).content.decode())
