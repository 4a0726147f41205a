"""Inzage gives everything about one person; anonymisation after the retention period
removes who a client was and leaves every report exactly as it was."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from rapportages.rapporten import RAPPORTEN, maak_rapport
from registratie.models import Client, Inschrijving
from tests.rapportages.conftest import P

pytestmark = pytest.mark.django_db


def alle_rapporten():
    uit = {}
    for naam in RAPPORTEN:
        rapport = maak_rapport(naam, peildatum=P).als_dict()
        rapport.pop("tabellen", None) if naam == "termijnen" else None
        uit[naam] = json.dumps(rapport, default=str, sort_keys=True)
    return uit


def test_anonimiseren_laat_elke_rapportage_gelijk(wereld, settings, capsys):
    settings.BEWAARTERMIJN_JAREN = 0  # everyone who has left, for this test
    Client.objects.update(bsn="", voornaam="Naam", notities="privé")
    voor = alle_rapporten()
    call_command("anonimiseer", "--dry-run")
    assert "zou(den) worden geanonimiseerd" in capsys.readouterr().out
    assert Client.objects.filter(voornaam="Naam").count() == Client.objects.count()

    call_command("anonimiseer")
    vertrokken = Client.objects.exclude(uitstroom_datum=None)
    assert vertrokken.exists()
    assert all(c.voornaam == "" and c.notities == "" and c.geanonimiseerd_op for c in vertrokken)
    assert Client.objects.filter(uitstroom_datum=None, voornaam="Naam").exists()
    assert alle_rapporten() == voor


def test_de_bewaartermijn_telt_vanaf_de_uitstroom(wereld, settings):
    settings.BEWAARTERMIJN_JAREN = 5
    call_command("anonimiseer")
    assert not Client.objects.exclude(geanonimiseerd_op=None).exists()


def test_inzage_geeft_alles_over_een_persoon(wereld, capsys):
    client = Client.objects.exclude(inschrijvingen=None).first()
    call_command("inzage", client.clientnummer)
    uit = json.loads(capsys.readouterr().out)
    assert uit["client"]["clientnummer"] == client.clientnummer
    assert uit["client"]["status"] == client.get_status_display()  # the label, not the code
    records = uit["records"]
    assert len(records["registratie.inschrijving"]["records"]) == client.inschrijvingen.count()
    assert records["registratie.inschrijving"]["soort"] == "inschrijvingen"
    rapporten = records["registratie.voortgangsrapportage"]["records"]
    assert len(rapporten) == sum(i.rapportages.count() for i in client.inschrijvingen.all())
    assert {"registratie.pipversie", "declaraties.declaratie"} <= set(records)
    assert dt.date.fromisoformat(uit["client"]["datum_inschrijving_gemeente"])


def test_inzage_van_een_onbekende_client_zegt_dat(db):
    with pytest.raises(CommandError, match="Er is geen client X-404"):
        call_command("inzage", "X-404")


def test_anonimiseren_droog_noemt_wat_er_zou_veranderen_en_tweemaal_is_eenmaal(
    wereld, settings, capsys
):
    settings.BEWAARTERMIJN_JAREN = 0
    Inschrijving.objects.update(toelichting="Belde met zijn broer Ahmed")
    call_command("anonimiseer", "--dry-run")
    uit = capsys.readouterr().out
    assert "registratie.inschrijving:" in uit and "toelichting" in uit
    assert Inschrijving.objects.filter(toelichting__contains="Ahmed").count() > 0

    call_command("anonimiseer")
    vertrokken = Inschrijving.objects.exclude(client__uitstroom_datum=None)
    assert vertrokken.exists() and not vertrokken.filter(toelichting__contains="Ahmed").exists()
    capsys.readouterr()
    call_command("anonimiseer")
    assert capsys.readouterr().out.startswith("0 client(en) is/zijn geanonimiseerd")
