from django.core.management.base import BaseCommand

from registratie import demo


class Command(BaseCommand):
    help = (
        "Laadt de demodata van Eindhoven: aanbod, contracten, budgetten, gebruikers en een "
        "paar honderd pseudonieme clienten met inschrijvingen, rapportages en uitstroom."
    )

    def handle(self, *args, **options):
        demo.laad_catalogus_en_inkoop()
        demo.laad_gebruikers()
        demo.laad_registratie()
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        self.stdout.write(f"Demogebruikers (wachtwoord voor allen: {demo.DEMO_WACHTWOORD}):")
        for username, rol, *_ in demo.DEMO_GEBRUIKERS:
            self.stdout.write(f"  {username:<12} rol {rol}")
