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
