"""The synthetic world for measurements: the same size and seed give the same world, and it
holds together (enrolments within the contract lines, reports per month, no report after
the world's last day)."""

import pytest
from django.core.management import call_command

from declaraties.models import Declaratie
from demo import synthetisch
from registratie.models import (
    Client,
    Inschrijving,
    Referentielijst,
    Voortgangsrapportage,
    Wachtlijstplaats,
)

pytestmark = pytest.mark.django_db


def _wereld():
    return (
        list(
            Client.objects.order_by("clientnummer").values_list(
                "clientnummer", "leerroute_id", "datum_brede_intake", "uitstroom_datum", "status"
            )
        ),
        list(
            Inschrijving.objects.order_by("client__clientnummer", "startdatum").values_list(
                "client__clientnummer", "contractregel_id", "startdatum", "einddatum", "status"
            )
        ),
        Voortgangsrapportage.objects.count(),
        Declaratie.objects.count(),
    )


def _leeg():
    for model in (Declaratie, Voortgangsrapportage, Wachtlijstplaats, Inschrijving, Client):
        model.objects.all().delete()
    Referentielijst.objects.all().delete()


def test_zelfde_seed_zelfde_wereld_en_een_andere_seed_een_andere(capsys):
    call_command("genereer_synthetisch", clienten=40, seed=7)
    assert "40 clienten" in capsys.readouterr().out
    eerste = _wereld()
    _leeg()
    call_command("genereer_synthetisch", clienten=40, seed=7)
    assert _wereld() == eerste
    _leeg()
    call_command("genereer_synthetisch", clienten=40, seed=8)
    assert _wereld()[0] != eerste[0]


def test_in_een_regio_krijgt_elke_gemeente_haar_deel_van_de_clienten():
    from regio.models import Gemeente

    eindhoven = Gemeente.objects.create(naam="Eindhoven", cbs_code="0772", rol="centrum")
    helmond = Gemeente.objects.create(naam="Helmond", cbs_code="0794")
    call_command("genereer_synthetisch", clienten=30)
    assert Client.objects.filter(gemeente=eindhoven).count() == 15
    assert Client.objects.filter(gemeente=helmond).count() == 15


def test_de_wereld_klopt_in_zichzelf():
    call_command("genereer_synthetisch", clienten=60)
    telling = synthetisch.genereer(15, seed=1)  # adds after the 60, numbered on
    assert telling.clienten == 15
    assert Client.objects.filter(clientnummer__startswith="SYN").count() == 75
    assert Client.objects.filter(clientnummer="SYN0000075").exists()
    assert Inschrijving.objects.count() >= 75 * 0.9
    for ins in Inschrijving.objects.select_related("client"):
        assert ins.datum_aanmelding <= ins.startdatum
        assert ins.startdatum > ins.client.datum_brede_intake
        assert ins.einddatum is None or ins.einddatum <= synthetisch.TOT
    assert not Voortgangsrapportage.objects.filter(peildatum__gt=synthetisch.TOT).exists()
    assert Voortgangsrapportage.objects.count() > Inschrijving.objects.count()
    afgerond = Inschrijving.objects.filter(einddatum__isnull=False).count()
    assert Declaratie.objects.count() == afgerond
