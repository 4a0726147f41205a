from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import gegevens, laden, registratie


class Command(BaseCommand):
    help = (
        "Laadt de demodata van Eindhoven: aanbod, contracten, budgetten, gebruikers en een "
        "paar honderd pseudonieme clienten met inschrijvingen, rapportages, uitstroom en "
        "declaraties."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook met DEBUG=false (de demogebruikers hebben een bekend wachtwoord).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG staat uit: dit lijkt productie. De demodata maken gebruikers met een "
                "bekend wachtwoord, onder wie een beheerder. Wilt u dat echt (bijvoorbeeld "
                "`make run` op deze machine), gebruik dan --force."
            )
        praat = options["verbosity"] >= 1

        def voortgang(klaar: int, totaal: int) -> None:
            if praat and (klaar % 40 == 0 or klaar == totaal):
                self.stdout.write(f"  clienten {klaar} van {totaal}")
                self.stdout.flush()

        if praat:
            self.stdout.write("Demodata laden: aanbod, contracten en budgetten...")
        laden.laad_catalogus_en_inkoop()
        laden.laad_gebruikers()
        if praat:
            self.stdout.write("Clienten met inschrijvingen en rapportages (duurt even)...")
        registratie.laad_registratie(voortgang=voortgang)
        if praat:
            self.stdout.write("Declaraties van de aanbieders, goedgekeurd en betaald...")
        laden.laad_declaraties()
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        self.stdout.write(f"Demogebruikers (wachtwoord voor allen: {gegevens.DEMO_WACHTWOORD}):")
        for username, rol, *_ in gegevens.DEMO_GEBRUIKERS:
            self.stdout.write(f"  {username:<12} rol {rol}")
