"""Every record about a person reaches every path that must cover it, by itself: the
personal records are found from the models' relations (registratie.dekking), and each path
fails here when a record kind is left out without a written reason in VRIJSTELLINGEN.

The paths: inzage and anonymisation (the AVG), the audit log, the provider's scope in the API
matrix, the demo and the synthetic world."""

import json
import uuid

import pytest
from django.core.management import call_command
from django.db import models
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator

from kern.models import Auditregel
from rapportages.rapporten import RAPPORTEN, maak_rapport
from registratie.avg import anonimiseer, inzage, record_uuids
from registratie.dekking import (
    GEEN_PERSOONSTEKST,
    VRIJE_TEKST,
    VRIJSTELLINGEN,
    persoonsrecords,
    tekstvelden,
)
from registratie.models import Client
from tests.kern.test_api_autorisatiematrix import MATRIX, api_routes

PADEN = {"audit", "api", "demo", "synthetisch"}
MERK = "Privé-tekst van Jansen"


def _labels() -> set[str]:
    return {soort.label for soort in persoonsrecords()}


def _vrijgesteld(pad: str) -> set[str]:
    return {label for (label, p) in VRIJSTELLINGEN if p == pad}


def test_persoonsrecords_worden_gevonden_langs_de_relaties():
    paden = {soort.label: soort.pad for soort in persoonsrecords()}
    # Directly on the client, through an enrolment, and the client itself.
    assert paden["registratie.client"] == ""
    assert paden["registratie.pipversie"] == "client"
    assert paden["declaraties.declaratie"] == "inschrijving__client"
    assert "inkoop.contract" not in paden


def test_elke_vrije_tekst_is_benoemd_en_elke_vrijstelling_heeft_een_reden():
    assert set(VRIJE_TEKST) == _labels(), "een persoonsrecord zonder regel in VRIJE_TEKST"
    for soort in persoonsrecords():
        behouden = {
            sleutel.rsplit(".", 1)[1]
            for sleutel in GEEN_PERSOONSTEKST
            if sleutel.rsplit(".", 1)[0] == soort.label
        }
        assert tekstvelden(soort.model) == set(VRIJE_TEKST[soort.label]) | behouden, soort.label
    for sleutel, reden in GEEN_PERSOONSTEKST.items():
        assert sleutel.rsplit(".", 1)[0] in _labels() and len(reden) > 15, sleutel
    for (label, pad), reden in VRIJSTELLINGEN.items():
        assert label in _labels() and pad in PADEN and len(reden) > 15, (label, pad)


def _api_modellen() -> dict[str, set[str]]:
    """Per API route: the models its requests and answers carry, nested ones included, read
    from the OpenAPI schema (so an action's serializer counts, not only the viewset's)."""
    generator = SchemaGenerator()
    schema = generator.get_schema(request=None, public=True)
    serializers = {
        naam: component.object
        for (naam, soort), component in generator.registry._components.items()
        if soort == "schemas"
    }

    def verwijzingen(deel):
        if isinstance(deel, dict):
            for sleutel, waarde in deel.items():
                if sleutel == "$ref":
                    yield waarde.rsplit("/", 1)[1]
                else:
                    yield from verwijzingen(waarde)
        elif isinstance(deel, list):
            for waarde in deel:
                yield from verwijzingen(waarde)

    uit = {}
    for pad, operaties in schema["paths"].items():
        adres = pad.replace("{uuid}", str(uuid.uuid4())).replace("{naam}", "populatie")
        gezien, rij = set(), list(verwijzingen(operaties))
        while rij:
            naam = rij.pop()
            if naam not in gezien:
                gezien.add(naam)
                rij.extend(verwijzingen(schema["components"]["schemas"].get(naam, {})))
        modellen = set()
        for naam in gezien:
            serializer = serializers.get(naam)
            klasse = serializer if isinstance(serializer, type) else type(serializer)
            model = getattr(getattr(klasse, "Meta", None), "model", None)
            if model is not None:
                modellen.add(model._meta.label_lower)
        uit[resolve(adres).url_name] = modellen
    return uit


def test_de_api_matrix_dekt_elk_persoonsrecord():
    """Every personal record kind the API carries is carried by routes with a row per method
    in the authorization matrix (the matrix test then asks each as a provider and as another
    provider); a kind the API does not carry needs a reason."""
    methodes = {naam: m for naam, (_pad, m) in api_routes().items()}
    gedekt = set()
    for naam, modellen in _api_modellen().items():
        assert all((naam, m) in MATRIX for m in methodes[naam] if naam != "api-token"), naam
        gedekt |= modellen
    ontbreekt = _labels() - gedekt - _vrijgesteld("api")
    assert not ontbreekt, f"niet in de API-matrix en zonder reden: {sorted(ontbreekt)}"


def _vul_vrije_tekst():
    """Every free-text field of every personal record gets text that says who it is."""
    for soort in persoonsrecords():
        velden = [v for v in VRIJE_TEKST[soort.label] if v not in ("bsn", "bsn_sleutel")]
        if velden:
            soort.model._default_manager.update(
                **{
                    v: models.Value(MERK[: soort.model._meta.get_field(v).max_length or 500])
                    for v in velden
                }
            )


def _alle_rapporten(peildatum) -> dict[str, str]:
    return {
        naam: json.dumps(maak_rapport(naam, peildatum=peildatum).als_dict(), default=str)
        for naam in RAPPORTEN
    }


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_de_demo_dekt_elk_persoonsrecord_op_elk_pad(referentiegegevens, settings):
    call_command("loaddemo", force=True, verbosity=0)
    soorten = persoonsrecords()

    # The demo creates every kind, and the services it goes through audit every kind.
    leeg = {s.label for s in soorten if not s.model._default_manager.exists()}
    assert not leeg - _vrijgesteld("demo"), f"de demo maakt geen {sorted(leeg)}"
    geaudit = set(Auditregel.objects.values_list("model", flat=True))
    ongeaudit = _labels() - geaudit - _vrijgesteld("audit")
    assert not ongeaudit, f"geen auditregel voor {sorted(ongeaudit)}"

    # Inzage: every kind, for the clients that have it, with readable values.
    for soort in soorten:
        if soort.model is Client or not soort.model._default_manager.exists():
            continue
        client = Client.objects.get(
            pk=soort.model._default_manager.values_list(soort.pad, flat=True).first()
        )
        uit = inzage(client)
        assert uit["records"][soort.label]["records"], soort.label
        json.dumps(uit)  # nothing that is not plain data

    # Anonymisation: free text gone from every record of the clients past the term, the
    # others keep theirs; every report the same, cell by cell; a second run changes nothing.
    _vul_vrije_tekst()
    settings.BEWAARTERMIJN_JAREN = 0
    peildatum = Client.objects.exclude(uitstroom_datum=None).latest("uitstroom_datum")
    voor = _alle_rapporten(peildatum.uitstroom_datum)
    weg = list(Client.objects.exclude(uitstroom_datum=None).values_list("pk", flat=True))
    blijft = list(Client.objects.filter(uitstroom_datum=None).values_list("pk", flat=True))
    assert weg and blijft
    namen = {
        naam
        for paar in Client.objects.filter(pk__in=weg).values_list("voornaam", "achternaam")
        for naam in paar
        if len(naam) > 2
    }
    uuids = set().union(*(record_uuids(c) for c in Client.objects.filter(pk__in=weg)))
    assert Auditregel.objects.filter(object_uuid__in=uuids).exists()
    uitkomst = anonimiseer()
    assert uitkomst["clienten"] == len(weg)
    for soort in soorten:
        for veld in VRIJE_TEKST[soort.label]:
            if veld in ("bsn", "bsn_sleutel"):
                continue
            assert not soort.van(weg).filter(**{veld: MERK[:20]}).exists(), (soort.label, veld)
            assert not soort.van(weg).filter(**{f"{veld}__startswith": MERK[:20]}).exists()
        if soort.van(blijft).exists() and [v for v in VRIJE_TEKST[soort.label] if v != "bsn"]:
            veld = next(v for v in VRIJE_TEKST[soort.label] if v != "bsn")
            assert soort.van(blijft).filter(**{f"{veld}__startswith": MERK[:20]}).exists()
    assert not Client.objects.filter(pk__in=weg).exclude(voornaam="").exists()
    for regel in Auditregel.objects.filter(object_uuid__in=uuids):
        tekst = regel.omschrijving + json.dumps(regel.gegevens, ensure_ascii=False)
        assert not any(naam in tekst for naam in namen), tekst
    assert _alle_rapporten(peildatum.uitstroom_datum) == voor
    tweede = anonimiseer()
    assert tweede == {"clienten": 0, "plan": {}}


@pytest.mark.django_db
def test_de_synthetische_wereld_maakt_elk_persoonsrecord():
    call_command("genereer_synthetisch", clienten=300, seed=3, verbosity=0)
    leeg = {s.label for s in persoonsrecords() if not s.model._default_manager.exists()}
    assert not leeg - _vrijgesteld("synthetisch"), f"geen {sorted(leeg)}"
