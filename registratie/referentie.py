"""The 'niet in beeld' reference list: DUO's or the BRP's list of the gemeente's
inburgeringsplichtigen, matched against the register by clientnummer or BSN. Whoever is on
it and not in the register completes the sixth population category. All or nothing."""

import datetime as dt

from django.db import transaction

from kern.importeren import ImportUitkomst, normaliseer_kop
from kern.models import Auditregel
from kern.services import audit_log
from registratie.models import Client, Referentielijst, Referentiepersoon, elfproef
from registratie.models.keuzes import bsn_sleutel
from registratie.monitoring import normaliseer_clientnummer


def _tekst(waarde) -> str:
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    return "" if waarde is None else "".join(str(waarde).split())


def referentielijst_importeer(
    dataset, *, peildatum: dt.date, bron: str, bestandsnaam: str, door, dry_run: bool = False
) -> tuple[ImportUitkomst, Referentielijst | None]:
    """Read a list with a column BSN and/or clientnummer; each row needs one of them. Rows
    are matched to clients; `nieuw` counts the people on the list, `ongewijzigd` those
    already in the register, and the rest are niet in beeld."""
    uitkomst = ImportUitkomst(dry_run=dry_run)
    koppen = [normaliseer_kop(k) for k in dataset.headers or []]
    if "bsn" not in koppen and "clientnummer" not in koppen:
        uitkomst.fouten = [
            {
                "rij": 1,
                "kolom": "bsn",
                "melding": "Het bestand heeft geen kolom BSN of clientnummer.",
            }
        ]
        return uitkomst, None
    if bron not in Referentielijst.Bron.values:
        uitkomst.fouten = [{"rij": 0, "kolom": "bron", "melding": f"Onbekende bron '{bron}'."}]
        return uitkomst, None
    fouten, gelezen, gezien = [], [], {}
    for nummer, waarden in enumerate(dataset, 2):
        rij = dict(zip(koppen, waarden, strict=False))
        bsn = _tekst(rij.get("bsn"))
        nummer_client = normaliseer_clientnummer(rij.get("clientnummer")) or ""
        if not bsn and not nummer_client:
            if any(v not in (None, "") for v in waarden):
                fouten.append(
                    {"rij": nummer, "kolom": "bsn", "melding": "Vul een BSN of clientnummer in."}
                )
            continue
        if bsn and len(bsn) == 8 and bsn.isdigit():
            bsn = "0" + bsn  # a spreadsheet drops the leading zero
        if bsn and not elfproef(bsn):
            fouten.append(
                {"rij": nummer, "kolom": "bsn", "melding": f"'{bsn}' is geen geldig BSN."}
            )
            continue
        sleutel = bsn or f"#{nummer_client}"
        if sleutel in gezien:
            fouten.append(
                {
                    "rij": nummer,
                    "kolom": "bsn" if bsn else "clientnummer",
                    "melding": f"Deze persoon staat ook op rij {gezien[sleutel]}.",
                }
            )
            continue
        gezien[sleutel] = nummer
        gelezen.append((nummer, nummer_client, bsn))
    uitkomst.fouten = fouten
    if fouten:
        return uitkomst, None
    op_nummer = dict(Client.objects.values_list("clientnummer", "pk"))
    # The BSN is encrypted at rest; its search key finds it without decrypting anyone.
    sleutels = {bsn: bsn_sleutel(bsn) for _, _, bsn in gelezen if bsn}
    lijst_sleutels, op_sleutel = list(sleutels.values()), {}
    for i in range(0, len(lijst_sleutels), 900):  # SQLite's bound on parameters
        op_sleutel.update(
            Client.objects.filter(bsn_sleutel__in=lijst_sleutels[i : i + 900]).values_list(
                "bsn_sleutel", "pk"
            )
        )
    op_bsn = {bsn: op_sleutel.get(sleutel) for bsn, sleutel in sleutels.items()}
    personen = []
    for nummer, nummer_client, bsn in gelezen:
        client = op_nummer.get(nummer_client) if nummer_client else None
        client = client or (op_bsn.get(bsn) if bsn else None)
        personen.append(
            Referentiepersoon(
                rij=nummer, clientnummer=nummer_client, bsn=bsn or None, client_id=client
            )
        )
    uitkomst.nieuw = len(personen)
    uitkomst.ongewijzigd = sum(1 for p in personen if p.client_id)
    if dry_run:
        return uitkomst, None
    with transaction.atomic():
        lijst = Referentielijst.objects.create(
            peildatum=peildatum, bron=bron, bestandsnaam=bestandsnaam, geimporteerd_door=door
        )
        for p in personen:
            p.lijst = lijst
        Referentiepersoon.objects.bulk_create(personen, batch_size=2000)
        regel = audit_log(
            door=door,
            actie=Auditregel.Actie.GEIMPORTEERD,
            instance=lijst,
            omschrijving=f"Referentielijst {bestandsnaam}: {uitkomst.nieuw} personen, "
            f"{uitkomst.nieuw - uitkomst.ongewijzigd} niet in beeld",
            gegevens={"bestand": bestandsnaam, "personen": uitkomst.nieuw, "bron": bron},
        )
        uitkomst.auditregel = regel.pk
    return uitkomst, lijst


def personen_niet_in_beeld(lijst: Referentielijst):
    """Who on the list is not in the register: not matched at import, and no client with
    that clientnummer since."""
    bekend = Client.objects.exclude(clientnummer="").values("clientnummer")
    return lijst.personen.filter(client__isnull=True).exclude(clientnummer__in=bekend)


def niet_in_beeld(peildatum: dt.date) -> tuple[Referentielijst | None, int]:
    """The latest list on or before the peildatum, and how many on it are not in the register."""
    lijst = Referentielijst.objects.filter(peildatum__lte=peildatum).first()
    if lijst is None:
        return None, 0
    return lijst, personen_niet_in_beeld(lijst).count()
