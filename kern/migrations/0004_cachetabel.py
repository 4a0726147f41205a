from django.core.management import call_command
from django.db import migrations


def maak_cachetabel(apps, schema_editor):
    # The throttle counters live in the database cache (settings.CACHES); `migrate` makes
    # its table so no deployment can forget it.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("kern", "0003_auditacties")]

    operations = [migrations.RunPython(maak_cachetabel, migrations.RunPython.noop)]
