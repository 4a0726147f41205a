"""The old Excel monitoring list comes in without losing history, and without guessing."""

import datetime as dt

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.timezone import localdate as vandaag

from registratie.models import Client, Uitstroomalias

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("beheerder")]

KOPPEN = [
    "Clientnummer",
    "WIJ generalist",
    "Datum intake",
    "Taalniveau",
    "Trajectbepaling",
    "Leerroute",
    "Startdatum voortraject",
    "Actueel traject",
    "Bemiddeling WGT",
    "Datum uitstroom",
    "Uitstroom reden",
    "Notities",
]


def bestand(tmp_path, rijen, naam="monitoring.xlsx"):
    boek = openpyxl.Workbook()
    blad = boek.active
    blad.append(KOPPEN)
    for rij in rijen:
        blad.append(rij)
    pad = tmp_path / naam
    boek.save(pad)
    return pad


def uitstroomrij(clientnummer, datum, reden):
    """A row with only an outflow date and reason filled."""
    rij = dict.fromkeys(KOPPEN) | {
        "Clientnummer": clientnummer,
        "Datum uitstroom": datum,
        "Uitstroom reden": reden,
    }
    return list(rij.values())


GOED = [
    [
        "2019-001",
        "Fatima",
        dt.datetime(2019, 3, 4),
        "A1",
        "werk",
        "B1-route",
        "01-04-2019",
        "Refugee Team",
        "ja",
        dt.datetime(2019, 12, 31),
        "Voltijd baan",
        "via PostNL",
    ],
    [
        "2019-002",
        "Karel",
        "2019-05-06",
        "alfa",
        None,
        "Z-route",
        None,
        None,
        None,
        None,
        None,
        None,
    ],
    ["2019-003", None, None, None, None, None, None, None, None, None, None, None],
    [
        "2019-004",
        "Fatima",
        "15-02-2019",
        "B1",
        "Onderwijs/scholing",
        "onderwijs",
        None,
        "UAF",
        "nee",
        "30-06-2019",
        "studie",
        None,
    ],
    [
        "2019-005",
        None,
        "15-02-2019",
        None,
        "geen",
        "b1",
        None,
        None,
        "x",
        43830,
        "fulltime werk",
        None,
    ],
    ["2019-006", None, None, None, None, None, None, None, None, "2019-08-01", "Verhuisd", None],
    [
        2019007,
        None,
        None,
        "A2",
        None,
        None,
        None,
        "Werkclub",
        None,
        "01-09-2019",
        "PARTTIME BAAN",
        None,
    ],
]


def test_monitoringsbestand_wordt_ingelezen_met_status_uit_de_datums(tmp_path):
    call_command("import_monitoringsbestand", str(bestand(tmp_path, GOED)), "--door", "t-beheerder")
    c = {k.clientnummer: k for k in Client.objects.all()}
    assert len(c) == 7
    # Work in 2019: nazorg ended in 2020, so the file is closed, as the outflow service does.
    assert (c["2019-001"].status, c["2019-001"].uitstroom_reden) == ("afgesloten", "voltijd_baan")
    assert c["2019-001"].uitstroom_datum == dt.date(2019, 12, 31)
    assert c["2019-001"].wgt_betrokken is True
    assert (c["2019-001"].leerroute_id, c["2019-001"].abc_uitkomst) == ("b1", "werk")
    assert (c["2019-004"].leerroute_id, c["2019-004"].abc_uitkomst) == (
        "onderwijs",
        "onderwijs_scholing",
    )
    assert (c["2019-005"].leerroute_id, c["2019-005"].abc_uitkomst) == ("b1", "geen")
    assert c["2019-002"].abc_uitkomst == ""
    assert c["2019-001"].notities == "via PostNL\nActueel traject: Refugee Team"
    assert (c["2019-002"].status, c["2019-002"].taalniveau, c["2019-002"].leerroute_id) == (
        "in_begeleiding",
        "A0",
        "z",
    )
    assert c["2019-003"].status == "in_beeld"
    assert c["2019-004"].uitstroom_reden == "opleiding"
    assert c["2019-005"].uitstroom_datum == dt.date(2019, 12, 31)  # an Excel serial number
    assert (c["2019-006"].uitstroom_reden, c["2019-006"].uitstroom_subreden) == (
        "overig",
        "verhuisd",
    )
    assert c["2019007"].uitstroom_reden == "deeltijd_baan"


def test_opnieuw_importeren_verandert_niets(tmp_path, capsys):
    pad = bestand(tmp_path, GOED)
    call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    voor = sorted(Client.objects.values_list("clientnummer", "gewijzigd_op"))
    call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    assert "0 nieuw, 0 gewijzigd, 7 ongewijzigd" in capsys.readouterr().out
    assert sorted(Client.objects.values_list("clientnummer", "gewijzigd_op")) == voor


def test_onbekende_redenen_worden_gemeld_en_er_wordt_niets_geschreven(tmp_path, capsys):
    rijen = GOED + [
        uitstroomrij("2019-008", "01-10-2019", "naar de maan"),
        [
            "2019-009",
            None,
            None,
            "C9",
            "X-route",
            "Y-route",
            None,
            None,
            "misschien",
            "31-02-2019",
            "studie",
            None,
        ],
        uitstroomrij("2019-010", "01-10-2019", None),
        ["2019-001", None, None, None, None, None, None, None, None, None, None, None],
    ]
    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command(
            "import_monitoringsbestand",
            str(bestand(tmp_path, rijen)),
            "--dry-run",
            "--door",
            "t-beheerder",
        )
    err = capsys.readouterr().err
    assert "rij 9, kolom uitstroom reden: Onbekende uitstroomreden 'naar de maan'" in err
    for kolom in (
        "taalniveau",
        "trajectbepaling",
        "leerroute",
        "bemiddeling WGT",
        "datum uitstroom",
    ):
        assert f"rij 10, kolom {kolom}:" in err
    assert "rij 11, kolom uitstroom reden: Er is een datum uitstroom maar geen reden." in err
    assert "rij 12, kolom clientnummer: Dit clientnummer staat ook op rij 2." in err
    assert not Client.objects.exists()


def test_een_nieuwe_alias_maakt_de_reden_bekend(tmp_path):
    rijen = [uitstroomrij("2019-008", "01-10-2019", "Naar de maan")]
    with pytest.raises(CommandError):
        call_command(
            "import_monitoringsbestand", str(bestand(tmp_path, rijen)), "--door", "t-beheerder"
        )
    Uitstroomalias.objects.create(tekst="  Naar  de MAAN ", reden="overig", subreden="onbekend")
    call_command(
        "import_monitoringsbestand", str(bestand(tmp_path, rijen)), "--door", "t-beheerder"
    )
    assert Client.objects.get().uitstroom_subreden == "onbekend"


def test_proefimport_schrijft_niets(tmp_path, capsys):
    call_command(
        "import_monitoringsbestand",
        str(bestand(tmp_path, GOED)),
        "--dry-run",
        "--door",
        "t-beheerder",
    )
    assert "Proefimport (niets opgeslagen): 7 nieuw" in capsys.readouterr().out
    assert not Client.objects.exists()


def test_csv_met_puntkomma(tmp_path):
    pad = tmp_path / "m.csv"
    pad.write_text(";".join(KOPPEN) + "\n2020-1;;01-02-2020;A2;;B1;;;;;;\n", encoding="utf-8-sig")
    call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    assert Client.objects.get().datum_brede_intake == dt.date(2020, 2, 1)


def test_een_lijst_met_alleen_clientnummers_wist_niets(tmp_path, capsys):
    from kern.models import Auditregel

    call_command("import_monitoringsbestand", str(bestand(tmp_path, GOED)), "--door", "t-beheerder")
    Client.objects.filter(clientnummer="2019-001").update(status="nazorg")
    voor = Client.objects.get(clientnummer="2019-001")
    pad = tmp_path / "alleen.csv"
    # Only the number, once with a zero-width space and full-width digits: the same client.
    pad.write_text(
        "clientnummer;taalniveau\n２０１９-００１\u200b;\n2019-004;A2\n", encoding="utf-8"
    )
    call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    assert "0 nieuw, 1 gewijzigd, 1 ongewijzigd" in capsys.readouterr().out
    na = Client.objects.get(clientnummer="2019-001")
    velden = ("status", "leerroute_id", "taalniveau", "datum_brede_intake", "uitstroom_reden")
    assert [getattr(na, v) for v in velden] == [getattr(voor, v) for v in velden]
    assert (na.status, na.notities) == ("nazorg", voor.notities)
    assert Client.objects.get(clientnummer="2019-004").taalniveau == "A2"
    assert Client.objects.count() == 7
    regel = Auditregel.objects.filter(model="registratie.client").latest("tijdstip")
    assert regel.gebruiker.username == "t-beheerder"


def test_zonder_door_weigert_het_commando(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_monitoringsbestand", str(bestand(tmp_path, GOED)))
    with pytest.raises(CommandError, match="geen actieve gebruiker"):
        call_command("import_monitoringsbestand", str(bestand(tmp_path, GOED)), "--door", "niemand")
    assert not Client.objects.exists()


def test_trajectbepaling_is_de_uitkomst_van_het_abc_plan_en_nooit_de_leerroute(tmp_path, capsys):
    """Eindhoven's list holds werk / onderwijs-scholing there; a route word is refused with
    the column it belongs in, and the route is never set from it."""
    pad = tmp_path / "eindhoven.csv"
    pad.write_text(
        "Clientnummer;Trajectbepaling\nE-1;werk\nE-2;onderwijs-scholing\nE-3;B1-route\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    err = capsys.readouterr().err
    assert "rij 4, kolom trajectbepaling: 'b1-route' is een leerroute" in err
    assert "kolom Leerroute" in err
    assert not Client.objects.exists()
    pad.write_text(
        "Clientnummer;Trajectbepaling\nE-1;werk\nE-2;onderwijs-scholing\n", encoding="utf-8"
    )
    call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    assert sorted(Client.objects.values_list("abc_uitkomst", "leerroute")) == [
        ("onderwijs_scholing", None),
        ("werk", None),
    ]


def test_een_import_wordt_teruggedraaid_uit_het_auditlog(tmp_path, capsys):
    from kern.models import Auditregel

    eerst = bestand(tmp_path, GOED, "eerst.xlsx")
    call_command("import_monitoringsbestand", str(eerst), "--door", "t-beheerder")
    voor = {c.clientnummer: c for c in Client.objects.all()}
    capsys.readouterr()
    pad = tmp_path / "tweede.csv"
    pad.write_text(
        "clientnummer;taalniveau;datum uitstroom;uitstroom reden;leerroute\n"
        "2019-002;A2;01-03-2020;voltijd baan;b1\n"
        "2019-099;B1;;;\n",
        encoding="utf-8",
    )
    call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    uit = capsys.readouterr().out
    assert "1 nieuw, 1 gewijzigd" in uit
    regel = Auditregel.objects.get(gegevens__bestand="tweede.csv")
    assert f"herstel_monitoringsbestand {regel.pk}" in uit
    karel = Client.objects.get(clientnummer="2019-002")
    assert (karel.status, karel.taalniveau, karel.leerroute_id) == ("afgesloten", "A2", "b1")
    assert karel.nazorg_eind is not None

    # Changed by hand since: nothing is undone, and the conflict is named.
    Client.objects.filter(clientnummer="2019-002").update(taalniveau="B1")
    with pytest.raises(CommandError, match="Niets teruggedraaid"):
        call_command("herstel_monitoringsbestand", str(regel.pk), "--door", "t-beheerder")
    assert "Client 2019-002: taalniveau is na de import gewijzigd" in capsys.readouterr().err
    assert Client.objects.filter(clientnummer="2019-099").exists()

    Client.objects.filter(clientnummer="2019-002").update(taalniveau="A2")
    call_command("herstel_monitoringsbestand", str(regel.pk), "--door", "t-beheerder")
    assert "1 client(en) hersteld, 1 verwijderd" in capsys.readouterr().out
    karel = Client.objects.get(clientnummer="2019-002")
    oud = voor["2019-002"]
    velden = (
        "status",
        "taalniveau",
        "leerroute_id",
        "uitstroom_datum",
        "uitstroom_reden",
        "nazorg_eind",
    )
    assert [getattr(karel, v) for v in velden] == [getattr(oud, v) for v in velden]
    assert not Client.objects.filter(clientnummer="2019-099").exists()
    herstel = Auditregel.objects.get(gegevens__herstelt=regel.pk)
    assert herstel.gebruikersnaam == "t-beheerder"
    with pytest.raises(CommandError):
        call_command("herstel_monitoringsbestand", str(regel.pk), "--door", "t-beheerder")
    assert "al teruggedraaid" in capsys.readouterr().err


def test_het_aantal_queries_groeit_niet_met_het_aantal_bestaande_clienten(
    tmp_path, django_assert_max_num_queries
):
    """Comparing a client's route reads no leerroute per client (it did: ~20,000 queries for a
    list of 20,000)."""
    rijen = [[f"Q-{i}", None, None, None, None, "B1-route"] + [None] * 6 for i in range(40)]
    call_command(
        "import_monitoringsbestand", str(bestand(tmp_path, rijen)), "--door", "t-beheerder"
    )
    pad = bestand(tmp_path, rijen, "weer.xlsx")
    with django_assert_max_num_queries(15):
        call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")


def test_een_aangemaakte_client_met_een_inschrijving_blijft(tmp_path, capsys):
    from kern.models import Auditregel
    from tests.factories import InschrijvingFactory

    pad = tmp_path / "nieuw.csv"
    pad.write_text("clientnummer;taalniveau\nN-1;A2\nN-2;B1\n", encoding="utf-8")
    call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    regel = Auditregel.objects.get(gegevens__bestand="nieuw.csv")
    InschrijvingFactory(client=Client.objects.get(clientnummer="N-1"))
    capsys.readouterr()
    with pytest.raises(CommandError, match="Niets teruggedraaid"):
        call_command("herstel_monitoringsbestand", str(regel.pk), "--door", "t-beheerder")
    err = capsys.readouterr().err
    assert "Client N-1 is door de import aangemaakt en heeft nu inschrijvingen" in err
    assert "N-2" not in err
    assert set(Client.objects.values_list("clientnummer", flat=True)) == {"N-1", "N-2"}


def test_de_status_na_uitstroom_is_die_van_de_uitstroomdienst(tmp_path):
    """Work four weeks ago: nazorg, as the outflow service sets it; work years ago: closed
    (its nazorg ended); a reason without nazorg: uitgestroomd."""
    recent = (vandaag() - dt.timedelta(days=28)).strftime("%d-%m-%Y")
    pad = tmp_path / "uitstroom.csv"
    pad.write_text(
        "clientnummer;datum uitstroom;uitstroom reden;leerroute\n"
        f"U-1;{recent};voltijd baan;b1\n"
        "U-2;01-03-2020;voltijd baan;b1\n"
        f"U-3;{recent};verhuisd;b1\n",
        encoding="utf-8",
    )
    call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    status = dict(Client.objects.values_list("clientnummer", "status"))
    assert status == {"U-1": "nazorg", "U-2": "afgesloten", "U-3": "uitgestroomd"}


def test_terugdraaien_zet_geen_leerroute_terug_die_nu_uit_het_pip_volgt(tmp_path, capsys):
    from kern.models import Auditregel

    client = Client.objects.create(clientnummer="P-1")
    pad = tmp_path / "route.csv"
    pad.write_text("clientnummer;leerroute\nP-1;B1-route\n", encoding="utf-8")
    call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    regel = Auditregel.objects.get(gegevens__bestand="route.csv")
    client.refresh_from_db()
    client.datum_pip = dt.date(2026, 3, 1)
    client.save()  # the first PIP, in the imported route
    capsys.readouterr()
    with pytest.raises(CommandError, match="Niets teruggedraaid"):
        call_command("herstel_monitoringsbestand", str(regel.pk), "--door", "t-beheerder")
    assert "heeft sinds de import een PIP" in capsys.readouterr().err
    client.refresh_from_db()
    assert client.leerroute_id == "b1"


def test_uitstroom_uit_het_bestand_gaat_door_de_uitstroomdienst(tmp_path, capsys):
    """An outflow in the list for a client with a running enrolment is refused with its row
    (the enrolment stayed 'gestart' and the waiting-list place 'wachtend'); without one, the
    outflow service records it and withdraws the waiting-list place."""
    from registratie.models import Inschrijving, Wachtlijstplaats
    from registratie.services import wachtlijst_plaats
    from tests.factories import ClientFactory, ContractregelFactory, InschrijvingFactory

    loopt = ClientFactory(clientnummer="L-1", status="in_begeleiding")
    inschrijving = InschrijvingFactory(client=loopt, status="gestart")
    wacht = ClientFactory(clientnummer="W-1", status="in_begeleiding")
    plaats = wachtlijst_plaats(client=wacht, contractregel=ContractregelFactory(), door=None)
    assert plaats.status in Wachtlijstplaats.OPEN
    pad = tmp_path / "uitstroom.csv"
    pad.write_text(
        "clientnummer;datum uitstroom;uitstroom reden\nL-1;01-10-2026;verhuisd\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    err = capsys.readouterr().err
    naam = inschrijving.contractregel.traject.naam
    assert f"rij 2, kolom datum uitstroom: L-1 heeft nog een lopende inschrijving ({naam})" in err
    loopt.refresh_from_db()
    assert loopt.uitstroom_datum is None
    assert Inschrijving.objects.get().status == "gestart"

    pad.write_text(
        "clientnummer;datum uitstroom;uitstroom reden\nW-1;01-10-2026;verhuisd\n",
        encoding="utf-8",
    )
    call_command("import_monitoringsbestand", str(pad), "--door", "t-beheerder")
    wacht.refresh_from_db()
    assert (wacht.uitstroom_datum, wacht.status) == (dt.date(2026, 10, 1), "uitgestroomd")
    plaats.refresh_from_db()
    assert plaats.status not in Wachtlijstplaats.OPEN
