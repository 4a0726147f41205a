"""Every list endpoint answers in a fixed number of queries, whatever the page size."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import (
    AanbiederFactory,
    BudgetFactory,
    ContractregelFactory,
    InschrijvingFactory,
    KostenpostFactory,
    leerroute,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    for i in range(12):
        regel = ContractregelFactory()
        InschrijvingFactory(contractregel=regel)
        KostenpostFactory(jaar=2010 + i)
    AanbiederFactory.create_batch(3)
    for i, code in enumerate(["b1", "onderwijs", "z"] * 4):
        BudgetFactory(jaar=2020 + i // 3, leerroute=leerroute(code))


# Expected queries: the user's groups (once per request, for the role check), then
# COUNT(*) for the paginator and the page itself; trajecten add one prefetch of leerroutes;
# contracts, their regels, budgets and cost posts ask which gemeenten the user sees
# (regio.selectors.gemeenten_van: once per request).
VERWACHT = {
    "aanbieders": 3,
    "trajecten": 4,
    "contracten": 4,
    "contractregels": 4,
    "budgetten": 4,
    "kostenposten": 4,
}


@pytest.mark.parametrize("page_size", [2, 10])
@pytest.mark.parametrize("endpoint", sorted(VERWACHT))
def test_aantal_queries_hangt_niet_af_van_paginagrootte(
    api, inkoper, register, endpoint, page_size, django_assert_num_queries
):
    client = api(get_user_model().objects.get(pk=inkoper.pk))  # nothing cached on the user
    with django_assert_num_queries(VERWACHT[endpoint]):
        response = client.get(f"/api/v1/{endpoint}/?page_size={page_size}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size
