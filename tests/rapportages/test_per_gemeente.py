"""Every report counts one gemeente of the region when asked (issue 24): all of that
gemeente's records and none of another's; the gemeenten add up to the region; and the
region overview agrees with the populatie and budget reports."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils import timezone

from declaraties.models import Declaratie
from inkoop.models import Budget, Contractdeelname, Instroomprognose, Kostenpost
from rapportages.rapporten import RAPPORTEN, maak_rapport
from regio.models import Gemeente
from registratie.models import (
    Client,
    Formatie,
    Inschrijving,
    Referentielijst,
    Wachtlijstplaats,
    Weigering,
)
from tests.factories import BudgetFactory, KostenpostFactory, UserFactory, leerroute

from .conftest import P

pytestmark = pytest.mark.django_db

# Reports that list the gemeenten themselves (tested below and in tests/regio).
PER_GEMEENTE = {"doorbelasting", "regio"}
GEWOON = sorted(set(RAPPORTEN) - PER_GEMEENTE)
VAN = dt.date(2026, 1, 1)


@pytest.fixture
def regio(wereld, specialist):
    eindhoven = Gemeente.objects.create(naam="Eindhoven", cbs_code="0772", rol="centrum")
    helmond = Gemeente.objects.create(naam="Helmond", cbs_code="0794")
    klant = wereld["clienten"]["c5"]
    Declaratie.objects.create(
        inschrijving=wereld["inschrijvingen"]["c5_terug"],
        periode=dt.date(2026, 5, 1),
        eenheden=1,
        bedrag=Decimal("400.00"),
        status="goedgekeurd",
    )
    Wachtlijstplaats.objects.create(
        client=wereld["clienten"]["c6"],
        traject=wereld["r1"].traject,
        aangevraagd_op=timezone.make_aware(dt.datetime(2026, 6, 1, 9)),
        rang=timezone.now(),
    )
    Weigering.objects.create(datum=dt.date(2026, 6, 2), contractregel=wereld["r1"], reden="vol")
    Formatie.objects.create(specialist=specialist, van=VAN, fte=Decimal("0.8"))
    Instroomprognose.objects.create(jaar=2027, halfjaar=1, aantal=12)
    assert klant.pk
    return eindhoven, helmond


def _alles_naar(gemeente):
    for model in (Client, Weigering, Budget, Kostenpost, Instroomprognose, Formatie):
        model.objects.update(gemeente=gemeente)


def verschil(a, b, pad=""):
    """Where two reports differ: (path, left, right) per differing value."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a.keys() | b.keys():
            yield from verschil(a.get(k), b.get(k), f"{pad}.{k}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from verschil(x, y, f"{pad}[{i}]")
    elif a != b:
        yield (pad, a, b)


def _rapporten(**kwargs) -> dict:
    return {
        naam: maak_rapport(naam, peildatum=P, van=VAN, tot=P, **kwargs).als_dict()
        for naam in GEWOON
    }


def _zonder_gemeente(rapporten: dict) -> dict:
    """The figures alone: without the gemeente named and the explanation (which says what
    a report for one gemeente leaves out)."""
    return {naam: {**r, "gemeenten": None, "toelichting": ""} for naam, r in rapporten.items()}


def test_een_gemeente_krijgt_al_haar_cijfers_en_niets_van_een_andere(regio):
    """All data in Eindhoven: its report is the region's. Then every person (and refusal)
    moves to Helmond: Eindhoven's report is that of a register without people."""
    eindhoven, helmond = regio
    _alles_naar(eindhoven)
    geheel = _zonder_gemeente(_rapporten())
    assert list(verschil(_zonder_gemeente(_rapporten(gemeente=eindhoven)), geheel)) == []

    Client.objects.update(gemeente=helmond)
    Weigering.objects.update(gemeente=helmond)
    alleen_eindhoven = _zonder_gemeente(_rapporten(gemeente=eindhoven))
    for model in (Declaratie, Wachtlijstplaats, Inschrijving, Client):
        model.objects.all().delete()
    Weigering.objects.all().delete()
    Referentielijst.objects.all().delete()
    assert list(verschil(alleen_eindhoven, _zonder_gemeente(_rapporten()))) == []


def _getallen(rapport: dict) -> dict:
    """Per row (by its first text column and code) the numbers that add up."""
    uit = {}
    for rij in rapport["rijen"]:
        sleutel = (rij.get("categorie"), rij.get("code"), rij.get("dimensie"))
        for k, waarde in rij.items():
            if isinstance(waarde, int | Decimal) and not isinstance(waarde, bool):
                uit[(*sleutel, k)] = waarde
    return uit


@pytest.mark.parametrize("naam", ["populatie", "budget", "uitstroomredenen", "bemiddeling"])
def test_de_gemeenten_tellen_op_tot_de_regio(regio, wereld, naam):
    """Clients split over two gemeenten, budgets per gemeente and one for the region together,
    a joint contract 60/40: per figure, Eindhoven + Helmond + what has no gemeente = region."""
    eindhoven, helmond = regio
    c = wereld["clienten"]
    Client.objects.filter(pk__in=[c["c1"].pk, c["c3"].pk, c["c5"].pk]).update(gemeente=helmond)
    Client.objects.exclude(gemeente=helmond).update(gemeente=eindhoven)
    Budget.objects.update(gemeente=eindhoven)
    BudgetFactory(jaar=2026, leerroute=leerroute("b1"), bedrag=Decimal("7000.00"), gemeente=helmond)
    BudgetFactory(jaar=2026, leerroute=leerroute("z"), bedrag=Decimal("900.00"))  # together
    contract = wereld["r1"].contract
    Contractdeelname.objects.create(contract=contract, gemeente=eindhoven, aandeel=60)
    Contractdeelname.objects.create(contract=contract, gemeente=helmond, aandeel=40)
    regio_ = _getallen(maak_rapport(naam, peildatum=P, van=VAN, tot=P).als_dict())
    delen = [
        _getallen(maak_rapport(naam, peildatum=P, van=VAN, tot=P, gemeente=g).als_dict())
        for g in (eindhoven, helmond)
    ]
    gezamenlijk = {("Z-route", "z", None, "budget"): Decimal("900.00")}
    verschil = {}
    for sleutel, totaal in regio_.items():
        if sleutel[-1].startswith("percentage") or sleutel[-1] == "niveau":
            continue
        som = sum((d.get(sleutel) or 0 for d in delen), 0) + gezamenlijk.get(sleutel, 0)
        if naam == "budget" and sleutel[0] == "totaal" and sleutel[-1] == "budget":
            som += Decimal("900.00")
        if som != totaal:
            verschil[sleutel] = (som, totaal)
    assert not verschil
    assert any(d for d in delen[1].values())  # Helmond has figures of its own


def test_het_overzicht_van_de_regio_klopt_met_populatie_en_budget(regio, wereld):
    eindhoven, helmond = regio
    Client.objects.filter(pk=wereld["clienten"]["c5"].pk).update(gemeente=helmond)
    Client.objects.exclude(gemeente=helmond).exclude(clientnummer="c9").update(gemeente=eindhoven)
    BudgetFactory(jaar=2026, leerroute=leerroute("z"), bedrag=Decimal("900.00"), gemeente=helmond)
    overzicht = maak_rapport("regio", peildatum=P).rijen
    rijen = {r["gemeente"]: r for r in overzicht}
    assert list(rijen) == ["Eindhoven", "Helmond", "gezamenlijk (regio)", "regio"]
    assert rijen["gezamenlijk (regio)"]["bekend"] == 1  # c9 has no gemeente
    assert rijen["Helmond"]["lopend"] == 1 and rijen["Helmond"]["goedgekeurd"] == Decimal("400")
    populatie = {r["code"]: r["aantal"] for r in maak_rapport("populatie", peildatum=P).rijen}
    budget = maak_rapport("budget", peildatum=P).rijen[-1]
    totaal = rijen["regio"]
    assert totaal["bekend"] == populatie["totaal"]
    assert totaal["begeleid"] == populatie["in_begeleiding"]
    for kolom in ("budget", "verplicht", "goedgekeurd"):
        assert totaal[kolom] == budget[kolom], kolom
    for kolom in ("bekend", "begeleid", "lopend", "wachtend", "budget", "verplicht"):
        assert totaal[kolom] == sum(r[kolom] for r in overzicht[:-1]), kolom


def test_wie_voor_een_gemeente_werkt_ziet_alleen_haar_cijfers(regio, wereld, client):
    eindhoven, helmond = regio
    Client.objects.update(gemeente=eindhoven)
    Client.objects.filter(pk=wereld["clienten"]["c5"].pk).update(gemeente=helmond)
    spec = UserFactory(username="spec-helmond", rol="specialist")
    helmond.medewerkers.add(spec)
    spec = get_user_model().objects.get(pk=spec.pk)
    eigen = maak_rapport("populatie", user=spec, peildatum=P)
    assert eigen.rijen[-1]["aantal"] == 1 and eigen.als_dict()["gemeenten"] == ["Helmond"]
    with pytest.raises(Http404):
        maak_rapport("populatie", user=spec, peildatum=P, gemeente=eindhoven)
    client.force_login(spec)
    assert client.get("/api/v1/rapportages/populatie/?gemeente=0772").status_code == 404
    pagina = client.get("/rapportages/populatie/?peildatum=30-06-2026")
    assert "Gemeente: Helmond" in pagina.content.decode()
    assert 'name="gemeente"' not in pagina.content.decode()  # one gemeente: nothing to choose


def test_de_inkoper_van_de_centrumgemeente_kiest_een_gemeente(regio, wereld, client, inkoper):
    eindhoven, helmond = regio
    eindhoven.medewerkers.add(inkoper)
    Client.objects.update(gemeente=eindhoven)
    Client.objects.filter(pk=wereld["clienten"]["c5"].pk).update(gemeente=helmond)
    client.force_login(inkoper)
    pagina = client.get("/rapportages/populatie/?peildatum=30-06-2026&gemeente=0794").content
    assert "Gemeente: Helmond" in pagina.decode() and "De hele regio" in pagina.decode()
    antwoord = client.get("/api/v1/rapportages/populatie/?peildatum=2026-06-30&gemeente=0794")
    assert antwoord.json()["rijen"][-1]["aantal"] == 1
    excel = client.get(
        "/api/v1/rapportages/populatie/?peildatum=2026-06-30&gemeente=0794&format=xlsx"
    )
    assert excel.status_code == 200


def test_een_aanbieder_vraagt_geen_gemeente(regio, wereld, client):
    eindhoven, _ = regio
    from tests.factories import koppel_aanbieder

    aanbieder = UserFactory(username="aanb-a", rol="aanbieder")
    koppel_aanbieder(aanbieder, wereld["aanbieder"])
    client.force_login(aanbieder)
    assert client.get("/api/v1/rapportages/contracten/?gemeente=0772").status_code == 404
    assert client.get("/api/v1/rapportages/contracten/").status_code == 200


def test_kosten_en_prognoses_per_gemeente_staan_apart_van_de_regio(regio):
    """A gemeente's own cost post and prognosis count for it and in the region; the region's
    own (no gemeente) only in the region."""
    eindhoven, helmond = regio
    KostenpostFactory(jaar=2026, soort="formatie", bedrag=Decimal("10.00"), gemeente=helmond)
    Instroomprognose.objects.create(jaar=2027, halfjaar=1, aantal=5, gemeente=helmond)

    def formatie(**kw):
        rijen = maak_rapport("kosten-baten", peildatum=P, **kw).rijen
        return next((r["bedrag"] for r in rijen if r["code"] == "kosten.formatie"), None)

    def prognose(**kw):
        rijen = maak_rapport("caseload", peildatum=P, **kw).rijen
        return next(r["categorie"] for r in rijen if r["categorie"].startswith("2027"))

    assert formatie(gemeente=helmond) == Decimal("10.00")
    assert formatie() == Decimal("100010.00")
    assert formatie(gemeente=eindhoven) is None
    assert prognose(gemeente=helmond) == "2027 (deels geschat)"
    assert prognose(gemeente=eindhoven) == "2027 (geschat)"
