"""Long work in the background (issue 26): an export above the limit goes to the worker and
gives exactly the file the direct path gives; its page shows the progress and the file; a
failure says so in Dutch; nobody else sees the task."""

import io

import openpyxl
import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from kern.models import Taak
from kern.taken import UITVOERDERS, Voortgang, taak_aanmaken
from registratie.models import Client
from tests.factories import ContractFactory, UserFactory

pytestmark = pytest.mark.django_db
LIJST = "/contracten/?formaat=xlsx&sortering=kenmerk"


def werker():
    """What `manage.py db_worker --batch` does, inside the test's transaction (the command
    itself closes the connection between jobs, and with it the test's database)."""
    uitvoerder = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    while (job := DBTaskResult.objects.ready().first()) is not None:
        job.claim("test")
        uitvoerder.run_task(job)


def regels(inhoud: bytes) -> list[tuple]:
    boek = openpyxl.load_workbook(io.BytesIO(inhoud))
    return [tuple(r) for r in boek["Contracten"].values]


@pytest.fixture
def contracten(db):
    return [ContractFactory(kenmerk=f"INB-{n:03d}") for n in range(7)]


def test_een_grote_export_loopt_via_de_werker_en_geeft_hetzelfde_bestand(
    client, inkoper, contracten, settings
):
    client.force_login(inkoper)
    direct = client.get(LIJST)
    assert direct["Content-Type"].startswith("application/vnd.openxmlformats")

    settings.EXPORT_DIRECT_MAX = 5
    antwoord = client.get(LIJST)
    taak = Taak.objects.get()
    assert antwoord.status_code == 302 and antwoord.url == f"/taken/{taak.uuid}/"
    assert (taak.status, taak.totaal, taak.door) == ("wacht", 7, inkoper)
    pagina = client.get(antwoord.url)
    assert "Wacht op zijn beurt" in pagina.content.decode()

    werker()
    taak.refresh_from_db()
    assert (taak.status, taak.gedaan, taak.totaal) == ("klaar", 7, 7)
    stand = client.get(f"/taken/{taak.uuid}.json").json()
    assert (stand["procent"], stand["bestand"]) == (100, f"/taken/{taak.uuid}/bestand/")
    bestand = client.get(stand["bestand"])
    assert bestand["Content-Disposition"].startswith('attachment; filename="contracten-')
    assert regels(bestand.content) == regels(direct.content)


def test_een_ander_ziet_de_taak_niet_de_beheerder_wel(client, inkoper, beheerder, contracten):
    taak = taak_aanmaken(
        door=inkoper,
        soort="export",
        titel="Contracten",
        parameters={"view": "inkoop.views.ContractenView", "pad": "/contracten/", "query": ""},
    )
    werker()
    client.force_login(UserFactory(username="t-inkoper-2", rol="inkoper"))
    for adres in (
        f"/taken/{taak.uuid}/",
        f"/taken/{taak.uuid}.json",
        f"/taken/{taak.uuid}/bestand/",
    ):
        assert client.get(adres).status_code == 404
    client.force_login(beheerder)
    assert client.get(f"/taken/{taak.uuid}/bestand/").status_code == 200


def test_de_voortgang_loopt_mee_terwijl_de_rijen_worden_geschreven(inkoper):
    taak = Taak.objects.create(door=inkoper, soort="export", titel="t", totaal=3)
    voortgang = Voortgang(taak, elke=0)
    gezien = []
    for _ in voortgang.tel(range(3)):
        gezien.append(Taak.objects.get(pk=taak.pk).gedaan)
    assert gezien == [1, 2, 3]


def test_een_mislukte_taak_wordt_herhaald_en_zegt_dan_in_het_nederlands_wat_er_is(
    client, inkoper, monkeypatch
):
    pogingen = []

    def stuk(taak, voortgang):
        pogingen.append(taak.pogingen)
        raise RuntimeError("schijf vol")

    monkeypatch.setitem(UITVOERDERS, "export", ("tests.kern.test_taken.STUK", True))
    monkeypatch.setattr("tests.kern.test_taken.STUK", stuk, raising=False)
    taak = taak_aanmaken(door=inkoper, soort="export", titel="Contracten", parameters={})
    werker()
    taak.refresh_from_db()
    assert pogingen == [1, 2, 3]
    assert taak.status == "mislukt"
    assert taak.melding.startswith("Het is 3 keer niet gelukt")
    client.force_login(inkoper)
    assert "Het is 3 keer niet gelukt" in client.get(f"/taken/{taak.uuid}/").content.decode()


def test_niet_meer_dan_het_aantal_lopende_taken_per_persoon(client, inkoper, contracten, settings):
    settings.EXPORT_DIRECT_MAX, settings.TAKEN_PER_GEBRUIKER = 5, 1
    client.force_login(inkoper)
    assert client.get(LIJST).status_code == 302
    tweede = client.get(LIJST, follow=True)
    assert "U heeft al 1 taken lopen" in tweede.content.decode()
    assert Taak.objects.count() == 1


def test_de_dagelijkse_stap_ruimt_oude_resultaten_op(inkoper, settings):
    from django.utils import timezone

    from kern.taken import opruimen

    settings.TAAK_BEWAARDAGEN = 7
    oud, nieuw, bezig = (
        Taak.objects.create(door=inkoper, soort="export", titel=t, status=s)
        for t, s in (("oud", "klaar"), ("nieuw", "klaar"), ("bezig", "bezig"))
    )
    acht_dagen = timezone.now() - timezone.timedelta(days=8)
    Taak.objects.filter(pk__in=[oud.pk, bezig.pk]).update(aangemaakt_op=acht_dagen)
    assert opruimen() == 1
    assert set(Taak.objects.values_list("titel", flat=True)) == {"nieuw", "bezig"}


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_een_grote_api_export_geeft_202_en_via_de_werker_hetzelfde_bestand(
    api_aanbieder, api_inkoper, aanbieder_gebruiker, eigen_aanbieder, settings, formaat
):
    from tests.factories import (
        ContractregelFactory,
        InschrijvingFactory,
        VoortgangsrapportageFactory,
    )

    regel = ContractregelFactory(contract__aanbieder=eigen_aanbieder)
    for _ in range(4):
        VoortgangsrapportageFactory(inschrijving=InschrijvingFactory(contractregel=regel))
    VoortgangsrapportageFactory()  # another provider's: in neither file
    adres = f"/api/v1/voortgangsrapportages/export/?formaat={formaat}&ordering=peildatum"
    direct = api_aanbieder.get(adres)
    inhoud = b"".join(direct.streaming_content) if direct.streaming else direct.content

    settings.EXPORT_DIRECT_MAX = 3
    antwoord = api_aanbieder.get(adres)
    assert antwoord.status_code == 202
    assert (antwoord.json()["status"], antwoord.json()["totaal"]) == ("wacht", 4)
    werker()
    stand = api_aanbieder.get(antwoord["Location"]).json()
    assert (stand["status"], stand["gedaan"], stand["procent"]) == ("klaar", 4, 100)
    assert api_inkoper.get(antwoord["Location"]).status_code == 404
    bestand = api_aanbieder.get(stand["bestand"])
    if formaat == "csv":
        assert bestand.content == inhoud
    else:
        assert regels_van(bestand.content) == regels_van(inhoud)


def regels_van(inhoud: bytes) -> list[tuple]:
    boek = openpyxl.load_workbook(io.BytesIO(inhoud))
    return [tuple(r) for r in boek.worksheets[0].values]


VOORTGANG = "/api/v1/voortgangsrapportages/import/"
KOP = "clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd;participatieladder"


@pytest.fixture
def drie(eigen_aanbieder):
    from tests.factories import (
        ClientFactory,
        ContractregelFactory,
        InschrijvingFactory,
        TrajectFactory,
    )

    regel = ContractregelFactory(
        contract__aanbieder=eigen_aanbieder,
        traject=TrajectFactory(aanbieder=eigen_aanbieder, code="RT"),
    )
    for n in range(3):
        InschrijvingFactory(contractregel=regel, client=ClientFactory(clientnummer=f"G{n}"))


def stuur(api, tekst: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bestand = SimpleUploadedFile("voortgang.csv", tekst.encode())
    return api.post(VOORTGANG, {"file": bestand, "dry_run": "false"}, format="multipart")


def test_een_grote_upload_schrijft_de_werker_alles_of_niets(
    api_aanbieder, drie, settings, monkeypatch
):
    from registratie.models import Voortgangsrapportage

    bewaard = []  # the counts the task page saw while the file was being read
    oud = Voortgang.bewaar
    monkeypatch.setattr(Voortgang, "bewaar", lambda self: bewaard.append(self.gedaan) or oud(self))

    settings.IMPORT_DIRECT_MAX = 2
    rijen = [f"G{n};RT;31-10-2026;40;36;3" for n in range(3)]
    zonder_kolom = stuur(api_aanbieder, "clientnummer;peildatum\nG0;31-10-2026\nG1;x\nG2;x")
    assert zonder_kolom.status_code == 400  # the form is checked in the request, at once
    assert "traject_code" in str(zonder_kolom.json()["fouten"])

    fout = stuur(api_aanbieder, "\n".join([KOP, *rijen[:2], "G2;RT;31-10-2026;40;36;99"]))
    assert fout.status_code == 202
    werker()
    mislukt = api_aanbieder.get(fout["Location"]).json()
    assert mislukt["status"] == "mislukt" and "er is niets opgeslagen" in mislukt["melding"]
    assert (
        mislukt["fouten"][0]["rij"] == 4 and mislukt["fouten"][0]["kolom"] == "participatieladder"
    )
    assert not Voortgangsrapportage.objects.exists()

    goed = stuur(api_aanbieder, "\n".join([KOP, *rijen]))
    werker()
    klaar = api_aanbieder.get(goed["Location"]).json()
    assert (klaar["status"], klaar["gedaan"], klaar["bestand"]) == ("klaar", 3, None)
    assert bewaard and bewaard[0] == 1  # counted from the first row on, not at the end
    assert klaar["melding"] == "voortgang.csv is verwerkt: 3 nieuw, 0 gewijzigd, 0 ongewijzigd."
    assert Voortgangsrapportage.objects.count() == 3
    assert Taak.objects.get(uuid=klaar["id"]).inhoud is None  # the file does not stay


def test_de_aanbieder_uploadt_een_groot_bestand_op_de_pagina_en_komt_op_de_taak(
    client, aanbieder_gebruiker, drie, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.IMPORT_DIRECT_MAX = 2
    client.force_login(aanbieder_gebruiker)
    tekst = "\n".join([KOP, *(f"G{n};RT;31-10-2026;40;36;3" for n in range(3))])
    antwoord = client.post(
        "/portaal/upload/", {"bestand": SimpleUploadedFile("v.csv", tekst.encode())}
    )
    taak = Taak.objects.get()
    assert antwoord.url == f"/taken/{taak.uuid}/"
    werker()
    assert "v.csv is verwerkt: 3 nieuw" in client.get(antwoord.url).content.decode()


def test_de_dagelijkse_stap_loopt_elke_nacht_in_de_werker_en_plant_zichzelf_opnieuw(
    capsys, settings
):
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from registratie.dagelijks import volgende_keer

    settings.DAGELIJKS_UUR = 2
    laat = timezone.make_aware(dt.datetime(2026, 12, 5, 23, 30))
    assert volgende_keer(laat) == timezone.make_aware(dt.datetime(2026, 12, 6, 2, 0))
    vroeg = timezone.make_aware(dt.datetime(2026, 12, 6, 1, 0))
    assert volgende_keer(vroeg) == timezone.make_aware(dt.datetime(2026, 12, 6, 2, 0))

    call_command("dagelijks", inplannen=True)
    call_command("dagelijks", inplannen=True)
    uit = capsys.readouterr().out
    assert "ingepland voor" in uit and "stond al ingepland" in uit
    (gepland,) = DBTaskResult.objects.filter(status="READY")
    assert gepland.run_after == volgende_keer(timezone.now())

    DBTaskResult.objects.update(run_after=timezone.now())  # its night has come
    werker()
    gedaan = DBTaskResult.objects.get(pk=gepland.pk)
    assert gedaan.status == "SUCCESSFUL" and gedaan.return_value.startswith("Wachtlijst:")
    (volgende,) = DBTaskResult.objects.filter(status="READY")
    assert volgende.run_after > timezone.now()


def test_de_beheerder_laat_de_werker_een_synthetische_wereld_maken(client, beheerder, settings):
    client.force_login(beheerder)
    settings.SYNTHETISCH_TOEGESTAAN = False
    pagina = client.get("/beheer/synthetische-wereld/").content.decode()
    assert "alleen in een test- of meetomgeving" in pagina
    client.post("/beheer/synthetische-wereld/", {"clienten": 30, "seed": 1})
    assert not Taak.objects.exists()

    settings.SYNTHETISCH_TOEGESTAAN = True
    fout = client.post("/beheer/synthetische-wereld/", {"clienten": 0, "seed": 1})
    assert "Zorg ervoor dat deze waarde minstens 1 is." in fout.content.decode()
    antwoord = client.post("/beheer/synthetische-wereld/", {"clienten": 30, "seed": 1})
    taak = Taak.objects.get()
    assert antwoord.url == f"/taken/{taak.uuid}/" and taak.totaal == 30
    werker()
    taak.refresh_from_db()
    assert (taak.status, taak.gedaan) == ("klaar", 30), taak.melding
    assert Client.objects.filter(clientnummer__startswith="SYN").count() == 30
    assert "30 clienten" in taak.melding
    assert taak.titel == "Synthetische wereld van 30 clienten (seed 1)"
