"""Outflow ends every running enrolment in the same step; contradictions are refused; a
client who left cannot be enrolled; a start cannot be recorded before it happens."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.timezone import localdate as vandaag

from registratie import begeleiding, services
from registratie.models import Client, Inschrijving
from tests.factories import ClientFactory, ContractregelFactory, InschrijvingFactory

pytestmark = pytest.mark.django_db


def test_uitstroom_met_lopende_inschrijving_zonder_reden_wordt_geweigerd_en_verandert_niets(
    specialist,
):
    ins = InschrijvingFactory()
    with pytest.raises(ValidationError) as fout:
        begeleiding.client_uitstroom_registreer(
            client=ins.client,
            datum=vandaag(),
            reden="voltijd_baan",
            dienstverband="fulltime",
            door=specialist,
        )
    assert "nog open: " + ins.contractregel.traject.naam in str(fout.value)
    ins.client.refresh_from_db()
    ins.refresh_from_db()
    assert ins.client.uitstroom_datum is None
    assert ins.status == Inschrijving.Status.GESTART


def test_uitstroom_beeindigt_elke_lopende_inschrijving_met_zijn_eigen_reden(specialist):
    gestart = InschrijvingFactory()
    later = InschrijvingFactory(
        client=gestart.client,
        status=Inschrijving.Status.AANGEMELD,
        datum_aanmelding=vandaag(),
        startdatum=vandaag() + dt.timedelta(days=10),
    )
    client = begeleiding.client_uitstroom_registreer(
        client=gestart.client,
        datum=vandaag(),
        reden="voltijd_baan",
        dienstverband="fulltime",
        door=specialist,
        beeindigingen={gestart.uuid: "werk", str(later.uuid): "voortijdig_afspraak"},
    )
    assert client.status == Client.Status.NAZORG
    gestart.refresh_from_db()
    later.refresh_from_db()
    assert (gestart.status, gestart.reden_einde, gestart.einddatum) == (
        "voortijdig_beeindigd",
        "werk",
        vandaag(),
    )
    # A place that would start after the outflow is cancelled on its own start date.
    assert (later.reden_einde, later.einddatum) == ("voortijdig_afspraak", later.startdatum)


@pytest.mark.parametrize(
    ("reden", "plaatsing", "veld"),
    [
        ("deeltijd_baan", {"dienstverband": "fulltime"}, "dienstverband"),
        ("voltijd_baan", {"dienstverband": "parttime"}, "dienstverband"),
        ("opleiding", {"sector": "zorg"}, "sector"),
        ("overig", {"uitstroom_subreden": "verhuisd", "werkgever": "DAF"}, "werkgever"),
    ],
)
def test_tegenstrijdige_uitstroom_wordt_geweigerd(specialist, reden, plaatsing, veld):
    klant = ClientFactory()
    with pytest.raises(ValidationError) as fout:
        begeleiding.client_uitstroom_registreer(
            client=klant, datum=vandaag(), reden=reden, door=specialist, **plaatsing
        )
    assert veld in fout.value.message_dict
    klant.refresh_from_db()
    assert klant.uitstroom_datum is None


def test_uitstroom_in_de_toekomst_wordt_geweigerd(specialist):
    klant = ClientFactory()
    with pytest.raises(ValidationError, match="toekomst"):
        begeleiding.client_uitstroom_registreer(
            client=klant,
            datum=vandaag() + dt.timedelta(days=1),
            reden="overig",
            uitstroom_subreden="verhuisd",
            door=specialist,
        )


def test_uitgestroomde_client_kan_niet_worden_ingeschreven(specialist):
    klant = ClientFactory()
    begeleiding.client_uitstroom_registreer(
        client=klant, datum=vandaag(), reden="opleiding", door=specialist
    )
    with pytest.raises(ValidationError, match="uitgestroomd"):
        services.inschrijving_create(
            client=klant,
            contractregel=ContractregelFactory(),
            startdatum=vandaag() + dt.timedelta(days=3),
            door=specialist,
        )


def test_start_in_de_toekomst_kan_niet_als_gestart_worden_vastgelegd(specialist):
    ins = InschrijvingFactory(
        status=Inschrijving.Status.AANGEMELD,
        datum_aanmelding=vandaag(),
        startdatum=vandaag() + dt.timedelta(days=5),
    )
    with pytest.raises(ValidationError, match="ligt in de toekomst"):
        services.inschrijving_start(
            inschrijving=ins, startdatum=vandaag() + dt.timedelta(days=5), door=specialist
        )
    ins.refresh_from_db()
    assert ins.status == Inschrijving.Status.AANGEMELD


def test_de_uitstroom_noemt_alle_fouten_in_een_keer(specialist):
    """Issue 28: the outflow form reported its errors one round at a time."""
    import datetime as dt

    import pytest
    from django.core.exceptions import ValidationError

    from registratie.begeleiding import client_uitstroom_registreer
    from tests.factories import ClientFactory, InschrijvingFactory

    klant = ClientFactory(status="in_begeleiding")
    InschrijvingFactory(client=klant)
    with pytest.raises(ValidationError) as fout:
        client_uitstroom_registreer(
            client=klant,
            datum=vandaag() + dt.timedelta(days=3),
            reden="overig",  # and no subreden
            door=specialist,
        )
    assert set(fout.value.message_dict) == {"datum", "beeindigingen", "uitstroom_subreden"}
