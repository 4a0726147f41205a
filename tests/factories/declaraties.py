"""Paying in a test as the register pays: one person prepares the batch, another releases it."""

from declaraties.selectors import betaalbatches_for
from declaraties.services import betaalbatch_maak, betaalbatch_vrijgeven
from tests.factories.kern import UserFactory


def betaal(declaraties, *, door=None, omschrijving=""):
    """Prepare a batch of `declaraties` (by `door`) and have a second person, a beheerder
    without a limit, release it; returns the released batch."""
    batch = betaalbatch_maak(declaraties=declaraties, door=door, omschrijving=omschrijving)
    tweede = UserFactory(username="tweede-paar-ogen", rol="beheerder")
    bedrag = betaalbatches_for(tweede).get(pk=batch.pk).bedrag
    return betaalbatch_vrijgeven(batch=batch, bedrag=bedrag, door=tweede)
