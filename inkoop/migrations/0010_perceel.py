"""Lots (percelen) become records with their own plafond: every distinct text a contract had
in `perceel` becomes a Perceel without a plafond (the inkoper sets it), and the contract
points to it; going back writes the name into the text field again."""

import uuid

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def naar_percelen(apps, schema_editor):
    Contract = apps.get_model("inkoop", "Contract")
    Perceel = apps.get_model("inkoop", "Perceel")
    for naam in Contract.objects.exclude(perceel="").values_list("perceel", flat=True).distinct():
        perceel = Perceel.objects.create(naam=naam)
        Contract.objects.filter(perceel=naam).update(perceel_ref=perceel)


def naar_tekst(apps, schema_editor):
    Contract = apps.get_model("inkoop", "Contract")
    for contract in Contract.objects.exclude(perceel_ref=None).select_related("perceel_ref"):
        Contract.objects.filter(pk=contract.pk).update(perceel=contract.perceel_ref.naam)


class Migration(migrations.Migration):
    dependencies = [("inkoop", "0009_indexatie_optie_voortijdig_einde")]

    operations = [
        migrations.CreateModel(
            name="Perceel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("uuid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                (
                    "aangemaakt_op",
                    models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op"),
                ),
                ("gewijzigd_op", models.DateTimeField(auto_now=True, verbose_name="gewijzigd op")),
                (
                    "naam",
                    models.CharField(
                        error_messages={"unique": "Er bestaat al een perceel met deze naam."},
                        max_length=100,
                        unique=True,
                    ),
                ),
                ("omschrijving", models.CharField(blank=True, max_length=300)),
                (
                    "plafond",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Wat alle contracten onder dit perceel samen mogen "
                        "verplichten; leeg: alleen de plafonds van de contracten.",
                        max_digits=12,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="plafond (EUR)",
                    ),
                ),
            ],
            options={
                "verbose_name": "perceel",
                "verbose_name_plural": "percelen",
                "ordering": ["naam"],
            },
        ),
        migrations.AddField(
            model_name="contract",
            name="perceel_ref",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="inkoop.perceel",
            ),
        ),
        migrations.RunPython(naar_percelen, naar_tekst),
        migrations.RemoveField(model_name="contract", name="perceel"),
        migrations.RenameField(model_name="contract", old_name="perceel_ref", new_name="perceel"),
        migrations.AlterField(
            model_name="contract",
            name="perceel",
            field=models.ForeignKey(
                blank=True,
                help_text="Het perceel (lot) van de inkoop; de contracten eronder delen zijn "
                "plafond.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="contracten",
                to="inkoop.perceel",
            ),
        ),
    ]
