"""Every file of the bad-file corpus, through the API upload, the portal upload and the
admin import: never a server error, a refusal in Dutch, and nothing written."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from declaraties.models import Declaratie
from registratie.models import Voortgangsrapportage
from tests.factories import ClientFactory, ContractregelFactory, InschrijvingFactory, TrajectFactory
from tests.kern.slechte_bestanden import CORPUS

pytestmark = pytest.mark.django_db
NAMEN = [naam for naam, *_ in CORPUS]


@pytest.fixture
def inschrijving(eigen_aanbieder):
    regel = ContractregelFactory(
        contract__aanbieder=eigen_aanbieder,
        traject=TrajectFactory(aanbieder=eigen_aanbieder, code="RT-WERKFIT"),
    )
    return InschrijvingFactory(
        client=ClientFactory(clientnummer="K0001"),
        contractregel=regel,
        datum_aanmelding=dt.date(2026, 2, 1),
        startdatum=dt.date(2026, 2, 15),
    )


def meldingen(antwoord) -> str:
    body = antwoord.json()
    if "fouten" in body:
        return " ".join(f["melding"] for f in body["fouten"])
    return str(body)  # refused by the upload field itself (an empty file)


def test_de_verzameling_is_groot_genoeg():
    assert len(CORPUS) >= 40
    assert len(set(NAMEN)) == len(NAMEN)


@pytest.mark.parametrize(("naam", "inhoud", "verwacht"), CORPUS, ids=NAMEN)
@pytest.mark.parametrize("pad", ["voortgangsrapportages", "declaraties"])
def test_via_de_api(api_aanbieder, inschrijving, pad, naam, inhoud, verwacht):
    antwoord = api_aanbieder.post(
        f"/api/v1/{pad}/import/",
        {"file": SimpleUploadedFile(naam, inhoud), "dry_run": "false"},
        format="multipart",
    )
    assert antwoord.status_code in (200, 400), antwoord.content[:300]
    if verwacht is None:
        return
    assert antwoord.status_code == 400
    tekst = meldingen(antwoord)
    assert tekst and verwacht in tekst if pad == "voortgangsrapportages" else tekst
    assert not Voortgangsrapportage.objects.exists() and not Declaratie.objects.exists()


@pytest.mark.parametrize(("naam", "inhoud", "verwacht"), CORPUS[:14], ids=NAMEN[:14])
def test_via_het_portaal(client, aanbieder_gebruiker, inschrijving, naam, inhoud, verwacht):
    client.force_login(aanbieder_gebruiker)
    antwoord = client.post("/portaal/upload/", {"bestand": SimpleUploadedFile(naam, inhoud)})
    assert antwoord.status_code in (200, 400)
    if verwacht is not None:
        assert antwoord.status_code == 400
        assert verwacht in antwoord.content.decode()
        assert not Voortgangsrapportage.objects.exists()


@pytest.mark.parametrize(("naam", "inhoud", "verwacht"), CORPUS[:14], ids=NAMEN[:14])
def test_via_het_beheer(client, beheerder, naam, inhoud, verwacht):
    client.force_login(beheerder)
    formaat = "1" if naam.endswith(".xlsx") else "0"  # the admin's own format choice
    antwoord = client.post(
        "/admin/inkoop/contract/import/",
        {"import_file": SimpleUploadedFile(naam, inhoud), "format": formaat},
    )
    assert antwoord.status_code == 200
    if verwacht is not None:
        assert "errorlist" in antwoord.content.decode()


@pytest.mark.parametrize("soort", ["csv", "xlsx"])
def test_meer_rijen_dan_de_grens(api_aanbieder, inschrijving, settings, soort):
    from tests.kern.slechte_bestanden import GOED, KOP, _xlsx

    settings.IMPORT_MAX_RIJEN = 3
    rijen = [GOED.replace("K0001", f"K{i:04d}") for i in range(5)]
    inhoud = (
        "\n".join([KOP, *rijen]).encode()
        if soort == "csv"
        else _xlsx([KOP.split(";"), *(r.split(";") for r in rijen)])
    )
    antwoord = api_aanbieder.post(
        "/api/v1/voortgangsrapportages/import/",
        {"file": SimpleUploadedFile(f"veel.{soort}", inhoud), "dry_run": "false"},
        format="multipart",
    )
    assert antwoord.status_code == 400
    assert "meer dan 3 rijen" in meldingen(antwoord)


def test_stuurtekens_worden_verwijderd_voor_ze_worden_opgeslagen(api_aanbieder, inschrijving):
    inhoud = "clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd;toelichting\n"
    inhoud += "K0001;RT-WERKFIT;31-03-2026;40;36;goed\x07 bezig\x00\n"
    antwoord = api_aanbieder.post(
        "/api/v1/voortgangsrapportages/import/",
        {"file": SimpleUploadedFile("v.csv", inhoud.encode()), "dry_run": "false"},
        format="multipart",
    )
    assert antwoord.status_code == 200, antwoord.json()
    assert Voortgangsrapportage.objects.get().toelichting == "goed bezig"
