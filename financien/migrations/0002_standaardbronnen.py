"""The funding streams every gemeente has (Divosa, Wet inburgering in vraag en antwoord §2):
the SPUK Wi2021 for the inburgeringsvoorzieningen (accounted in SiSa), the gemeentefonds for
the execution, and the participatiebudget, ESF+ and own funds beside them. Finance adds the
ledger codes; a stream no longer used is switched off, never deleted."""

from django.db import migrations

BRONNEN = [
    ("spuk-wi2021", "SPUK Wi2021 (inburgeringsvoorzieningen)", True),
    ("gemeentefonds", "Algemene uitkering gemeentefonds (uitvoering Wi2021)", False),
    ("participatiebudget", "Participatiebudget", False),
    ("esf", "ESF+", False),
    ("eigen-middelen", "Eigen middelen", False),
]


def vul(apps, schema_editor):
    Financieringsbron = apps.get_model("financien", "Financieringsbron")
    for volgorde, (code, naam, sisa) in enumerate(BRONNEN, 1):
        Financieringsbron.objects.get_or_create(
            code=code, defaults={"naam": naam, "sisa": sisa, "volgorde": volgorde}
        )


class Migration(migrations.Migration):
    dependencies = [("financien", "0001_financieringsbronnen")]

    operations = [migrations.RunPython(vul, migrations.RunPython.noop)]
