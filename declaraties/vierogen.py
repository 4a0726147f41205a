"""Four eyes on money: who may approve a declaration line and release a payment batch.

A line above `VIER_OGEN_VANAF` is approved by two different people, a batch is released by
another than who prepared it, and nobody approves or releases more than their role's
mandate (`MANDAAT`). Every path (pages, API, demo, a command) goes through the services,
which ask these rules; the admin offers neither model to edit."""

from decimal import Decimal

from django.conf import settings

from kern.formaten import euro
from kern.rollen import BEHEERDER, INKOPER, rollen


def vier_ogen_nodig(bedrag: Decimal) -> bool:
    return bedrag > settings.VIER_OGEN_VANAF


def mandaat(user) -> Decimal | None:
    """The largest amount this person may approve or release: the widest of their roles'
    mandates (None: no limit). Someone without a role that approves has a mandate of 0."""
    if user is None or not user.is_authenticated:
        return Decimal("0")
    grenzen = [
        settings.MANDAAT.get(rol, Decimal("0")) for rol in rollen(user) & {INKOPER, BEHEERDER}
    ]
    if not grenzen:
        return Decimal("0")
    return None if None in grenzen else max(grenzen)


def binnen_mandaat(user, bedrag: Decimal) -> bool:
    if not rollen(user) & {INKOPER, BEHEERDER}:
        return False
    grens = mandaat(user)
    return grens is None or bedrag <= grens


def mandaat_tekst(user) -> str:
    grens = mandaat(user)
    return "onbeperkt" if grens is None else euro(grens)


def zelfde_persoon(user, ander_id: int | None) -> bool:
    """The same person as the one who did the first step, or no person at all: a system
    call is never the second pair of eyes."""
    return user is None or not user.is_authenticated or user.pk == ander_id
