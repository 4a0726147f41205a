"""A provider's e-invoice: UBL 2.1 in the Dutch SI-UBL 2.0 profile (NLCIUS, the Dutch use of
EN 16931), read, checked and taken in as declarations, or refused whole.

Public bodies must be able to receive an e-invoice (EU directive 2014/55, in the Netherlands
the Besluit elektronisch factureren). The register reads what it needs from the XML with lxml
(no DOCTYPE, no entities, no network) and checks the EN 16931 business rules that decide
whether the money is right: the required parts (BR-01 to BR-07, BR-16, BR-21 to BR-26), the
seller's KvK number (BR-NL-1), and that the totals add up (BR-CO-10, -13, -15, -16). Then each
line goes through the very checks of a declaration upload (declaraties.importeren: tarief,
hours, units, plafond, with the same codes). An invoice is one legal document: it is taken in
whole, or refused whole with every line and reason, and then nothing is stored.

A line names its enrolment in `cac:OrderLineReference/cbc:LineID` (the enrolment's id, as in
the provider's template) and its month in `cac:InvoicePeriod`; the invoice names the
contract's purchase-order number in `cac:OrderReference/cbc:ID`. docs/api.md has an example.
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import tablib
from django.conf import settings
from django.db import transaction
from lxml import etree

from declaraties.models import Declaratie, Factuur

S = Declaratie.Status

UBL = "urn:oasis:names:specification:ubl:schema:xsd:"
NS = {
    "inv": f"{UBL}Invoice-2",
    "cac": f"{UBL}CommonAggregateComponents-2",
    "cbc": f"{UBL}CommonBasicComponents-2",
}
# SI-UBL 2.0 says urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0; Peppol BIS
# Billing 3.0 is an EN 16931 profile as well, and many Dutch providers send that.
EN16931 = "urn:cen.eu:en16931:2017"
HANDELSFACTUUR = "380"
CENT = Decimal("0.01")
LEVERANCIER = "cac:AccountingSupplierParty/cac:Party"
TOTAAL = "cac:LegalMonetaryTotal"


class FactuurFout(Exception):
    """The invoice is refused; `fouten` says per line (None: the invoice itself) what and why."""

    def __init__(self, fouten: list[dict]):
        super().__init__(fouten)
        self.fouten = fouten


@dataclass
class Regel:
    nummer: int  # the line's place in the invoice, from 1
    id: str
    inschrijving: str
    periode: dt.date | None
    eenheden: Decimal | None
    bedrag: Decimal | None


@dataclass
class Gelezen:
    nummer: str = ""
    datum: dt.date | None = None
    ordernummer: str = ""
    kvk: str = ""
    bedrag: Decimal = Decimal("0")
    btw: Decimal = Decimal("0")
    te_betalen: Decimal = Decimal("0")
    regels: list[Regel] = field(default_factory=list)


class _Lezer:
    def __init__(self):
        self.fouten: list[dict] = []

    def fout(self, regel: int | None, element: str, melding: str) -> None:
        self.fouten.append({"regel": regel, "element": element, "melding": melding})

    def tekst(self, el, pad: str, regel: int | None, regelnaam: str = "") -> str:
        waarde = (el.findtext(pad, namespaces=NS) or "").strip()
        if regelnaam and not waarde:
            self.fout(regel, pad, f"{pad} ontbreekt ({regelnaam}).")
        return waarde

    def bedrag(self, el, pad: str, regel: int | None, regelnaam: str = "") -> Decimal | None:
        knoop = el.find(pad, namespaces=NS)
        if knoop is None or not (knoop.text or "").strip():
            if regelnaam:
                self.fout(regel, pad, f"{pad} ontbreekt ({regelnaam}).")
            return None
        munt = knoop.get("currencyID")
        if munt is not None and munt != "EUR":
            self.fout(regel, pad, f"Het bedrag is in {munt}; het register betaalt in euro.")
        try:
            return Decimal(knoop.text.strip())
        except InvalidOperation:
            self.fout(regel, pad, f"{knoop.text.strip()!r} is geen bedrag.")
            return None

    def datum(self, el, pad: str, regel: int | None, regelnaam: str = "") -> dt.date | None:
        waarde = self.tekst(el, pad, regel, regelnaam)
        if not waarde:
            return None
        try:
            return dt.date.fromisoformat(waarde)
        except ValueError:
            self.fout(regel, pad, f"{waarde!r} is geen datum (jjjj-mm-dd).")
            return None


def _ontleed(inhoud: bytes):
    if len(inhoud) > settings.IMPORT_MAX_BYTES:
        raise FactuurFout(
            [{"regel": None, "element": "bestand", "melding": "Het bestand is te groot."}]
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        wortel = etree.fromstring(inhoud, parser)
    except etree.XMLSyntaxError as error:
        melding = f"Dit is geen leesbare XML: {error.msg}."
        raise FactuurFout([{"regel": None, "element": "bestand", "melding": melding}]) from None
    if wortel.getroottree().docinfo.doctype:
        melding = "Een factuur met een DOCTYPE nemen we niet aan (UBL heeft er geen)."
        raise FactuurFout([{"regel": None, "element": "bestand", "melding": melding}])
    if wortel.tag != f"{{{NS['inv']}}}Invoice":
        naam = etree.QName(wortel).localname
        melding = f"Dit is geen UBL-factuur (Invoice 2.1) maar <{naam}>."
        if naam == "CreditNote":
            melding = "Een creditnota neemt het register (nog) niet aan; vraag de inkoper."
        raise FactuurFout([{"regel": None, "element": "bestand", "melding": melding}])
    return wortel


def lees_factuur(inhoud: bytes) -> Gelezen:
    """The invoice's header, lines and totals, checked against the EN 16931 rules above."""
    wortel = _ontleed(inhoud)
    lezer, uit = _Lezer(), Gelezen()
    profiel = lezer.tekst(wortel, "cbc:CustomizationID", None, "BR-01")
    if profiel and not profiel.startswith(EN16931):
        lezer.fout(None, "cbc:CustomizationID", f"{profiel} is geen EN 16931-profiel (SI-UBL 2.0).")
    uit.nummer = lezer.tekst(wortel, "cbc:ID", None, "BR-02, het factuurnummer")
    uit.datum = lezer.datum(wortel, "cbc:IssueDate", None, "BR-03")
    soort = lezer.tekst(wortel, "cbc:InvoiceTypeCode", None, "BR-04")
    if soort and soort != HANDELSFACTUUR:
        lezer.fout(None, "cbc:InvoiceTypeCode", f"Soort {soort}: het register neemt 380 aan.")
    munt = lezer.tekst(wortel, "cbc:DocumentCurrencyCode", None, "BR-05")
    if munt and munt != "EUR":
        lezer.fout(None, "cbc:DocumentCurrencyCode", f"{munt}: het register betaalt in euro.")
    lezer.tekst(wortel, f"{LEVERANCIER}/cac:PartyLegalEntity/cbc:RegistrationName", None, "BR-06")
    koper = "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName"
    lezer.tekst(wortel, koper, None, "BR-07")
    uit.kvk = lezer.tekst(
        wortel, f"{LEVERANCIER}/cac:PartyLegalEntity/cbc:CompanyID", None, "BR-NL-1, KvK-nummer"
    )
    uit.ordernummer = lezer.tekst(wortel, "cac:OrderReference/cbc:ID", None, "het ordernummer")
    if wortel.find("cac:AllowanceCharge", namespaces=NS) is not None:
        lezer.fout(
            None,
            "cac:AllowanceCharge",
            "Korting of toeslag op de hele factuur kan het register aan geen inschrijving "
            "toewijzen; zet die op de regels.",
        )
    uit.regels = [_regel(lezer, el, n) for n, el in enumerate(_regels(wortel, lezer), start=1)]
    _totalen(lezer, wortel, uit)
    if lezer.fouten:
        raise FactuurFout(lezer.fouten)
    return uit


def _regels(wortel, lezer: _Lezer) -> list:
    regels = wortel.findall("cac:InvoiceLine", namespaces=NS)
    if not regels:
        lezer.fout(None, "cac:InvoiceLine", "De factuur heeft geen regels (BR-16).")
    if len(regels) > settings.IMPORT_MAX_RIJEN:
        raise FactuurFout(
            [{"regel": None, "element": "cac:InvoiceLine", "melding": "Te veel regels."}]
        )
    return regels


def _regel(lezer: _Lezer, el, n: int) -> Regel:
    regel = Regel(
        nummer=n,
        id=lezer.tekst(el, "cbc:ID", n, "BR-21"),
        inschrijving=lezer.tekst(
            el, "cac:OrderLineReference/cbc:LineID", n, "de id van de inschrijving"
        ),
        periode=None,
        eenheden=None,
        bedrag=lezer.bedrag(el, "cbc:LineExtensionAmount", n, "BR-24"),
    )
    lezer.tekst(el, "cac:Item/cbc:Name", n, "BR-25")
    lezer.bedrag(el, "cac:Price/cbc:PriceAmount", n, "BR-26")
    try:
        regel.eenheden = Decimal(lezer.tekst(el, "cbc:InvoicedQuantity", n, "BR-22") or "x")
    except InvalidOperation:
        if el.findtext("cbc:InvoicedQuantity", namespaces=NS):
            lezer.fout(n, "cbc:InvoicedQuantity", "Het aantal is geen getal.")
    start = lezer.datum(el, "cac:InvoicePeriod/cbc:StartDate", n, "de maand van de regel")
    einde = lezer.datum(el, "cac:InvoicePeriod/cbc:EndDate", n)
    if (
        start
        and einde
        and (einde < start or (einde.year, einde.month) != (start.year, start.month))
    ):
        lezer.fout(n, "cac:InvoicePeriod", "Een regel gaat over één kalendermaand.")
    regel.periode = start.replace(day=1) if start else None
    return regel


def _totalen(lezer: _Lezer, wortel, uit: Gelezen) -> None:
    regels = sum((r.bedrag for r in uit.regels if r.bedrag is not None), Decimal("0"))
    netto = lezer.bedrag(wortel, f"{TOTAAL}/cbc:LineExtensionAmount", None, "BT-106")
    excl = lezer.bedrag(wortel, f"{TOTAAL}/cbc:TaxExclusiveAmount", None, "BT-109")
    incl = lezer.bedrag(wortel, f"{TOTAAL}/cbc:TaxInclusiveAmount", None, "BT-112")
    betalen = lezer.bedrag(wortel, f"{TOTAAL}/cbc:PayableAmount", None, "BT-115")
    vooruit = lezer.bedrag(wortel, f"{TOTAAL}/cbc:PrepaidAmount", None) or Decimal("0")
    afronding = lezer.bedrag(wortel, f"{TOTAAL}/cbc:PayableRoundingAmount", None) or Decimal("0")
    btw = lezer.bedrag(wortel, "cac:TaxTotal/cbc:TaxAmount", None) or Decimal("0")
    if None in (netto, excl, incl, betalen) or lezer.fouten:
        return
    regels_kloppen = all(r.bedrag is not None for r in uit.regels)
    for regel_nr, gelijk, melding in (
        ("BR-CO-10", not regels_kloppen or netto == regels, f"de regels tellen op tot {regels}"),
        ("BR-CO-13", excl == netto, "zonder toeslag of korting is het totaal excl. btw de som"),
        ("BR-CO-15", incl == excl + btw, f"excl. btw {excl} plus btw {btw} is {excl + btw}"),
        (
            "BR-CO-16",
            betalen == incl - vooruit + afronding,
            f"te betalen is incl. btw min vooruitbetaald plus afronding: "
            f"{incl - vooruit + afronding}",
        ),
    ):
        if not gelijk:
            lezer.fout(None, TOTAAL, f"Het totaal klopt niet ({regel_nr}): {melding}.")
    uit.bedrag, uit.btw, uit.te_betalen = netto, btw, betalen


def _koppel(gelezen: Gelezen, aanbieder) -> list[dict]:
    """Each line to an enrolment of this provider under the invoice's order; a month already
    declared is a duplicate. The errors, per line."""
    from inkoop.models import Contract
    from registratie.models import Inschrijving

    fouten = []
    if aanbieder.kvk_nummer and gelezen.kvk != aanbieder.kvk_nummer:
        fouten.append(
            {
                "regel": None,
                "element": "cbc:CompanyID",
                "melding": f"De factuur is van KvK-nummer {gelezen.kvk}; {aanbieder.naam} heeft "
                f"{aanbieder.kvk_nummer}.",
            }
        )
    if Factuur.objects.filter(aanbieder=aanbieder, nummer=gelezen.nummer).exists():
        fouten.append(
            {
                "regel": None,
                "element": "cbc:ID",
                "melding": f"Factuur {gelezen.nummer} is al ontvangen; een factuurnummer is uniek.",
            }
        )
    if not Contract.objects.filter(aanbieder=aanbieder, ordernummer=gelezen.ordernummer).exists():
        fouten.append(
            {
                "regel": None,
                "element": "cac:OrderReference",
                "melding": f"Order {gelezen.ordernummer} hoort bij geen contract van "
                f"{aanbieder.naam}.",
            }
        )
    ids = {r.inschrijving for r in gelezen.regels}
    geldig = {i for i in ids if _is_uuid(i)}
    inschrijvingen = {
        str(i.uuid): i
        for i in Inschrijving.objects.filter(
            uuid__in=geldig, contractregel__contract__aanbieder=aanbieder
        ).select_related("contractregel__contract")
    }
    al = set(
        Declaratie.objects.filter(inschrijving__uuid__in=geldig)
        .exclude(status=S.AFGEWEZEN)
        .values_list("inschrijving__uuid", "periode")
    )
    for r in gelezen.regels:
        ins = inschrijvingen.get(r.inschrijving)
        if ins is None:
            melding = f"Inschrijving {r.inschrijving} is geen inschrijving van {aanbieder.naam}."
            fouten.append({"regel": r.nummer, "element": "cbc:LineID", "melding": melding})
        elif ins.contractregel.contract.ordernummer != gelezen.ordernummer:
            contract = ins.contractregel.contract
            fouten.append(
                {
                    "regel": r.nummer,
                    "element": "cbc:LineID",
                    "melding": f"De inschrijving valt onder contract {contract.kenmerk} (order "
                    f"{contract.ordernummer or 'zonder nummer'}), niet onder order "
                    f"{gelezen.ordernummer}.",
                }
            )
        elif (ins.uuid, r.periode) in al:
            fouten.append(
                {
                    "regel": r.nummer,
                    "element": "cac:InvoicePeriod",
                    "melding": f"{r.periode:%m-%Y} is voor deze inschrijving al gedeclareerd.",
                }
            )
    return fouten


def _is_uuid(waarde: str) -> bool:
    try:
        uuid.UUID(waarde)
    except ValueError:
        return False
    return True


def factuur_ontvang(*, inhoud: bytes, aanbieder, door, bestandsnaam: str = "") -> Factuur:
    """Take the invoice in as declarations, or refuse it whole (FactuurFout, nothing stored):
    a line the declaration checks reject (T01, U01, U02, E01, V01) refuses the invoice with
    that line's code and reason."""
    from declaraties.importeren import DeclaratieResource
    from kern.importeren import importeer

    gelezen = lees_factuur(inhoud)
    if fouten := _koppel(gelezen, aanbieder):
        raise FactuurFout(fouten)
    dataset = tablib.Dataset(
        headers=["inschrijving", "periode", "eenheden", "bedrag", "toelichting"]
    )
    for r in gelezen.regels:
        toelichting = f"Factuur {gelezen.nummer}, regel {r.id}"
        dataset.append([r.inschrijving, f"{r.periode:%Y-%m}", r.eenheden, r.bedrag, toelichting])
    with transaction.atomic():
        uitkomst = importeer(
            DeclaratieResource(), dataset, dry_run=False, door=door, bestandsnaam=bestandsnaam
        )
        if uitkomst.fouten:
            raise FactuurFout(
                [
                    {
                        "regel": f.get("rij") - 1 if isinstance(f.get("rij"), int) else None,
                        "element": f.get("kolom") or "",
                        "melding": f["melding"],
                    }
                    for f in uitkomst.fouten
                ]
            )
        regels = {
            (d.inschrijving.uuid, d.periode): d
            for d in Declaratie.objects.filter(
                inschrijving__uuid__in=[r.inschrijving for r in gelezen.regels]
            ).select_related("inschrijving")
        }
        afgewezen = [
            {"regel": r.nummer, "element": d.code, "melding": f"{d.code}: {d.reden}"}
            for r in gelezen.regels
            if (d := regels[(uuid.UUID(r.inschrijving), r.periode)]).status == S.AFGEWEZEN
        ]
        if afgewezen:
            raise FactuurFout(afgewezen)
        factuur = Factuur.objects.create(
            aanbieder=aanbieder,
            nummer=gelezen.nummer,
            datum=gelezen.datum,
            ordernummer=gelezen.ordernummer,
            bedrag=gelezen.bedrag,
            btw=gelezen.btw,
            te_betalen=gelezen.te_betalen,
            xml=inhoud.decode("utf-8", errors="replace"),
            ingediend_door=door,
        )
        eigen = [regels[(uuid.UUID(r.inschrijving), r.periode)].pk for r in gelezen.regels]
        Declaratie.objects.filter(pk__in=eigen).update(factuur=factuur)
    return factuur


def factuur_insturen(*, bestand, door) -> Factuur:
    """The provider's upload (page or API): its own invoice, audited whether taken in or
    refused (with the reasons; a refusal stores nothing else)."""
    from aanbod.selectors import aanbieder_van
    from kern.models import Auditregel
    from kern.services import audit_log

    aanbieder = aanbieder_van(door)
    if aanbieder is None:
        raise FactuurFout([{"regel": None, "element": "", "melding": "U bent geen aanbieder."}])
    if bestand.size > settings.IMPORT_MAX_BYTES:  # refused before it is read into memory
        raise FactuurFout(
            [{"regel": None, "element": "bestand", "melding": "Het bestand is te groot."}]
        )
    try:
        factuur = factuur_ontvang(
            inhoud=bestand.read(), aanbieder=aanbieder, door=door, bestandsnaam=bestand.name
        )
    except FactuurFout as fout:
        audit_log(
            door=door,
            actie=Auditregel.Actie.GEIMPORTEERD,
            model=Factuur._meta.label_lower,
            omschrijving=f"E-factuur {bestand.name} geweigerd ({len(fout.fouten)} reden(en))",
            gegevens={"bestand": bestand.name, "fouten": fout.fouten[:50]},
        )
        raise
    audit_log(
        door=door,
        actie=Auditregel.Actie.AANGEMAAKT,
        instance=factuur,
        gegevens={"nummer": factuur.nummer, "regels": factuur.regels.count()},
    )
    return factuur
