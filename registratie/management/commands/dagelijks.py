from django.core.management.base import BaseCommand

from registratie.dagelijks import dagelijks_inplannen, dagelijkse_stap


class Command(BaseCommand):
    help = (
        "De dagelijkse stap: aanbiedingen van de wachtlijst die niet op tijd zijn "
        "aangenomen vervallen en vrije plaatsen gaan naar de volgende in de rij; van elk "
        "open prestatiedeel wordt vastgesteld of het resultaat is bereikt of de termijn "
        "verstreken; een dossier waarvan de vier maanden nazorg voorbij zijn, wordt "
        "afgesloten; oude resultaten van taken gaan weg. Met --inplannen: laat de werker het "
        "elke nacht doen (zonder cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--inplannen",
            action="store_true",
            help="Plan de stap voor de werker, elke nacht om DAGELIJKS_UUR (als dat nog niet "
            "is gebeurd), in plaats van hem nu te doen.",
        )

    def handle(self, *args, **options):
        if options["inplannen"]:
            keer = dagelijks_inplannen()
            self.stdout.write(
                f"De dagelijkse stap is ingepland voor {keer:%d-%m-%Y %H:%M}."
                if keer
                else "De dagelijkse stap stond al ingepland."
            )
            return
        self.stdout.write(dagelijkse_stap())
