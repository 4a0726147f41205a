from rest_framework.permissions import SAFE_METHODS

from inkoop.selectors import beheert_contracten
from kern.api.permissions import RolPermissie


class BeheertContracten(RolPermissie):
    """Reading as every role may; changing a contract or its regels only for who manages
    the contracts (inkoop.selectors.beheert_contracten): not a deelnemende gemeente."""

    message = "De contracten beheert de centrumgemeente; u kunt ze inzien."

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        return request.method in SAFE_METHODS or beheert_contracten(request.user)
