from django.core.management.base import BaseCommand

from registratie.services import wachtlijst_verwerk


class Command(BaseCommand):
    help = (
        "De dagelijkse stap van de wachtlijst: aanbiedingen die niet op tijd zijn aangenomen "
        "vervallen, en elke vrije plaats gaat naar de volgende in de rij. Draai dagelijks (cron)."
    )

    def handle(self, *args, **options):
        uitkomst = wachtlijst_verwerk()
        self.stdout.write(
            f"{uitkomst['verlopen']} aanbod/aanbiedingen verlopen, "
            f"{uitkomst['aangeboden']} plaats(en) aangeboden."
        )
