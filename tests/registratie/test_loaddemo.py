import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

from aanbod.models import Aanbieder, Traject
from inkoop.models import Contract, Contractregel
from registratie import demo

pytestmark = pytest.mark.django_db


def momentopname():
    """Every row of our apps, timestamps included."""
    rijen = {}
    for label in ("aanbod", "inkoop", "registratie"):
        for model in apps.get_app_config(label).get_models():
            rijen[model._meta.label] = sorted(
                tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
            )
    return rijen


def test_loaddemo_laadt_het_eindhovense_aanbod():
    call_command("loaddemo", verbosity=0)
    for naam in (
        "Refugee Team",
        "Werkclub",
        "UAF",
        "Summa College",
        "WIJeindhoven",
        "VluchtelingenWerk Zuid-Nederland",
        "PostNL",
        "Gemeente Eindhoven, team Migratie",
    ):
        assert Aanbieder.objects.filter(naam=naam).exists(), naam
    assert Traject.objects.filter(leerroutes__code="z").exists()
    assert (
        Contract.objects.filter(startdatum__year__lte=2026, einddatum__year__gte=2026).count() >= 10
    )
    for contract in Contract.objects.all():
        regels = Contractregel.objects.filter(contract=contract)
        assert sum(r.capaciteit * r.tarief for r in regels) <= contract.plafond


def test_loaddemo_twee_keer_verandert_niets():
    call_command("loaddemo", verbosity=0)
    eerst = momentopname()
    call_command("loaddemo", verbosity=0)
    assert momentopname() == eerst


@pytest.mark.parametrize(("username", "rol", "_a", "_b", "_staff"), demo.DEMO_GEBRUIKERS)
def test_demogebruikers_kunnen_inloggen_met_hun_rol(username, rol, _a, _b, _staff):
    call_command("loaddemo", verbosity=0)
    user = authenticate(username=username, password=demo.DEMO_WACHTWOORD)
    assert user is not None
    assert user.groups.filter(name=rol).exists()
