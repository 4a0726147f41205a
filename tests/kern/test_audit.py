"""The audit trail keeps before and after, never a BSN, and who did it even after the user
is gone; the beheer cannot change an enrolment's status or dates past the services."""

import pytest

from kern.models import Auditregel
from tests.factories import ClientFactory, InschrijvingFactory

pytestmark = pytest.mark.django_db


def test_voor_en_na_zonder_bsn_en_de_naam_blijft(api_specialist, specialist):
    client = ClientFactory(bsn="123456782", voornaam="Amal")
    antwoord = api_specialist.patch(
        f"/api/v1/clienten/{client.uuid}/",
        {"voornaam": "Amira", "bsn": "111222333"},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    regel = Auditregel.objects.get(object_uuid=client.uuid)
    assert regel.gegevens["voornaam"] == {"oud": "Amal", "nieuw": "Amira"}
    assert regel.gegevens["bsn"] == "***"  # that it changed, never what it was or is
    assert "123456782" not in str(regel.gegevens) and "111222333" not in str(regel.gegevens)
    specialist.delete()
    regel.refresh_from_db()
    assert (regel.gebruiker, regel.gebruikersnaam) == (None, "t-specialist")


def test_een_webformulier_schrijft_ook_voor_en_na(client, specialist):
    klant = ClientFactory(voornaam="Amal")
    client.force_login(specialist)
    formulier = client.get(f"/clienten/{klant.uuid}/bewerken/").context["form"]
    data = {k: v for k, v in formulier.initial.items() if v is not None}
    data.update(
        {
            "voornaam": "Amira",
            "leerroute": klant.leerroute_id,
            "datum_inschrijving_gemeente": klant.datum_inschrijving_gemeente.isoformat(),
            "geboortedatum": klant.geboortedatum.isoformat(),
        }
    )
    data.pop("specialist", None)
    client.post(f"/clienten/{klant.uuid}/bewerken/", data)
    regel = Auditregel.objects.filter(object_uuid=klant.uuid).latest("tijdstip")
    assert regel.gegevens["voornaam"] == {"oud": "Amal", "nieuw": "Amira"}


def test_het_beheer_kan_status_en_datums_van_een_inschrijving_niet_wijzigen(client, beheerder):
    inschrijving = InschrijvingFactory()
    client.force_login(beheerder)
    pagina = client.get(f"/admin/registratie/inschrijving/{inschrijving.pk}/change/")
    formulier = pagina.context["adminform"].form
    assert set(formulier.fields) == {"toelichting"}


def test_lezen_van_een_dossier_en_elke_download_staan_in_het_auditlog(client, specialist):
    klant = ClientFactory()
    client.force_login(specialist)
    client.get(f"/clienten/{klant.uuid}/")
    assert Auditregel.objects.filter(actie="gelezen", object_uuid=klant.uuid).exists()
    client.get("/clienten/?formaat=xlsx&q=abc")
    download = Auditregel.objects.get(actie="geexporteerd")
    assert (download.gebruikersnaam, download.gegevens["pad"]) == ("t-specialist", "/clienten/")
    assert download.gegevens["filters"] == {"Zoeken": "abc"}


def test_de_inkoper_ziet_de_geschiedenis_van_een_contract(client, inkoper):
    from tests.factories import ContractFactory

    contract = ContractFactory(plafond=1000)
    client.force_login(inkoper)
    formulier = client.get(f"/contracten/{contract.uuid}/bewerken/").context["form"]
    data = {k: v for k, v in formulier.initial.items() if v is not None}
    data.update(
        {
            "aanbieder": contract.aanbieder_id,
            "startdatum": contract.startdatum.isoformat(),
            "einddatum": contract.einddatum.isoformat(),
            "plafond": "2.500,00",
        }
    )
    client.post(f"/contracten/{contract.uuid}/bewerken/", data)
    pagina = client.get(f"/contracten/{contract.uuid}/").content.decode()
    assert "Geschiedenis" in pagina
    assert "plafond (EUR): €\xa01.000,00 → €\xa02.500,00" in pagina and "t-inkoper" in pagina
