"""The money reports reconcile with each other and with the declarations, in generated
worlds: multi-year contracts (slices pro rata or recorded), indexations, early ends under
each rule, forfeited and reached prestatiedelen, cancellations, and payment batches. Each
seed builds another world; every identity must hold in each of its years."""

import datetime as dt
import random
from decimal import Decimal

import pytest

from declaraties.models import Declaratie
from declaraties.ramingen import raakt_jaar, ramingen
from declaraties.selectors import besteed, betaalbatches_for
from inkoop.models import Contract, Contractregel, Indexatie, Jaarschijf, jaarschijven_bijwerken
from inkoop.selectors import gecontracteerd_per_route
from rapportages.rapporten import maak_rapport
from registratie.models import Inschrijving, PrestatieStatus, plus_maanden
from tests.factories import (
    AanbiederFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    TrajectFactory,
    leerroute,
)
from tests.factories.declaraties import betaal

pytestmark = pytest.mark.django_db
D = Decimal
JAREN = (2025, 2026, 2027)
PEIL = dt.date(2027, 12, 31)
R = Contractregel.BijVoortijdigEinde


def wereld(seed: int) -> None:
    rnd = random.Random(seed)
    routes = [leerroute("b1"), leerroute("z"), None]
    regels = []
    for c in range(3):
        aanbieder = AanbiederFactory()
        start = dt.date(2025, rnd.randint(1, 6), 1)
        contract = ContractFactory(
            aanbieder=aanbieder,
            kenmerk=f"G{seed}-{c}",
            startdatum=start,
            einddatum=plus_maanden(start, rnd.choice((12, 24, 30))) - dt.timedelta(days=1),
            plafond=D("10000000"),
        )
        if rnd.random() < 0.5:  # the contract records its own slices, adding up to 1
            jaren = list(range(start.year, contract.einddatum.year + 1))
            gewichten = [D(rnd.randint(1, 5)) for _ in jaren]
            delen = [(g / sum(gewichten)).quantize(D("0.0001")) for g in gewichten]
            delen[-1] = 1 - sum(delen[:-1])
            contract.jaarschijven.all().delete()
            for jaar, deel in zip(jaren, delen, strict=True):
                Jaarschijf.objects.create(
                    contract=contract, jaar=jaar, aandeel=deel, vastgelegd=True
                )
        for _ in range(2):
            route = rnd.choice(routes)
            regel = ContractregelFactory(
                contract=contract,
                traject=TrajectFactory(aanbieder=aanbieder, duur_weken=rnd.choice((12, 26, 52))),
                leerroute=route,
                tarief=D(rnd.choice(("1500", "4000", "12000"))),
                capaciteit=rnd.randint(5, 30),
                capaciteitsvorm=rnd.choice(list(Contractregel.Capaciteitsvorm)),
                prestatiedeel=D(rnd.choice((0, 0, 20))),
                bij_voortijdig_einde=rnd.choice(list(R)),
            )
            if regel.bij_voortijdig_einde == R.VOLLEDIG_NA_MINIMUM:
                regel.minimum_maanden = rnd.randint(1, 4)
                regel.save()
            regels.append(regel)
        if rnd.random() < 0.5:
            Indexatie.objects.create(
                contract=contract,
                ingangsdatum=dt.date(2026, rnd.randint(1, 12), 1),
                percentage=D(rnd.choice(("2.5", "3"))),
            )
    for _ in range(24):
        regel = rnd.choice(regels)
        contract = regel.contract
        start = contract.startdatum + dt.timedelta(days=rnd.randint(0, 300))
        gepland = start + dt.timedelta(days=rnd.randint(60, 400))
        soort = rnd.choice(("loopt", "afgerond", "uitval", "uitval", "afgezegd"))
        einde = {
            "loopt": None,
            "afgerond": gepland,
            "uitval": start + dt.timedelta(days=rnd.randint(3, 200)),
            "afgezegd": start,
        }[soort]
        ins = Inschrijving.objects.create(
            client=ClientFactory(leerroute=regel.leerroute),
            contractregel=regel,
            datum_aanmelding=start - dt.timedelta(days=10),
            startdatum=start,
            verwachte_einddatum=gepland if rnd.random() < 0.7 else None,
            einddatum=einde,
            status={
                "loopt": "gestart",
                "afgerond": "afgerond",
                "uitval": "voortijdig_beeindigd",
                "afgezegd": "voortijdig_beeindigd",
            }[soort],
            reden_einde={"loopt": "", "afgerond": "volgens_plan"}.get(soort, "voortijdig_client"),
            geannuleerd=soort == "afgezegd",
            tarief=regel.tarief,
            eenheid=regel.eenheid,
            verwachte_eenheden=regel.verwachte_eenheden,
            prestatie_status=rnd.choice(list(PrestatieStatus)) if regel.prestatiedeel else "",
        )
        if soort == "afgezegd":
            continue
        maand, laatste = start.replace(day=1), min(einde or PEIL, PEIL)
        while maand <= laatste:
            if rnd.random() < 0.3:
                status = rnd.choice(("goedgekeurd", "goedgekeurd", "ingediend", "afgewezen"))
                bedrag = (regel.tarief * D(rnd.choice(("0.25", "0.5")))).quantize(D("0.01"))
                Declaratie.objects.create(
                    inschrijving=ins,
                    periode=maand,
                    eenheden=D("0.25"),
                    bedrag=bedrag,
                    ingehouden=(bedrag * regel.prestatiedeel / 100).quantize(D("0.01"))
                    if status == "goedgekeurd"
                    else 0,
                    status=status,
                    code="M01" if status == "afgewezen" else "",
                )
            maand = plus_maanden(maand, 1)
    goedgekeurd = Declaratie.objects.filter(status="goedgekeurd")
    betaal(goedgekeurd.filter(pk__in=[d.pk for d in goedgekeurd if rnd.random() < 0.5]))


def totaal(naam, jaar):
    rapport = maak_rapport(naam, peildatum=PEIL, parameters={"jaar": jaar})
    return {r["code"]: r for r in rapport.rijen}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_de_geldrapporten_kloppen_onderling(seed, inkoper):
    wereld(seed)
    geldig = Inschrijving.objects.filter(geannuleerd=False)

    # A contract's slices add up to its value: over the years, the contracted amounts of
    # every route add up to capacity x tarief x units of every regel.
    for contract in Contract.objects.all():
        jaarschijven_bijwerken(contract)
        assert sum(contract.jaarschijven.values_list("aandeel", flat=True)) == 1
    waarde = sum(
        r.capaciteit * r.tarief * r.verwachte_eenheden
        for r in Contractregel.objects.filter(contract__status="gegund")
    )
    over_jaren = sum(sum(gecontracteerd_per_route(j).values(), D(0)) for j in range(2024, 2030))
    assert abs(over_jaren - waarde) <= D("0.01") * 10

    # An enrolment's commitment is split over its years exactly, and in every year each
    # part of it is an amount, never below zero (no year lends to another).
    per_jaar = [ramingen(geldig.filter(raakt_jaar(j)), jaar=j) for j in range(2024, 2030)]
    for ins in geldig:
        verplicht = sum((r[ins.pk].verplicht for r in per_jaar if ins.pk in r), D(0))
        assert verplicht == ins.verplicht_bedrag
        for r in per_jaar:
            if ins.pk in r:
                assert min(vars(r[ins.pk]).values()) >= 0, (ins.pk, r[ins.pk])

    goedgekeurd_over_jaren = D(0)
    for jaar in JAREN:
        budget = totaal("budget", jaar)["totaal"]
        kosten = totaal("kosten-baten", jaar)
        volumes = maak_rapport("volumes", peildatum=dt.date(jaar, 12, 31)).rijen
        # Approved in the budget = the approved declarations of the year's months, less a
        # lapsed prestatiedeel (the SQL definition, counted independently).
        sql = Declaratie.objects.filter(periode__year=jaar).aggregate(s=besteed())["s"] or D(0)
        assert budget["goedgekeurd"] == sql
        # Kosten-baten counts the bought trajecten as the budget does.
        assert kosten["ingekochte_trajecten"]["bedrag"] == (
            budget["goedgekeurd"] + budget["nog_te_verwachten"]
        )
        # Volumes shows the budget's committed and spent of the same year.
        assert sum(r["verplicht"] for r in volumes) == budget["verplicht"]
        assert sum(r["besteed"] for r in volumes) == budget["goedgekeurd"]
        # Committed = spent + still to come + lapsed - approved above the commitment.
        raming = ramingen(geldig.filter(raakt_jaar(jaar)), jaar=jaar)
        boven = sum((r.boven for r in raming.values()), D(0))
        assert budget["verplicht"] == (
            budget["goedgekeurd"] + budget["nog_te_verwachten"] + budget["vervallen"] - boven
        )
        goedgekeurd_over_jaren += budget["goedgekeurd"]

    # Paid: what the payment batches paid, nothing more.
    betaald = sum(totaal("budget", jaar)["totaal"]["betaald"] for jaar in JAREN)
    assert betaald == sum(b.bedrag for b in betaalbatches_for(inkoper))
    # Resultaten over every start realises what the budgets of all years approved.
    resultaten = maak_rapport("resultaten", peildatum=PEIL, van=dt.date(2024, 1, 1), tot=PEIL).rijen
    assert sum(r["gerealiseerd"] for r in resultaten) == goedgekeurd_over_jaren
