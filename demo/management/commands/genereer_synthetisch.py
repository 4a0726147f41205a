import time

from django.core.management.base import BaseCommand, CommandError

from demo import laden as demo
from demo import synthetisch


class Command(BaseCommand):
    help = (
        "Vult het register met een synthetische wereld (clienten, inschrijvingen, maandelijkse "
        "voortgangsrapportages, uitstroom, declaraties) voor metingen; zelfde aantal en seed "
        "geven dezelfde wereld. Alleen voor test- en meetomgevingen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clienten", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, clienten, seed, **options):
        if clienten < 1:
            raise CommandError("--clienten moet minstens 1 zijn.")
        demo.laad_catalogus_en_inkoop()
        begin = time.perf_counter()

        def melding(klaar, telling):
            if options["verbosity"] > 1:
                self.stdout.write(f"{klaar} clienten, {time.perf_counter() - begin:.0f} s")

        try:
            t = synthetisch.genereer(clienten, seed, melding=melding)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{t.clienten} clienten, {t.inschrijvingen} inschrijvingen, {t.rapportages} "
                f"voortgangsrapportages, {t.declaraties} declaraties in "
                f"{time.perf_counter() - begin:.1f} s"
            )
        )
