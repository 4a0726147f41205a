"""Schemathesis against the project's own OpenAPI schema, as the inkoper, a provider and a
specialist: every operation gets generated requests (valid and invalid), and none may answer
with a server error or with a body, status or content type the schema does not describe."""

import json
import os

import hypothesis
import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.failures import Failure, FailureGroup

from tests.browser.wereld import maak_api_wereld


def _kort(melding, case):
    return f"{str(melding.message)[:300]} <- {case.method} {case.formatted_path} {case.query}"


pytestmark = pytest.mark.django_db

VOORBEELDEN = int(os.environ.get("SCHEMATHESIS_VOORBEELDEN", "6"))
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


def _schema():
    ruw = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(ruw)))
    schema.app = get_wsgi_application()
    return schema


def _probeer(operatie, kop, fouten, gezien, teller):
    @hypothesis.settings(
        max_examples=VOORBEELDEN,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    @hypothesis.given(case=operatie.as_strategy())
    def probeer(case):
        teller.append(1)
        with transaction.atomic():
            antwoord = case.call(headers=kop)
            transaction.set_rollback(True)
        try:
            case.validate_response(antwoord, checks=CHECKS, headers=kop)
        except (Failure, FailureGroup) as fout:
            meldingen = fout.exceptions if isinstance(fout, FailureGroup) else [fout]
            for melding in meldingen:
                soort = (operatie.label, melding.title, antwoord.status_code)
                if soort not in gezien:
                    gezien.add(soort)
                    fouten.append(f"{operatie.label}: {melding.title}: {_kort(melding, case)}")

    return probeer


@pytest.fixture
def verbindingen_blijven_open():
    """Django closes the database connection after every request it handles; the test
    client switches that off, and so must we when calling the WSGI application directly
    (on PostgreSQL the test's own transaction would be gone)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("gebruiker", ["ink", "aanb", "spec"])
def test_geen_serverfouten_en_geen_schemafouten(gebruiker, verbindingen_blijven_open):
    maak_api_wereld()
    token = Token.objects.create(user=get_user_model().objects.get(username=gebruiker)).key
    kop = {"Authorization": f"Token {token}"}
    fouten, gezien, teller = [], set(), []
    for resultaat in _schema().get_all_operations():
        _probeer(resultaat.ok(), kop, fouten, gezien, teller)()
    print(f"{gebruiker}: {len(teller)} gevallen, {len(fouten)} soorten fouten")
    assert not fouten, "\n\n".join(fouten)
