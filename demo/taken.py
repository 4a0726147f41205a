"""The synthetic world as background work (issue 26): a world of a hundred thousand clients
takes minutes, so the worker grows it and the task page counts the clients as they come."""

from django.conf import settings

from demo import laden, synthetisch
from kern.models import Taak
from kern.taken import TaakFout, Voortgang, taak_aanmaken
from kern.templatetags.register import getal


def wereld_aanvragen(*, door, clienten: int, seed: int) -> Taak:
    return taak_aanmaken(
        door=door,
        soort="synthetisch",
        titel=f"Synthetische wereld van {getal(clienten)} clienten (seed {seed})",
        parameters={"clienten": clienten, "seed": seed},
        totaal=clienten,
    )


def wereld_maken(taak: Taak, voortgang: Voortgang) -> tuple[str, None]:
    """As `manage.py genereer_synthetisch`: block by block, each block in its own
    transaction, so what is done stays done and the count is what is in the register."""
    if not settings.SYNTHETISCH_TOEGESTAAN:
        raise TaakFout("Een synthetische wereld mag in deze omgeving niet worden gemaakt.", [])
    p = taak.parameters
    laden.laad_catalogus_en_inkoop()

    def melding(klaar, _telling):
        voortgang.gedaan = klaar
        voortgang.bewaar()

    try:
        t = synthetisch.genereer(p["clienten"], p["seed"], melding=melding)
    except ValueError as fout:
        raise TaakFout(str(fout), []) from fout
    taak.melding = (
        f"Klaar: {getal(t.clienten)} clienten, {getal(t.inschrijvingen)} inschrijvingen, "
        f"{getal(t.rapportages)} voortgangsrapportages en {getal(t.declaraties)} declaraties "
        "erbij."
    )
    return "", None
