"""The contracts as open data: an OCDS 1.1 release package (Open Contracting Data Standard).

Public money, public contracts: every awarded contract (not a concept, and nothing about a
client) as one release with the buyer, the supplier with its KvK number, the procurement
method, the value (the plafond), the period, the lot, the contract lines as items, and its
amendments: options exercised and indexations. Published at /open-data/contracten.json
without logging in. `inkoop/schema/ocds-release-package-1.1.json` holds the rules of the
standard for what this package carries; a test validates the package against it.

A gemeente registers its own OCID prefix with the Open Contracting Partnership and sets it
in OCDS_PREFIX (docs/configuratie.md)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from inkoop.models import Contract

# OCDS's closed procurementMethod codelist: open, selective, limited, direct.
METHODE = {
    Contract.Inkoopvorm.AANBESTEDING: ("open", "Aanbesteding (overheidsopdracht)"),
    Contract.Inkoopvorm.OPEN_HOUSE: (
        "open",
        "Open house: iedere aanbieder die aan de eisen voldoet",
    ),
    Contract.Inkoopvorm.INBESTEDEN: ("direct", "Inbesteding"),
    Contract.Inkoopvorm.SUBSIDIE: ("direct", "Subsidie"),
}
STATUS = {
    Contract.Status.GEGUND: "active",
    Contract.Status.OPGESCHORT: "active",
    Contract.Status.BEEINDIGD: "terminated",
}
LOTS = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json"


def _tijd(datum: dt.date, einde: bool = False) -> str:
    moment = dt.datetime.combine(datum, dt.time(23, 59, 59) if einde else dt.time(0, 0))
    return timezone.make_aware(moment).isoformat()


def _bedrag(waarde: Decimal) -> dict:
    return {"amount": float(waarde), "currency": "EUR"}


def _partij(aanbieder) -> dict:
    partij = {
        "id": f"NL-KVK-{aanbieder.kvk_nummer}"
        if aanbieder.kvk_nummer
        else f"aanbieder-{aanbieder.uuid}"
    }
    partij |= {"name": aanbieder.naam, "roles": ["supplier"]}
    if aanbieder.kvk_nummer:
        partij["identifier"] = {
            "scheme": "NL-KVK",
            "id": aanbieder.kvk_nummer,
            "legalName": aanbieder.naam,
        }
    return partij


def _wijzigingen(contract) -> list[dict]:
    wijzigingen = [
        {
            "id": f"optie-{optie.uuid}",
            "date": _tijd(optie.uitgeoefend_op),
            "rationale": "Optie tot verlenging uitgeoefend",
            "description": f"Verlengd tot {optie.verlengen_tot:%d-%m-%Y}.",
        }
        for optie in contract.opties.all()
        if optie.uitgeoefend_op
    ]
    wijzigingen += [
        {
            "id": f"indexatie-{indexatie.uuid}",
            "date": _tijd(indexatie.ingangsdatum),
            "rationale": "Indexatie van de tarieven",
            "description": f"{indexatie.percentage} % vanaf {indexatie.ingangsdatum:%d-%m-%Y}"
            + (f" ({indexatie.toelichting})" if indexatie.toelichting else ""),
        }
        for indexatie in contract.indexaties.all()
    ]
    return sorted(wijzigingen, key=lambda w: w["date"])


def _release(contract, koper: dict, betalers: list[dict]) -> dict:
    methode, toelichting = METHODE[contract.inkoopvorm]
    leverancier = _partij(contract.aanbieder)
    verwijzing = {"id": leverancier["id"], "name": leverancier["name"]}
    ocid = f"{settings.OCDS_PREFIX}-{contract.kenmerk}"
    periode = {"startDate": _tijd(contract.startdatum), "endDate": _tijd(contract.einddatum, True)}
    lots = []
    if contract.perceel:
        lot = {"id": str(contract.perceel.uuid), "title": contract.perceel.naam}
        if contract.perceel.plafond is not None:
            lot["value"] = _bedrag(contract.perceel.plafond)
        lots.append(lot)
    wijzigingen = _wijzigingen(contract)
    release = {
        "ocid": ocid,
        "id": f"{contract.kenmerk}-{contract.gewijzigd_op:%Y%m%dT%H%M%S}",
        "date": contract.gewijzigd_op.isoformat(),
        "tag": ["award", "contract"] + (["contractAmendment"] if wijzigingen else []),
        "initiationType": "tender",
        "language": "nl",
        "parties": [koper, *betalers, leverancier],
        "buyer": {"id": koper["id"], "name": koper["name"]},
        "tender": {
            "id": contract.kenmerk,
            "title": contract.omschrijving or contract.kenmerk,
            "procurementMethod": methode,
            "procurementMethodDetails": toelichting,
            "mainProcurementCategory": "services",
            "lots": lots,
        },
        "awards": [
            {
                "id": contract.kenmerk,
                "status": "active",
                "suppliers": [verwijzing],
                "value": _bedrag(contract.plafond),
                "contractPeriod": periode,
                "relatedLots": [lot["id"] for lot in lots],
            }
        ],
        "contracts": [
            {
                "id": contract.kenmerk,
                "awardID": contract.kenmerk,
                "title": contract.omschrijving or contract.kenmerk,
                "status": STATUS[contract.status],
                "value": _bedrag(contract.plafond),
                "period": periode,
                "items": [
                    {
                        "id": str(regel.uuid),
                        "description": regel.traject.naam,
                        "quantity": regel.capaciteit,
                        "unit": {
                            "name": regel.get_eenheid_display(),
                            "value": _bedrag(regel.tarief),
                        },
                    }
                    for regel in contract.regels.all()
                ],
                "amendments": wijzigingen,
            }
        ],
    }
    if not lots:
        del release["tender"]["lots"], release["awards"][0]["relatedLots"]
    return release


def ocds_pakket(uri: str) -> dict:
    """The release package of every contract that was awarded, newest change first."""
    from regio.models import Gemeente

    centrum = Gemeente.objects.filter(rol=Gemeente.Rol.CENTRUM).first()
    naam = centrum.naam if centrum else settings.GEMEENTE_NAAM
    koper = {
        "id": f"NL-CBS-{centrum.cbs_code if centrum else settings.GEMEENTE_CBS}",
        "name": f"Gemeente {naam}",
        "roles": ["buyer", "procuringEntity"],
    }
    contracten = (
        Contract.objects.exclude(status=Contract.Status.CONCEPT)
        .select_related("aanbieder", "perceel")
        .prefetch_related("opties", "indexaties", "regels__traject", "deelnames__gemeente")
        .order_by("-gewijzigd_op", "kenmerk")
    )
    releases = []
    for contract in contracten:
        betalers = [
            {
                "id": f"NL-CBS-{d.gemeente.cbs_code}",
                "name": f"Gemeente {d.gemeente.naam}",
                "roles": ["payer"],
            }
            for d in contract.deelnames.all()
            if centrum is None or d.gemeente_id != centrum.pk
        ]
        releases.append(_release(contract, koper, betalers))
    return {
        "uri": uri,
        "version": "1.1",
        "extensions": [LOTS],
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": f"Gemeente {naam}"},
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "publicationPolicy": "Alle gegunde contracten voor het inburgeringsaanbod, zonder "
        "gegevens over deelnemers.",
        "releases": releases,
    }


@require_GET
def ocds_view(request):
    """The package at a public URL; `?download=1` gives it as a file."""
    pakket = ocds_pakket(request.build_absolute_uri(request.path))
    antwoord = JsonResponse(pakket, json_dumps_params={"ensure_ascii": False, "indent": 1})
    antwoord["Access-Control-Allow-Origin"] = "*"
    if request.GET.get("download"):
        naam = f"contracten-ocds-{timezone.localdate():%Y%m%d}.json"
        antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord
