"""Each report's query count is fixed: it does not grow with the number of clients."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapportages.rapporten import RAPPORTEN, maak_rapport
from tests.factories import ClientFactory, InschrijvingFactory, VoortgangsrapportageFactory
from tests.rapportages.conftest import P


def tel(naam):
    with CaptureQueriesContext(connection) as queries:
        maak_rapport(naam, peildatum=P)
    return len(queries)


def meer_clienten(wereld, aantal):
    regel = wereld["r1"]
    for i in range(aantal):
        client = ClientFactory(
            datum_brede_intake=dt.date(2026, 2, 1),
            uitstroom_datum=dt.date(2026, 5, 1) if i % 3 == 0 else None,
            uitstroom_reden="voltijd_baan" if i % 3 == 0 else "",
            dienstverband="fulltime" if i % 3 == 0 else "",
        )
        inschrijving = InschrijvingFactory(client=client, contractregel=regel)
        VoortgangsrapportageFactory(inschrijving=inschrijving, peildatum=dt.date(2026, 3, 31))
        VoortgangsrapportageFactory(inschrijving=inschrijving, peildatum=dt.date(2026, 4, 30))


@pytest.mark.parametrize("naam", sorted(RAPPORTEN))
def test_aantal_queries_groeit_niet_met_het_aantal_clienten(wereld, naam, settings):
    settings.SAMENVATTING_CONTROLE = False  # as in production: the summary only
    voor = tel(naam)
    meer_clienten(wereld, 25)
    assert tel(naam) == voor
    # volumes adds the waiting list (and which trajecten are route-free), a table per traject,
    # the contracted amounts and the money per enrolment (nine more);
    # inkoopbehoefte reads prognoses, routes, mix, starts, durations, catalogue, regels, budgets;
    # caseload reads next year's prognosis and the outflows clients came back from;
    # regio reads the gemeenten, clients, enrolments, waiting list, budgets and money (two);
    # verantwoording the money (two), what was paid, the enrolments and clients per stream
    # and together, the financing, streams and budgets;
    # monitor counts the clients, their routes and, grouped, each table of records (PIP
    # versions, modules, exams), then the work outflows with their contacts and the first
    # language course.
    grens = {"volumes": 15, "inkoopbehoefte": 8, "caseload": 8, "regio": 7, "verantwoording": 8}
    grens["monitor"] = 8
    # contracten reads the hours from the kept stands, and asks which enrolments have a
    # report after the peildatum or a stand out of date, and counts those from their reports
    # (registratie.voortgangstand).
    grens["contracten"] = 8
    assert voor <= grens.get(naam, 6)
