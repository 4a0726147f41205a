"""Wi2021 deadlines as data, and the list of who is overdue or due within N days."""

import datetime as dt

import pytest
from django.utils.timezone import localdate as vandaag

from registratie.models import Client, plus_maanden
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db
PEIL = dt.date(2026, 6, 1)


def test_termijnen_worden_berekend_bij_opslaan():
    client = ClientFactory(
        datum_inschrijving_gemeente=dt.date(2026, 1, 15),
        datum_pip=dt.date(2026, 3, 31),
        ontzorgen_start=dt.date(2026, 2, 1),
        uitstroom_datum=dt.date(2026, 10, 31),
        uitstroom_reden="voltijd_baan",
        status="nazorg",
    )
    client.refresh_from_db()
    assert client.pip_deadline == dt.date(2026, 3, 26)  # 10 weeks
    assert client.ontzorgen_minimaal_tot == dt.date(2026, 8, 1)
    assert client.schakelen_uiterlijk == dt.date(2027, 9, 30)  # 18 months
    assert client.nazorg_eind == dt.date(2027, 2, 28)  # 31 Oct + 4 months, end of February


@pytest.mark.parametrize(
    ("datum", "maanden", "verwacht"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 8, 15), 6, dt.date(2027, 2, 15)),
        (dt.date(2026, 12, 1), 18, dt.date(2028, 6, 1)),
    ],
)
def test_kalendermaanden(datum, maanden, verwacht):
    assert plus_maanden(datum, maanden) == verwacht


@pytest.fixture
def caseload():
    maak = ClientFactory
    return {
        # PIP: registered 2026-03-20 -> deadline 2026-05-29: overdue on PEIL
        "pip_te_laat": maak(datum_inschrijving_gemeente=dt.date(2026, 3, 20)),
        # deadline 2026-06-12: due within 14 days
        "pip_binnenkort": maak(datum_inschrijving_gemeente=dt.date(2026, 4, 3)),
        # deadline 2026-07-10: not yet
        "pip_later": maak(datum_inschrijving_gemeente=dt.date(2026, 5, 1)),
        # PIP done: no signal
        "pip_klaar": maak(
            datum_inschrijving_gemeente=dt.date(2026, 3, 20), datum_pip=dt.date(2026, 5, 1)
        ),
        # ontzorgen since 2025-12-05, no end yet: the 6-month minimum is 2026-06-05
        "ontzorgen": maak(datum_inschrijving_gemeente=None, ontzorgen_start=dt.date(2025, 12, 5)),
        # nazorg ends 2026-06-10
        "nazorg": maak(
            datum_inschrijving_gemeente=None,
            status="nazorg",
            uitstroom_datum=dt.date(2026, 2, 10),
            uitstroom_reden="deeltijd_baan",
        ),
        # leerroute switch limit 2026-06-06
        "schakelen": maak(datum_inschrijving_gemeente=None, datum_pip=dt.date(2024, 12, 6)),
    }


def namen(response, caseload):
    nummers = {c["clientnummer"] for c in response.json()["results"]}
    return {naam for naam, c in caseload.items() if c.clientnummer in nummers}


def test_api_filter_per_termijn(api_specialist, caseload):
    url = "/api/v1/clienten/?peildatum=2026-06-01&binnen_dagen=14&termijn="
    assert namen(api_specialist.get(url + "pip"), caseload) == {"pip_te_laat", "pip_binnenkort"}
    assert namen(api_specialist.get(url + "ontzorgen"), caseload) == {"ontzorgen"}
    assert namen(api_specialist.get(url + "nazorg"), caseload) == {"nazorg"}
    assert namen(api_specialist.get(url + "schakelen"), caseload) == {"schakelen"}
    assert namen(api_specialist.get(url + "alle"), caseload) == {
        "pip_te_laat",
        "pip_binnenkort",
        "ontzorgen",
        "nazorg",
        "schakelen",
    }


def test_binnen_nul_dagen_is_alleen_wat_verlopen_is(api_specialist, caseload):
    response = api_specialist.get(
        "/api/v1/clienten/?peildatum=2026-06-01&binnen_dagen=0&termijn=pip"
    )
    assert namen(response, caseload) == {"pip_te_laat"}


def test_uitgestroomde_client_heeft_geen_pip_signaal(api_specialist):
    ClientFactory(
        datum_inschrijving_gemeente=dt.date(2026, 1, 1),
        status=Client.Status.UITGESTROOMD,
        uitstroom_datum=dt.date(2026, 2, 1),
        uitstroom_reden="overig",
        uitstroom_subreden="verhuisd",
    )
    response = api_specialist.get("/api/v1/clienten/?peildatum=2026-06-01&termijn=pip")
    assert response.json()["count"] == 0


def test_onbekende_termijn_is_400(api_specialist):
    assert api_specialist.get("/api/v1/clienten/?termijn=morgen").status_code == 400


def test_alleen_een_te_late_pip_is_rood_en_een_verstreken_minimum_is_geen_signaal():
    """Issue 28: 49 of 124 clients on the caseload were red 'verlopen', nearly all for ontzorgen,
    whose six months are a minimum, not a deadline."""
    from registratie.selectors import met_signalen

    te_laat = ClientFactory(datum_inschrijving_gemeente=dt.date(2026, 1, 5))  # PIP 2026-03-16
    # ontzorgen since 2025-06-01: the minimum passed on 2025-12-01, and it runs on
    lang = ClientFactory(datum_inschrijving_gemeente=None, ontzorgen_start=dt.date(2025, 6, 1))
    # ontzorgen since 2025-12-05: the minimum falls on 2026-06-05, within 14 days
    bijna = ClientFactory(datum_inschrijving_gemeente=None, ontzorgen_start=dt.date(2025, 12, 5))
    c = {x.pk: x for x in met_signalen(Client.objects.all(), peildatum=PEIL, binnen_dagen=14)}
    assert c[te_laat.pk].signaal_pip and c[te_laat.pk].volgende_termijn < PEIL
    assert not c[lang.pk].signaal_ontzorgen
    assert c[lang.pk].volgende_termijn > PEIL  # the passed minimum is not the next term
    assert c[bijna.pk].signaal_ontzorgen and c[bijna.pk].volgende_termijn == dt.date(2026, 6, 5)


def test_de_caseload_toont_ontzorgen_als_informatie(client, specialist):
    ClientFactory(
        specialist=specialist,
        status="in_begeleiding",
        datum_inschrijving_gemeente=None,
        ontzorgen_start=vandaag() - dt.timedelta(days=300),
    )
    client.force_login(specialist)
    html = client.get("/clienten/").content.decode()
    assert "verlopen" not in html.split("<tbody>", 1)[1]
    assert 'class="label signaal"' not in html
