"""Import of the team's old Excel monitoring list: messy by nature, so every value is
mapped explicitly, every value that cannot be mapped is reported with its row, and the
file is written all or nothing."""

import json
import unicodedata

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from aanbod.models import Leerroute, Taalniveau
from kern.importeren import ImportUitkomst, normaliseer_kop, parse_datum
from kern.models import Auditregel
from kern.services import audit_log, auditregel
from registratie.begeleiding import client_uitstroom_registreer, controleer_uitstroom
from registratie.models import (
    AbcUitkomst,
    Client,
    Inschrijving,
    Uitstroomalias,
    Uitstroomreden,
    status_na_uitstroom,
)

KOLOMMEN = {
    "clientnummer": "clientnummer",
    "wij_generalist": "WIJ generalist",
    "datum_intake": "datum intake",
    "taalniveau": "taalniveau",
    "trajectbepaling": "trajectbepaling",
    "leerroute": "leerroute",
    "startdatum_voortraject": "startdatum voortraject",
    "actueel_traject": "actueel traject",
    "bemiddeling_wgt": "bemiddeling WGT",
    "datum_uitstroom": "datum uitstroom",
    "uitstroom_reden": "uitstroom reden",
    "notities": "notities",
}
ROUTE_WOORDEN = {
    "b1": "b1",
    "b1-route": "b1",
    "b1 route": "b1",
    "b1route": "b1",
    "z": "z",
    "z-route": "z",
    "z route": "z",
    "zroute": "z",
    "zelfredzaamheid": "z",
    "zelfredzaamheidsroute": "z",
    "onderwijs": "onderwijs",
    "onderwijsroute": "onderwijs",
    "o-route": "onderwijs",
}
# "Trajectbepaling" is the outcome of the voortraject's ABC plan, never the Wi2021 route.
ABC_WOORDEN = {
    "werk": AbcUitkomst.WERK,
    "a": AbcUitkomst.WERK,
    "onderwijs": AbcUitkomst.ONDERWIJS_SCHOLING,
    "scholing": AbcUitkomst.ONDERWIJS_SCHOLING,
    "opleiding": AbcUitkomst.ONDERWIJS_SCHOLING,
    "onderwijs-scholing": AbcUitkomst.ONDERWIJS_SCHOLING,
    "onderwijs/scholing": AbcUitkomst.ONDERWIJS_SCHOLING,
    "onderwijs scholing": AbcUitkomst.ONDERWIJS_SCHOLING,
    "onderwijs_scholing": AbcUitkomst.ONDERWIJS_SCHOLING,
    "geen": AbcUitkomst.GEEN,
}
NIVEAU_WOORDEN = {"alfa": "A0", "analfabeet": "A0", "a0": "A0", "0": "A0"}
JA = {"ja", "j", "x", "1", "true", "wgt", "yes"}
NEE = {"nee", "n", "0", "false", "no", ""}
TRAJECT_NOTITIE = "Actueel traject: "


# Which client field each column fills; a field whose column is absent, or whose cell is
# empty, keeps what the register has.
BRON = {
    "wij_generalist": "wij_generalist",
    "datum_brede_intake": "datum_intake",
    "datum_start_voortraject": "startdatum_voortraject",
    "uitstroom_datum": "datum_uitstroom",
    "uitstroom_reden": "uitstroom_reden",
    "uitstroom_subreden": "uitstroom_reden",
    "taalniveau": "taalniveau",
    "leerroute": "leerroute",
    "abc_uitkomst": "trajectbepaling",
    "wgt_betrokken": "bemiddeling_wgt",
}
ONZICHTBAAR = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def normaliseer_clientnummer(waarde) -> str:
    """'２０１９-００１', ' 2019-001\u200b' and '2019-001' are one client: NFKC, without
    invisible characters and surrounding space."""
    return unicodedata.normalize("NFKC", _tekst(waarde)).translate(ONZICHTBAAR).strip()


def _tekst(waarde) -> str:
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    return "" if waarde is None else " ".join(str(waarde).split())


MONITORING = "monitoringsbestand"


def veldwaarden(client, velden) -> dict:
    """The stored values of these fields, as JSON (a foreign key as its key), so an import
    can be undone exactly."""
    waarden = {}
    for naam in velden:
        veld = Client._meta.get_field(naam)
        waarden[naam] = veld.value_from_object(client)
    return json.loads(json.dumps(waarden, cls=DjangoJSONEncoder))


class Monitoringimport:
    def __init__(self, dataset):
        self.koppen = [normaliseer_kop(k) for k in dataset.headers or []]
        self.rijen = [dict(zip(self.koppen, r, strict=False)) for r in dataset]
        self.fouten: list[dict] = []
        self.aliassen = {a.tekst: a for a in Uitstroomalias.objects.all()}
        self.routes = {lr.code: lr for lr in Leerroute.objects.all()}
        self.route_woorden = {lr.naam.lower(): lr.code for lr in self.routes.values()}
        self.route_woorden.update(ROUTE_WOORDEN)

    def fout(self, nummer, kolom, melding):
        self.fouten.append(
            {"rij": nummer + 1, "kolom": KOLOMMEN.get(kolom, kolom), "melding": melding}
        )

    def _datum(self, nummer, rij, kolom):
        try:
            return parse_datum(rij.get(kolom))
        except ValueError as error:
            self.fout(nummer, kolom, str(error))
            return None

    def _lees(self, nummer, rij) -> dict | None:
        start = len(self.fouten)
        velden = {
            "wij_generalist": _tekst(rij.get("wij_generalist")),
            "datum_brede_intake": self._datum(nummer, rij, "datum_intake"),
            "datum_start_voortraject": self._datum(nummer, rij, "startdatum_voortraject"),
            "uitstroom_datum": self._datum(nummer, rij, "datum_uitstroom"),
        }
        niveau = _tekst(rij.get("taalniveau")).lower()
        niveau = NIVEAU_WOORDEN.get(niveau, niveau.upper())
        if niveau and niveau not in Taalniveau.values:
            self.fout(
                nummer,
                "taalniveau",
                f"Onbekend taalniveau '{rij.get('taalniveau')}'; "
                f"gebruik {', '.join(Taalniveau.values)} of alfa.",
            )
        velden["taalniveau"] = niveau if niveau in Taalniveau.values else ""

        abc = _tekst(rij.get("trajectbepaling")).lower()
        if abc and abc not in ABC_WOORDEN:
            if abc in self.route_woorden:
                melding = (
                    f"'{abc}' is een leerroute, geen uitkomst van het ABC-plan; zet de "
                    "leerroute in de kolom Leerroute."
                )
            else:
                melding = (
                    f"Onbekende uitkomst van het ABC-plan '{abc}'; gebruik werk, "
                    "onderwijs-scholing of geen."
                )
            self.fout(nummer, "trajectbepaling", melding)
        velden["abc_uitkomst"] = ABC_WOORDEN.get(abc, "")

        route = _tekst(rij.get("leerroute")).lower()
        if route and route not in self.route_woorden:
            self.fout(
                nummer,
                "leerroute",
                f"Onbekende leerroute '{route}'; gebruik B1-route, Onderwijsroute of Z-route.",
            )
        velden["leerroute"] = self.routes.get(self.route_woorden.get(route))

        wgt = _tekst(rij.get("bemiddeling_wgt")).lower()
        if wgt not in JA | NEE:
            self.fout(nummer, "bemiddeling_wgt", f"'{wgt}' is geen ja of nee.")
        velden["wgt_betrokken"] = wgt in JA

        reden_tekst = _tekst(rij.get("uitstroom_reden")).lower()
        reden, subreden = "", ""
        if reden_tekst:
            if reden_tekst in Uitstroomreden.values:
                reden = reden_tekst
            elif (alias := self.aliassen.get(reden_tekst)) is not None:
                reden, subreden = alias.reden, alias.subreden
            else:
                self.fout(
                    nummer,
                    "uitstroom_reden",
                    f"Onbekende uitstroomreden "
                    f"'{rij.get('uitstroom_reden')}'; voeg haar toe onder "
                    "Uitstroomaliassen in het beheer.",
                )
            if reden == Uitstroomreden.OVERIG and not subreden:
                subreden = "onbekend"
        if velden["uitstroom_datum"] and not reden_tekst:
            self.fout(nummer, "uitstroom_reden", "Er is een datum uitstroom maar geen reden.")
        if (
            reden_tekst
            and not velden["uitstroom_datum"]
            and not self._heeft_fout(start, nummer, "datum_uitstroom")
        ):
            self.fout(nummer, "datum_uitstroom", "Er is een uitstroomreden maar geen datum.")
        velden["uitstroom_reden"], velden["uitstroom_subreden"] = reden, subreden

        traject = _tekst(rij.get("actueel_traject"))
        notities = str(rij.get("notities") or "").strip()
        if traject:
            notities = f"{notities}\n{TRAJECT_NOTITIE}{traject}".strip()
        velden["notities"] = notities
        # Only what the file says: an absent column or an empty cell blanks nothing.
        gegeven = {
            veld: waarde
            for veld, waarde in velden.items()
            if veld == "notities" or _tekst(rij.get(BRON[veld]))
        }
        if not notities:
            gegeven.pop("notities")
        gegeven["_begeleid"] = bool(velden["datum_brede_intake"] or traject)
        return gegeven if len(self.fouten) == start else None

    def _heeft_fout(self, start, nummer, kolom):
        return any(
            f["rij"] == nummer + 1 and f["kolom"] == KOLOMMEN[kolom] for f in self.fouten[start:]
        )

    def uitvoeren(self, *, dry_run: bool, door=None, bestandsnaam="") -> ImportUitkomst:
        uitkomst = ImportUitkomst(dry_run=dry_run)
        if "clientnummer" not in self.koppen:
            uitkomst.fouten = [
                {
                    "rij": 1,
                    "kolom": "clientnummer",
                    "melding": "Deze kolom ontbreekt in het bestand.",
                }
            ]
            return uitkomst
        gelezen, gezien = [], {}
        for nummer, rij in enumerate(self.rijen, 1):
            if all(v in (None, "") for v in rij.values()):
                continue
            clientnummer = normaliseer_clientnummer(rij.get("clientnummer"))
            if not clientnummer:
                self.fout(nummer, "clientnummer", "Het clientnummer ontbreekt.")
                continue
            if clientnummer in gezien:
                self.fout(
                    nummer,
                    "clientnummer",
                    f"Dit clientnummer staat ook op rij {gezien[clientnummer] + 1}.",
                )
                continue
            gezien[clientnummer] = nummer
            velden = self._lees(nummer, rij)
            if velden is not None:
                gelezen.append((nummer, clientnummer, velden))

        bestaand = {
            c.clientnummer: c
            for c in Client.objects.filter(clientnummer__in=gezien)
            .select_related("leerroute")
            .prefetch_related(
                "pip_versies",
                "onderbrekingen",
                Prefetch(
                    "inschrijvingen",
                    Inschrijving.objects.filter(status__in=Inschrijving.ACTIEF).select_related(
                        "contractregel__traject"
                    ),
                    to_attr="lopend",
                ),
            )
        }
        vandaag = timezone.localdate()
        te_schrijven = []
        for nummer, clientnummer, velden in gelezen:
            client = bestaand.get(clientnummer) or Client(clientnummer=clientnummer)
            nieuw = client.pk is None
            begeleid = velden.pop("_begeleid")
            uitstroom = None
            if not nieuw and not client.is_uitgestroomd and velden.get("uitstroom_datum"):
                # A first outflow goes through the outflow service, as on the client's page.
                if not self._uitstroom_mag(nummer, client, velden["uitstroom_datum"]):
                    continue
                uitstroom = {
                    "datum": velden["uitstroom_datum"],
                    "reden": velden.get("uitstroom_reden", ""),
                    "uitstroom_subreden": velden.get("uitstroom_subreden", ""),
                    "terug": {
                        "uitstroom_datum": None,
                        "uitstroom_reden": client.uitstroom_reden,
                        "uitstroom_subreden": client.uitstroom_subreden,
                        "status": client.status,
                    },
                }
            # The status follows from the dates, and never goes back: an outflow in the file
            # ends the guidance, an intake or a traject starts it.
            if (
                velden.get("uitstroom_datum")
                and velden["uitstroom_datum"] != client.uitstroom_datum
            ):
                velden["status"] = status_na_uitstroom(
                    velden.get("uitstroom_reden", client.uitstroom_reden),
                    velden["uitstroom_datum"],
                    vandaag,
                )
            elif begeleid and client.status == Client.Status.IN_BEELD:
                velden["status"] = Client.Status.IN_BEGELEIDING
            anders = [k for k, v in velden.items() if getattr(client, k) != v]
            voor = veldwaarden(client, anders)
            for k in anders:
                setattr(client, k, velden[k])
            try:
                client.clean_fields(exclude={"specialist", "werkgeversproject", "leerroute"})
                client.clean()
            except ValidationError as error:
                for kolom, meldingen in error.message_dict.items():
                    for melding in meldingen:
                        self.fout(nummer, kolom, melding)
                continue
            if nieuw:
                uitkomst.nieuw += 1
            elif anders:
                uitkomst.gewijzigd += 1
            else:
                uitkomst.ongewijzigd += 1
            if nieuw or anders:
                te_schrijven.append((client, nieuw, voor, veldwaarden(client, anders), uitstroom))

        uitkomst.fouten = sorted(self.fouten, key=lambda f: (f["rij"], f["kolom"]))
        if uitkomst.fouten or dry_run:
            return uitkomst
        try:
            self._schrijf(uitkomst, te_schrijven, door, bestandsnaam)
        except ValidationError as error:  # changed since the check: nothing is written
            uitkomst.fouten = [
                {"rij": None, "kolom": None, "melding": melding} for melding in error.messages
            ]
            uitkomst.auditregel = None
        return uitkomst

    def _uitstroom_mag(self, nummer, client, datum) -> bool:
        if client.lopend:
            namen = ", ".join(i.contractregel.traject.naam for i in client.lopend)
            self.fout(
                nummer,
                "datum_uitstroom",
                f"{client.clientnummer} heeft nog een lopende inschrijving ({namen}); beëindig "
                "die eerst, of leg de uitstroom vast bij de client met een reden per inschrijving.",
            )
            return False
        try:
            controleer_uitstroom(client, datum, [])
        except ValidationError as error:
            for melding in error.messages:
                self.fout(nummer, "datum_uitstroom", melding)
            return False
        return True

    @transaction.atomic
    def _schrijf(self, uitkomst, te_schrijven, door, bestandsnaam):
        samenvatting = audit_log(
            door=door,
            actie=Auditregel.Actie.GEIMPORTEERD,
            model="registratie.client",
            omschrijving=f"Monitoringsbestand {bestandsnaam}: {uitkomst.nieuw} nieuw, "
            f"{uitkomst.gewijzigd} gewijzigd, {uitkomst.ongewijzigd} ongewijzigd",
            gegevens={
                "bestand": bestandsnaam,
                "nieuw": uitkomst.nieuw,
                "gewijzigd": uitkomst.gewijzigd,
                MONITORING: True,
            },
        )
        regels = []
        for client, nieuw, voor, na, uitstroom in te_schrijven:
            if uitstroom is None:
                client.save()
            else:
                for veld, waarde in uitstroom["terug"].items():
                    setattr(client, veld, waarde)
                client.save()
                client_uitstroom_registreer(
                    client=client,
                    datum=uitstroom["datum"],
                    reden=uitstroom["reden"],
                    uitstroom_subreden=uitstroom["uitstroom_subreden"],
                    door=door,
                )
            regels.append(
                auditregel(
                    door=door,
                    actie=Auditregel.Actie.AANGEMAAKT if nieuw else Auditregel.Actie.GEWIJZIGD,
                    instance=client,
                    omschrijving=f"Monitoringsbestand {bestandsnaam}: {client.clientnummer}",
                    gegevens={"import": samenvatting.pk, "voor": voor, "na": na},
                )
            )
        Auditregel.objects.bulk_create(regels, batch_size=1000)
        uitkomst.auditregel = samenvatting.pk
