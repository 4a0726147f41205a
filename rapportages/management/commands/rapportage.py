import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from rapportages.bestanden import als_csv, als_json, als_tabel, als_xlsx
from rapportages.rapporten import RAPPORTEN, maak_rapport
from regio.models import Gemeente


def _datum(tekst: str) -> dt.date:
    for formaat in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(tekst, formaat).date()
        except ValueError:
            continue
    raise CommandError(f"'{tekst}' is geen datum (gebruik 2026-12-31 of 31-12-2026).")


class Command(BaseCommand):
    help = "Drukt een monitoringrapportage af of schrijft haar naar een bestand."

    def add_arguments(self, parser):
        parser.add_argument("naam", choices=sorted(RAPPORTEN))
        parser.add_argument("--peildatum", type=_datum, help="Standaard vandaag.")
        parser.add_argument("--van", type=_datum)
        parser.add_argument("--tot", type=_datum)
        parser.add_argument("--gemeente", help="CBS-code: alleen deze gemeente van de regio.")
        parser.add_argument("--jaar", type=int, help="Voor kosten-baten.")
        parser.add_argument("--norm", type=int, help="Caseloadnorm (standaard 100).")
        parser.add_argument("--uitkering-per-jaar", dest="uitkering_per_jaar")
        parser.add_argument("--deeltijd-factor", dest="deeltijd_factor")
        parser.add_argument("--format", choices=["table", "json", "csv", "xlsx"], default="table")
        parser.add_argument("--output", help="Bestand; standaard het scherm (niet voor xlsx).")

    def handle(self, *args, **o):
        translation.activate("nl")
        if o["van"] and o["tot"] and o["tot"] < o["van"]:
            raise CommandError("De periode eindigt voor ze begint.")
        parameters = {
            k: o[k]
            for k in ("jaar", "norm", "uitkering_per_jaar", "deeltijd_factor")
            if o[k] is not None
        }
        gemeente = None
        if o["gemeente"]:
            gemeente = Gemeente.objects.filter(cbs_code=o["gemeente"].zfill(4)).first()
            if gemeente is None:
                raise CommandError(f"Er is geen gemeente met CBS-code '{o['gemeente']}'.")
        rapport = maak_rapport(
            o["naam"],
            gemeente=gemeente,
            peildatum=o["peildatum"] or timezone.localdate(),
            van=o["van"],
            tot=o["tot"],
            parameters=parameters,
        ).als_dict()
        formaat = o["format"]
        if formaat == "xlsx":
            if not o["output"]:
                raise CommandError("Geef --output BESTAND.xlsx op voor xlsx.")
            Path(o["output"]).write_bytes(als_xlsx(rapport))
            self.stdout.write(f"Geschreven: {o['output']}")
            return
        tekst = {"table": als_tabel, "json": als_json, "csv": als_csv}[formaat](rapport)
        if o["output"]:
            Path(o["output"]).write_text(tekst, encoding="utf-8")
            self.stdout.write(f"Geschreven: {o['output']}")
        else:
            self.stdout.write(tekst)
