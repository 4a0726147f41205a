from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST, rollen


def rol(request):
    """Which menus to show; the pages check the roles themselves."""
    eigen = rollen(getattr(request, "user", None))
    return {
        "rol": {
            "inkoop": bool(eigen & {INKOPER, BEHEERDER}),
            "dashboard": bool(eigen & {INKOPER, BEHEERDER, SPECIALIST}),
            "catalogus": bool(eigen & {INKOPER, BEHEERDER, SPECIALIST}),
            "clienten": bool(eigen & {SPECIALIST, BEHEERDER}),
            "portaal": AANBIEDER in eigen,
            "rapporten": bool(eigen),
            "beheer": BEHEERDER in eigen,
        }
    }
