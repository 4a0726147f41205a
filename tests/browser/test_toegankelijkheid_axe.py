"""axe-core (WCAG 2.2 A and AA) over every page of every role, at 1280 and 375 px, including
a form after a failed submit; and no page scrolls sideways on a phone. The counts go to
test-artifacts/axe-<rol>.json for the closing note."""

import json
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rapportages.rapporten import RAPPORTEN, VOOR_AANBIEDERS
from tests.browser.conftest import BROWSERTEST, ROOT, axe, horizontaal_scrollen, inloggen
from tests.browser.wereld import maak_wereld

pytestmark = [*BROWSERTEST, pytest.mark.db_agnostic]
BREEDTES = (1280, 375)


def paginas(rol: str, w) -> list[str]:
    contract, regel, klant = w.contract.uuid, w.regel.uuid, w.klant.uuid
    algemeen = ["/", "/api/", "/bestaat-niet/"]
    if rol in ("inkoper", "beheerder"):
        lijst = [
            "/dashboard/",
            "/aanbod/",
            "/aanbod/?q=werk&leerroute=b1",
            f"/aanbod/aanbieders/{w.contract.aanbieder.uuid}/",
            "/contracten/",
            "/contracten/nieuw/",
            "/declaraties/",
            f"/contracten/{contract}/",
            f"/contracten/{contract}/bewerken/",
            f"/contracten/{contract}/regels/nieuw/",
            f"/contractregels/{regel}/bewerken/",
            "/rapportages/",
            *(f"/rapportages/{naam}/" for naam in RAPPORTEN),
        ]
        if rol == "beheerder":
            lijst += [
                "/clienten/",
                f"/clienten/{klant}/",
                "/admin/",
                "/admin/inkoop/contract/",
                "/admin/inkoop/contract/import/",
            ]
        return algemeen + lijst
    if rol == "specialist":
        return algemeen + [
            "/clienten/",
            "/clienten/?status=alle&alle=on",
            "/clienten/nieuw/",
            "/wachtlijst/",
            f"/clienten/{w.nieuw.uuid}/",
            f"/clienten/{w.nieuw.uuid}/inschrijven/",
            f"/clienten/{klant}/",
            f"/clienten/{klant}/bewerken/",
            f"/clienten/{klant}/inschrijven/",
            f"/clienten/{klant}/uitstroom/",
            "/dashboard/",
            "/aanbod/",
            "/rapportages/",
            "/rapportages/caseload/",
        ]
    return algemeen + [
        "/portaal/",
        "/portaal/upload/",
        "/portaal/declaraties/",
        "/portaal/declaraties/upload/",
        "/portaal/geschiedenis/",
        "/rapportages/",
        *(f"/rapportages/{naam}/" for naam in sorted(VOOR_AANBIEDERS)),
    ]


def wachtlijst_met_aanbod(w):
    """The waiting-list panels on the client pages: EHV-0042 has an offer, EHV-0043 waits."""
    from inkoop.models import Contractregel
    from registratie import services

    services.wachtlijst_plaats(client=w.klant, contractregel=w.vol, door=None)
    services.wachtlijst_plaats(client=w.nieuw, traject=w.vol.traject, door=None)
    Contractregel.objects.filter(pk=w.vol.pk).update(capaciteit=2)
    services.wachtlijst_bied_aan(regel=w.vol)


def declaraties(w):
    """A line paid in a batch and one rejected, so every part of the pages shows."""
    from django.contrib.auth import get_user_model

    from declaraties.importeren import DeclaratieResource
    from declaraties.models import Declaratie
    from declaraties.services import declaraties_keur_goed
    from kern.bestanden import lees_bestand
    from kern.importeren import importeer
    from tests.factories.declaraties import betaal

    bestand = (
        "inschrijving;periode;eenheden;bedrag\n"
        f"{w.lopend.uuid};{w.lopend.startdatum:%Y-%m};1;2500\n"
        f"{w.aangemeld.uuid};{w.aangemeld.startdatum:%Y-%m};1;999\n"
    )
    importeer(DeclaratieResource(), lees_bestand(bestand.encode()), dry_run=False)
    inkoper = get_user_model().objects.get(username="ink")
    declaraties_keur_goed(declaraties=Declaratie.objects.all(), door=inkoper)
    betaal(Declaratie.objects.all(), door=inkoper)


GEBRUIKERS = {"inkoper": "ink", "specialist": "spec", "aanbieder": "aanb", "beheerder": "beh"}


def fouttoestand(pagina, rol, w):
    """A form after a failed submit: the error summary must pass too."""
    if rol in ("inkoper", "beheerder"):
        pagina.goto("/contracten/nieuw/")
        pagina.get_by_role("button", name="Opslaan").click()
    elif rol == "specialist":
        pagina.goto(f"/clienten/{w.klant.uuid}/")
        pagina.get_by_text("Beëindigen: Werkfit via evenementen").click()
        pagina.locator(f"#actie-{w.lopend.uuid}").get_by_role("button", name="Beëindigen").click()
    else:
        pagina.goto("/portaal/upload/")
        pagina.get_by_role("button", name="Controleren").click()
    return pagina.url + " (na een fout)"


@pytest.mark.parametrize("rol", list(GEBRUIKERS))
def test_elke_pagina_zonder_axe_overtredingen_en_zonder_zijwaarts_scrollen(pagina, rol):
    w = maak_wereld()
    if rol == "specialist":
        wachtlijst_met_aanbod(w)
    else:
        declaraties(w)
    inloggen(pagina, GEBRUIKERS[rol])
    overtredingen, scrollen, bekeken = [], [], 0
    for breedte in BREEDTES:
        pagina.set_viewport_size({"width": breedte, "height": 900})
        adressen = paginas(rol, w)
        for adres in [*adressen, None]:
            if adres is None:
                adres = fouttoestand(pagina, rol, w)
                # Wait for the re-rendered form: the title is empty while it navigates.
                expect(pagina).to_have_title(re.compile(r"^Fout:"))
            else:
                antwoord = pagina.goto(adres)
                verwacht = 404 if adres == "/bestaat-niet/" else 200
                assert antwoord.status == verwacht, (adres, antwoord.status)
            bekeken += 1
            for v in axe(pagina):
                overtredingen.append({"pagina": adres, "breedte": breedte, **v})
            if (teveel := horizontaal_scrollen(pagina)) > 0:
                scrollen.append((adres, breedte, teveel))
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / f"axe-{rol}.json").write_text(
        json.dumps(
            {"rol": rol, "paginas_x_breedtes": bekeken, "overtredingen": overtredingen},
            indent=2,
            ensure_ascii=False,
        )
    )
    assert not overtredingen, json.dumps(overtredingen, indent=1, ensure_ascii=False)[:6000]
    assert not scrollen, scrollen


def test_api_pagina_uit_het_menu_is_nederlands(pagina):
    maak_wereld()
    inloggen(pagina, "ink")
    pagina.get_by_role("link", name="API", exact=True).click()
    assert pagina.url.endswith(reverse("api-uitleg"))
    assert pagina.locator("html").get_attribute("lang") == "nl"
