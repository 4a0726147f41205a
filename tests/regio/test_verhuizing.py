"""Moving house (issue 24): within the region the new gemeente takes the dossier over;
outside it the guidance ends and every running enrolment ends with reason 'verhuisd'."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from kern.models import Auditregel
from regio.models import Gemeente
from registratie.models import Inschrijving
from registratie.selectors import clienten_for
from registratie.verhuizing import client_verhuis
from tests.factories import ClientFactory, InschrijvingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regio():
    eindhoven = Gemeente.objects.create(naam="Eindhoven", cbs_code="0772", rol="centrum")
    helmond = Gemeente.objects.create(naam="Helmond", cbs_code="0794")
    spec_e = UserFactory(username="spec-e", rol="specialist")
    spec_h = UserFactory(username="spec-h", rol="specialist")
    eindhoven.medewerkers.add(spec_e)
    helmond.medewerkers.add(spec_h)
    User = get_user_model()
    return eindhoven, helmond, User.objects.get(pk=spec_e.pk), User.objects.get(pk=spec_h.pk)


def test_binnen_de_regio_neemt_de_nieuwe_gemeente_het_dossier_over(regio):
    eindhoven, helmond, spec_e, spec_h = regio
    client = ClientFactory(gemeente=eindhoven, specialist=spec_e)
    lopend = InschrijvingFactory(client=client)
    client_verhuis(client=client, datum=dt.date(2026, 10, 1), naar=helmond, door=spec_e)
    client.refresh_from_db()
    assert (client.gemeente, client.specialist) == (helmond, None)
    assert clienten_for(spec_h).filter(pk=client.pk).exists()
    assert not clienten_for(spec_e).filter(pk=client.pk).exists()
    lopend.refresh_from_db()
    assert lopend.status == "gestart"  # the place runs on
    [verhuizing] = client.verhuizingen.all()
    assert (verhuizing.van, verhuizing.naar) == (eindhoven, helmond)
    assert Auditregel.objects.filter(object_uuid=verhuizing.uuid).exists()


def test_buiten_de_regio_eindigt_de_begeleiding_met_reden_verhuisd(regio):
    eindhoven, _, spec_e, _ = regio
    client = ClientFactory(gemeente=eindhoven)
    lopend = InschrijvingFactory(client=client, startdatum=dt.date(2026, 2, 15))
    client_verhuis(client=client, datum=dt.date(2026, 10, 1), naar_buiten="Tilburg", door=spec_e)
    client.refresh_from_db()
    lopend.refresh_from_db()
    assert (client.uitstroom_reden, client.uitstroom_subreden) == ("overig", "verhuisd")
    assert (lopend.status, lopend.reden_einde, lopend.einddatum) == (
        "voortijdig_beeindigd",
        "verhuisd",
        dt.date(2026, 10, 1),
    )


@pytest.mark.parametrize(
    ("naar", "buiten", "datum", "veld"),
    [
        ("eindhoven", "", dt.date(2026, 10, 1), "naar"),  # the same gemeente
        (None, "", dt.date(2026, 10, 1), "naar"),  # nowhere
        ("helmond", "Tilburg", dt.date(2026, 10, 1), "naar_buiten"),  # both
        ("helmond", "", dt.date(2099, 1, 1), "datum"),  # in the future
    ],
)
def test_een_verhuizing_die_niet_kan_wordt_geweigerd_en_niets_blijft(
    regio, naar, buiten, datum, veld
):
    eindhoven, helmond, spec_e, _ = regio
    client = ClientFactory(gemeente=eindhoven)
    doel = {"eindhoven": eindhoven, "helmond": helmond, None: None}[naar]
    with pytest.raises(ValidationError) as fout:
        client_verhuis(client=client, datum=datum, naar=doel, naar_buiten=buiten, door=spec_e)
    assert veld in fout.value.message_dict
    client.refresh_from_db()
    assert client.gemeente == eindhoven and not client.verhuizingen.exists()


def test_de_specialist_legt_de_verhuizing_vast_op_de_pagina(regio, client):
    eindhoven, helmond, spec_e, _ = regio
    klant = ClientFactory(gemeente=eindhoven, specialist=spec_e)
    client.force_login(spec_e)
    fout = client.post(
        f"/clienten/{klant.uuid}/verhuizing/", {"datum": "2026-10-01", "naar": eindhoven.pk}
    )
    assert fout.status_code == 400  # Eindhoven is not among the choices: it lives there
    antwoord = client.post(
        f"/clienten/{klant.uuid}/verhuizing/", {"datum": "2026-10-01", "naar": helmond.pk}
    )
    assert antwoord.status_code == 302 and antwoord.url == "/clienten/"
    assert client.get(f"/clienten/{klant.uuid}/").status_code == 404


def test_de_oude_gemeente_leest_haar_eigen_periode(regio, client):
    """Eindhoven's specialist no longer opens the dossier after the move to Helmond, but
    finds the client on the caseload page and reads the enrolments and timeline up to the
    day of the move, not what Helmond records after it. Helmond has the whole dossier."""
    from tests.factories import ContractregelFactory, TrajectFactory

    eindhoven, helmond, spec_e, spec_h = regio
    klant = ClientFactory(gemeente=eindhoven, specialist=spec_e, clientnummer="V-1")
    InschrijvingFactory(
        client=klant,
        contractregel=ContractregelFactory(traject=TrajectFactory(naam="Taal in Eindhoven")),
        datum_aanmelding=dt.date(2026, 3, 1),
        startdatum=dt.date(2026, 3, 15),
    )
    client_verhuis(client=klant, datum=dt.date(2026, 10, 1), naar=helmond, door=spec_e)
    Inschrijving.objects.filter(client=klant).update(
        status="afgerond",
        einddatum=dt.date(2026, 11, 30),  # after the move: Helmond's
        reden_einde="volgens_plan",
    )
    InschrijvingFactory(
        client=klant,
        contractregel=ContractregelFactory(traject=TrajectFactory(naam="Werk in Helmond")),
        datum_aanmelding=dt.date(2026, 10, 20),
        startdatum=dt.date(2026, 11, 1),
    )
    client.force_login(spec_e)
    assert client.get(f"/clienten/{klant.uuid}/").status_code == 404
    assert "V-1</a>: op 01-10-2026 naar Helmond" in client.get("/clienten/").content.decode()
    pagina = client.get(f"/clienten/{klant.uuid}/tot-verhuizing/").content.decode()
    assert "Taal in Eindhoven" in pagina and "Werk in Helmond" not in pagina
    assert "30-11-2026" not in pagina and "liep bij de verhuizing" in pagina
    assert Auditregel.objects.filter(object_uuid=klant.uuid, actie="gelezen").exists()
    client.force_login(spec_h)
    assert client.get(f"/clienten/{klant.uuid}/tot-verhuizing/").status_code == 404
    assert "Werk in Helmond" in client.get(f"/clienten/{klant.uuid}/").content.decode()
