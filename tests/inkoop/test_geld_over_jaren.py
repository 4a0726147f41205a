"""Money across years and contract changes, with figures computed by hand: an indexation
reaches running enrolments from its date, an early end pays what the regel's rule says, an
option extends the contract only while it has not lapsed, and an enrolment's commitment
falls in the years its months fall in."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from declaraties.models import Declaratie
from declaraties.ramingen import raakt_jaar, ramingen
from inkoop.forms import IndexatieForm, OptieForm
from inkoop.models import Contractregel, Indexatie, Optie
from inkoop.services import optie_uitoefenen
from kern.models import Auditregel
from registratie.models import Inschrijving
from tests.factories import (
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
)
from tests.registratie.test_declaraties import upload

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def contract(eigen_aanbieder):
    return ContractFactory(
        aanbieder=eigen_aanbieder,
        startdatum=dt.date(2026, 1, 1),
        einddatum=dt.date(2026, 12, 31),
        plafond=D("100000.00"),
    )


@pytest.fixture
def uren(contract):
    """Hours at EUR 10, 100 expected; one enrolment running since January."""
    regel = ContractregelFactory(
        contract=contract,
        traject=TrajectFactory(aanbieder=contract.aanbieder, code="NT2"),
        eenheid=Contractregel.Eenheid.UUR,
        tarief=D("10.00"),
        verwachte_eenheden=D("100"),
    )
    InschrijvingFactory(
        client__clientnummer="A1",
        contractregel=regel,
        datum_aanmelding=dt.date(2026, 1, 5),
        startdatum=dt.date(2026, 1, 10),
        tarief=D("10.00"),
        eenheid="uur",
        verwachte_eenheden=D("100"),
    )
    return regel


def test_indexatie_van_3_procent_vanaf_1_juli_keurt_10_30_goed_voor_juli(api_aanbieder, uren):
    Indexatie.objects.create(
        contract=uren.contract, ingangsdatum=dt.date(2026, 7, 1), percentage=D("3")
    )
    antwoord = upload(
        api_aanbieder, ["A1;NT2;2026-06;10;100,00", "A1;NT2;2026-07;10;103,00"]
    ).json()
    assert (antwoord["nieuw"], antwoord["afgewezen"]) == (2, 0), antwoord
    # July at the old rate is rejected, and the reason names the indexed rate.
    antwoord = upload(api_aanbieder, ["A1;NT2;2026-07;10;100,00"]).json()
    juli = Declaratie.objects.get(periode=dt.date(2026, 7, 1))
    assert (juli.status, juli.code) == ("afgewezen", "T01")
    assert "€\xa010,30 (geïndexeerd in juli 2026)" in juli.reden


def test_een_indexatie_van_een_regel_raakt_de_andere_regels_niet(api_aanbieder, uren, contract):
    ander = ContractregelFactory(
        contract=contract,
        traject=TrajectFactory(aanbieder=contract.aanbieder, code="WF"),
        tarief=D("500.00"),
    )
    InschrijvingFactory(client__clientnummer="B1", contractregel=ander)
    Indexatie.objects.create(
        contract=contract, contractregel=ander, ingangsdatum=dt.date(2026, 7, 1), percentage=2
    )
    antwoord = upload(api_aanbieder, ["A1;NT2;2026-07;10;100,00"]).json()
    assert antwoord["afgewezen"] == 0, antwoord


@pytest.mark.parametrize(
    ("ingang", "fout"),
    [
        (dt.date(2025, 12, 1), "binnen de looptijd"),
        (dt.date(2027, 1, 1), "binnen de looptijd"),
    ],
)
def test_een_indexatie_buiten_de_looptijd_wordt_geweigerd(contract, ingang, fout):
    form = IndexatieForm(
        {"ingangsdatum": ingang.isoformat(), "percentage": "3,0"}, contract=contract
    )
    assert not form.is_valid()
    assert fout in form.errors["ingangsdatum"][0]
    assert not Indexatie.objects.exists()


@pytest.fixture
def traject_per_maand(contract):
    """A trajectprijs of EUR 12,000 over 12 planned months, paid pro rata on an early end."""
    return ContractregelFactory(
        contract=contract,
        traject=TrajectFactory(aanbieder=contract.aanbieder, code="TP"),
        tarief=D("12000.00"),
        bij_voortijdig_einde=Contractregel.BijVoortijdigEinde.PER_MAAND,
    )


def uitval(regel, einde, nummer="C1"):
    return InschrijvingFactory(
        client__clientnummer=nummer,
        contractregel=regel,
        datum_aanmelding=dt.date(2026, 1, 2),
        startdatum=dt.date(2026, 1, 5),
        verwachte_einddatum=dt.date(2027, 1, 4),
        status=Inschrijving.Status.VOORTIJDIG_BEEINDIGD,
        einddatum=einde,
        reden_einde="voortijdig_client",
    )


def test_uitval_na_een_week_betaalt_bij_naar_rato_een_maand(api_aanbieder, traject_per_maand):
    uitval(traject_per_maand, dt.date(2026, 1, 12))
    antwoord = upload(api_aanbieder, ["C1;TP;2026-01;1;12000"]).json()
    d = Declaratie.objects.get()
    assert (d.status, d.code) == ("afgewezen", "V01")
    assert "na 1 van 12 maanden" in d.reden and "€\xa01.000,00" in d.reden
    # One month of twelve: 1,000, declared as the one unit it is.
    antwoord = upload(api_aanbieder, ["C1;TP;2026-01;1;1000"]).json()
    assert antwoord["afgewezen"] == 0, antwoord
    assert Declaratie.objects.get().status == "ingediend"


def test_na_het_minimum_is_de_hele_prijs_verdiend(api_aanbieder, traject_per_maand):
    traject_per_maand.bij_voortijdig_einde = Contractregel.BijVoortijdigEinde.VOLLEDIG_NA_MINIMUM
    traject_per_maand.minimum_maanden = 3
    traject_per_maand.save()
    uitval(traject_per_maand, dt.date(2026, 4, 20), "C1")  # a fourth month begun
    uitval(traject_per_maand, dt.date(2026, 2, 20), "C2")  # two months begun: pro rata
    antwoord = upload(api_aanbieder, ["C1;TP;2026-04;1;12000", "C2;TP;2026-02;1;12000"]).json()
    codes = dict(Declaratie.objects.values_list("inschrijving__client__clientnummer", "code"))
    assert codes == {"C1": "", "C2": "V01"}, antwoord


def test_de_goedkeuring_toetst_het_voortijdig_einde_opnieuw(inkoper, traject_per_maand):
    from declaraties.services import declaraties_keur_goed

    inschrijving = uitval(traject_per_maand, dt.date(2026, 1, 12))
    Declaratie.objects.create(
        inschrijving=inschrijving, periode=dt.date(2026, 1, 1), eenheden=1, bedrag=D("12000")
    )
    telling = declaraties_keur_goed(declaraties=Declaratie.objects.all(), door=inkoper)
    assert telling["afgewezen"] == 1
    assert Declaratie.objects.get().code == "V01"


def test_een_minimum_hoort_bij_de_regel_die_het_noemt(traject_per_maand):
    traject_per_maand.minimum_maanden = 3
    with pytest.raises(ValidationError) as fout:
        traject_per_maand.full_clean()
    assert "minimum_maanden" in fout.value.message_dict


def test_een_optie_verlengt_het_contract_en_de_jaarschijven_volgen(contract, inkoper):
    optie = Optie.objects.create(
        contract=contract, verlengen_tot=dt.date(2027, 12, 31), uiterlijk_op=dt.date(2026, 10, 1)
    )
    optie_uitoefenen(optie=optie, door=inkoper, op=dt.date(2026, 9, 15))
    contract.refresh_from_db()
    assert contract.einddatum == dt.date(2027, 12, 31)
    schijven = dict(contract.jaarschijven.values_list("jaar", "aandeel"))
    assert set(schijven) == {2026, 2027} and sum(schijven.values()) == 1
    regel = Auditregel.objects.filter(object_uuid=contract.uuid).latest("tijdstip")
    assert regel.gegevens["einddatum"] == {"oud": "2026-12-31", "nieuw": "2027-12-31"}
    optie.refresh_from_db()
    assert (optie.uitgeoefend_op, optie.uitgeoefend_door) == (dt.date(2026, 9, 15), inkoper)


def test_een_vervallen_optie_wordt_geweigerd_en_er_verandert_niets(contract, inkoper):
    optie = Optie.objects.create(
        contract=contract, verlengen_tot=dt.date(2027, 12, 31), uiterlijk_op=dt.date(2026, 10, 1)
    )
    with pytest.raises(ValidationError) as fout:
        optie_uitoefenen(optie=optie, door=inkoper, op=dt.date(2026, 10, 2))
    assert "vervallen" in fout.value.messages[0] and "01-10-2026" in fout.value.messages[0]
    contract.refresh_from_db()
    optie.refresh_from_db()
    assert contract.einddatum == dt.date(2026, 12, 31) and optie.uitgeoefend_op is None


def test_een_optie_moet_verlengen_en_op_tijd_worden_uitgeoefend(contract):
    form = OptieForm(
        {"verlengen_tot": "2026-06-30", "uiterlijk_op": "2027-01-31"}, contract=contract
    )
    assert not form.is_valid()
    assert "na de einddatum" in form.errors["verlengen_tot"][0]
    assert "uiterlijk op de einddatum" in form.errors["uiterlijk_op"][0]


def test_de_optie_op_de_contractpagina_uitoefenen(client, inkoper, contract):
    client.force_login(inkoper)
    antwoord = client.post(
        f"/contracten/{contract.uuid}/opties/nieuw/", {"verlengen_tot": "2027-12-31"}
    )
    assert antwoord.status_code == 302
    optie = Optie.objects.get()
    assert optie.uiterlijk_op == contract.einddatum  # empty: the contract's end
    pagina = client.post(f"/opties/{optie.uuid}/uitoefenen/", follow=True)
    assert "loopt nu tot 31-12-2027" in pagina.content.decode()
    assert "uitgeoefend op" in pagina.content.decode()


def test_de_verplichting_valt_in_de_jaren_van_haar_maanden(api_inkoper, contract):
    """An enrolment of 12,000 from October 2025 to September 2026: 3 months in 2025 and 9 in
    2026; a 2026 declaration on it counts in 2026 against 2026's 9,000."""
    contract.startdatum = dt.date(2025, 1, 1)
    contract.save()
    regel = ContractregelFactory(contract=contract, tarief=D("12000.00"))
    inschrijving = InschrijvingFactory(
        contractregel=regel,
        datum_aanmelding=dt.date(2025, 9, 20),
        startdatum=dt.date(2025, 10, 1),
        verwachte_einddatum=dt.date(2026, 9, 30),
    )
    Declaratie.objects.create(
        inschrijving=inschrijving,
        periode=dt.date(2026, 2, 1),
        eenheden=1,
        bedrag=D("4000.00"),
        status="goedgekeurd",
    )
    alle = Inschrijving.objects.all()
    in_2025 = ramingen(alle.filter(raakt_jaar(2025)), jaar=2025)[inschrijving.pk]
    in_2026 = ramingen(alle.filter(raakt_jaar(2026)), jaar=2026)[inschrijving.pk]
    assert (in_2025.verplicht, in_2025.gerealiseerd, in_2025.verwacht) == (
        D("3000.00"),
        D("0.00"),
        D("3000.00"),
    )
    assert (in_2026.verplicht, in_2026.gerealiseerd, in_2026.verwacht) == (
        D("9000.00"),
        D("4000.00"),
        D("5000.00"),
    )
    budget = api_inkoper.get(
        "/api/v1/rapportages/budget/", {"jaar": 2026, "peildatum": "2026-12-31"}
    ).json()
    totaal = budget["rijen"][-1]
    assert (D(totaal["verplicht"]), D(totaal["goedgekeurd"])) == (D("9000.00"), D("4000.00"))
    assert D(totaal["nog_te_verwachten"]) == D("5000.00")


def test_een_vervallen_prestatiedeel_is_besteed_noch_verwacht(contract):
    regel = ContractregelFactory(contract=contract, tarief=D("1000.00"), prestatiedeel=D("20"))
    inschrijving = InschrijvingFactory(
        contractregel=regel,
        startdatum=dt.date(2026, 3, 1),
        status=Inschrijving.Status.AFGEROND,
        einddatum=dt.date(2026, 4, 30),
        reden_einde="volgens_plan",
        prestatie_status="niet_bereikt",
    )
    Declaratie.objects.create(
        inschrijving=inschrijving,
        periode=dt.date(2026, 3, 1),
        eenheden=D("0.5"),
        bedrag=D("500.00"),
        ingehouden=D("100.00"),
        status="goedgekeurd",
    )
    [raming] = ramingen(Inschrijving.objects.all(), jaar=2026).values()
    # 500 approved less its lapsed 100; of the other 500, its 20 % will lapse too.
    assert (raming.gerealiseerd, raming.verwacht, raming.vervallen) == (
        D("400.00"),
        D("400.00"),
        D("200.00"),
    )
    assert raming.verplicht == raming.gerealiseerd + raming.verwacht + raming.vervallen


@pytest.fixture
def perceel(contract):
    from inkoop.models import Perceel

    perceel = Perceel.objects.create(naam="Perceel 1 B1-route", plafond=D("2500.00"))
    contract.perceel = perceel
    contract.save()
    return perceel


def test_een_perceel_deelt_zijn_plafond_over_zijn_contracten(specialist, contract, perceel):
    from kern.fouten import ConflictError
    from registratie import services
    from registratie.models import Weigering
    from tests.factories import ClientFactory

    tweede = ContractFactory(
        aanbieder=contract.aanbieder,
        perceel=perceel,
        startdatum=contract.startdatum,
        einddatum=contract.einddatum,
    )
    regels = [ContractregelFactory(contract=c, tarief=D("1000.00")) for c in (contract, tweede)]
    for regel in regels:
        services.inschrijving_create(
            client=ClientFactory(leerroute=regel.leerroute),
            contractregel=regel,
            startdatum=dt.date(2026, 3, 1),
            door=specialist,
        )
    # 2,000 of 2,500 committed under the lot: a third 1,000 fits under its contract's own
    # plafond, not under the lot's.
    with pytest.raises(ConflictError) as fout:
        services.inschrijving_create(
            client=ClientFactory(leerroute=regels[0].leerroute),
            contractregel=regels[0],
            startdatum=dt.date(2026, 3, 1),
            door=specialist,
        )
    assert (
        "perceel Perceel 1 B1-route: er is nog €\xa0500,00 over"
        in fout.value.message_dict["contractregel"][0]
    )
    assert Inschrijving.objects.count() == 2
    assert Weigering.objects.get().reden == "plafond bereikt"


def test_een_perceelplafond_onder_wat_al_verplicht_is_wordt_geweigerd(contract, perceel):
    regel = ContractregelFactory(contract=contract, tarief=D("1000.00"))
    InschrijvingFactory(contractregel=regel)
    InschrijvingFactory(contractregel=regel)
    perceel.plafond = D("1500.00")
    with pytest.raises(ValidationError) as fout:
        perceel.full_clean()
    assert "al €\xa02.000,00 verplicht" in fout.value.message_dict["plafond"][0]


def test_een_contract_dat_niet_meer_onder_het_perceel_past_wordt_niet_verplaatst(contract, perceel):
    ander = ContractFactory(aanbieder=contract.aanbieder)
    regel = ContractregelFactory(contract=ander, tarief=D("3000.00"))
    InschrijvingFactory(contractregel=regel)
    ander.perceel = perceel
    with pytest.raises(ValidationError) as fout:
        ander.full_clean()
    assert "boven het plafond van het perceel" in fout.value.message_dict["perceel"][0]


@pytest.mark.parametrize(
    ("marge", "gedeclareerd", "afgewezen"),
    [(None, "30", 0), (D("5"), "28", 0), (D("5"), "29", 1), (D("0"), "27", 0), (D("0"), "28", 1)],
)
def test_uren_gevolgd_met_een_verzuimmarge(api_aanbieder, uren, marge, gedeclareerd, afgewezen):
    """30 hours offered in June, 27 attended: without a margin the 30 offered may be
    declared; with 5 % for absence 27 + 1.5 = 28.5; with 0 %, the 27 attended."""
    from tests.factories import VoortgangsrapportageFactory

    contract = uren.contract
    contract.verzuimmarge = marge
    contract.save()
    VoortgangsrapportageFactory(
        inschrijving=Inschrijving.objects.get(),
        peildatum=dt.date(2026, 6, 30),
        uren_aangeboden=D("30"),
        uren_gevolgd=D("27"),
    )
    bedrag = f"{int(gedeclareerd) * 10},00"
    antwoord = upload(api_aanbieder, [f"A1;NT2;2026-06;{gedeclareerd};{bedrag}"]).json()
    assert antwoord["afgewezen"] == afgewezen, antwoord
    if afgewezen and marge is not None:
        assert "27 uur gevolgd van 30 aangeboden" in Declaratie.objects.get().reden


def test_een_perceel_in_het_beheer_staat_met_voor_en_na_in_het_auditlog(client, beheerder):
    from inkoop.models import Perceel

    perceel = Perceel.objects.create(naam="Perceel 9", plafond=D("1000.00"))
    client.force_login(beheerder)
    antwoord = client.post(
        f"/admin/inkoop/perceel/{perceel.pk}/change/",
        {"naam": "Perceel 9", "omschrijving": "", "plafond": "2000"},
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    regel = Auditregel.objects.get(object_uuid=perceel.uuid)
    assert regel.gegevens == {"plafond": {"oud": "1000.00", "nieuw": "2000"}}
