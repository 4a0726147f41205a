import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kern.bestanden import lees_bestand
from registratie.monitoring import Monitoringimport


class Command(BaseCommand):
    help = (
        "Importeert het oude Excel-monitoringsbestand van het team (XLSX of CSV), alles of "
        "niets. Uitstroomredenen worden vertaald via de tabel Uitstroomaliassen."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen controleren en het volledige verslag tonen.",
        )
        parser.add_argument("--json", action="store_true", help="Verslag als JSON.")
        parser.add_argument(
            "--door",
            required=True,
            metavar="GEBRUIKER",
            help="De gebruikersnaam van wie importeert; staat in het auditlog.",
        )

    def handle(self, *args, **options):
        door = get_user_model().objects.filter(username=options["door"], is_active=True).first()
        if door is None:
            raise CommandError(f"Er is geen actieve gebruiker '{options['door']}'.")
        pad = Path(options["bestand"])
        try:
            dataset = lees_bestand(pad.read_bytes(), pad.name)
        except OSError as error:
            raise CommandError(f"Kan {pad} niet lezen: {error.strerror}.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        uitkomst = Monitoringimport(dataset).uitvoeren(
            dry_run=options["dry_run"], bestandsnaam=pad.name, door=door
        )
        if options["json"]:
            self.stdout.write(json.dumps(uitkomst.als_dict(), ensure_ascii=False, indent=2))
        else:
            for fout in uitkomst.fouten:
                self.stderr.write(f"rij {fout['rij']}, kolom {fout['kolom']}: {fout['melding']}")
            kop = "Proefimport (niets opgeslagen)" if uitkomst.dry_run else "Import"
            if uitkomst.fouten:
                kop = "Niets opgeslagen"
            self.stdout.write(
                f"{kop}: {uitkomst.nieuw} nieuw, {uitkomst.gewijzigd} gewijzigd, "
                f"{uitkomst.ongewijzigd} ongewijzigd, {len(uitkomst.fouten)} fout(en)."
            )
            if uitkomst.auditregel:
                self.stdout.write(
                    f"Auditregel {uitkomst.auditregel}; terugdraaien: manage.py "
                    f"herstel_monitoringsbestand {uitkomst.auditregel} --door GEBRUIKER"
                )
        if uitkomst.fouten:
            raise CommandError(f"{len(uitkomst.fouten)} fout(en) in {pad.name}; niets opgeslagen.")
