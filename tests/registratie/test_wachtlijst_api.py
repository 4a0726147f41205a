"""/api/v1/wachtlijst/: specialists see who waits and act through the services; a provider
sees how many wait for its own trajecten and never who."""

import datetime as dt

import pytest
from django.utils import timezone

from registratie.models import Inschrijving, Wachtlijstplaats
from tests.factories import (
    ClientFactory,
    ContractFactory,
    ContractregelFactory,
    InschrijvingFactory,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/wachtlijst/"


@pytest.fixture
def volle_regel(eigen_aanbieder):
    vandaag = timezone.localdate()
    contract = ContractFactory(
        aanbieder=eigen_aanbieder,
        startdatum=vandaag - dt.timedelta(days=90),
        einddatum=vandaag + dt.timedelta(days=300),
    )
    regel = ContractregelFactory(contract=contract, capaciteit=1)
    InschrijvingFactory(
        contractregel=regel,
        datum_aanmelding=vandaag - dt.timedelta(days=60),
        startdatum=vandaag - dt.timedelta(days=50),
    )
    return regel


def test_specialist_zet_op_de_lijst_neemt_het_aanbod_aan(api_specialist, volle_regel):
    a, b = ClientFactory(), ClientFactory()
    for client in (a, b):
        antwoord = api_specialist.post(
            URL, {"client": str(client.uuid), "contractregel": str(volle_regel.uuid)}, format="json"
        )
        assert antwoord.status_code == 201, antwoord.json()
    assert [r["positie"] for r in api_specialist.get(URL).json()["results"]] == [1, 2]

    dubbel = api_specialist.post(
        URL, {"client": str(a.uuid), "traject": volle_regel.traject.code}, format="json"
    )
    assert dubbel.status_code == 400
    assert "staat al op de wachtlijst" in str(dubbel.json())

    lopend = volle_regel.inschrijvingen.get(status__in=Inschrijving.ACTIEF)
    api_specialist.post(
        f"/api/v1/inschrijvingen/{lopend.uuid}/beeindig/",
        {"einddatum": str(timezone.localdate()), "reden_einde": "voortijdig_client"},
        format="json",
    )
    eerste = Wachtlijstplaats.objects.get(client=a)
    assert eerste.status == "aangeboden"
    antwoord = api_specialist.post(
        f"{URL}{eerste.uuid}/accepteren/", {"startdatum": str(timezone.localdate())}, format="json"
    )
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["clientnummer"] == a.clientnummer

    tweede = Wachtlijstplaats.objects.get(client=b)
    niet = api_specialist.post(
        f"{URL}{tweede.uuid}/accepteren/", {"startdatum": str(timezone.localdate())}, format="json"
    )
    assert niet.status_code == 400
    assert "geen aanbod open" in str(niet.json())


def test_aanbieder_ziet_hoeveel_er_wachten_en_niet_wie(api_aanbieder, api_specialist, volle_regel):
    andere = ContractregelFactory(capaciteit=0)
    for regel in (volle_regel, volle_regel, andere):
        api_specialist.post(
            URL,
            {"client": str(ClientFactory().uuid), "contractregel": str(regel.uuid)},
            format="json",
        )
    plaats = Wachtlijstplaats.objects.filter(contractregel=volle_regel).first()

    assert api_aanbieder.get(URL).json()["count"] == 0
    assert api_aanbieder.get(f"{URL}{plaats.uuid}/").status_code == 404
    telling = api_aanbieder.get(f"{URL}telling/").json()
    assert telling == [
        {
            "traject": volle_regel.traject.code,
            "traject_naam": volle_regel.traject.naam,
            "aanbieder": volle_regel.contract.aanbieder.naam,
            "wachtend": 2,
            "aangeboden": 0,
        }
    ]
    schrijf = api_aanbieder.post(
        URL,
        {"client": str(ClientFactory().uuid), "traject": volle_regel.traject.code},
        format="json",
    )
    assert schrijf.status_code == 403
    assert len(api_specialist.get(f"{URL}telling/").json()) == 2


def test_voorrang_zonder_reden_is_400(api_specialist, volle_regel):
    plaatsen = []
    for _ in range(2):
        antwoord = api_specialist.post(
            URL,
            {"client": str(ClientFactory().uuid), "contractregel": str(volle_regel.uuid)},
            format="json",
        )
        plaatsen.append(antwoord.json()["id"])
    for leeg in ("", "\u200b", " \u200c\x01 "):  # invisible is empty too
        zonder = api_specialist.post(
            f"{URL}{plaatsen[1]}/voorrang/", {"voor": plaatsen[0], "reden": leeg}, format="json"
        )
        assert zonder.status_code == 400, leeg
    met = api_specialist.post(
        f"{URL}{plaatsen[1]}/voorrang/",
        {"voor": plaatsen[0], "reden": "Werkgever wacht"},
        format="json",
    )
    assert met.status_code == 200
    assert met.json()["positie"] == 1


def test_de_lijst_kost_een_vast_aantal_queries(
    api_specialist, volle_regel, django_assert_num_queries
):
    for _ in range(5):
        api_specialist.post(
            URL,
            {"client": str(ClientFactory().uuid), "contractregel": str(volle_regel.uuid)},
            format="json",
        )
    # count, page (positie is a subquery of the page query; the user's roles are cached)
    with django_assert_num_queries(2):
        assert api_specialist.get(URL).json()["count"] == 5
