from django.conf import settings
from django.core.management.base import BaseCommand

from registratie.avg import anonimiseer


class Command(BaseCommand):
    help = (
        "Verwijdert naam, BSN, vrije tekst en andere persoonsgegevens van clienten die langer "
        "dan BEWAARTERMIJN_JAREN geleden zijn uitgestroomd, uit elk record over hen; alle "
        "cijfers van de rapportages blijven gelijk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen laten zien wat er zou veranderen."
        )

    def handle(self, *args, **options):
        uitkomst = anonimiseer(dry_run=options["dry_run"])
        werkwoord = "zou(den) worden" if options["dry_run"] else "is/zijn"
        self.stdout.write(
            f"{uitkomst['clienten']} client(en) {werkwoord} geanonimiseerd "
            f"(bewaartermijn {settings.BEWAARTERMIJN_JAREN} jaar na uitstroom)."
        )
        for label, stap in uitkomst["plan"].items():
            self.stdout.write(
                f"  {label}: {stap['records']} record(s), velden {', '.join(stap['velden'])}"
            )
