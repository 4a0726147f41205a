"""Seed the standard funding streams (financien.standaard). Finance adds the ledger codes; a
stream no longer used is switched off, never deleted."""

from django.db import migrations

from financien.standaard import standaardbronnen


def vul(apps, schema_editor):
    standaardbronnen(apps.get_model("financien", "Financieringsbron"))


class Migration(migrations.Migration):
    dependencies = [("financien", "0001_financieringsbronnen")]

    operations = [migrations.RunPython(vul, migrations.RunPython.noop)]
