import json

from django.core.management.base import BaseCommand, CommandError

from registratie.avg import inzage
from registratie.models import Client


class Command(BaseCommand):
    help = "Alles wat het register over één client bewaart, als JSON (inzageverzoek, art. 15 AVG)."

    def add_arguments(self, parser):
        parser.add_argument("clientnummer")

    def handle(self, *args, **options):
        client = Client.objects.filter(clientnummer=options["clientnummer"]).first()
        if client is None:
            raise CommandError(f"Er is geen client {options['clientnummer']}.")
        self.stdout.write(json.dumps(inzage(client), ensure_ascii=False, indent=2))
