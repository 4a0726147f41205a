"""Which gemeenten a user may see: the one place scoping by gemeente is decided."""

from django.db.models import Exists, OuterRef

from kern.rollen import BEHEERDER, INKOPER, heeft_rol
from regio.models import Gemeente


def gemeenten_van(user) -> list[int] | None:
    """The gemeenten whose clients this user sees, or None for all of them.

    A register of one gemeente (or none yet) is not split. In a region, the beheerder and an
    inkoper of the centrumgemeente see every gemeente; anyone else sees the gemeenten they
    work for, and nothing when they work for none (cached on the user for the request)."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_gemeenten_cache"):
        user._gemeenten_cache = _bereken(user)
    return user._gemeenten_cache


def _bereken(user) -> list[int] | None:
    if heeft_rol(user, BEHEERDER):
        return None
    # One query: the region's gemeenten (a few dozen at most), each with whether the user
    # works for it.
    rijen = list(
        Gemeente.objects.annotate(
            eigen=Exists(
                Gemeente.medewerkers.through.objects.filter(gemeente=OuterRef("pk"), user=user.pk)
            )
        ).values_list("pk", "rol", "eigen")
    )
    if len(rijen) <= 1:
        return None
    eigen = [(pk, rol) for pk, rol, mijn in rijen if mijn]
    if heeft_rol(user, INKOPER) and any(rol == Gemeente.Rol.CENTRUM for _, rol in eigen):
        return None
    return [pk for pk, _ in eigen]


def in_scope(user, gemeente_id: int | None) -> bool:
    gemeenten = gemeenten_van(user)
    return gemeenten is None or gemeente_id in gemeenten
