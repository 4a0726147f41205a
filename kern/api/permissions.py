from rest_framework.permissions import SAFE_METHODS, BasePermission

from kern.rollen import BEHEERDER, INKOPER, rollen


class RolPermissie(BasePermission):
    """Reading needs a role (the queryset scoping decides what is visible); writing needs one
    of the view's `schrijfrollen` (default: inkoper and beheerder)."""

    message = "U heeft geen rol die dit toestaat."

    def has_permission(self, request, view):
        eigen = rollen(request.user)
        if not eigen:
            return False
        if request.method in SAFE_METHODS:
            return True
        return bool(eigen & set(getattr(view, "schrijfrollen", (INKOPER, BEHEERDER))))
