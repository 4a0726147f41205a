from django.core.management.base import BaseCommand

from registratie.bsn import herbereken
from registratie.models import Client


class Command(BaseCommand):
    help = (
        "Bereken de zoeksleutel van elk BSN opnieuw (na een nieuwe BSN_ZOEKSLEUTEL of het "
        "schrappen van de oudste VELDSLEUTEL)."
    )

    def handle(self, *args, **options):
        dubbel = herbereken(Client)
        for clientnummer, eerder in dubbel:
            self.stderr.write(f"Client {clientnummer} heeft hetzelfde BSN als {eerder}.")
        self.stdout.write(f"Zoeksleutels berekend; {len(dubbel)} dubbel.")
