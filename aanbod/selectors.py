"""Reads of the catalogue. Every queryset that reaches a person or system starts here."""

from django.db.models import QuerySet

from aanbod.models import Aanbieder, AanbiederGebruiker, Traject
from kern.rollen import AANBIEDER, SPECIALIST, heeft_rol, ziet_alles


def aanbieder_van(user) -> Aanbieder | None:
    """The provider an aanbieder user works for (cached on the user for the request)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_aanbieder_cache"):
        koppeling = (
            AanbiederGebruiker.objects.select_related("aanbieder").filter(gebruiker=user).first()
        )
        user._aanbieder_cache = koppeling.aanbieder if koppeling else None
    return user._aanbieder_cache


def aanbieders_for(user) -> QuerySet[Aanbieder]:
    qs = Aanbieder.objects.all()
    if ziet_alles(user) or heeft_rol(user, SPECIALIST):
        return qs
    if heeft_rol(user, AANBIEDER) and (eigen := aanbieder_van(user)) is not None:
        return qs.filter(pk=eigen.pk)
    return qs.none()


def trajecten_for(user) -> QuerySet[Traject]:
    qs = Traject.objects.select_related("aanbieder").prefetch_related("leerroutes")
    if ziet_alles(user) or heeft_rol(user, SPECIALIST):
        return qs
    if heeft_rol(user, AANBIEDER) and (eigen := aanbieder_van(user)) is not None:
        return qs.filter(aanbieder=eigen)
    return qs.none()
