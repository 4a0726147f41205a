from django.core.management.base import BaseCommand

from registratie.voortgangstand import alles_bijwerken


class Command(BaseCommand):
    help = (
        "Schrijft de stand van de voortgangsrapportages per inschrijving opnieuw (de "
        "samenvatting die de rapporten voortgang en contracten lezen)."
    )

    def handle(self, *args, **options):
        self.stdout.write(
            f"Stand van de rapportages bijgewerkt: {alles_bijwerken()} inschrijvingen."
        )
