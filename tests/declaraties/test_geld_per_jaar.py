"""The kept money per enrolment and year (declaraties.geldjaren) is the full computation
(declaraties.ramingen.volledig), on a generated world and after every kind of write that
changes money: an early end, a changed contractregel and traject, late declarations
approved, a forfeited prestatiedeel, a payment batch, a deleted line."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from declaraties.geldjaren import alles_bijwerken
from declaraties.models import Declaratie, Geldjaar
from declaraties.ramingen import BEDRAGEN, samengevat, volledig
from declaraties.services import betaalbatch_maak, betaalbatch_vrijgeven, declaraties_keur_goed
from inkoop.models import Contractregel
from registratie.models import Inschrijving, PrestatieStatus
from registratie.prestaties import prestaties_vaststellen
from registratie.services import inschrijving_beeindig
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PEILDATA = (None, dt.date(2025, 6, 30), dt.date(2026, 3, 31), dt.date(2026, 10, 31))
SLEUTELS = ("pk", "contractregel", "contractregel__leerroute", "client__gemeente", None)


def _bewaard():
    return sorted(Geldjaar.objects.values_list("inschrijving", "jaar", *BEDRAGEN))


def assert_gelijk():
    """Every year, peildatum and grouping the reports use: the summary is the full sum; and
    what was kept along the way is what a rebuild writes."""
    inschrijvingen = Inschrijving.objects.filter(geannuleerd=False)
    for per in SLEUTELS:
        for jaar in (2024, 2025, 2026, 2027, None):
            for tot in PEILDATA:
                vol = volledig(inschrijvingen, jaar, tot, per)
                assert samengevat(inschrijvingen, jaar, tot, per) == vol, (per, jaar, tot)
    bewaard = _bewaard()
    alles_bijwerken()
    assert _bewaard() == bewaard


@pytest.fixture
def wereld():
    call_command("genereer_synthetisch", clienten=80, seed=3, verbosity=0)
    return Inschrijving.objects.order_by("pk")


def test_een_gegenereerde_wereld_telt_uit_de_samenvatting_hetzelfde(wereld):
    # The world has money in several years and declarations after an early peildatum, so
    # both the sum and the enrolments worked out in full are exercised.
    assert Geldjaar.objects.values("jaar").distinct().count() >= 2
    assert Declaratie.objects.filter(periode__gt=dt.date(2026, 3, 31)).exists()
    assert_gelijk()


def test_na_correcties_en_late_declaraties_blijft_de_samenvatting_gelijk(wereld):
    inkoper = UserFactory(rol="inkoper", is_staff=True)
    tweede = UserFactory(rol="beheerder")
    lopend = list(wereld.filter(einddatum=None, status=Inschrijving.Status.GESTART)[:6])
    assert len(lopend) == 6

    # An early end, through the service.
    inschrijving_beeindig(
        inschrijving=lopend[0],
        einddatum=lopend[0].startdatum + dt.timedelta(days=40),
        reden=Inschrijving.RedenEinde.VOORTIJDIG_CLIENT,
        door=inkoper,
    )
    # The contractregel's rule and prestatiedeel change, and a traject's duration.
    regel = lopend[1].contractregel
    regel.prestatiedeel = Decimal("25")
    regel.bij_voortijdig_einde = Contractregel.BijVoortijdigEinde.VOLLEDIG_NA_MINIMUM
    regel.minimum_maanden = 2
    regel.save()
    traject = lopend[2].contractregel.traject
    traject.duur_weken = (traject.duur_weken or 20) + 13
    traject.save()
    # Late declarations for months already past, approved and paid.
    for i, ins in enumerate(lopend[3:]):
        Declaratie.objects.create(
            inschrijving=ins,
            periode=ins.startdatum.replace(day=1),
            eenheden=Decimal("1"),
            bedrag=Decimal("40.00") + i,
        )
    telling = declaraties_keur_goed(
        declaraties=Declaratie.objects.filter(status=Declaratie.Status.INGEDIEND), door=inkoper
    )
    assert telling["goedgekeurd"] == 3
    batch = betaalbatch_maak(declaraties=Declaratie.objects.all(), door=inkoper)
    bedrag = sum(d.uit_te_betalen for d in batch.regels.all())
    betaalbatch_vrijgeven(batch=batch, bedrag=bedrag, door=tweede)
    # A prestatiedeel forfeited by the daily step, and a submitted line taken back.
    inschrijving_beeindig(
        inschrijving=lopend[3],
        einddatum=lopend[3].startdatum + dt.timedelta(days=70),
        reden=Inschrijving.RedenEinde.VOORTIJDIG_AANBIEDER,
        door=inkoper,
    )
    for ins in wereld.filter(pk__in=[lopend[0].pk, lopend[3].pk]):
        ins.prestatie_status = PrestatieStatus.OPEN
        ins.save(update_fields=["prestatie_status"])
    assert prestaties_vaststellen(vandaag=dt.date(2030, 1, 1))["niet_bereikt"] == 2
    assert wereld.filter(prestatie_status=PrestatieStatus.NIET_BEREIKT).exists()
    Declaratie.objects.create(
        inschrijving=lopend[5], periode=dt.date(2026, 9, 1), eenheden=1, bedrag=Decimal("7")
    ).delete()

    assert_gelijk()


def test_een_vergeten_schrijfpad_valt_op(wereld):
    """The check the test suite runs on every money report catches a summary left behind."""
    from declaraties.ramingen import ramingen

    ins = wereld.exclude(geldjaren=None).first()
    Inschrijving.objects.filter(pk=ins.pk).update(tarief=ins.tarief + 100)  # past save()
    with pytest.raises(AssertionError, match="loopt achter"):
        ramingen(wereld, jaar=ins.startdatum.year)
