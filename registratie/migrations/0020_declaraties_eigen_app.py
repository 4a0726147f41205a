"""Declarations and payment batches move to their own app, `declaraties`, keeping their tables.
The content types (and so the permissions and admin history on them) and the audit lines'
model labels follow, both ways."""

import django.db.models.deletion
from django.db import migrations, models

MODELLEN = ("betaalbatch", "declaratie")


def _verhuis(apps, van: str, naar: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Auditregel = apps.get_model("kern", "Auditregel")
    for model in MODELLEN:
        if not ContentType.objects.filter(app_label=naar, model=model).exists():
            ContentType.objects.filter(app_label=van, model=model).update(app_label=naar)
        Auditregel.objects.filter(model=f"{van}.{model}").update(model=f"{naar}.{model}")


def naar_declaraties(apps, schema_editor):
    _verhuis(apps, "registratie", "declaraties")


def terug_naar_registratie(apps, schema_editor):
    _verhuis(apps, "declaraties", "registratie")


class Migration(migrations.Migration):

    dependencies = [
        ('declaraties', '0001_initial'),
        ('registratie', '0019_onderbrekingen'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('kern', '0004_cachetabel'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='inschrijving',
                    name='prestatie_betaalbatch',
                    field=models.ForeignKey(blank=True, help_text='De betaalbatch die het ingehouden prestatiedeel uitbetaalde.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='vrijgaven', to='declaraties.betaalbatch'),
                ),
                migrations.RemoveField(
                    model_name='declaratie',
                    name='betaalbatch',
                ),
                migrations.RemoveField(
                    model_name='declaratie',
                    name='beoordeeld_door',
                ),
                migrations.RemoveField(
                    model_name='declaratie',
                    name='ingediend_door',
                ),
                migrations.RemoveField(
                    model_name='declaratie',
                    name='inschrijving',
                ),
                migrations.DeleteModel(
                    name='Betaalbatch',
                ),
                migrations.DeleteModel(
                    name='Declaratie',
                ),
            ],
        ),
        migrations.RunPython(naar_declaraties, terug_naar_registratie),
    ]
