from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kern.bestanden import lees_bestand
from registratie.duo import duo_importeer


class Command(BaseCommand):
    help = (
        "Leest het bestand van DUO in (CSV of XLSX): examenuitslagen en besluiten over de "
        "inburgeringsplicht, alles of niets (docs/importeren.md). Een examen dat een aanbieder "
        "meldde en dat het bestand bevestigt, telt daarna mee."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument("--door", required=True, metavar="GEBRUIKER")

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
        uitkomst = duo_importeer(dataset, bestandsnaam=pad.name, door=door)
        for fout in uitkomst.fouten:
            self.stderr.write(f"rij {fout['rij']}, kolom {fout['kolom']}: {fout['melding']}")
        if uitkomst.fouten:
            raise CommandError(f"{len(uitkomst.fouten)} fout(en) in {pad.name}; niets opgeslagen.")
        self.stdout.write(
            f"{pad.name}: {uitkomst.nieuw} nieuw, {uitkomst.gewijzigd} gewijzigd of bevestigd, "
            f"{uitkomst.ongewijzigd} al bekend; {len(uitkomst.bevestigd)} melding(en) van "
            "aanbieders bevestigd."
        )
        for b in uitkomst.bevestigd:
            correctie = " (gecorrigeerd)" if b["gecorrigeerd"] else ""
            self.stdout.write(
                f"  {b['client']} {b['onderdeel']} {b['datum']:%d-%m-%Y}: {b['aanbieder']} meldde "
                f"{b['gemeld']}, DUO {b['duo']}{correctie}"
            )
