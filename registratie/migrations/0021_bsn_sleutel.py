"""The BSN's search key, filled for every client that has a BSN. Where two clients already
share a BSN, the oldest keeps the key and the others are named: they are one person and the
specialist merges them (the unique key then holds every later write)."""

import sys

from django.db import migrations, models


def vul(apps, schema_editor):
    from registratie.bsn import herbereken

    dubbel = herbereken(apps.get_model("registratie", "Client"))
    for clientnummer, eerder in dubbel:
        sys.stderr.write(
            f"Client {clientnummer} heeft hetzelfde BSN als {eerder}: voeg ze samen.\n"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("registratie", "0020_declaraties_eigen_app"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="bsn_sleutel",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(vul, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="client",
            name="bsn_sleutel",
            field=models.CharField(
                blank=True, editable=False, max_length=64, null=True, unique=True
            ),
        ),
    ]
