from django.core.management.base import BaseCommand

from declaraties.geldjaren import alles_bijwerken


class Command(BaseCommand):
    help = (
        "Schrijft het geld per inschrijving en jaar opnieuw uit de inschrijvingen en "
        "declaraties (de samenvatting die de geldrapporten optellen)."
    )

    def handle(self, *args, **options):
        rijen = alles_bijwerken()
        self.stdout.write(f"Geld per jaar bijgewerkt: {rijen} rijen.")
