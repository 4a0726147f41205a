"""The four roles are Django groups. The user's groups are read once per request and cached."""

INKOPER = "inkoper"
SPECIALIST = "specialist"
AANBIEDER = "aanbieder"
BEHEERDER = "beheerder"
ALLE_ROLLEN = (INKOPER, SPECIALIST, AANBIEDER, BEHEERDER)


def rollen(user) -> frozenset[str]:
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_rollen_cache", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(BEHEERDER)
        cached = frozenset(names & set(ALLE_ROLLEN))
        user._rollen_cache = cached
    return cached


def heeft_rol(user, *gevraagd: str) -> bool:
    return bool(rollen(user) & set(gevraagd))


def ziet_alles(user) -> bool:
    """Beheerders and inkopers see the whole catalogue and every contract."""
    return heeft_rol(user, BEHEERDER, INKOPER)


# Model permissions per role (app_label -> models; None = every model of the app). Only
# beheerders and inkopers work in the admin; specialists and providers use the API and pages.
_RECHTEN = {
    BEHEERDER: {
        "aanbod": None,
        "inkoop": None,
        "registratie": None,
        "declaraties": None,
        "kern": None,
        "regio": None,
        "financien": None,
        "auth": ["user", "group"],
        "authtoken": None,
    },
    INKOPER: {"aanbod": ["aanbieder", "traject"], "inkoop": None},
}
# The inkoper books on the funding streams the beheerder keeps (with finance's ledger codes).
_ALLEEN_LEZEN = {
    INKOPER: {"aanbod": ["leerroute"], "financien": ["financieringsbron"]},
    BEHEERDER: {},
}


def richt_rollen_in() -> None:
    """Create the four groups and give them their permissions; safe to run again."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for rol in ALLE_ROLLEN:
        groep, _ = Group.objects.get_or_create(name=rol)
        voorwaarde = Q(pk__in=[])
        for app, modellen in _RECHTEN.get(rol, {}).items():
            deel = Q(content_type__app_label=app)
            if modellen is not None:
                deel &= Q(content_type__model__in=modellen)
            voorwaarde |= deel
        for app, modellen in _ALLEEN_LEZEN.get(rol, {}).items():
            voorwaarde |= Q(
                content_type__app_label=app,
                content_type__model__in=modellen,
                codename__startswith="view_",
            )
        groep.permissions.set(Permission.objects.filter(voorwaarde))
