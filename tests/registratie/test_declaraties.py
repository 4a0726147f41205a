"""Declarations in a hand-built world: every check and every rejection code, the file that
is refused as a whole, the re-upload that changes nothing, approval under the plafond with
the prestatiedeel withheld, and a payment batch after which a line cannot change."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.timezone import localdate as vandaag

from declaraties.models import Declaratie
from inkoop.models import Contractregel
from tests.factories import (
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
    VoortgangsrapportageFactory,
)

pytestmark = pytest.mark.django_db
# Every line here is under VIER_OGEN_VANAF and the inkoper's mandate.
GEEN_VIER_OGEN = {"wacht_op_tweede": 0, "buiten_mandaat": 0, "eerste_akkoord": 0}
D = Decimal
URL = "/api/v1/declaraties/"
KOP = "clientnummer;traject_code;periode;eenheden;bedrag"


@pytest.fixture
def wereld(eigen_aanbieder):
    contract = ContractFactory(
        aanbieder=eigen_aanbieder,
        startdatum=dt.date(2026, 1, 1),
        einddatum=dt.date(2026, 12, 31),
        plafond=D("1000.00"),
    )
    nt2 = ContractregelFactory(
        contract=contract,
        traject=TrajectFactory(aanbieder=eigen_aanbieder, code="NT2"),
        eenheid=Contractregel.Eenheid.UUR,
        tarief=D("10.00"),
        verwachte_eenheden=D("100"),
        max_eenheden_per_maand=D("40"),
        prestatiedeel=D("20"),
    )
    werkfit = ContractregelFactory(
        contract=contract,
        traject=TrajectFactory(aanbieder=eigen_aanbieder, code="WF"),
        tarief=D("500.00"),
    )
    a = InschrijvingFactory(
        client__clientnummer="A1",
        contractregel=nt2,
        datum_aanmelding=dt.date(2026, 8, 20),
        startdatum=dt.date(2026, 9, 1),
        tarief=D("10.00"),
        eenheid="uur",
        verwachte_eenheden=D("100"),
    )
    b = InschrijvingFactory(
        client__clientnummer="B1",
        contractregel=werkfit,
        datum_aanmelding=dt.date(2026, 8, 20),
        startdatum=dt.date(2026, 9, 1),
        status="afgerond",
        einddatum=dt.date(2026, 10, 15),
        reden_einde="volgens_plan",
    )
    VoortgangsrapportageFactory(
        inschrijving=a,
        peildatum=dt.date(2026, 9, 30),
        uren_aangeboden=D("30"),
        uren_gevolgd=D("28"),
    )
    ander = InschrijvingFactory(client__clientnummer="X1")  # another provider's enrolment
    return {"a": a, "b": b, "ander": ander, "contract": contract}


def upload(api, regels, dry_run=False, naam="declaraties.csv"):
    inhoud = "\n".join([KOP, *regels]).encode()
    return api.post(
        f"{URL}import/",
        {"file": SimpleUploadedFile(naam, inhoud), "dry_run": "true" if dry_run else "false"},
        format="multipart",
    )


def regel_van(inschrijving_nummer, periode):
    return Declaratie.objects.get(
        inschrijving__client__clientnummer=inschrijving_nummer, periode=periode
    )


def test_goede_regels_worden_ingediend_en_opnieuw_uploaden_verandert_niets(api_aanbieder, wereld):
    regels = ["A1;NT2;2026-09;30;300,00", "A1;NT2;oktober 2026;35;350", "B1;WF;10-2026;1;500"]
    antwoord = upload(api_aanbieder, regels)
    assert antwoord.status_code == 200, antwoord.json()
    assert (antwoord.json()["nieuw"], antwoord.json()["afgewezen"]) == (3, 0)
    assert set(Declaratie.objects.values_list("status", flat=True)) == {"ingediend"}
    assert regel_van("A1", dt.date(2026, 10, 1)).bedrag == D("350.00")

    opnieuw = upload(api_aanbieder, regels).json()
    assert (opnieuw["nieuw"], opnieuw["gewijzigd"], opnieuw["ongewijzigd"]) == (0, 0, 3)


@pytest.mark.parametrize(
    ("regel", "code", "reden"),
    [
        ("A1;NT2;2026-09;30;310", "T01", "€\xa0310,00 wijkt af van 30 × €\xa010,00 = €\xa0300,00."),
        ("A1;NT2;2026-09;35;350", "U01", "de voortgangsrapportage van september 2026 noemt 30"),
        ("A1;NT2;2026-10;45;450", "U02", "hoogstens 40 per maand"),
    ],
)
def test_een_regel_die_niet_klopt_wordt_afgewezen_met_zijn_code(
    api_aanbieder, wereld, regel, code, reden
):
    antwoord = upload(api_aanbieder, [regel]).json()
    assert (antwoord["nieuw"], antwoord["afgewezen"]) == (1, 1)
    declaratie = Declaratie.objects.get()
    assert (declaratie.status, declaratie.code) == ("afgewezen", code)
    assert reden in declaratie.reden
    # The provider sees the rejection and why.
    [uit] = api_aanbieder.get(URL).json()["results"]
    assert (uit["code"], uit["status"]) == (code, "afgewezen")


def test_meer_eenheden_dan_de_inschrijving_verwacht(api_aanbieder, wereld):
    upload(api_aanbieder, ["B1;WF;2026-09;1;500"])
    upload(api_aanbieder, ["B1;WF;2026-10;1;500"])  # a per-traject place declared twice
    tweede = regel_van("B1", dt.date(2026, 10, 1))
    assert (tweede.status, tweede.code) == ("afgewezen", "E01")
    assert "de inschrijving verwacht er 1" in tweede.reden


def test_een_afgewezen_regel_verbeteren_maakt_hem_weer_ingediend(api_aanbieder, wereld):
    upload(api_aanbieder, ["A1;NT2;2026-09;30;310"])
    antwoord = upload(api_aanbieder, ["A1;NT2;2026-09;30;300"]).json()
    assert antwoord["gewijzigd"] == 1
    declaratie = Declaratie.objects.get()
    assert (declaratie.status, declaratie.code, declaratie.reden) == ("ingediend", "", "")


@pytest.mark.parametrize(
    ("regels", "kolom", "melding"),
    [
        (["X1;{ander};2026-09;1;1000"], "clientnummer", "geen inschrijving op traject"),
        (["A1;NT2;2026-09;-3;-30"], "eenheden", "Vul een getal van 0 of meer in."),
        (["A1;NT2;2026-09;dertig;300"], "eenheden", "is geen getal"),
        (["A1;NT2;2026-08;10;100"], "periode", "De inschrijving liep niet in augustus 2026"),
        (["B1;WF;2026-11;1;500"], "periode", "beëindigd 15-10-2026"),
        (["A1;NT2;2026-09;10;100", "A1;NT2;09-2026;10;100"], "periode", "Dubbele regel"),
        (["A1;NT2;2099-01;10;100"], "periode", "ligt in de toekomst"),
        (["A1;NT2;13-2026;10;100"], "periode", "is geen maand"),
    ],
)
def test_een_fout_in_het_bestand_weigert_het_hele_bestand(
    api_aanbieder, wereld, regels, kolom, melding
):
    regels = [r.replace("{ander}", wereld["ander"].contractregel.traject.code) for r in regels]
    antwoord = upload(api_aanbieder, ["A1;NT2;2026-10;10;100", *regels])
    assert antwoord.status_code == 400
    fouten = antwoord.json()["fouten"]
    assert any(f["kolom"] == kolom and melding in f["melding"] for f in fouten), fouten
    assert not Declaratie.objects.exists()  # the good first row is not written either


def test_een_inschrijving_van_een_ander_leest_als_onbekend(api_aanbieder, wereld):
    inhoud = f"inschrijving;periode;eenheden;bedrag\n{wereld['ander'].uuid};2026-02;1;1000"
    antwoord = api_aanbieder.post(
        f"{URL}import/",
        {"file": SimpleUploadedFile("x.csv", inhoud.encode()), "dry_run": "false"},
        format="multipart",
    )
    assert antwoord.status_code == 400
    assert "bestaat niet of valt niet onder uw contracten" in str(antwoord.json()["fouten"])


def test_goedkeuren_binnen_het_plafond_met_het_prestatiedeel_ingehouden(
    api_aanbieder, api_inkoper, wereld
):
    upload(api_aanbieder, ["A1;NT2;2026-09;30;300", "A1;NT2;2026-10;40;400", "B1;WF;2026-10;1;500"])
    assert api_aanbieder.post(f"{URL}goedkeuren/", {}, format="json").status_code == 403

    antwoord = api_inkoper.post(
        f"{URL}goedkeuren/", {"contract": str(wereld["contract"].uuid)}, format="json"
    )
    # In month order: 300 and 400 fit under the plafond of 1,000; the 500 does not.
    assert antwoord.json() == {"goedgekeurd": 2, "afgewezen": 1, "te_bekijken": 0, **GEEN_VIER_OGEN}
    sep, okt = regel_van("A1", dt.date(2026, 9, 1)), regel_van("A1", dt.date(2026, 10, 1))
    assert (sep.status, sep.ingehouden, okt.ingehouden) == ("goedgekeurd", D("60.00"), D("80.00"))
    werkfit = regel_van("B1", dt.date(2026, 10, 1))
    assert (werkfit.status, werkfit.code) == ("afgewezen", "P01")


def test_een_betaalbatch_betaalt_en_daarna_verandert_een_regel_niet_meer(
    api_aanbieder, api_inkoper, wereld, beheerder, api
):
    upload(api_aanbieder, ["A1;NT2;2026-09;30;300", "A1;NT2;2026-10;40;400"])
    leeg = api_inkoper.post(f"{URL}goedkeuren/", {}, format="json")
    assert leeg.status_code == 400  # an approval names what it approves
    assert leeg.json()["contract"] == ["Kies het contract of de regels die u goedkeurt."]
    assert set(Declaratie.objects.values_list("status", flat=True)) == {"ingediend"}
    contract = {"contract": str(wereld["contract"].uuid)}
    assert api_inkoper.post(f"{URL}goedkeuren/", contract, format="json").status_code == 200
    antwoord = api_inkoper.post(
        "/api/v1/betaalbatches/", {"omschrijving": "oktober"}, format="json"
    )
    assert antwoord.status_code == 201, antwoord.json()
    batch = antwoord.json()
    # 700 approved, 20 % withheld: 560 to pay now.
    assert (batch["regels"], batch["bedrag"], batch["status"]) == (2, "560.00", "voorbereid")
    # Prepared, not paid: the financial system gets nothing before a second person releases.
    assert set(Declaratie.objects.values_list("status", flat=True)) == {"goedgekeurd"}
    url = f"/api/v1/betaalbatches/{batch['id']}/"
    assert api_inkoper.get(f"{url}export/?formaat=xlsx").status_code == 400
    zelf = api_inkoper.post(f"{url}vrijgeven/", format="json")
    assert zelf.status_code == 400
    assert "Vier ogen" in zelf.json()["betaalbatch"][0]
    vrij = api(beheerder).post(f"{url}vrijgeven/", format="json")
    assert (vrij.status_code, vrij.json()["status"]) == (200, "vrijgegeven")
    assert vrij.json()["vrijgegeven_door"] == beheerder.username
    assert set(Declaratie.objects.values_list("status", flat=True)) == {"betaald"}

    bestand = api_inkoper.get(f"/api/v1/betaalbatches/{batch['id']}/export/?formaat=xlsx")
    blad = openpyxl.load_workbook(io.BytesIO(bestand.content))["Regels"]
    rijen = list(blad.values)
    assert rijen[0][:2] == ("Betaalbatch", "Aanbieder")
    assert [r[-1] for r in rijen[1:]] == [240, 320]
    csv = api_inkoper.get(f"/api/v1/betaalbatches/{batch['id']}/export/?formaat=csv")
    assert "240,00" in csv.content.decode("utf-8-sig")

    gewijzigd = upload(api_aanbieder, ["A1;NT2;2026-09;25;250"])
    assert gewijzigd.status_code == 400
    assert "betaald; die regel kan niet meer veranderen" in str(gewijzigd.json()["fouten"])
    afwijzen = api_inkoper.post(
        f"{URL}{regel_van('A1', dt.date(2026, 9, 1)).uuid}/afwijzen/", {"reden": "x"}, format="json"
    )
    assert afwijzen.status_code == 400
    assert api_inkoper.post("/api/v1/betaalbatches/", {}, format="json").status_code == 400


def test_de_inkoper_wijst_een_regel_af_met_een_reden(api_aanbieder, api_inkoper, wereld):
    upload(api_aanbieder, ["A1;NT2;2026-09;30;300"])
    declaratie = Declaratie.objects.get()
    zonder = api_inkoper.post(f"{URL}{declaratie.uuid}/afwijzen/", {"reden": ""}, format="json")
    assert zonder.status_code == 400
    met = api_inkoper.post(
        f"{URL}{declaratie.uuid}/afwijzen/", {"reden": "Geen presentielijst"}, format="json"
    )
    assert (met.json()["code"], met.json()["reden"]) == ("M01", "Geen presentielijst")


def test_de_lijst_kost_een_vast_aantal_queries(
    api, api_aanbieder, aanbieder_gebruiker, wereld, django_assert_num_queries
):
    upload(api_aanbieder, ["A1;NT2;2026-09;30;300", "A1;NT2;2026-10;30;300"])
    vers = api(type(aanbieder_gebruiker).objects.get(pk=aanbieder_gebruiker.pk))
    # the user's groups, the provider link, count, page
    with django_assert_num_queries(4):
        assert vers.get(URL).json()["count"] == 2


def test_twee_ingediende_regels_voor_een_trajectprijs_worden_niet_allebei_goedgekeurd(
    api_inkoper, wereld
):
    """Issue 31, finding 1: two lines for one one-unit trajectprijs that both reached
    'ingediend' (two uploads at once) were both approved and paid. The approval checks the
    expected units again, under the contract's lock."""
    werkfit = wereld["b"]
    werkfit.contractregel.contract.plafond = D("5000.00")
    werkfit.contractregel.contract.save()
    for maand in (9, 10):
        Declaratie.objects.create(
            inschrijving=werkfit, periode=dt.date(2026, maand, 1), eenheden=1, bedrag=D("500")
        )
    antwoord = api_inkoper.post(
        f"{URL}goedkeuren/", {"contract": str(wereld["contract"].uuid)}, format="json"
    )
    assert antwoord.json() == {"goedgekeurd": 1, "afgewezen": 1, "te_bekijken": 0, **GEEN_VIER_OGEN}
    tweede = regel_van("B1", dt.date(2026, 10, 1))
    assert (tweede.status, tweede.code) == ("afgewezen", "E01")
    assert "verwacht er 1" in tweede.reden


def test_een_afgewezen_regel_opnieuw_uploaden_maakt_hem_niet_weer_goed(
    api_aanbieder, api_inkoper, wereld
):
    """Issue 31, finding 2: after the inkoper's rejection the same line uploaded again went
    back to 'ingediend', its reason wiped, and the next bulk approval approved it."""
    upload(api_aanbieder, ["A1;NT2;2026-09;30;300"])
    declaratie = Declaratie.objects.get()
    api_inkoper.post(f"{URL}{declaratie.uuid}/afwijzen/", {"reden": "Geen presentielijst"})
    opnieuw = upload(api_aanbieder, ["A1;NT2;2026-09;30;300"]).json()
    assert (opnieuw["gewijzigd"], opnieuw["ongewijzigd"]) == (0, 1)
    declaratie.refresh_from_db()
    assert (declaratie.status, declaratie.code, declaratie.reden) == (
        "afgewezen",
        "M01",
        "Geen presentielijst",
    )

    # Changed, it is a new submission the inkoper has to look at; the contract's approval
    # leaves it, an approval by its id approves it.
    assert upload(api_aanbieder, ["A1;NT2;2026-09;28;280"]).json()["gewijzigd"] == 1
    declaratie.refresh_from_db()
    assert (declaratie.status, declaratie.eerder_afgewezen) == ("ingediend", True)
    contract = {"contract": str(wereld["contract"].uuid)}
    alles = api_inkoper.post(f"{URL}goedkeuren/", contract, format="json").json()
    assert alles == {"goedgekeurd": 0, "afgewezen": 0, "te_bekijken": 1, **GEEN_VIER_OGEN}
    bekeken = {"declaraties": [str(declaratie.uuid)]}
    assert api_inkoper.post(f"{URL}goedkeuren/", bekeken, format="json").json()["goedgekeurd"] == 1


def test_een_tweede_betaalbatch_van_hetzelfde_moment_krijgt_het_volgende_nummer(
    api_aanbieder, api_inkoper, wereld
):
    """Issue 31, finding 9: the number came from a count, so a batch made at the same moment
    (or a gap) gave a unique violation and a 500."""
    from declaraties.models import Betaalbatch

    jaar = vandaag().year
    Betaalbatch.objects.create(nummer=f"BB-{jaar}-0002")  # the other one, just made
    upload(api_aanbieder, ["A1;NT2;2026-09;30;300"])
    contract = {"contract": str(wereld["contract"].uuid)}
    api_inkoper.post(f"{URL}goedkeuren/", contract, format="json")
    antwoord = api_inkoper.post("/api/v1/betaalbatches/", {}, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["nummer"] == f"BB-{jaar}-0003"


def test_een_bestand_vol_fouten_noemt_de_eerste_en_telt_de_rest(api_aanbieder, wereld):
    """Issue 31, finding 5: 200,000 bad rows came back as 103 MB of errors."""
    antwoord = upload(api_aanbieder, [f"ONBEKEND{i};NT2;2026-09;1;10" for i in range(1200)])
    assert antwoord.status_code == 400
    fouten = antwoord.json()["fouten"]
    assert len(fouten) == 501
    assert fouten[0]["melding"].startswith("En nog 700 rij(en) met fouten, vanaf rij 502")


def test_het_voorbeeld_toont_wat_een_regel_wordt(
    client, aanbieder_gebruiker, api_aanbieder, wereld
):
    """Issue 28: the preview said 'gewijzigd' without the old and the new value."""
    upload(api_aanbieder, ["A1;NT2;2026-09;30;310"])  # rejected T01
    client.force_login(aanbieder_gebruiker)
    inhoud = "\n".join([KOP, "A1;NT2;2026-09;30;300"]).encode()
    html = client.post(
        "/portaal/declaraties/upload/", {"bestand": SimpleUploadedFile("d.csv", inhoud)}
    ).content.decode()
    assert "€\xa0310,00 → €\xa0300,00" in html
    assert "afgewezen: " in html and "→ ingediend" in html
    assert "30 → 30" not in html  # an unchanged value is shown once
