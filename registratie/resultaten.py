"""A provider's file of exam results and module completions for its own enrolments. Every row
goes through the same services as the form and the API (registratie.inburgering), in one
transaction with a savepoint per row: one bad row and nothing is written, every bad row is
reported with its row, column and reason. The same file again changes nothing."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from kern.importeren import ImportUitkomst, normaliseer_kop, parse_datum
from kern.models import Auditregel
from kern.services import audit_log
from registratie.examens import eigen_resultaten, examen_registreer, module_registreer
from registratie.models import Examen, Module
from registratie.selectors import inschrijvingen_for

JA = {"ja", "j", "1", "true", "waar", "behaald", "yes"}
NEE = {"nee", "n", "0", "false", "onwaar", "niet behaald", "no"}
# Each row goes through the services (a lock, the checks, the audit): a file of results is a
# month's exams, not a bulk load; a larger one is refused before any row is checked.
MAX_RIJEN = 1000
# A service's field, as the file's column.
KOLOM_VAN = {"afgerond_op": "datum", "soort": "onderdeel"}


def _tekst(waarde) -> str:
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    return "" if waarde is None else str(waarde).strip()


class Resultatenbestand:
    def __init__(self, dataset, *, user):
        self.user = user
        self.koppen = [normaliseer_kop(k) for k in dataset.headers or []]
        self.rijen = [dict(zip(self.koppen, r, strict=False)) for r in dataset]
        self.fouten: list[dict] = []

    def fout(self, nummer, kolom, melding, clientnummer=""):
        self.fouten.append(
            {"rij": nummer, "kolom": kolom, "melding": melding, "clientnummer": clientnummer}
        )

    def _inschrijvingen(self):
        scope = inschrijvingen_for(self.user).select_related("client", "contractregel__traject")
        uuids = {_tekst(r.get("inschrijving")).lower() for r in self.rijen} - {""}
        geldig = []
        for waarde in uuids:
            try:
                geldig.append(uuid.UUID(waarde))
            except ValueError:
                continue
        nummers = {_tekst(r.get("clientnummer")) for r in self.rijen} - {""}
        per_uuid, per_sleutel = {}, {}
        if geldig:
            per_uuid = {str(i.uuid): i for i in scope.filter(uuid__in=geldig)}
        if nummers:
            for i in scope.filter(client__clientnummer__in=nummers):
                sleutel = (i.client.clientnummer.lower(), i.contractregel.traject.code.lower())
                per_sleutel.setdefault(sleutel, []).append(i)
        return per_uuid, per_sleutel

    def _inschrijving(self, nummer, rij, per_uuid, per_sleutel):
        sleutel = _tekst(rij.get("inschrijving")).lower()
        if sleutel:
            gevonden = per_uuid.get(sleutel)
            if gevonden is None:
                self.fout(
                    nummer, "inschrijving", "Deze inschrijving bestaat niet of is niet van u."
                )
            return gevonden
        client, traject = _tekst(rij.get("clientnummer")), _tekst(rij.get("traject_code"))
        if not client or not traject:
            self.fout(
                nummer,
                "inschrijving",
                "Vul de inschrijving (id) in, of clientnummer en traject_code.",
            )
            return None
        kandidaten = per_sleutel.get((client.lower(), traject.lower()), [])
        if not kandidaten:
            self.fout(
                nummer,
                "clientnummer",
                f"Geen inschrijving van {client} op {traject} bij u.",
                client,
            )
            return None
        # Several enrolments of one client on one traject: the latest.
        return max(kandidaten, key=lambda i: i.startdatum)

    def _lees(self, nummer, rij):
        """The row as service arguments, or None (its errors recorded)."""
        start = len(self.fouten)
        soort = _tekst(rij.get("soort")).lower()
        onderdeel = _tekst(rij.get("onderdeel")).lower()
        waarden = {"soort": soort}
        for kolom in ("datum", "startdatum"):
            try:
                waarden[kolom] = parse_datum(rij.get(kolom))
            except ValueError as error:
                self.fout(nummer, kolom, str(error))
        if soort == "examen":
            if onderdeel not in Examen.Onderdeel.values:
                self.fout(
                    nummer,
                    "onderdeel",
                    f"Onbekend examenonderdeel '{onderdeel}'; kies uit "
                    f"{', '.join(Examen.Onderdeel.values)}.",
                )
            if waarden.get("datum") is None and "datum" not in {
                f["kolom"] for f in self.fouten[start:]
            }:
                self.fout(nummer, "datum", "Vul de examendatum in.")
            behaald = _tekst(rij.get("behaald")).lower()
            if behaald in JA | NEE:
                waarden["behaald"] = behaald in JA
            else:
                self.fout(nummer, "behaald", "Vul ja of nee in.")
            waarden["niveau"] = _tekst(rij.get("niveau")).upper()
        elif soort == "module":
            if onderdeel not in Module.Soort.values:
                self.fout(
                    nummer,
                    "onderdeel",
                    f"Onbekende module '{onderdeel}'; kies uit {', '.join(Module.Soort.values)}.",
                )
            if waarden.get("datum") is None and waarden.get("startdatum") is None:
                self.fout(nummer, "datum", "Vul de datum van afronden of de startdatum in.")
        else:
            self.fout(nummer, "soort", "Vul 'examen' of 'module' in.")
        waarden["onderdeel"] = onderdeel
        return waarden if len(self.fouten) == start else None

    def _al_bekend(self, inschrijving, w) -> bool:
        """The row is already recorded, as sent: only a provider's own records count, so
        'ongewijzigd' confirms nothing the gemeente or another provider recorded."""
        client = inschrijving.client
        if w["soort"] == "examen":
            return eigen_resultaten(
                Examen.objects.filter(
                    client=client,
                    onderdeel=w["onderdeel"],
                    datum=w["datum"],
                    niveau=w["niveau"],
                    behaald=w["behaald"],
                ),
                self.user,
            ).exists()
        module = eigen_resultaten(
            Module.objects.filter(client=client, soort=w["onderdeel"]), self.user
        ).first()
        return module is not None and all(
            w[k] is None or getattr(module, v) == w[k]
            for k, v in (("datum", "afgerond_op"), ("startdatum", "startdatum"))
        )

    def uitvoeren(self, *, dry_run: bool, bestandsnaam: str = "") -> ImportUitkomst:
        uitkomst = ImportUitkomst(
            dry_run=dry_run,
            kolommen=["rij", "clientnummer", "traject", "soort", "onderdeel", "datum", "uitslag"],
        )
        ontbreekt = {"soort", "onderdeel"} - set(self.koppen)
        if ontbreekt:
            uitkomst.fouten = [
                {"rij": 1, "kolom": k, "melding": "Deze kolom ontbreekt in het bestand."}
                for k in sorted(ontbreekt)
            ]
            return uitkomst
        if len(self.rijen) > MAX_RIJEN:
            uitkomst.fouten = [
                {
                    "rij": None,
                    "kolom": None,
                    "melding": f"Een bestand met examens en modules heeft hoogstens "
                    f"{MAX_RIJEN:,} rijen; splits het in delen.".replace(",", "."),
                }
            ]
            return uitkomst
        per_uuid, per_sleutel = self._inschrijvingen()
        with transaction.atomic():
            for nummer, rij in enumerate(self.rijen, 2):
                if all(v in (None, "") for v in rij.values()):
                    continue
                inschrijving = self._inschrijving(nummer, rij, per_uuid, per_sleutel)
                w = self._lees(nummer, rij)
                if inschrijving is None or w is None:
                    continue
                clientnummer = inschrijving.client.clientnummer
                if self._al_bekend(inschrijving, w):
                    uitkomst.ongewijzigd += 1
                    continue
                bestond = (
                    w["soort"] == "module"
                    and Module.objects.filter(
                        client=inschrijving.client, soort=w["onderdeel"]
                    ).exists()
                )
                try:
                    with transaction.atomic():
                        if w["soort"] == "examen":
                            examen_registreer(
                                client=inschrijving.client,
                                inschrijving=inschrijving,
                                onderdeel=w["onderdeel"],
                                datum=w["datum"],
                                niveau=w["niveau"],
                                behaald=w["behaald"],
                                door=self.user,
                            )
                        else:
                            module_registreer(
                                client=inschrijving.client,
                                inschrijving=inschrijving,
                                soort=w["onderdeel"],
                                startdatum=w["startdatum"],
                                afgerond_op=w["datum"],
                                door=self.user,
                            )
                except ValidationError as error:
                    for veld, meldingen in error.message_dict.items():
                        for melding in meldingen:
                            self.fout(nummer, KOLOM_VAN.get(veld, veld), melding, clientnummer)
                    continue
                soort = "gewijzigd" if bestond else "nieuw"
                if bestond:
                    uitkomst.gewijzigd += 1
                else:
                    uitkomst.nieuw += 1
                uitslag = (
                    ("behaald" if w["behaald"] else "niet behaald")
                    if w["soort"] == "examen"
                    else "afgerond"
                    if w["datum"]
                    else "gestart"
                )
                uitkomst.wijzigingen.append(
                    {
                        "soort": soort,
                        "waarden": [
                            nummer,
                            clientnummer,
                            inschrijving.contractregel.traject.naam,
                            w["soort"],
                            w["onderdeel"],
                            (w["datum"] or w["startdatum"]).strftime("%d-%m-%Y"),
                            uitslag,
                        ],
                    }
                )
            uitkomst.fouten = sorted(self.fouten, key=lambda f: (f["rij"], f["kolom"]))
            if uitkomst.fouten or dry_run:
                transaction.set_rollback(True)
                if uitkomst.fouten:
                    uitkomst.nieuw = uitkomst.gewijzigd = uitkomst.ongewijzigd = 0
                    uitkomst.wijzigingen = []
                return uitkomst
            regel = audit_log(
                door=self.user,
                actie=Auditregel.Actie.GEIMPORTEERD,
                model="registratie.examen",
                omschrijving=f"Examens en modules {bestandsnaam}: {uitkomst.nieuw} nieuw, "
                f"{uitkomst.gewijzigd} gewijzigd, {uitkomst.ongewijzigd} ongewijzigd",
                gegevens={
                    "bestand": bestandsnaam,
                    "nieuw": uitkomst.nieuw,
                    "gewijzigd": uitkomst.gewijzigd,
                },
            )
            uitkomst.auditregel = regel.pk
        return uitkomst
