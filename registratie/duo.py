"""DUO as the source of exam results and plicht decisions (art. 7 and 31 Wi2021: DUO holds
the exams and the plicht's administration). The specialist reads in the file DUO's portal
exports (CSV or XLSX): each row an exam result (column `onderdeel`) or a decision on the
plicht (column `besluit`), for a client named by BSN or clientnummer. All or nothing; reading
the same file again changes nothing. A provider's reported result that the file confirms
starts to count (Examen.telt): it can now fulfil the plicht and release a prestatiedeel."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern.importeren import ImportUitkomst, normaliseer_kop, parse_datum
from kern.models import Auditregel
from kern.services import audit_log
from registratie.inburgering import NIVEAUS, _d, _plicht_bijwerken
from registratie.models import (
    Client,
    Examen,
    PlichtBron,
    PlichtStatus,
    Regime,
    Termijnverlenging,
    elfproef,
)
from registratie.models.keuzes import bsn_sleutel
from registratie.monitoring import normaliseer_clientnummer
from registratie.prestaties import prestaties_vaststellen
from registratie.selectors import clienten_for

KOLOMMEN = ("bsn", "clientnummer", "onderdeel", "niveau", "datum", "uitslag", "besluit")
ALIASSEN = {"examendatum": "datum", "besluitdatum": "datum", "examenonderdeel": "onderdeel"}
ONDERDELEN = {
    **{d: d for d in Examen.Onderdeel.values},
    "kennis_van_de_nederlandse_maatschappij": Examen.Onderdeel.KNM,
}
UITSLAGEN = {
    "behaald": True,
    "geslaagd": True,
    "voldoende": True,
    "niet_behaald": False,
    "gezakt": False,
    "onvoldoende": False,
}
VERLENGD = "verlengd"
BESLUITEN = {
    "plichtig": PlichtStatus.PLICHTIG,
    "inburgeringsplichtig": PlichtStatus.PLICHTIG,
    "voldaan": PlichtStatus.VOLDAAN,
    "vrijgesteld": PlichtStatus.VRIJGESTELD,
    "vrijstelling": PlichtStatus.VRIJGESTELD,
    "ontheven": PlichtStatus.ONTHEVEN,
    "ontheffing": PlichtStatus.ONTHEVEN,
    "beeindigd": PlichtStatus.BEEINDIGD,
    "beëindigd": PlichtStatus.BEEINDIGD,
    "verlengd": VERLENGD,
    "verlenging": VERLENGD,
}


@dataclass
class DuoUitkomst(ImportUitkomst):
    """The import's counts, and the providers' reports the file confirmed (or corrected)."""

    bevestigd: list[dict] = field(default_factory=list)


def _sleutel(waarde) -> str:
    return "_".join(str(waarde or "").strip().lower().replace("-", " ").split())


class _Rij:
    def __init__(self, nummer, rij, fouten):
        self.nummer, self.fouten = nummer, fouten
        self.rij = rij

    def fout(self, kolom, melding):
        self.fouten.append({"rij": self.nummer, "kolom": kolom, "melding": melding})

    def tekst(self, kolom) -> str:
        waarde = self.rij.get(kolom)
        if isinstance(waarde, float) and waarde.is_integer():
            waarde = int(waarde)
        return "" if waarde is None else str(waarde).strip()


def _clienten(gelezen, door) -> tuple[dict, dict]:
    """The clients the file names, among those the reader may see (their gemeenten)."""
    clienten = clienten_for(door) if door is not None else Client.objects.all()
    nummers = {r.tekst("clientnummer") for r in gelezen if r.tekst("clientnummer")}
    op_nummer = {
        c.clientnummer: c
        for c in clienten.filter(clientnummer__in=[normaliseer_clientnummer(n) for n in nummers])
    }
    sleutels = {bsn_sleutel(b) for r in gelezen if (b := _bsn(r.tekst("bsn")))}
    op_sleutel = {}
    lijst = list(sleutels)
    for i in range(0, len(lijst), 900):  # SQLite's bound on parameters
        op_sleutel.update(
            {c.bsn_sleutel: c for c in clienten.filter(bsn_sleutel__in=lijst[i : i + 900])}
        )
    return op_nummer, op_sleutel


def _bsn(tekst: str) -> str:
    tekst = "".join(tekst.split())
    return "0" + tekst if len(tekst) == 8 and tekst.isdigit() else tekst


def _lees(dataset) -> tuple[list, list]:
    """Every row checked on its own; returns (rows as dicts, errors)."""
    koppen = [ALIASSEN.get(k, k) for k in (normaliseer_kop(k) for k in dataset.headers or [])]
    fouten = []
    if "bsn" not in koppen and "clientnummer" not in koppen:
        return [], [
            {
                "rij": 1,
                "kolom": "bsn",
                "melding": "Het bestand heeft geen kolom BSN of clientnummer.",
            }
        ]
    if "onderdeel" not in koppen and "besluit" not in koppen:
        return [], [
            {
                "rij": 1,
                "kolom": "onderdeel",
                "melding": "Het bestand heeft geen kolom onderdeel (examenuitslagen) of besluit "
                "(besluiten over de inburgeringsplicht).",
            }
        ]
    rijen = [
        _Rij(nummer, dict(zip(koppen, waarden, strict=False)), fouten)
        for nummer, waarden in enumerate(dataset, 2)
        if any(v not in (None, "") for v in waarden)
    ]
    return rijen, fouten


def _controleer(r: _Rij, client, vandaag) -> dict | None:
    """One row to a change, or None after naming what is wrong."""
    datum = None
    try:
        datum = parse_datum(r.rij.get("datum"))
    except (ValidationError, ValueError):
        r.fout("datum", f"'{r.tekst('datum')}' is geen datum (dd-mm-jjjj).")
        return None
    if datum is None:
        r.fout("datum", "Vul de datum in.")
        return None
    if datum > vandaag:
        r.fout("datum", f"{_d(datum)} ligt in de toekomst.")
        return None
    onderdeel, besluit = _sleutel(r.tekst("onderdeel")), _sleutel(r.tekst("besluit"))
    if onderdeel and besluit:
        r.fout("besluit", "Een rij is een examenuitslag of een besluit, niet allebei.")
        return None
    if onderdeel:
        return _examenrij(r, client, onderdeel, datum)
    if besluit:
        return _besluitrij(r, client, besluit, datum)
    r.fout("onderdeel", "Vul het examenonderdeel of het besluit in.")
    return None


def _examenrij(r, client, onderdeel, datum):
    deel = ONDERDELEN.get(onderdeel)
    if deel is None:
        r.fout(
            "onderdeel",
            f"'{r.tekst('onderdeel')}' is geen examenonderdeel; kies lezen, luisteren, "
            "schrijven, spreken of KNM.",
        )
        return None
    niveau = r.tekst("niveau").upper()
    if deel == Examen.Onderdeel.KNM:
        niveau = ""
    elif niveau not in NIVEAUS:
        r.fout("niveau", f"'{r.tekst('niveau')}' is geen taalniveau (A1, A2, B1, B2, C1).")
        return None
    uitslag = UITSLAGEN.get(_sleutel(r.tekst("uitslag")))
    if uitslag is None:
        r.fout("uitslag", f"'{r.tekst('uitslag')}' is geen uitslag; kies behaald of niet behaald.")
        return None
    return {
        "soort": "examen",
        "client": client,
        "onderdeel": deel,
        "niveau": niveau,
        "behaald": uitslag,
        "datum": datum,
    }


def _besluitrij(r, client, besluit, datum):
    status = BESLUITEN.get(besluit)
    if status is None:
        r.fout(
            "besluit",
            f"'{r.tekst('besluit')}' is geen besluit; kies plichtig, voldaan, vrijgesteld, "
            "ontheven, beëindigd of verlengd.",
        )
        return None
    wijziging = {"soort": "besluit", "client": client, "status": status, "datum": datum, "rij": r}
    if status == VERLENGD:
        try:
            einde = parse_datum(r.rij.get("einddatum"))
        except (ValidationError, ValueError):
            einde = None
        if einde is None:
            r.fout("einddatum", "Een verlenging heeft een nieuwe einddatum van de termijn.")
            return None
        wijziging["einddatum"] = einde
    return wijziging


def _tegenstrijdig(wijzigingen, examens_per_client) -> None:
    """A decision must fit the dossier: a voldaan not before the last passed exam, an
    extension that moves the term's end later."""
    for w in wijzigingen:
        if w["soort"] != "besluit":
            continue
        client, r = w["client"], w["rij"]
        if w["status"] == PlichtStatus.VOLDAAN:
            laatste = max(examens_per_client.get(client.pk, []), default=None)
            if laatste and w["datum"] < laatste:
                r.fout(
                    "datum",
                    f"Voldaan op {_d(w['datum'])} ligt voor het laatste behaalde examen van "
                    f"{client.clientnummer} ({_d(laatste)}).",
                )
        if w["status"] == VERLENGD:
            al = client.verlengingen.filter(nieuwe_einddatum=w["einddatum"]).exists()
            if not al and (not client.termijn_eind or w["einddatum"] <= client.termijn_eind):
                r.fout(
                    "einddatum",
                    f"De nieuwe einddatum {_d(w['einddatum'])} ligt niet na het einde van de "
                    f"termijn van {client.clientnummer}"
                    + (
                        f" ({_d(client.termijn_eind)})."
                        if client.termijn_eind
                        else " (er loopt geen termijn)."
                    ),
                )


def _wijzigingen(rijen, vandaag, door) -> list[dict]:
    """Each row to its client and change; the errors go on the rows."""
    op_nummer, op_sleutel = _clienten(rijen, door)
    wijzigingen, gezien = [], {}
    for r in rijen:
        nummer, bsn = normaliseer_clientnummer(r.tekst("clientnummer")), _bsn(r.tekst("bsn"))
        if bsn and not elfproef(bsn):
            r.fout("bsn", f"'{r.tekst('bsn')}' is geen geldig BSN.")
            continue
        if not nummer and not bsn:
            r.fout("bsn", "Vul een BSN of clientnummer in.")
            continue
        client = op_nummer.get(nummer) if nummer else op_sleutel.get(bsn_sleutel(bsn))
        if client is None:
            kolom = "clientnummer" if nummer else "bsn"
            r.fout(
                kolom, f"Geen client met dit {'clientnummer' if nummer else 'BSN'} in het register."
            )
            continue
        w = _controleer(r, client, vandaag)
        if w is None:
            continue
        sleutel = (client.pk, w["soort"], w.get("onderdeel"), w["datum"])
        if sleutel in gezien:
            r.fout(
                "datum",
                f"Dezelfde uitslag of hetzelfde besluit staat ook op rij {gezien[sleutel]}.",
            )
            continue
        gezien[sleutel] = r.nummer
        wijzigingen.append(w)
    return wijzigingen


def duo_importeer(
    dataset, *, bestandsnaam: str, door, vandaag: dt.date | None = None
) -> DuoUitkomst:
    vandaag = vandaag or timezone.localdate()
    uitkomst = DuoUitkomst()
    rijen, fouten = _lees(dataset)
    if fouten:
        uitkomst.fouten = fouten
        return uitkomst
    wijzigingen = _wijzigingen(rijen, vandaag, door)
    behaald = {}
    for c, d in (
        Examen.objects.filter(client__in=[w["client"].pk for w in wijzigingen], behaald=True)
        .filter(Examen.telt())
        .values_list("client", "datum")
    ):
        behaald.setdefault(c, []).append(d)
    for w in wijzigingen:
        if w["soort"] == "examen" and w["behaald"]:
            behaald.setdefault(w["client"].pk, []).append(w["datum"])
    _tegenstrijdig(wijzigingen, behaald)
    if fouten:
        uitkomst.fouten = sorted(fouten, key=lambda f: f["rij"] or 0)
        return uitkomst
    with transaction.atomic():
        for w in wijzigingen:
            uitkomst_rij = (
                _examen_toepassen(w, vandaag, uitkomst)
                if w["soort"] == "examen"
                else _besluit_toepassen(w, door)
            )
            setattr(uitkomst, uitkomst_rij, getattr(uitkomst, uitkomst_rij) + 1)
        clienten = {w["client"].pk: w["client"] for w in wijzigingen}
        for client in clienten.values():
            client.refresh_from_db()
            _plicht_bijwerken(client, door)
        prestaties_vaststellen(vandaag=vandaag, clienten=list(clienten))
        regel = audit_log(
            door=door,
            actie=Auditregel.Actie.GEIMPORTEERD,
            model="registratie.examen",
            omschrijving=f"DUO-bestand {bestandsnaam}: {uitkomst.nieuw} nieuw, "
            f"{uitkomst.gewijzigd} gewijzigd, {len(uitkomst.bevestigd)} melding(en) van "
            "aanbieders bevestigd",
            gegevens={
                "bestand": bestandsnaam,
                "nieuw": uitkomst.nieuw,
                "gewijzigd": uitkomst.gewijzigd,
                "ongewijzigd": uitkomst.ongewijzigd,
                "clienten": [str(c.uuid) for c in clienten.values()],
            },
        )
        uitkomst.auditregel = regel.pk
    return uitkomst


def _uitslag(niveau: str, behaald: bool) -> str:
    return f"{niveau} {'behaald' if behaald else 'niet behaald'}".strip()


def _examen_toepassen(w, vandaag, uitkomst) -> str:
    client = w["client"]
    examen = (
        Examen.objects.select_related("inschrijving__contractregel__traject__aanbieder")
        .filter(client=client, onderdeel=w["onderdeel"], datum=w["datum"])
        .first()
    )
    if examen is None:
        Examen.objects.create(
            client=client,
            onderdeel=w["onderdeel"],
            datum=w["datum"],
            niveau=w["niveau"],
            behaald=w["behaald"],
            bron=Examen.Bron.DUO,
            duo_bevestigd_op=vandaag,
        )
        return "nieuw"
    zelfde = examen.niveau == w["niveau"] and examen.behaald == w["behaald"]
    if zelfde and examen.duo_bevestigd_op:
        return "ongewijzigd"
    voor = {"niveau": examen.niveau, "behaald": examen.behaald}
    if examen.bron == Examen.Bron.AANBIEDER:
        traject = examen.inschrijving.contractregel.traject if examen.inschrijving else None
        uitkomst.bevestigd.append(
            {
                "client": client.clientnummer,
                "uuid": client.uuid,
                "onderdeel": examen.get_onderdeel_display(),
                "datum": examen.datum,
                "aanbieder": str(traject.aanbieder) if traject else "",
                "traject": traject.naam if traject else "",
                "gemeld": _uitslag(examen.niveau, examen.behaald),
                "duo": _uitslag(w["niveau"], w["behaald"]),
                "gecorrigeerd": not zelfde,
            }
        )
    examen.niveau, examen.behaald, examen.duo_bevestigd_op = w["niveau"], w["behaald"], vandaag
    examen.save(update_fields=["niveau", "behaald", "duo_bevestigd_op", "gewijzigd_op"])
    audit_log(
        door=None,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=examen,
        omschrijving=f"Bevestigd door DUO: {examen}",
        gegevens={"voor": voor, "niveau": examen.niveau, "behaald": examen.behaald},
    )
    return "gewijzigd"


def _besluit_toepassen(w, door) -> str:
    client = w["client"]
    if w["status"] == VERLENGD:
        if client.verlengingen.filter(nieuwe_einddatum=w["einddatum"]).exists():
            return "ongewijzigd"
        Termijnverlenging.objects.create(
            client=client,
            datum=w["datum"],
            nieuwe_einddatum=w["einddatum"],
            reden="Besluit DUO",
            vastgelegd_door=door,
        )
        voor = client.termijn_eind
        client.verlengd_tot = w["einddatum"]
        client.save(update_fields=["verlengd_tot"])
        audit_log(
            door=door,
            actie=Auditregel.Actie.GEWIJZIGD,
            instance=client,
            omschrijving=f"Besluit DUO: termijn verlengd tot {_d(w['einddatum'])}",
            gegevens={"termijn_eind": [str(voor), str(w["einddatum"])], "bron": "duo"},
        )
        return "nieuw"
    stand = (client.plicht_status, client.plicht_status_datum, client.plicht_bron)
    if stand == (w["status"], w["datum"], PlichtBron.DUO):
        return "ongewijzigd"
    client.plicht_status, client.plicht_status_datum = w["status"], w["datum"]
    client.plicht_bron = PlichtBron.DUO
    client.plicht_regime = client.plicht_regime or Regime.WI2021
    client.save(
        update_fields=["plicht_status", "plicht_status_datum", "plicht_bron", "plicht_regime"]
    )
    audit_log(
        door=door,
        actie=Auditregel.Actie.GEWIJZIGD,
        instance=client,
        omschrijving=f"Besluit DUO: {client.get_plicht_status_display()} op {_d(w['datum'])}",
        gegevens={
            "plicht_status": [stand[0], w["status"]],
            "plicht_status_datum": str(w["datum"]),
            "bron": "duo",
        },
    )
    return "gewijzigd"
