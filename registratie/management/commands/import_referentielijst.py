import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kern.bestanden import lees_bestand
from registratie.referentie import referentielijst_importeer


class Command(BaseCommand):
    help = (
        "Importeert een referentielijst van inburgeringsplichtigen (DUO of BRP; CSV of XLSX "
        "met een kolom BSN en/of clientnummer), alles of niets. Wie erop staat en niet in het "
        "register, telt in de populatie als 'niet in beeld'."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument(
            "--peildatum", required=True, help="De stand van de lijst (JJJJ-MM-DD)."
        )
        parser.add_argument("--bron", choices=["duo", "brp"], required=True)
        parser.add_argument("--door", required=True, metavar="GEBRUIKER")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        door = get_user_model().objects.filter(username=options["door"], is_active=True).first()
        if door is None:
            raise CommandError(f"Er is geen actieve gebruiker '{options['door']}'.")
        try:
            peildatum = dt.date.fromisoformat(options["peildatum"])
        except ValueError:
            raise CommandError("De peildatum is geen datum (JJJJ-MM-DD).") from None
        pad = Path(options["bestand"])
        try:
            dataset = lees_bestand(pad.read_bytes(), pad.name)
        except OSError as error:
            raise CommandError(f"Kan {pad} niet lezen: {error.strerror}.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        uitkomst, _ = referentielijst_importeer(
            dataset,
            peildatum=peildatum,
            bron=options["bron"],
            bestandsnaam=pad.name,
            door=door,
            dry_run=options["dry_run"],
        )
        for fout in uitkomst.fouten:
            self.stderr.write(f"rij {fout['rij']}, kolom {fout['kolom']}: {fout['melding']}")
        if uitkomst.fouten:
            raise CommandError(f"{len(uitkomst.fouten)} fout(en) in {pad.name}; niets opgeslagen.")
        kop = "Proefimport (niets opgeslagen)" if uitkomst.dry_run else "Referentielijst"
        self.stdout.write(
            f"{kop}: {uitkomst.nieuw} personen, {uitkomst.ongewijzigd} in het register, "
            f"{uitkomst.nieuw - uitkomst.ongewijzigd} niet in beeld."
        )
