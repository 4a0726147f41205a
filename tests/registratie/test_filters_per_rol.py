"""A filter on a hidden field is a read of that field: a provider filters and sorts only on
what it can see. Every list endpoint's filters and orderings for a provider are in the
table below; a new endpoint or filter without an entry fails."""

import datetime as dt

import pytest
from rest_framework.test import APIRequestFactory

from config.urls import router
from tests.factories import (
    AanbiederFactory,
    ClientFactory,
    ContractregelFactory,
    InschrijvingFactory,
    UserFactory,
    VoortgangsrapportageFactory,
)

pytestmark = pytest.mark.django_db

# Per list endpoint: the filters and the ordering fields a provider may use.
AANBIEDER = {
    "aanbieder": ({"q", "soort", "actief", "keurmerk_status", "leerroute"}, None),
    "traject": ({"q", "soort", "actief", "leerroute", "aanbieder", "keurmerk"}, None),
    "contract": (
        {"q", "aanbieder", "inkoopvorm", "status", "leerroute", "actief_op", "eindigt_uiterlijk"},
        None,
    ),
    "contractregel": (
        {
            "q",
            "contract",
            "aanbieder",
            "traject",
            "leerroute",
            "soort",
            "eenheid",
            "capaciteitsvorm",
            "actief_op",
            "vrij",
        },
        None,
    ),
    "budget": ({"jaar", "leerroute", "gemeente"}, None),  # an empty list for a provider
    "kostenpost": ({"q", "jaar", "soort", "gemeente"}, None),  # an empty list for a provider
    "instroomprognose": ({"jaar", "halfjaar"}, None),  # an empty list for a provider
    "client": ({"q", "leerroute"}, ["clientnummer", "achternaam"]),
    "inschrijving": (
        {
            "q",
            "leerroute",
            "traject",
            "traject_code",
            "contract",
            "client",
            "soort",
            "start_van",
            "start_tot",
            "eind_van",
            "eind_tot",
            "status",
            "reden_einde",
        },
        ["startdatum", "datum_aanmelding", "einddatum", "status", "client__clientnummer"],
    ),
    "voortgangsrapportage": (
        {
            "inschrijving",
            "client",
            "clientnummer",
            "traject",
            "peildatum_van",
            "peildatum_tot",
            "taalniveau",
            "participatieladder",
        },
        ["peildatum", "ingediend_op", "participatieladder"],
    ),
    "wachtlijst": ({"status", "traject", "leerroute", "client", "specialist"}, None),  # empty
    "declaratie": (
        {
            "status",
            "code",
            "contract",
            "aanbieder",
            "inschrijving",
            "periode_van",
            "periode_tot",
            "betaalbatch",
        },
        None,
    ),
    "betaalbatch": (set(), None),  # an empty list for a provider
    "achtergrondtaak": (set(), None),  # only one's own tasks, nothing to filter
}


def voor(user, viewset):
    view = viewset()
    view.request = APIRequestFactory().get("/")
    view.request.user = user
    view.action = "list"
    filterset = getattr(view, "filterset_class", None)
    namen = set(filterset.base_filters) if filterset else set()
    namen |= set(getattr(view, "filterset_fields", None) or [])
    return namen, getattr(view, "ordering_fields", None)


def test_elk_lijsteindpunt_staat_in_de_tabel_met_wat_een_aanbieder_mag(aanbieder_gebruiker):
    gezien = {}
    for _, viewset, basename in router.registry:
        gezien[basename] = voor(aanbieder_gebruiker, viewset)
    assert set(gezien) == set(AANBIEDER), "een eindpunt zonder regel in de tabel"
    for basename, (filters, ordering) in AANBIEDER.items():
        assert gezien[basename][0] == filters, basename
        if ordering is not None:
            assert list(gezien[basename][1]) == ordering, basename


@pytest.fixture
def wereld(eigen_aanbieder):
    ander = AanbiederFactory()
    eigen = ContractregelFactory(contract__aanbieder=eigen_aanbieder)
    elders = ContractregelFactory(contract__aanbieder=ander)
    specialist = UserFactory(username="s1", rol="specialist")
    werkt = ClientFactory(
        clientnummer="A-WERK",
        specialist=specialist,
        status="nazorg",
        uitstroom_datum=dt.date(2026, 5, 1),
        uitstroom_reden="voltijd_baan",
        dienstverband="fulltime",
        datum_pip=dt.date(2026, 3, 1),
    )
    zoekt = ClientFactory(clientnummer="B-ZOEKT")
    for client in (werkt, zoekt):
        ins = InschrijvingFactory(client=client, contractregel=eigen)
        VoortgangsrapportageFactory(inschrijving=ins)
    InschrijvingFactory(client=zoekt, contractregel=elders)
    return {"ander": ander, "specialist": specialist}


def nummers(api, url):
    antwoord = api.get(url)
    assert antwoord.status_code == 200, antwoord.content[:200]
    return [r.get("clientnummer") for r in antwoord.json()["results"]]


@pytest.mark.parametrize(
    "verborgen",
    [
        "uitstroom_reden=voltijd_baan",
        "status=nazorg",
        "wgt_betrokken=true",
        "taalniveau=A2",
        "specialist=s1",
        "termijn=nazorg",
        "uitstroom_van=2026-01-01",
        "ordering=-pip_deadline",
        "ordering=status",
        "aanbieder={ander}",
    ],
)
def test_een_aanbieder_filtert_niet_op_wat_hij_niet_ziet(api_aanbieder, wereld, verborgen):
    alles = nummers(api_aanbieder, "/api/v1/clienten/")
    assert alles == ["A-WERK", "B-ZOEKT"]
    url = "/api/v1/clienten/?" + verborgen.format(ander=wereld["ander"].uuid)
    assert nummers(api_aanbieder, url) == alles


@pytest.mark.parametrize(
    ("url", "verborgen"),
    [
        ("/api/v1/inschrijvingen/", "specialist=s1"),
        ("/api/v1/inschrijvingen/", "aanbieder={ander}"),
        ("/api/v1/voortgangsrapportages/", "aanbieder={ander}"),
    ],
)
def test_ook_niet_op_inschrijvingen_en_rapportages(api_aanbieder, wereld, url, verborgen):
    alles = api_aanbieder.get(url).json()["count"]
    gefilterd = api_aanbieder.get(url + "?" + verborgen.format(ander=wereld["ander"].uuid))
    assert gefilterd.json()["count"] == alles == 2


def test_een_specialist_filtert_wel_op_alles(api_specialist, wereld):
    assert nummers(api_specialist, "/api/v1/clienten/?uitstroom_reden=voltijd_baan") == ["A-WERK"]
