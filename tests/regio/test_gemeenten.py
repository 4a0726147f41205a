"""The region (issue 24, first part): one register for a centrumgemeente and its
deelnemende gemeenten. A specialist sees only the clients of the gemeenten they work for,
everywhere (pages, API, files); a joint contract gives each gemeente its share of the places."""

import datetime as dt
from decimal import Decimal

import pytest
import tablib
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import get_resolver
from rest_framework.test import APIClient

from inkoop.services import deelnames_vastleggen
from kern.fouten import ConflictError
from kern.models import Auditregel
from regio.models import Gemeente
from regio.selectors import gemeenten_van
from registratie.duo import duo_importeer
from registratie.models import Client, Inschrijving
from registratie.selectors import clienten_for, inschrijvingen_for
from registratie.services import inschrijving_create
from tests.browser.wereld import maak_api_wereld
from tests.factories import ClientFactory, ContractFactory, ContractregelFactory, UserFactory
from tests.kern.test_api_autorisatiematrix import _adres, api_routes

pytestmark = pytest.mark.django_db

PERSOONLIJK = {"client", "inschrijving", "wachtlijst", "voortgangsrapportage", "declaratie"}


@pytest.fixture
def regio():
    eindhoven = Gemeente.objects.create(naam="Eindhoven", cbs_code="0772", rol="centrum")
    helmond = Gemeente.objects.create(naam="Helmond", cbs_code="0794")
    best = Gemeente.objects.create(naam="Best", cbs_code="0753")
    return eindhoven, helmond, best


def specialist_van(*gemeenten, naam="spec-h"):
    user = UserFactory(username=naam, rol="specialist")
    for g in gemeenten:
        g.medewerkers.add(user)
    return get_user_model().objects.get(pk=user.pk)


def test_een_register_van_een_gemeente_splitst_niet(specialist):
    """Before a second gemeente joins, nobody is scoped: the register works as it did."""
    Gemeente.objects.create(naam="Eindhoven", cbs_code="0772", rol="centrum")
    ClientFactory()
    assert gemeenten_van(specialist) is None
    assert clienten_for(specialist).count() == 1


def test_specialist_ziet_alleen_de_clienten_van_de_eigen_gemeente(regio, client):
    eindhoven, helmond, _ = regio
    van_e = ClientFactory(gemeente=eindhoven)
    van_h = ClientFactory(gemeente=helmond)
    spec = specialist_van(helmond)
    assert list(clienten_for(spec)) == [van_h]
    client.force_login(spec)
    assert client.get(f"/clienten/{van_h.uuid}/").status_code == 200
    assert client.get(f"/clienten/{van_e.uuid}/").status_code == 404
    zonder = specialist_van(naam="nergens")
    assert clienten_for(zonder).count() == 0  # works for no gemeente: sees nobody


def test_api_inschrijven_van_een_client_van_een_andere_gemeente_is_404(regio):
    eindhoven, helmond, _ = regio
    van_e = ClientFactory(gemeente=eindhoven)
    regel = ContractregelFactory()
    api = APIClient()
    api.force_authenticate(specialist_van(helmond))
    antwoord = api.post(
        "/api/v1/inschrijvingen/",
        {"client": str(van_e.uuid), "contractregel": str(regel.uuid), "startdatum": "2026-03-01"},
        format="json",
    )
    assert antwoord.status_code == 404
    assert not Inschrijving.objects.exists()


def test_elke_route_met_een_client_van_een_andere_gemeente_is_404(regio):
    """The matrix's gemeente dimension: the API world's clients live in Eindhoven; the
    specialist works for Helmond. Every page and API route on a personal record answers 404
    (or 405 where the method does not exist), and no list holds Eindhoven's records."""
    eindhoven, helmond, _ = regio
    objecten = maak_api_wereld()
    Client.objects.update(gemeente=eindhoven)
    spec = get_user_model().objects.get(username="spec")
    helmond.medewerkers.add(spec)
    api = APIClient()
    api.force_authenticate(spec)
    lekken = []
    geheim = {str(objecten[b]) for b in PERSOONLIJK} | {
        str(u) for u in Client.objects.values_list("uuid", flat=True)
    }
    for naam, (pad, methodes) in api_routes().items():
        basis = naam.rsplit("-", 1)[0]
        if basis not in PERSOONLIJK:
            continue
        adres = _adres(naam, pad, objecten)
        for methode in methodes:
            with transaction.atomic():
                status = api.generic(methode, adres, "{}", "application/json")
                transaction.set_rollback(True)
            if "(?P<uuid>" in pad and status.status_code not in (403, 404, 405):
                lekken.append((naam, methode, status.status_code))
            if status.status_code == 200 and any(
                u in status.content.decode(errors="ignore") for u in geheim
            ):
                lekken.append((naam, methode, "toont een record van Eindhoven"))
    pagina = APIClient()
    pagina.force_login(spec)
    for pad in _webpaden():
        for soort, uuid in objecten.items():
            if soort not in PERSOONLIJK or f"{_basis(pad)}" != soort:
                continue
            adres = "/" + pad.replace("<uuid:uuid>", str(uuid)).replace("<str:actie>", "start")
            for methode in ("get", "post"):
                with transaction.atomic():
                    code = getattr(pagina, methode)(adres).status_code
                    transaction.set_rollback(True)
                if code not in (403, 404, 405):
                    lekken.append((adres, methode, code))
    assert not lekken, lekken


def _basis(pad: str) -> str:
    return {"clienten": "client", "inschrijvingen": "inschrijving", "wachtlijst": "wachtlijst"}.get(
        pad.split("/", 1)[0], ""
    )


def _webpaden() -> list[str]:
    """The page routes on one personal record (not the API)."""
    paden = []
    for p in get_resolver().url_patterns:
        pad = str(p.pattern)
        if "<uuid:uuid>" in pad and not pad.startswith("api/"):
            paden.append(pad)
    return paden


def test_duo_bestand_leest_alleen_clienten_van_de_eigen_gemeente(regio):
    eindhoven, helmond, _ = regio
    van_e = ClientFactory(gemeente=eindhoven, plicht_regime="wi2021")
    bestand = tablib.Dataset(
        (van_e.clientnummer, "knm", "", "02-03-2026", "behaald"),
        headers=["clientnummer", "onderdeel", "niveau", "datum", "uitslag"],
    )
    uitkomst = duo_importeer(bestand, bestandsnaam="duo.csv", door=specialist_van(helmond))
    assert [(f["rij"], f["kolom"]) for f in uitkomst.fouten] == [(2, "clientnummer")]


def test_inkoper_van_de_centrumgemeente_ziet_alles_een_deelnemende_alleen_het_eigen(regio):
    eindhoven, helmond, _ = regio
    centrum = UserFactory(username="ink-e", rol="inkoper")
    eindhoven.medewerkers.add(centrum)
    deelnemer = UserFactory(username="ink-h", rol="inkoper")
    helmond.medewerkers.add(deelnemer)
    assert gemeenten_van(get_user_model().objects.get(pk=centrum.pk)) is None
    assert gemeenten_van(get_user_model().objects.get(pk=deelnemer.pk)) == [helmond.pk]


@pytest.fixture
def gezamenlijk(regio):
    eindhoven, helmond, best = regio
    contract = ContractFactory(
        plafond=Decimal("1000000"), startdatum=dt.date(2026, 1, 1), einddatum=dt.date(2026, 12, 31)
    )
    regel = ContractregelFactory(contract=contract, capaciteit=5, tarief=Decimal("1000"))
    deelnames_vastleggen(
        contract=contract, aandelen={eindhoven: Decimal("60"), helmond: Decimal("40")}, door=None
    )
    return regel


def test_een_gemeente_schrijft_in_tot_haar_aandeel(gezamenlijk, regio):
    """60/40 of 5 places: Eindhoven 3, Helmond 2; the third Helmond client is refused with
    the reason, Best (not in the key) too; an Eindhoven client still fits."""
    eindhoven, helmond, best = regio
    spec = specialist_van(eindhoven, helmond, best)
    start = dt.date(2026, 3, 1)
    for _ in range(2):
        inschrijving_create(
            client=ClientFactory(gemeente=helmond),
            contractregel=gezamenlijk,
            startdatum=start,
            door=spec,
        )
    with pytest.raises(ConflictError) as fout:
        inschrijving_create(
            client=ClientFactory(gemeente=helmond),
            contractregel=gezamenlijk,
            startdatum=start,
            door=spec,
        )
    assert "Het aandeel van Helmond" in str(fout.value) and "2 van 2" in str(fout.value)
    with pytest.raises(ConflictError, match="Best neemt niet deel"):
        inschrijving_create(
            client=ClientFactory(gemeente=best),
            contractregel=gezamenlijk,
            startdatum=start,
            door=spec,
        )
    inschrijving_create(
        client=ClientFactory(gemeente=eindhoven),
        contractregel=gezamenlijk,
        startdatum=start,
        door=spec,
    )
    assert Inschrijving.objects.count() == 3


def test_de_verdeelsleutel_telt_op_tot_100_en_zakt_niet_onder_wat_bezet_is(gezamenlijk, regio):
    eindhoven, helmond, best = regio
    contract = gezamenlijk.contract
    with pytest.raises(ValidationError, match="tellen op tot 90"):
        deelnames_vastleggen(
            contract=contract,
            aandelen={eindhoven: Decimal("50"), helmond: Decimal("40")},
            door=None,
        )
    inschrijving_create(
        client=ClientFactory(gemeente=helmond),
        contractregel=gezamenlijk,
        startdatum=dt.date(2026, 3, 1),
        door=None,
    )
    with pytest.raises(ValidationError, match="Helmond heeft op"):
        deelnames_vastleggen(
            contract=contract,
            aandelen={eindhoven: Decimal("90"), helmond: Decimal("10"), best: Decimal("0")},
            door=None,
        )
    # Moving unused share: Eindhoven gives 20 % to Best.
    deelnames_vastleggen(
        contract=contract,
        aandelen={eindhoven: Decimal("40"), helmond: Decimal("40"), best: Decimal("20")},
        door=None,
    )
    assert {str(d.gemeente): d.aandeel for d in contract.deelnames.all()} == {
        "Eindhoven": Decimal("40"),
        "Helmond": Decimal("40"),
        "Best": Decimal("20"),
    }
    regel = Auditregel.objects.filter(object_uuid=contract.uuid).latest("tijdstip")
    assert regel.gegevens["deelnames"]["voor"] == {"Eindhoven": "60.00", "Helmond": "40.00"}


def test_het_contract_toont_de_deelnames_en_de_inkoper_past_de_sleutel_aan(
    gezamenlijk, regio, client, inkoper
):
    eindhoven, helmond, best = regio
    eindhoven.medewerkers.add(inkoper)  # the centrumgemeente's inkoper sets the key
    client.force_login(inkoper)
    pagina = client.get(f"/contracten/{gezamenlijk.contract.uuid}/").content.decode()
    assert "Deelnemende gemeenten" in pagina and "Helmond" in pagina
    fout = client.post(
        f"/contracten/{gezamenlijk.contract.uuid}/deelnames/",
        {"gemeente_0772": "70", "gemeente_0794": "40"},
    )
    assert fout.status_code == 400
    assert "tellen op tot 110" in fout.content.decode()
    client.post(
        f"/contracten/{gezamenlijk.contract.uuid}/deelnames/",
        {"gemeente_0772": "50", "gemeente_0794": "30", "gemeente_0753": "20"},
    )
    assert gezamenlijk.contract.deelnames.count() == 3


def test_een_client_in_een_andere_gemeente_vastleggen_wordt_geweigerd(regio):
    eindhoven, helmond, _ = regio
    api = APIClient()
    api.force_authenticate(specialist_van(helmond))
    antwoord = api.post(
        "/api/v1/clienten/", {"clientnummer": "X-1", "gemeente": "0772"}, format="json"
    )
    assert antwoord.status_code == 400
    assert "U werkt niet voor Eindhoven" in antwoord.json()["gemeente"][0]
    assert antwoord.status_code == 400 and not Client.objects.exists()
    assert inschrijvingen_for(specialist_van(helmond, naam="ander")).count() == 0


def test_doorbelasting_per_gemeente_telt_op_tot_de_regio(regio, inkoper):
    """Each gemeente is charged its clients' approved declarations (less a lapsed
    prestatiedeel) and its share of the fixed costs by its clients in guidance; the
    gemeenten add up to the region, which adds up to the declarations and the costs."""
    from declaraties.models import Declaratie
    from rapportages.rapporten import maak_rapport
    from tests.factories import InschrijvingFactory, KostenpostFactory

    eindhoven, helmond, best = regio
    eindhoven.medewerkers.add(inkoper)
    KostenpostFactory(jaar=2026, soort="formatie", bedrag=Decimal("36500.00"))
    # Helmond's own post is its own: not charged on to the region.
    KostenpostFactory(jaar=2026, soort="formatie", bedrag=Decimal("999.00"), gemeente=helmond)
    bedragen = {eindhoven: ("1000.00", "0.00"), helmond: ("400.00", "100.00")}
    for gemeente, (bedrag, ingehouden) in bedragen.items():
        klant = ClientFactory(gemeente=gemeente, datum_brede_intake=dt.date(2026, 1, 20))
        ins = InschrijvingFactory(client=klant, prestatie_status="niet_bereikt")
        Declaratie.objects.create(
            inschrijving=ins,
            periode=dt.date(2026, 3, 1),
            eenheden=1,
            bedrag=Decimal(bedrag),
            ingehouden=Decimal(ingehouden),
            status="goedgekeurd",
        )
    rapport = maak_rapport(
        "doorbelasting",
        user=inkoper,
        peildatum=dt.date(2026, 12, 31),
        van=dt.date(2026, 1, 1),
        tot=dt.date(2026, 12, 31),
    )
    rijen = {r["gemeente"]: r for r in rapport.rijen}
    assert rijen["Eindhoven"]["trajecten"] == Decimal("1000.00")
    assert rijen["Helmond"]["trajecten"] == Decimal("300.00")  # the lapsed 100 is not charged
    assert rijen["Helmond"]["vaste_kosten"] == Decimal("18250.00")  # 1 of 2 clients in guidance
    gemeenten = [r for naam, r in rijen.items() if naam != "regio"]
    for kolom in ("trajecten", "vaste_kosten", "totaal"):
        assert sum(r[kolom] for r in gemeenten) == rijen["regio"][kolom]
    assert rijen["regio"]["totaal"] == Decimal("1300.00") + Decimal("36500.00")
    deelnemer = UserFactory(username="ink-helmond", rol="inkoper")
    helmond.medewerkers.add(deelnemer)
    eigen = maak_rapport("doorbelasting", user=deelnemer, peildatum=dt.date(2026, 12, 31))
    assert [r["gemeente"] for r in eigen.rijen] == ["Helmond"]
    # Its invoice's lines add up to what it is charged for trajecten.
    specificatie = eigen.extra["tabellen"]["specificatie"]["rijen"]
    assert sum(r["bedrag"] for r in specificatie) == eigen.rijen[0]["trajecten"]


def test_een_vrije_plaats_gaat_naar_wie_wacht_uit_een_gemeente_met_aandeel(gezamenlijk, regio):
    """The waiting list keeps to the key: Helmond's share (2 of 5) is used, so a freed place
    passes the Helmond client first in line and goes to the Eindhoven client behind."""
    from registratie.models import Wachtlijstplaats
    from registratie.services import inschrijving_beeindig, wachtlijst_bied_aan, wachtlijst_plaats

    eindhoven, helmond, _ = regio
    spec = specialist_van(eindhoven, helmond)
    start = dt.date(2026, 3, 1)
    lopend = [
        inschrijving_create(
            client=ClientFactory(gemeente=g), contractregel=gezamenlijk, startdatum=start, door=spec
        )
        for g in (eindhoven, eindhoven, eindhoven, helmond, helmond)
    ]
    uit_helmond = wachtlijst_plaats(
        client=ClientFactory(gemeente=helmond), contractregel=gezamenlijk, door=spec
    )
    uit_eindhoven = wachtlijst_plaats(
        client=ClientFactory(gemeente=eindhoven), contractregel=gezamenlijk, door=spec
    )
    inschrijving_beeindig(
        inschrijving=lopend[0], einddatum=dt.date(2026, 4, 1), reden="verhuisd", door=spec
    )
    wachtlijst_bied_aan(regel=gezamenlijk, door=spec, vandaag=dt.date(2026, 4, 2))
    uit_helmond.refresh_from_db()
    uit_eindhoven.refresh_from_db()
    assert uit_helmond.status == Wachtlijstplaats.Status.WACHTEND
    assert uit_eindhoven.status == Wachtlijstplaats.Status.AANGEBODEN


def test_het_budget_van_een_gemeente_telt_haar_deel_van_de_contracten(regio, inkoper):
    """A joint contract 60/40 and the centrumgemeente's own contract: Eindhoven's budget has
    60 % of the first and all of the second against it, Helmond's 40 % and nothing; a budget
    of the region together has both whole. A deelnemende inkoper sees only its own budget."""
    from inkoop.selectors import budgetten_for
    from tests.factories import BudgetFactory, leerroute

    eindhoven, helmond, _ = regio
    eindhoven.medewerkers.add(inkoper)
    termijn = {"startdatum": dt.date(2026, 1, 1), "einddatum": dt.date(2026, 12, 31)}
    gezamenlijk = ContractFactory(plafond=Decimal("1000000"), **termijn)
    ContractregelFactory(contract=gezamenlijk, capaciteit=5, tarief=Decimal("1000"))
    deelnames_vastleggen(
        contract=gezamenlijk, aandelen={eindhoven: Decimal("60"), helmond: Decimal("40")}, door=None
    )
    eigen = ContractFactory(plafond=Decimal("1000000"), **termijn)
    ContractregelFactory(contract=eigen, capaciteit=2, tarief=Decimal("500"))
    for gemeente in (eindhoven, helmond, None):
        BudgetFactory(jaar=2026, leerroute=leerroute("b1"), gemeente=gemeente)
    per = {
        str(b.gemeente): (b.gecontracteerd_bedrag, b.gecontracteerde_plaatsen)
        for b in budgetten_for(inkoper)
    }
    assert per == {
        "Eindhoven": (Decimal("4000.00"), 5),
        "Helmond": (Decimal("2000.00"), 2),
        "None": (Decimal("6000.00"), 7),
    }
    deelnemer = UserFactory(username="ink-h2", rol="inkoper")
    helmond.medewerkers.add(deelnemer)
    eigen_budgetten = budgetten_for(get_user_model().objects.get(pk=deelnemer.pk))
    assert [str(b.gemeente) for b in eigen_budgetten] == ["Helmond"]


def test_een_deelnemende_inkoper_leest_de_contracten_die_zij_mag_gebruiken(
    gezamenlijk, regio, client
):
    """Helmond takes part in the joint contract; the contract of Eindhoven and Best is not
    Helmond's (404); the centrumgemeente's own contract is open to it. Helmond's inkoper
    reads them, and every change is the centrumgemeente's (403), in the pages and the API."""
    eindhoven, helmond, best = regio
    ander = ContractFactory(kenmerk="INB-EB")
    deelnames_vastleggen(
        contract=ander, aandelen={eindhoven: Decimal("50"), best: Decimal("50")}, door=None
    )
    open_contract = ContractFactory(kenmerk="INB-OPEN")
    inkoper_h = UserFactory(username="ink-helmond", rol="inkoper")
    helmond.medewerkers.add(inkoper_h)
    client.force_login(inkoper_h)
    lijst = client.get("/contracten/").content.decode()
    assert gezamenlijk.contract.kenmerk in lijst and "INB-OPEN" in lijst
    assert "INB-EB" not in lijst and "Nieuw contract" not in lijst
    assert client.get(f"/contracten/{ander.uuid}/").status_code == 404
    pagina = client.get(f"/contracten/{open_contract.uuid}/").content.decode()
    assert "Bewerken" not in pagina and "Regel toevoegen" not in pagina
    assert client.get(f"/contracten/{open_contract.uuid}/bewerken/").status_code == 403
    assert client.get("/contracten/nieuw/").status_code == 403
    api = APIClient()
    api.force_authenticate(inkoper_h)
    adres = f"/api/v1/contracten/{gezamenlijk.contract.uuid}/"
    assert api.get(adres).status_code == 200
    assert api.patch(adres, {"plafond": "1"}, format="json").status_code == 403
    assert api.get(f"/api/v1/contracten/{ander.uuid}/").status_code == 404


def test_signalen_gaan_over_de_contracten_die_de_gemeente_mag_gebruiken(regio, inkoper):
    from django.utils import timezone

    from rapportages.signalen import signalen

    eindhoven, helmond, best = regio
    vandaag = timezone.localdate()
    ander = ContractFactory(
        kenmerk="INB-EB",
        startdatum=vandaag - dt.timedelta(days=300),
        einddatum=vandaag + dt.timedelta(days=10),
    )
    deelnames_vastleggen(
        contract=ander, aandelen={eindhoven: Decimal("50"), best: Decimal("50")}, door=None
    )
    eindhoven.medewerkers.add(inkoper)
    inkoper_h = UserFactory(username="ink-h3", rol="inkoper")
    helmond.medewerkers.add(inkoper_h)
    User = get_user_model()

    def titels(user):
        return [s.titel for s in signalen(peildatum=vandaag, user=User.objects.get(pk=user.pk))]

    assert "Contract INB-EB eindigt over 10 dagen" in titels(inkoper)
    assert not any("INB-EB" in t for t in titels(inkoper_h))
