from django.conf import settings
from django.core.management.base import BaseCommand

from registratie.avg import anonimiseer


class Command(BaseCommand):
    help = (
        "Verwijdert naam, BSN, notities en andere persoonsgegevens van clienten die langer dan "
        "BEWAARTERMIJN_JAREN geleden zijn uitgestroomd; alle cijfers van de rapportages "
        "blijven gelijk."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen.")

    def handle(self, *args, **options):
        aantal = anonimiseer(dry_run=options["dry_run"])
        werkwoord = "zou(den) worden" if options["dry_run"] else "is/zijn"
        self.stdout.write(
            f"{aantal} client(en) {werkwoord} geanonimiseerd "
            f"(bewaartermijn {settings.BEWAARTERMIJN_JAREN} jaar na uitstroom)."
        )
