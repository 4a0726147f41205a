"""The demo's region: the gemeenten, who works for which, the joint contracts' key, and a
client who moves."""

import datetime as dt

# The arbeidsmarktregio Zuidoost-Brabant, in part: Eindhoven contracts for the region.
GEMEENTEN = [
    # naam, CBS-code, rol, who works for it
    ("Eindhoven", "0772", "centrum", ["inkoper", "specialist", "specialist2"]),
    ("Helmond", "0794", "deelnemend", ["specialist-helmond"]),
    ("Veldhoven", "0861", "deelnemend", ["specialist-veldhoven"]),
    ("Best", "0753", "deelnemend", ["specialist-best"]),
]
# The region's joint contracts (the two tenders) and each gemeente's share in per cent; the
# other contracts are Eindhoven's own, open to every gemeente's clients.
DEELNAMES = {
    kenmerk: {"Eindhoven": 70, "Helmond": 15, "Veldhoven": 10, "Best": 5}
    for kenmerk in ("INB-2025-101", "INB-2025-102")
}

# Each deelnemende gemeente's own money and plans beside the region's (the demo's other
# budgets, cost posts and prognoses are the region's together, kept by Eindhoven):
# budgets (year, route, amount, volume), a cost post, prognoses (year, half, number) and
# its specialist's fte.
PLANNING = {
    "Helmond": {
        "budgetten": [(2026, "b1", "180000.00", 12), (2026, "z", "36000.00", 3)],
        "kostenposten": [(2026, "formatie", "Klantmanager inburgering Helmond", "88000.00")],
        "prognoses": [(2027, 1, 9), (2027, 2, 8)],
        "formatie": ("specialist-helmond", "1.00"),
    },
    "Veldhoven": {
        "budgetten": [(2026, "b1", "96000.00", 6)],
        "kostenposten": [(2026, "formatie", "Klantmanager inburgering Veldhoven", "46000.00")],
        "prognoses": [(2027, 1, 4), (2027, 2, 4)],
        "formatie": ("specialist-veldhoven", "0.50"),
    },
    "Best": {
        "budgetten": [(2026, "b1", "48000.00", 3)],
        "kostenposten": [],
        "prognoses": [(2027, 1, 2), (2027, 2, 2)],
        "formatie": ("specialist-best", "0.40"),
    },
}
FORMATIE_VAN = {"specialist": "Eindhoven", "specialist2": "Eindhoven"}
# Which funding stream pays what (financien.Financieringsbron): every budget and bought line
# the SPUK Wi2021, except the work trajecten, half paid from the participatiebudget, and the
# employer projects, from ESF+ (the evaluation's Werkclub had ESF money).
BRON_STANDAARD = "spuk-wi2021"
# Finance's ledger account and cost centre per stream (an example chart of accounts).
GROOTBOEK = {
    "spuk-wi2021": ("4471100", "6210"),
    "gemeentefonds": ("4471200", "6210"),
    "participatiebudget": ("4461000", "6200"),
    "esf": ("4475000", "6200"),
    "eigen-middelen": ("4479000", "6210"),
}
FINANCIERING_PER_SOORT = {
    "werkfit": {"spuk-wi2021": 50, "participatiebudget": 50},
    "werkgeversproject": {"esf": 100},
}


def verhuizing_in_de_regio(vandaag: dt.date) -> None:
    """One Eindhoven client in guidance moved to Helmond a month ago; Helmond took over."""
    from regio.models import Gemeente
    from registratie.models import Client
    from registratie.verhuizing import client_verhuis

    client = (
        Client.objects.filter(gemeente__naam="Eindhoven", status=Client.Status.IN_BEGELEIDING)
        .order_by("clientnummer")
        .first()
    )
    if client is not None:
        client_verhuis(
            client=client,
            datum=vandaag - dt.timedelta(days=30),
            naar=Gemeente.objects.get(naam="Helmond"),
            toelichting="Woning via de woningcorporatie in Helmond.",
            door=client.specialist,
        )
