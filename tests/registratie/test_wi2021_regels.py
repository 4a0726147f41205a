"""The Wi2021 rules as the law writes them (issue 23): target groups, afschalen per exam part,
the onderwijsroute's own completion, switching after 18 months, the keurmerk for language
courses, and DUO as the source of exam results."""

import datetime as dt
from decimal import Decimal

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils.timezone import localdate

from aanbod.models import Traject
from inkoop.models import Contractregel
from kern.bestanden import lees_bestand
from registratie.duo import duo_importeer
from registratie.examens import examen_registreer, module_registreer
from registratie.inburgering import pip_vastleggen
from registratie.models import Client, Examen, Inschrijving
from registratie.prestaties import prestaties_vaststellen
from registratie.regels import geschiktheid
from registratie.services import inschrijving_create
from tests.factories import (
    AanbiederFactory,
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
    TrajectFactory,
    leerroute,
)

pytestmark = pytest.mark.django_db
TAAL = ("lezen", "luisteren", "schrijven", "spreken")


def plichtig(route="b1", **kwargs):
    gegevens = {
        "datum_pip": dt.date(2025, 1, 10),
        "plicht_regime": "wi2021",
        "plicht_status": "plichtig",
        "plicht_status_datum": dt.date(2025, 1, 1),
        "plicht_bron": "duo",
    }
    return ClientFactory(leerroute=leerroute(route), **(gegevens | kwargs))


def examens(client, niveaus: dict, door, datum=dt.date(2026, 3, 2)):
    for deel, niveau in niveaus.items():
        examen_registreer(
            client=client, onderdeel=deel, datum=datum, niveau=niveau, behaald=True, door=door
        )


def modules(client, soorten, door, datum=dt.date(2026, 2, 1)):
    for soort in soorten:
        module_registreer(client=client, soort=soort, afgerond_op=datum, door=door)


def test_afschalen_van_een_onderdeel(specialist):
    """Art. 17 lid 3 Wi2021: the gemeente may let the client take one exam part at A2 (here
    schrijven); the other parts stay at B1. A2 on lezen does not fulfil the plicht; A2 on
    schrijven with B1 on the rest does."""
    client = plichtig()
    pip_vastleggen(
        client=client,
        datum=dt.date(2025, 9, 1),
        leerroute=leerroute("b1"),
        reden="afschalen",
        afgeschaald=["schrijven"],
        toelichting="600 uur les, schrijven blijft achter",
        door=specialist,
    )
    modules(client, ("map", "pvt"), specialist)
    examens(client, {"knm": "", "lezen": "A2", "luisteren": "B1", "schrijven": "A2"}, specialist)
    examens(client, {"spreken": "B1"}, specialist)
    client.refresh_from_db()
    assert client.plicht_status == "plichtig"  # lezen at A2 is below its goal B1
    examens(client, {"lezen": "B1"}, specialist, datum=dt.date(2026, 4, 7))
    client.refresh_from_db()
    assert (client.plicht_status, client.plicht_status_datum) == ("voldaan", dt.date(2026, 4, 7))
    assert client.pip_versies.last().afgeschaald == ["schrijven"]


def test_afschalen_alleen_in_de_b1_route_en_de_reden_klopt(specialist):
    """Art. 17 lid 3 Wi2021 is about the B1-route: the Z-route has no A2 exams to lower to.
    A decision that names parts but another reason is refused; parts carry over."""
    z = plichtig("z")
    with pytest.raises(ValidationError, match="alleen in de B1-route"):
        pip_vastleggen(
            client=z,
            datum=dt.date(2025, 9, 1),
            leerroute=leerroute("z"),
            reden="afschalen",
            afgeschaald=["spreken"],
            door=specialist,
        )
    b1 = plichtig()
    with pytest.raises(ValidationError, match="kies reden 'afschalen'"):
        pip_vastleggen(
            client=b1,
            datum=dt.date(2025, 9, 1),
            leerroute=leerroute("b1"),
            reden="overig",
            toelichting="x",
            afgeschaald=["spreken"],
            door=specialist,
        )
    pip_vastleggen(
        client=b1,
        datum=dt.date(2025, 9, 1),
        leerroute=leerroute("b1"),
        reden="afschalen",
        afgeschaald=["spreken"],
        door=specialist,
    )
    later = pip_vastleggen(
        client=b1,
        datum=dt.date(2025, 10, 1),
        leerroute=leerroute("b1"),
        reden="afschalen",
        afgeschaald=["schrijven"],
        door=specialist,
    )
    assert later.afgeschaald == ["schrijven", "spreken"]


def test_onderwijsroute_voldaan_zonder_map(specialist):
    """MvT 35 483 nr. 3 §2.7.1.2 and Divosa (2020): the onderwijsroute is completed through
    the taalschakeltraject, with the PVT; it has no MAP. A client with everything but MAP
    stayed 'plichtig'."""
    client = plichtig("onderwijs", geboortedatum=dt.date(2003, 5, 1))
    modules(client, ("pvt",), specialist)
    client.refresh_from_db()
    assert client.plicht_status == "plichtig"
    assert client.pip_versies.get().map is False
    modules(client, ("tst",), specialist, datum=dt.date(2026, 6, 30))
    client.refresh_from_db()
    assert (client.plicht_status, client.plicht_status_datum) == ("voldaan", dt.date(2026, 6, 30))


def test_na_18_maanden_alleen_van_onderwijsroute_naar_b1(specialist):
    """Art. 15 Wi2021, Besluit inburgering 2021; Divosa Q&A §5 onderwijsroute vraag 1: after
    18 months the route no longer changes, except from the onderwijsroute to the B1-route,
    which needs no motivation. Before 18 months any switch is allowed."""
    b1 = plichtig()
    with pytest.raises(ValidationError, match="10-07-2026") as fout:
        pip_vastleggen(
            client=b1,
            datum=dt.date(2026, 8, 1),
            leerroute=leerroute("z"),
            reden="schakelen",
            toelichting="geen voortgang",
            door=specialist,
        )
    assert "leerroute" in fout.value.message_dict
    vroeg = pip_vastleggen(
        client=b1,
        datum=dt.date(2026, 7, 10),
        leerroute=leerroute("z"),
        reden="schakelen",
        door=specialist,
    )
    assert not vroeg.na_schakeltermijn
    onderwijs = plichtig("onderwijs", geboortedatum=dt.date(2003, 5, 1))
    laat = pip_vastleggen(
        client=onderwijs,
        datum=dt.date(2026, 9, 1),
        leerroute=leerroute("b1"),
        reden="schakelen",
        door=specialist,
    )
    assert laat.na_schakeltermijn and laat.toelichting == ""
    onderwijs.refresh_from_db()
    assert onderwijs.leerroute_id == "b1"


def _regel(soort=Traject.Soort.TAAL, route="b1", keurmerk=True, **kwargs):
    aanbieder = AanbiederFactory(
        keurmerk_status="geldig" if keurmerk else "geen",
        keurmerk_geldig_tot=dt.date(2030, 1, 1) if keurmerk else None,
    )
    traject = TrajectFactory(aanbieder=aanbieder, soort=soort)
    contract = ContractFactory(
        aanbieder=aanbieder, startdatum=dt.date(2026, 1, 1), einddatum=dt.date(2026, 12, 31)
    )
    return ContractregelFactory(
        contract=contract,
        traject=traject,
        leerroute=leerroute(route) if route else None,
        capaciteit=5,
        **kwargs,
    )


def test_gezinsmigrant_krijgt_geen_betaalde_leerrouteplaats(specialist):
    """Art. 1 Wi2021 and MvT 35 483 nr. 3 §2.3.1: the gemeente offers and pays the leerroute
    for asielstatushouders; a gezinsmigrant arranges it himself (DUO loan). A PVT or a
    route-free place stays open."""
    gezin = plichtig(doelgroep="gezin", doelgroep_bron="duo")
    taal = _regel()
    with pytest.raises(ValidationError, match="gezinsmigrant: de gemeente biedt en betaalt"):
        inschrijving_create(
            client=gezin, contractregel=taal, startdatum=dt.date(2026, 3, 1), door=specialist
        )
    assert not Inschrijving.objects.exists()
    pvt = _regel(Traject.Soort.PVT, route=None, keurmerk=False)
    inschrijving_create(
        client=gezin, contractregel=pvt, startdatum=dt.date(2026, 3, 1), door=specialist
    )
    asiel = plichtig(doelgroep="asiel", doelgroep_bron="duo")
    assert geschiktheid(asiel, taal, dt.date(2026, 3, 1)) == []


def test_de_inschrijfpagina_noemt_de_reden(client, specialist):
    gezin = plichtig(doelgroep="gezin", doelgroep_bron="duo", specialist=specialist)
    _regel()
    client.force_login(specialist)
    pagina = client.get(f"/clienten/{gezin.uuid}/inschrijven/").content.decode()
    assert "alleen voor asielstatushouders" in pagina


def test_ontzorgen_alleen_voor_asielstatushouders():
    """MvT 35 483 nr. 3 §2.5.2: ontzorgen is for asielstatushouders; a gezinsmigrant has no
    ontzorgen deadline and cannot be given one."""
    gezin = ClientFactory.build(
        doelgroep="gezin", doelgroep_bron="ind", ontzorgen_start=dt.date(2026, 2, 1)
    )
    with pytest.raises(ValidationError) as fout:
        gezin.full_clean()
    assert "alleen voor asielstatushouders" in fout.value.message_dict["ontzorgen_start"][0]
    gezin.bereken_termijnen()
    assert gezin.ontzorgen_minimaal_tot is None
    asiel = ClientFactory(
        doelgroep="asiel", doelgroep_bron="duo", ontzorgen_start=dt.date(2026, 2, 1)
    )
    assert asiel.ontzorgen_minimaal_tot == dt.date(2026, 8, 1)


def test_keurmerk_voor_taalcursussen_wat_de_route_ook_zegt(specialist):
    """The Blik op Werk keurmerk concerns language courses: a route-free language line is
    checked, a MAP line is not, the onderwijsroute's taalschakeltraject is not (WEB diploma
    recognition; Divosa Q&A §5 onderwijsroute vraag 2)."""
    client = plichtig(doelgroep="asiel", doelgroep_bron="duo")
    dag = dt.date(2026, 3, 1)
    zonder_route = _regel(route=None, keurmerk=False)
    assert [b.soort for b in geschiktheid(client, zonder_route, dag)] == ["geen keurmerk"]
    map_ = _regel(Traject.Soort.MAP, route="b1", keurmerk=False)
    assert geschiktheid(client, map_, dag) == []
    jong = plichtig("onderwijs", geboortedatum=dt.date(2003, 5, 1))
    schakel = _regel(route="onderwijs", keurmerk=False)
    assert geschiktheid(jong, schakel, dag) == []


def _duo(*rijen, koppen=("bsn", "clientnummer", "onderdeel", "niveau", "datum", "uitslag")):
    return tablib.Dataset(*rijen, headers=list(koppen))


def test_melding_van_aanbieder_telt_pas_na_bevestiging_door_duo(
    specialist, aanbieder_gebruiker, eigen_aanbieder
):
    """Art. 7 Wi2021: DUO holds the exams. A provider's reported pass is 'gemeld door
    aanbieder': it releases no language-level prestatiedeel and fulfils no plicht until
    DUO's file confirms it; then both follow, and the import names the provider."""
    client = plichtig(doelgroep="asiel", doelgroep_bron="duo")
    regel = ContractregelFactory(
        contract=ContractFactory(aanbieder=eigen_aanbieder, plafond=Decimal("100000")),
        prestatiedeel=Decimal("20"),
        prestatie=Contractregel.Prestatie.TAALNIVEAU,
        prestatie_taalniveau="B1",
    )
    ins = InschrijvingFactory(
        client=client,
        contractregel=regel,
        datum_aanmelding=dt.date(2026, 1, 2),
        startdatum=dt.date(2026, 1, 5),
        prestatie_status="open",
    )
    modules(client, ("map", "pvt"), specialist)
    examens(client, {"knm": ""}, specialist)
    for deel in TAAL:
        examen_registreer(
            client=client,
            onderdeel=deel,
            datum=dt.date(2026, 3, 2),
            niveau="B1",
            behaald=True,
            inschrijving=ins,
            door=aanbieder_gebruiker,
        )
    assert set(Examen.objects.filter(onderdeel__in=TAAL).values_list("bron", flat=True)) == {
        "aanbieder"
    }
    prestaties_vaststellen(vandaag=dt.date(2026, 4, 1))
    ins.refresh_from_db()
    client.refresh_from_db()
    assert (ins.prestatie_status, client.plicht_status) == ("open", "plichtig")

    bestand = _duo(*[("", client.clientnummer, d, "B1", "02-03-2026", "behaald") for d in TAAL])
    uitkomst = duo_importeer(
        bestand, bestandsnaam="duo.csv", door=specialist, vandaag=dt.date(2026, 4, 1)
    )
    assert uitkomst.geslaagd, uitkomst.fouten
    assert uitkomst.gewijzigd == 4
    assert {b["aanbieder"] for b in uitkomst.bevestigd} == {str(eigen_aanbieder)}
    ins.refresh_from_db()
    client.refresh_from_db()
    assert ins.prestatie_status == "bereikt"
    assert (client.plicht_status, client.plicht_status_datum) == ("voldaan", dt.date(2026, 3, 2))
    nogmaals = duo_importeer(
        bestand, bestandsnaam="duo.csv", door=specialist, vandaag=dt.date(2026, 4, 2)
    )
    assert (nogmaals.nieuw, nogmaals.gewijzigd, nogmaals.ongewijzigd) == (0, 0, 4)


def test_duo_bestand_met_fouten_slaat_niets_op(specialist):
    """Unknown BSN or clientnummer, a part that does not exist, a date in the future, a
    voldaan before the last exam: each refused with row and column, nothing stored."""
    client = plichtig(bsn="111222333")
    Examen.objects.create(
        client=client, onderdeel="lezen", datum=dt.date(2026, 3, 2), niveau="B1", behaald=True
    )
    koppen = ("bsn", "clientnummer", "onderdeel", "niveau", "datum", "uitslag", "besluit")
    bestand = _duo(
        ("", client.clientnummer, "spreken", "B1", "02-03-2026", "behaald", ""),
        ("123456782", "", "lezen", "B1", "02-03-2026", "behaald", ""),
        ("", "ONBEKEND-1", "lezen", "B1", "02-03-2026", "behaald", ""),
        ("", client.clientnummer, "rekenen", "B1", "02-03-2026", "behaald", ""),
        ("", client.clientnummer, "schrijven", "B1", "02-03-2027", "behaald", ""),
        ("111222333", "", "", "", "01-03-2026", "", "voldaan"),
        koppen=koppen,
    )
    uitkomst = duo_importeer(
        bestand, bestandsnaam="duo.xlsx", door=specialist, vandaag=dt.date(2026, 4, 1)
    )
    assert [(f["rij"], f["kolom"]) for f in uitkomst.fouten] == [
        (3, "bsn"),
        (4, "clientnummer"),
        (5, "onderdeel"),
        (6, "datum"),
        (7, "datum"),
    ]
    assert "in de toekomst" in uitkomst.fouten[3]["melding"]
    assert "voor het laatste behaalde examen" in uitkomst.fouten[4]["melding"]
    assert Examen.objects.count() == 1
    client.refresh_from_db()
    assert client.plicht_status == "plichtig"


def test_duo_besluiten_ontheffing_en_verlenging(specialist):
    client = plichtig()
    eind = client.termijn_eind
    koppen = ("clientnummer", "besluit", "datum", "einddatum")
    bestand = _duo(
        (client.clientnummer, "verlengd", "01-03-2026", "10-07-2028"),
        koppen=koppen,
    )
    assert duo_importeer(bestand, bestandsnaam="b.csv", door=specialist).geslaagd
    client.refresh_from_db()
    assert (eind, client.termijn_eind) == (dt.date(2028, 1, 10), dt.date(2028, 7, 10))
    ontheven = _duo((client.clientnummer, "ontheffing", "02-03-2026", ""), koppen=koppen)
    assert duo_importeer(ontheven, bestandsnaam="o.csv", door=specialist).geslaagd
    client = Client.objects.get(pk=client.pk)
    assert (client.plicht_status, client.plicht_bron) == ("ontheven", "duo")


def test_duo_bestand_vanaf_de_opdrachtregel(specialist, tmp_path, capsys):
    client = plichtig()
    bestand = tmp_path / "duo.csv"
    bestand.write_text(
        f"clientnummer;onderdeel;niveau;datum;uitslag\n{client.clientnummer};knm;;02-03-2026;behaald\n"
    )
    call_command("import_duo", str(bestand), door=specialist.username)
    assert "1 nieuw" in capsys.readouterr().out
    assert client.examens.get().bron == "duo"
    bestand.write_text(
        "clientnummer;onderdeel;niveau;datum;uitslag\nONBEKEND;knm;;02-03-2026;behaald\n"
    )
    with pytest.raises(CommandError, match="1 fout"):
        call_command("import_duo", str(bestand), door=specialist.username)
    assert "rij 2, kolom clientnummer" in capsys.readouterr().err


def test_het_voorbeeldbestand_leest_zoals_het_is(client, specialist):
    """The example the DUO page offers is read by the import as it comes (after the
    specialist replaced the clients with real ones)."""
    vandaag = localdate()
    for nummer in ("VOORBEELD-1", "VOORBEELD-2", "VOORBEELD-3"):
        # A term that ends this month, so the example's extension of a year moves it.
        plichtig(clientnummer=nummer, datum_pip=vandaag.replace(year=vandaag.year - 3, day=1))
    client.force_login(specialist)
    antwoord = client.get("/duo/voorbeeld.xlsx")
    assert antwoord["Content-Type"].startswith("application/vnd.openxmlformats")
    dataset = lees_bestand(antwoord.content, "duo-voorbeeld.xlsx")
    uitkomst = duo_importeer(dataset, bestandsnaam="duo-voorbeeld.xlsx", door=specialist)
    assert uitkomst.geslaagd, uitkomst.fouten
    assert (uitkomst.nieuw, uitkomst.gewijzigd) == (3, 1)  # two exams, an extension; ontheven
    assert Client.objects.get(clientnummer="VOORBEELD-3").plicht_status == "ontheven"
