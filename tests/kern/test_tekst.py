"""One text normalisation on every path (issue 29, finding 5): a reason of only a zero-width
space is no reason, a control character never reaches the database, and full-width letters
become plain ones, in a web form, through the API and in an uploaded file alike."""

import pytest
from django import forms

from kern.bestanden import lees_bestand
from registratie.forms import RedenForm
from registratie.models import Client
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reden", ["\u200b", " \u200b\u200c ", "\x01", "\ufeff"])
def test_een_onzichtbare_reden_is_geen_reden(reden):
    form = RedenForm({"reden": reden})
    assert not form.is_valid()
    assert form.errors["reden"] == ["Geef een reden; die wordt vastgelegd."]


def test_een_formulier_normaliseert_en_een_wachtwoord_blijft_zoals_getypt():
    assert forms.CharField().clean(" Ｗｅｒｋｆｉｔ\u200b\x07 ") == "Werkfit"
    assert forms.CharField(strip=False).clean(" geheim\u200b ") == " geheim\u200b "


def test_de_api_slaat_geen_stuurteken_op(api_specialist, specialist):
    klant = ClientFactory(specialist=specialist)
    antwoord = api_specialist.patch(
        f"/api/v1/clienten/{klant.uuid}/",
        {"notities": "Belt\x01 terug\u200b", "voornaam": "\u200b"},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    klant.refresh_from_db()
    assert (klant.notities, klant.voornaam) == ("Belt terug", "")


def test_een_bestand_normaliseert_elke_cel():
    inhoud = "clientnummer;toelichting\nK\u200b1;ＯＫ\x01\n".encode()
    dataset = lees_bestand(inhoud, "x.csv")
    assert dataset[0] == ("K1", "OK")
    assert Client.objects.count() == 0
