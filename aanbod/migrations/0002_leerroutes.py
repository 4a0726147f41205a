from django.db import migrations

LEERROUTES = [
    ("b1", "B1-route", 1, "Taal op B1-niveau binnen drie jaar, gecombineerd met (vrijwilligers)werk."),
    ("onderwijs", "Onderwijsroute", 2, "Taalschakeltraject naar mbo, hbo of wo; voor jongeren tot 28."),
    ("z", "Z-route", 3, "Zelfredzaamheid, met zoveel mogelijk taal; vaak met alfabetisering."),
]


def seed(apps, schema_editor):
    Leerroute = apps.get_model("aanbod", "Leerroute")
    for code, naam, volgorde, omschrijving in LEERROUTES:
        Leerroute.objects.update_or_create(
            code=code, defaults={"naam": naam, "volgorde": volgorde, "omschrijving": omschrijving}
        )


class Migration(migrations.Migration):
    dependencies = [("aanbod", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
