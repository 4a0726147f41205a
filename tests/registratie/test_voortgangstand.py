"""The kept stand of the progress reports (registratie.voortgangstand) is the full count of
the reports, on a generated world, at peildata before and after reports, after a report is
saved or deleted one by one, and after a bulk upload (marked out of date, counted from the
reports until the daily step writes the stands anew)."""

import datetime as dt

import pytest
from django.core.management import call_command

from kern.bestanden import lees_bestand
from kern.importeren import importeer
from registratie.models import (
    Inschrijving,
    Rapportagestand,
    StandVerouderd,
    Voortgangsrapportage,
)
from registratie.resources import VoortgangsrapportageResource
from registratie.voortgangstand import (
    _eerste_en_laatste_vol,
    _per_traject,
    _tel_op,
    _uren_vol,
    alles_bijwerken,
    uren_per_regel,
    voortgang_per_traject,
)

pytestmark = pytest.mark.django_db
PEILDATA = (dt.date(2025, 6, 30), dt.date(2026, 3, 31), dt.date(2026, 10, 31), dt.date(2026, 12, 1))


def _standen():
    return sorted(Rapportagestand.objects.values_list())


def assert_gelijk():
    """At every peildatum both reports' figures from the stands are those from the reports;
    and what was kept is what a rebuild writes, but for what is marked out of date."""
    alle = Inschrijving.objects.all()
    for p in PEILDATA:
        vol = _per_traject(_eerste_en_laatste_vol(alle, p))
        assert vol and voortgang_per_traject(alle, p) == vol, p
        vol = {}
        for regel, *sommen in _uren_vol(alle, p):
            _tel_op(vol, regel, sommen)
        assert uren_per_regel(alle, p) == vol, p


@pytest.fixture
def wereld(settings):
    settings.SAMENVATTING_CONTROLE = False  # compared here, explicitly
    call_command("genereer_synthetisch", clienten=60, seed=5, verbosity=0)
    return Inschrijving.objects.order_by("pk")


def test_de_stand_van_een_gegenereerde_wereld_is_de_telling_van_de_rapportages(wereld):
    assert Rapportagestand.objects.filter(aantal__gte=2).exists()
    assert not StandVerouderd.objects.exists()
    assert_gelijk()
    kept = _standen()
    alles_bijwerken()
    assert _standen() == kept


def test_een_rapportage_opslaan_of_verwijderen_werkt_de_stand_meteen_bij(wereld):
    rapport = Voortgangsrapportage.objects.order_by("pk").first()
    rapport.uren_gevolgd = rapport.uren_aangeboden
    rapport.participatieladder = 6
    rapport.save()
    Voortgangsrapportage.objects.order_by("-pk").first().delete()
    bron = Voortgangsrapportage.objects.order_by("pk")[5]
    Voortgangsrapportage.objects.create(
        inschrijving=bron.inschrijving,
        peildatum=dt.date(2026, 11, 30),
        uren_aangeboden=40,
        uren_gevolgd=3,
        participatieladder=1,
    )
    assert not StandVerouderd.objects.exists()
    assert_gelijk()


def test_na_een_upload_telt_de_stand_mee_en_schrijft_de_dagelijkse_stap_hem_opnieuw(wereld):
    regels = ["clientnummer;traject_code;peildatum;uren_aangeboden;uren_gevolgd;participatieladder"]
    gekozen = list(
        wereld.exclude(rapportages=None).values_list(
            "client__clientnummer", "contractregel__traject__code", "pk"
        )[:12]
    )
    for i, (nummer, code, pk) in enumerate(gekozen):
        if i % 2:  # a report changed: the enrolment's first one, other hours and step
            eerste = Voortgangsrapportage.objects.filter(inschrijving=pk).earliest("peildatum")
            regels.append(f"{nummer};{code};{eerste.peildatum:%d-%m-%Y};50;49;5")
        else:  # a late report, after every peildatum before today
            regels.append(f"{nummer};{code};30-11-2026;40;12;1")
    uitkomst = importeer(
        VoortgangsrapportageResource(), lees_bestand("\n".join(regels).encode()), dry_run=False
    )
    assert (uitkomst.nieuw, uitkomst.gewijzigd, uitkomst.fouten) == (6, 6, [])
    assert set(StandVerouderd.objects.values_list("inschrijving", flat=True)) == {
        pk for *_, pk in gekozen
    }
    assert_gelijk()

    call_command("dagelijks")
    assert not StandVerouderd.objects.exists()
    assert_gelijk()
    kept = _standen()
    alles_bijwerken()
    assert _standen() == kept
