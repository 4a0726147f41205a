"""Money per enrolment and year, kept (issue 27): the money reports add up `Geldjaar` rows in
the database instead of working out every enrolment in Python (declaraties.ramingen).

A row holds what ramingen.volledig() gives for one enrolment and year with every approved
declaration counted. It depends on nothing but the enrolment, its contractregel and traject
and its declarations (no date of today), so it is rewritten whenever one of those is written:
by the signals below for every save and delete, and by `bijwerken()` from the paths that
write past save() (QuerySet.update, bulk_create). A report at a peildatum counts only the
declarations of months up to it: the enrolments with an approved declaration of a later
month are worked out in full instead (at today's peildatum, next to none).

The test suite runs with SAMENVATTING_CONTROLE, so every money report a test makes is compared with
the full computation: a write path that forgets the summary fails the test that reports
after it."""

from itertools import islice

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save

from declaraties.models import Declaratie, Geldjaar
from declaraties.ramingen import BEDRAGEN, per_jaar
from inkoop.models import Contractregel
from registratie.models import Inschrijving
from registratie.signals import inschrijvingen_gewijzigd

# An enrolment's fields its money is worked out from (declaraties.ramingen.VELDEN).
INSCHRIJVING_VELDEN = {
    "tarief",
    "verwachte_eenheden",
    "eenheid",
    "startdatum",
    "verwachte_einddatum",
    "einddatum",
    "status",
    "prestatie_status",
    "contractregel",
}
DECLARATIE_VELDEN = {"inschrijving", "periode", "bedrag", "ingehouden", "status"}
REGEL_VELDEN = {"prestatiedeel", "bij_voortijdig_einde", "minimum_maanden", "traject"}
PER_KEER = 2000


def bijwerken(pks) -> int:
    """Rewrite the summary of these enrolments (pks); returns the rows written."""
    pks = iter(sorted(set(pks)))
    geschreven = 0
    while deel := list(islice(pks, PER_KEER)):
        Geldjaar.objects.filter(inschrijving__in=deel).delete()
        rijen = [
            Geldjaar(inschrijving_id=pk, jaar=jaar, **dict(zip(BEDRAGEN, bedragen, strict=True)))
            for pk, jaar, *bedragen in per_jaar(Inschrijving.objects.filter(pk__in=deel))
        ]
        Geldjaar.objects.bulk_create(rijen, batch_size=PER_KEER)
        geschreven += len(rijen)
    return geschreven


def alles_bijwerken() -> int:
    """The whole summary anew (`manage.py geld_bijwerken`, and the migration that made it)."""
    Geldjaar.objects.all().delete()
    return bijwerken(Inschrijving.objects.values_list("pk", flat=True).iterator())


def _geraakt(update_fields, velden) -> bool:
    return update_fields is None or bool(set(update_fields) & velden)


def _inschrijving(sender, instance, update_fields=None, raw=False, **kwargs):
    if not raw and _geraakt(update_fields, INSCHRIJVING_VELDEN):
        bijwerken([instance.pk])


def _declaratie(sender, instance, update_fields=None, raw=False, **kwargs):
    if not raw and _geraakt(update_fields, DECLARATIE_VELDEN):
        bijwerken([instance.inschrijving_id])


def _declaratie_weg(sender, instance, **kwargs):
    bijwerken([instance.inschrijving_id])


def _contractregel(sender, instance, update_fields=None, raw=False, **kwargs):
    if not raw and _geraakt(update_fields, REGEL_VELDEN):
        bijwerken(instance.inschrijvingen.values_list("pk", flat=True))


def _traject(sender, instance, update_fields=None, raw=False, **kwargs):
    if not raw and _geraakt(update_fields, {"duur_weken"}):
        bijwerken(
            Inschrijving.objects.filter(contractregel__traject=instance).values_list(
                "pk", flat=True
            )
        )


def _gewijzigd(sender, pks, **kwargs):
    bijwerken(pks)


def _na_migratie(sender, using="default", **kwargs):
    """A register that had enrolments before the summary existed gets it once, after the
    migrations, when the tables have today's columns."""
    with connections[using].cursor() as cursor:
        if Geldjaar._meta.db_table not in connections[using].introspection.table_names(cursor):
            return  # migrated back to before the summary
    if (
        not Geldjaar.objects.using(using).exists()
        and Inschrijving.objects.using(using).filter(tarief__gt=0).exists()
    ):
        alles_bijwerken()


def verbind(app_config) -> None:
    """Keep the summary on every save and delete (DeclaratiesConfig.ready)."""
    from aanbod.models import Traject

    post_migrate.connect(_na_migratie, sender=app_config, dispatch_uid="geldjaar-migratie")
    inschrijvingen_gewijzigd.connect(_gewijzigd, dispatch_uid="geldjaar-bulk")
    post_save.connect(_inschrijving, sender=Inschrijving, dispatch_uid="geldjaar-inschrijving")
    post_save.connect(_declaratie, sender=Declaratie, dispatch_uid="geldjaar-declaratie")
    post_delete.connect(_declaratie_weg, sender=Declaratie, dispatch_uid="geldjaar-declaratie-weg")
    post_save.connect(_contractregel, sender=Contractregel, dispatch_uid="geldjaar-regel")
    post_save.connect(_traject, sender=Traject, dispatch_uid="geldjaar-traject")
