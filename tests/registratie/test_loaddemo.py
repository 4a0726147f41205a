from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from aanbod.models import Aanbieder, Traject
from demo import gegevens
from inkoop.models import Contract, Contractregel
from registratie.models import Client, Inschrijving, Voortgangsrapportage

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


def test_loaddemo_laadt_eindhoven_en_verandert_bij_herhaling_niets():
    call_command("loaddemo", verbosity=0, force=True)

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
    # Clients in every status, enrolments in every status, reports and outflows.
    assert Client.objects.count() >= 300
    assert set(Client.objects.values_list("status", flat=True)) == set(Client.Status.values)
    assert set(Inschrijving.objects.values_list("status", flat=True)) == set(
        Inschrijving.Status.values
    )
    assert Voortgangsrapportage.objects.count() > 500
    assert set(
        Client.objects.exclude(uitstroom_reden="").values_list("uitstroom_reden", flat=True)
    ) == {"voltijd_baan", "deeltijd_baan", "opleiding", "overig"}
    # The enrolments went through the service: no traject over its capacity right now.
    for regel in Contractregel.objects.all():
        actief = regel.inschrijvingen.filter(status__in=Inschrijving.ACTIEF).count()
        assert actief <= regel.capaciteit

    # Every report has something to show on the demo data.
    from django.utils import timezone

    from rapportages.rapporten import RAPPORTEN, maak_rapport

    for naam in RAPPORTEN:
        rijen = maak_rapport(naam, peildatum=timezone.localdate()).rijen
        getallen = [
            w
            for r in rijen
            for w in r.values()
            if isinstance(w, int | float | Decimal) and not isinstance(w, bool)
        ]
        assert any(getallen), naam

    # Demand that did not get a place: clients wait for NT2 and on the Z-route, and the
    # prognosis shows a shortage ahead.
    from registratie.models import Wachtlijstplaats

    wachtend = Wachtlijstplaats.objects.filter(status="wachtend")
    assert wachtend.filter(traject__code="SUM-NT2").exists()
    assert wachtend.filter(leerroute="z").exists()
    # Declarations: some rejected with a code, a payment batch, and withheld prestatiedelen
    # of which some were released.
    from declaraties.models import Betaalbatch, Declaratie

    assert {"T01", "U01"} <= set(Declaratie.objects.values_list("code", flat=True))
    assert Betaalbatch.objects.exists()
    assert Declaratie.objects.filter(status="ingediend").exists()  # for the inkoper to approve
    assert Inschrijving.objects.filter(prestatie_betaalbatch__isnull=False).exists()
    assert Inschrijving.objects.filter(eenheid="uur", verwachte_eenheden=400).exists()
    behoefte = maak_rapport("inkoopbehoefte", peildatum=timezone.localdate()).rijen
    assert any(r["bron"] == "prognose" and r["tekort"] > 0 for r in behoefte)

    eerst = momentopname()
    call_command("loaddemo", verbosity=0, force=True)
    assert momentopname() == eerst

    for username, rol, *_ in gegevens.DEMO_GEBRUIKERS:
        user = authenticate(
            RequestFactory().post("/inloggen/"),
            username=username,
            password=gegevens.DEMO_WACHTWOORD,
        )
        assert user is not None, username
        assert user.groups.filter(name=rol).exists()


def test_loaddemo_weigert_zonder_debug_tenzij_geforceerd(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("loaddemo", verbosity=0)
    assert not Client.objects.exists()
