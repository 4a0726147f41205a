"""The payment batch as the financial system books it (issue 25): one line per declaration
and funding stream, with what finance books on: the provider's KvK number and IBAN, the
contract's purchase-order number, and the stream's ledger account and cost centre. A
declaration on a line paid from two streams (inkoop.Bronverdeling) becomes two lines whose
amounts add up to it to the cent. The layout is documented in docs/api.md."""

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.utils import timezone

from declaraties.models import Betaalbatch, Declaratie
from kern.excel import GELD as GELDKOLOM
from kern.excel import GETAL, TEKST, XLSX_TYPE, Blad, Kolom, ontmijn, werkboek
from registratie.models import Inschrijving

CENT = Decimal("0.01")
BATCHKOLOMMEN = [
    ("Betaalbatch", TEKST),
    ("Aanbieder", TEKST),
    ("KvK-nummer", TEKST),
    ("IBAN", TEKST),
    ("Contract", TEKST),
    ("Ordernummer", TEKST),
    ("Financieringsbron", TEKST),
    ("Grootboekrekening", TEKST),
    ("Kostenplaats", TEKST),
    ("Traject", TEKST),
    ("Clientnummer", TEKST),
    ("Inschrijving", TEKST),
    ("Periode", TEKST),
    ("Factuurnummer", TEKST),
    ("Eenheden", GETAL),
    ("Bedrag", GELDKOLOM),
    ("Ingehouden (prestatiedeel)", GELDKOLOM),
    ("Uit te betalen", GELDKOLOM),
]


def verdeel(bedrag: Decimal | None, delen: list[Decimal]) -> list[Decimal | None]:
    """An amount over parts (fractions adding up to 1), to the cent; the last part takes
    what rounding leaves, so the parts add up to the amount exactly."""
    if bedrag is None:
        return [None] * len(delen)
    uit = [(bedrag * deel).quantize(CENT, ROUND_HALF_UP) for deel in delen[:-1]]
    return [*uit, bedrag - sum(uit, Decimal("0"))]


def _bronnen(regel) -> list[tuple]:
    """The line's streams and their parts; a line without a financing: one part, no stream."""
    verdeling = list(regel.bronverdeling.all())
    if not verdeling:
        return [(None, Decimal(1))]
    return [(b.bron, b.aandeel / 100) for b in verdeling]


def _regels(batch: Betaalbatch, inschrijving, periode, bedragen: list, factuur="") -> list[list]:
    """The booking lines of one amount (a declaration or a released prestatiedeel); the
    provider's invoice number when the line came as an e-invoice."""
    regel = inschrijving.contractregel
    contract, aanbieder = regel.contract, regel.contract.aanbieder
    bronnen = _bronnen(regel)
    delen = [verdeel(b, [deel for _, deel in bronnen]) for b in bedragen]
    uit = []
    for n, (bron, _) in enumerate(bronnen):
        uit.append(
            [
                batch.nummer,
                aanbieder.naam,
                aanbieder.kvk_nummer,
                aanbieder.iban,
                contract.kenmerk,
                contract.ordernummer,
                bron.naam if bron else "",
                bron.grootboekrekening if bron else "",
                bron.kostenplaats if bron else "",
                regel.traject.naam,
                inschrijving.client.clientnummer,
                str(inschrijving.uuid),
                periode,
                factuur,
                *(deel[n] for deel in delen),
            ]
        )
    return uit


def _rijen(batch: Betaalbatch) -> list[list]:
    rijen = []
    for d in (
        batch.regels.select_related(
            "inschrijving__client",
            "inschrijving__contractregel__traject",
            "inschrijving__contractregel__contract__aanbieder",
            "factuur",
        )
        .prefetch_related("inschrijving__contractregel__bronverdeling__bron")
        .order_by("inschrijving__contractregel__contract__kenmerk", "periode", "pk")
    ):
        bedragen = [d.eenheden, d.bedrag, d.ingehouden, d.uit_te_betalen]
        factuur = d.factuur.nummer if d.factuur else ""
        rijen += _regels(batch, d.inschrijving, d.periode.strftime("%Y-%m"), bedragen, factuur)
    vrijgaven = (
        Inschrijving.objects.filter(prestatie_betaalbatch=batch)
        .select_related("client", "contractregel__traject", "contractregel__contract__aanbieder")
        .prefetch_related("contractregel__bronverdeling__bron")
        .annotate(
            vrij=Sum(
                "declaraties__ingehouden",
                filter=Q(declaraties__status=Declaratie.Status.BETAALD),
            )
        )
        .order_by("contractregel__contract__kenmerk", "pk")
    )
    for i in vrijgaven:
        bedragen = [None, None, None, i.vrij or Decimal("0.00")]
        rijen += _regels(batch, i, "prestatiedeel", bedragen)
    return rijen


def betaalbatch_bestand(batch: Betaalbatch, formaat: str) -> tuple[bytes, str]:
    """The batch for the financial system: the booking lines, and the total per provider on
    its own sheet (XLSX); CSV has the lines only, cells defused. Only a released batch: what
    the financial system takes, it pays."""
    if not batch.vrijgegeven:
        raise ValidationError(
            {
                "betaalbatch": f"Betaalbatch {batch.nummer} is nog niet vrijgegeven; een tweede "
                "persoon geeft hem vrij, daarna is het bestand er."
            }
        )
    rijen = _rijen(batch)
    if formaat == "csv":
        buffer = io.StringIO()
        schrijver = csv.writer(buffer, delimiter=";")
        schrijver.writerow([k for k, _ in BATCHKOLOMMEN])
        for rij in rijen:
            schrijver.writerow(
                [str(w).replace(".", ",") if isinstance(w, Decimal) else ontmijn(w) for w in rij]
            )
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
    totalen: dict = {}
    for rij in rijen:
        sleutel = (rij[1], rij[2], rij[3])
        totalen[sleutel] = totalen.get(sleutel, Decimal("0")) + rij[-1]
    inhoud = werkboek(
        f"Betaalbatch {batch.nummer}",
        [
            Blad("Regels", [Kolom(k, s) for k, s in BATCHKOLOMMEN], rijen),
            Blad(
                "Per aanbieder",
                [
                    Kolom("Aanbieder"),
                    Kolom("KvK-nummer"),
                    Kolom("IBAN"),
                    Kolom("Uit te betalen", GELDKOLOM),
                ],
                [[*sleutel, bedrag] for sleutel, bedrag in sorted(totalen.items())],
            ),
        ],
        over=[
            ("Betaalbatch", batch.nummer),
            ("Aangemaakt", timezone.localtime(batch.aangemaakt_op).strftime("%d-%m-%Y %H:%M")),
        ],
    )
    return inhoud, XLSX_TYPE
