import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_de_vier_rollen_bestaan_na_migratie():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "inkoper",
        "specialist",
        "aanbieder",
        "beheerder",
    }


def test_inkoper_mag_contracten_beheren_maar_geen_clienten(inkoper):
    assert inkoper.has_perm("inkoop.change_contract")
    assert inkoper.has_perm("aanbod.add_traject")
    assert not inkoper.has_perm("registratie.view_client")


def test_specialist_en_aanbieder_hebben_geen_beheerrechten(specialist, aanbieder_gebruiker):
    for user in (specialist, aanbieder_gebruiker):
        assert not user.get_all_permissions()


def test_inkoper_schrijft_via_de_api_met_een_auditregel(api_inkoper):
    from kern.models import Auditregel
    from tests.factories import AanbiederFactory

    aanbieder = AanbiederFactory()
    response = api_inkoper.patch(
        f"/api/v1/aanbieders/{aanbieder.uuid}/", {"telefoon": "040-1"}, format="json"
    )
    assert response.status_code == 200
    regel = Auditregel.objects.get()
    oud = aanbieder.telefoon
    assert (regel.actie, regel.object_uuid, regel.gegevens, regel.gebruikersnaam) == (
        "gewijzigd",
        aanbieder.uuid,
        {"telefoon": {"oud": oud, "nieuw": "040-1"}},
        "t-inkoper",
    )
