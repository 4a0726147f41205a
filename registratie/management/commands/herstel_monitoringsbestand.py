from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from registratie.monitoring_herstel import HerstelFout, monitoringimport_herstel


class Command(BaseCommand):
    help = (
        "Draait een import van het monitoringsbestand terug met het auditlog: gewijzigde "
        "clienten krijgen hun oude gegevens terug, nieuwe worden verwijderd. Alles of niets: "
        "is een gegeven na de import nog eens gewijzigd, dan verandert er niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("auditregel", type=int, help="Het nummer dat de import meldde.")
        parser.add_argument("--door", required=True, metavar="GEBRUIKER")
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren.")

    def handle(self, *args, **options):
        door = get_user_model().objects.filter(username=options["door"], is_active=True).first()
        if door is None:
            raise CommandError(f"Er is geen actieve gebruiker '{options['door']}'.")
        try:
            uitkomst = monitoringimport_herstel(
                regel_id=options["auditregel"], door=door, dry_run=options["dry_run"]
            )
        except HerstelFout as fout:
            for melding in fout.fouten:
                self.stderr.write(melding)
            raise CommandError("Niets teruggedraaid.") from None
        kop = "Proef (niets gewijzigd)" if options["dry_run"] else "Teruggedraaid"
        self.stdout.write(
            f"{kop}: {uitkomst['hersteld']} client(en) hersteld, "
            f"{uitkomst['verwijderd']} verwijderd."
        )
