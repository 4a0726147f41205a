"""A provider's file of exam results and module completions: its own enrolments only, every
rule of the services, all or nothing, and the same file twice changes nothing."""

import datetime as dt
import io

import pytest
import tablib

from registratie.examens import NIET_UW_DOSSIER
from registratie.models import Examen, Module
from registratie.resultaten import Resultatenbestand
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
)

pytestmark = pytest.mark.django_db
KOPPEN = ["clientnummer", "traject_code", "soort", "onderdeel", "datum", "niveau", "behaald"]


def plichtig(nummer):
    return ClientFactory(
        clientnummer=nummer,
        datum_pip=dt.date(2025, 1, 10),
        plicht_regime="wi2021",
        plicht_status="plichtig",
        plicht_status_datum=dt.date(2025, 1, 1),
        plicht_bron="duo",
    )


@pytest.fixture
def eigen(eigen_aanbieder):
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=eigen_aanbieder),
        traject=TrajectFactory(code="TAAL-1", aanbieder=eigen_aanbieder),
    )
    return InschrijvingFactory(client=plichtig("R-1"), contractregel=regel)


def bestand(*rijen):
    data = tablib.Dataset(headers=KOPPEN)
    for rij in rijen:
        data.append(rij)
    return data


GOED = [
    ("R-1", "TAAL-1", "examen", "lezen", "03-06-2026", "B1", "ja"),
    ("R-1", "TAAL-1", "examen", "knm", "2026-06-04", "", "nee"),
    ("R-1", "TAAL-1", "module", "pvt", "01-05-2026", "", ""),
]


def test_proef_opslaan_en_nog_eens(aanbieder_gebruiker, eigen):
    proef = Resultatenbestand(bestand(*GOED), user=aanbieder_gebruiker).uitvoeren(dry_run=True)
    assert proef.geslaagd and proef.nieuw == 3
    assert [w["waarden"][3:] for w in proef.wijzigingen] == [
        ["examen", "lezen", "03-06-2026", "behaald"],
        ["examen", "knm", "04-06-2026", "niet behaald"],
        ["module", "pvt", "01-05-2026", "afgerond"],
    ]
    assert not Examen.objects.exists() and not Module.objects.exists()
    echt = Resultatenbestand(bestand(*GOED), user=aanbieder_gebruiker).uitvoeren(
        dry_run=False, bestandsnaam="examens.xlsx"
    )
    assert (echt.nieuw, echt.ongewijzigd) == (3, 0)
    assert set(Examen.objects.values_list("onderdeel", "behaald", "inschrijving")) == {
        ("lezen", True, eigen.pk),
        ("knm", False, eigen.pk),
    }
    assert Module.objects.get().afgerond_op == dt.date(2026, 5, 1)
    weer = Resultatenbestand(bestand(*GOED), user=aanbieder_gebruiker).uitvoeren(dry_run=False)
    assert (weer.geslaagd, weer.nieuw, weer.ongewijzigd) == (True, 0, 3)
    assert Examen.objects.count() == 2


def test_een_fout_en_niets_wordt_opgeslagen(aanbieder_gebruiker, eigen):
    ander = InschrijvingFactory(
        client=plichtig("R-2"), contractregel=ContractregelFactory(traject__code="VREEMD")
    )
    uitkomst = Resultatenbestand(
        bestand(
            GOED[0],
            ("R-2", "VREEMD", "examen", "lezen", "03-06-2026", "B1", "ja"),  # not its own
            ("R-1", "TAAL-1", "examen", "spreken", "03-06-2026", "", "ja"),  # no level
            ("R-1", "TAAL-1", "examen", "schrijven", "03-06-2026", "B1", "misschien"),
            ("R-1", "TAAL-1", "diploma", "lezen", "03-06-2026", "B1", "ja"),
            ("R-1", "TAAL-1", "module", "ona", "01-05-2026", "", ""),  # Wi2013 only
        ),
        user=aanbieder_gebruiker,
    ).uitvoeren(dry_run=False)
    assert [(f["rij"], f["kolom"]) for f in uitkomst.fouten] == [
        (3, "clientnummer"),
        (4, "niveau"),
        (5, "behaald"),
        (6, "soort"),
        (7, "onderdeel"),
    ]
    # A provider is not told the law its client falls under (issue 31, finding 6).
    assert uitkomst.fouten[-1]["melding"] == NIET_UW_DOSSIER
    assert uitkomst.nieuw == 0
    assert not Examen.objects.exists() and not Module.objects.exists()
    assert not ander.examens.exists()


def test_een_module_van_een_andere_aanbieder_blijft(aanbieder_gebruiker, eigen, specialist):
    from registratie.examens import module_registreer

    elders = InschrijvingFactory(client=eigen.client)
    module_registreer(
        client=eigen.client,
        soort="pvt",
        startdatum=dt.date(2026, 3, 1),
        inschrijving=elders,
        door=specialist,
    )
    uitkomst = Resultatenbestand(bestand(GOED[2]), user=aanbieder_gebruiker).uitvoeren(
        dry_run=False
    )
    assert [f["kolom"] for f in uitkomst.fouten] == ["inschrijving"]
    assert Module.objects.get().afgerond_op is None


def test_via_de_api_als_aanbieder(api_aanbieder, eigen):
    buffer = io.StringIO()
    buffer.write(bestand(*GOED).export("csv"))
    inhoud = io.BytesIO(buffer.getvalue().encode())
    inhoud.name = "examens.csv"
    response = api_aanbieder.post(
        "/api/v1/inschrijvingen/resultaten/import/",
        {"file": inhoud, "dry_run": "false"},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["nieuw"] == 3
    assert Examen.objects.filter(client=eigen.client).count() == 2


def test_een_te_groot_bestand_wordt_niet_gelezen(aanbieder_gebruiker, eigen, monkeypatch):
    from registratie import resultaten

    monkeypatch.setattr(resultaten, "MAX_RIJEN", 2)
    uitkomst = Resultatenbestand(bestand(*GOED), user=aanbieder_gebruiker).uitvoeren(dry_run=False)
    assert "hoogstens 2 rijen" in uitkomst.fouten[0]["melding"]
    assert not Examen.objects.exists()


def test_een_module_van_de_gemeente_verandert_niet_door_een_upload(
    aanbieder_gebruiker, eigen, specialist
):
    """Issue 29, finding 3: the specialist's KNM module without an enrolment was re-dated
    and taken over by a provider's upload, and reported as new."""
    from registratie.examens import module_registreer

    module_registreer(
        client=eigen.client, soort="pvt", afgerond_op=dt.date(2026, 4, 2), door=specialist
    )
    uitkomst = Resultatenbestand(bestand(GOED[2]), user=aanbieder_gebruiker).uitvoeren(
        dry_run=False
    )
    assert [f["kolom"] for f in uitkomst.fouten] == ["onderdeel"]
    assert uitkomst.fouten[0]["melding"] == NIET_UW_DOSSIER
    module = Module.objects.get()
    assert (module.afgerond_op, module.inschrijving) == (dt.date(2026, 4, 2), None)


def test_een_eigen_module_bijwerken_heet_gewijzigd(aanbieder_gebruiker, eigen):
    gestart = ("R-1", "TAAL-1", "module", "pvt", "", "", "")
    rij = [*gestart[:4], None, "", ""]
    data = tablib.Dataset(headers=[*KOPPEN, "startdatum"])
    data.append([*rij, "01-04-2026"])
    assert Resultatenbestand(data, user=aanbieder_gebruiker).uitvoeren(dry_run=False).nieuw == 1
    uitkomst = Resultatenbestand(bestand(GOED[2]), user=aanbieder_gebruiker).uitvoeren(
        dry_run=False
    )
    assert (uitkomst.nieuw, uitkomst.gewijzigd) == (0, 1)
    assert uitkomst.wijzigingen[0]["soort"] == "gewijzigd"
    assert Module.objects.get().afgerond_op == dt.date(2026, 5, 1)


def test_een_uitslag_buiten_de_inschrijving_wordt_geweigerd(aanbieder_gebruiker, eigen):
    oud = ("R-1", "TAAL-1", "examen", "lezen", "01-01-2020", "B1", "ja")
    uitkomst = Resultatenbestand(bestand(oud), user=aanbieder_gebruiker).uitvoeren(dry_run=False)
    assert [f["kolom"] for f in uitkomst.fouten] == ["datum"]
    assert "ligt buiten de inschrijving" in uitkomst.fouten[0]["melding"]
    assert not Examen.objects.exists()


def test_een_proef_vertelt_de_aanbieder_niets_over_wat_een_ander_vastlegde(
    aanbieder_gebruiker, eigen, specialist
):
    """Issue 31, finding 6: a provider's dry run confirmed the level and result of the
    gemeente's exam ('ongewijzigd') and named the date of another's record in its errors."""
    from registratie.examens import examen_registreer, module_registreer

    examen_registreer(
        client=eigen.client,
        onderdeel="lezen",
        datum=dt.date(2026, 6, 3),
        niveau="B1",
        behaald=True,
        door=specialist,
    )
    module_registreer(
        client=eigen.client, soort="knm", startdatum=dt.date(2026, 2, 1), door=specialist
    )
    rijen = (
        GOED[0],  # the gemeente's exam, as recorded
        ("R-1", "TAAL-1", "examen", "lezen", "03-06-2026", "A2", "nee"),  # the same day, other
        ("R-1", "TAAL-1", "module", "knm", "01-03-2026", "", ""),  # the gemeente's module
    )
    proef = Resultatenbestand(bestand(*rijen), user=aanbieder_gebruiker).uitvoeren(dry_run=True)
    assert proef.ongewijzigd == 0
    assert [(f["rij"], f["melding"]) for f in proef.fouten] == [
        (2, NIET_UW_DOSSIER),
        (3, NIET_UW_DOSSIER),
        (4, NIET_UW_DOSSIER),
    ]
    assert not any("2026" in f["melding"] or "B1" in f["melding"] for f in proef.fouten)
    # The specialist, who sees the dossier, is told why.
    eigen_proef = Resultatenbestand(bestand(rijen[1]), user=specialist).uitvoeren(dry_run=True)
    assert "staat op 03-06-2026 al een uitslag" in eigen_proef.fouten[0]["melding"]


def test_een_eigen_uitslag_op_dezelfde_dag_wordt_wel_genoemd(aanbieder_gebruiker, eigen):
    Resultatenbestand(bestand(GOED[0]), user=aanbieder_gebruiker).uitvoeren(dry_run=False)
    anders = ("R-1", "TAAL-1", "examen", "lezen", "03-06-2026", "A2", "nee")
    uitkomst = Resultatenbestand(bestand(anders), user=aanbieder_gebruiker).uitvoeren(dry_run=True)
    assert "staat op 03-06-2026 al een uitslag" in uitkomst.fouten[0]["melding"]
