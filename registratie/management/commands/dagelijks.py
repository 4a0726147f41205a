from django.core.management.base import BaseCommand

from kern.taken import opruimen as taken_opruimen
from registratie.inburgering import nazorg_afsluiten
from registratie.prestaties import prestaties_vaststellen
from registratie.services import wachtlijst_verwerk


class Command(BaseCommand):
    help = (
        "De dagelijkse stap (cron): aanbiedingen van de wachtlijst die niet op tijd zijn "
        "aangenomen vervallen en vrije plaatsen gaan naar de volgende in de rij; en van elk "
        "open prestatiedeel wordt vastgesteld of het resultaat is bereikt of de termijn "
        "verstreken; een dossier waarvan de vier maanden nazorg voorbij zijn, wordt afgesloten."
    )

    def handle(self, *args, **options):
        wachtlijst = wachtlijst_verwerk()
        prestaties = prestaties_vaststellen()
        afgesloten = nazorg_afsluiten()
        opgeruimd = taken_opruimen()
        self.stdout.write(
            f"Wachtlijst: {wachtlijst['verlopen']} aanbod verlopen, "
            f"{wachtlijst['aangeboden']} plaats(en) aangeboden. Prestaties: "
            f"{prestaties['bereikt']} bereikt, {prestaties['niet_bereikt']} vervallen. "
            f"Nazorg: {afgesloten} dossier(s) afgesloten. Taken: {opgeruimd} oude "
            "resultaten opgeruimd."
        )
