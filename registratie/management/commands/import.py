import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kern.bestanden import MAX_BESTAND_BYTES, lees_bestand
from kern.importeren import importeer
from registratie.importbronnen import BRONNEN, bron


class Command(BaseCommand):
    """Replaces django-import-export's `import` command: the same file formats, but all or
    nothing, with every bad row reported (rij, kolom, melding) and a non-zero exit."""

    help = "Importeert een CSV- of XLSX-bestand, alles of niets. Bronnen: " + ", ".join(BRONNEN)

    def add_arguments(self, parser):
        parser.add_argument("resource", help="Bron: " + ", ".join(BRONNEN) + " (of app.Model).")
        parser.add_argument("import_file_name", help="Het bestand; '-' leest standaardinvoer.")
        parser.add_argument(
            "-n", "--dry-run", action="store_true", help="Alleen controleren; niets opslaan."
        )
        parser.add_argument("--json", action="store_true", help="Uitkomst als JSON.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Genegeerd; de import vraagt nooit om invoer.",
        )

    def handle(self, *args, **options):
        try:
            resource_class = bron(options["resource"])
        except LookupError as error:
            raise CommandError(str(error)) from None
        naam = options["import_file_name"]
        try:
            # At most one byte more than a file may be: a larger one is not read whole.
            with sys.stdin.buffer if naam == "-" else Path(naam).open("rb") as bron_bestand:
                inhoud = bron_bestand.read(MAX_BESTAND_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Kan {naam} niet lezen: {error.strerror}.") from None
        try:
            dataset = lees_bestand(inhoud, naam)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        uitkomst = importeer(
            resource_class(), dataset, dry_run=options["dry_run"], bestandsnaam=Path(naam).name
        )
        if options["json"]:
            self.stdout.write(json.dumps(uitkomst.als_dict(), ensure_ascii=False, indent=2))
        else:
            self._rapport(uitkomst)
        if not uitkomst.geslaagd:
            raise CommandError(f"{len(uitkomst.fouten)} fout(en); er is niets opgeslagen.")

    def _rapport(self, uitkomst):
        if uitkomst.fouten:
            for fout in uitkomst.fouten:
                plek = f"rij {fout['rij']}" if fout["rij"] else "bestand"
                if fout["kolom"]:
                    plek += f", kolom {fout['kolom']}"
                self.stderr.write(f"{plek}: {fout['melding']}")
            return
        voorvoegsel = "Proefimport (niets opgeslagen)" if uitkomst.dry_run else "Import voltooid"
        self.stdout.write(
            self.style.SUCCESS(
                f"{voorvoegsel}: {uitkomst.nieuw} nieuw, {uitkomst.gewijzigd} gewijzigd, "
                f"{uitkomst.ongewijzigd} ongewijzigd."
            )
        )
