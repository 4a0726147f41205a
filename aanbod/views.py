from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from aanbod.filters import CatalogusFilter
from aanbod.selectors import aanbieders_for, trajecten_for
from inkoop.selectors import contracten_for, contractregels_for
from kern.rollen import BEHEERDER, INKOPER, SPECIALIST
from kern.web import LijstView, RolMixin


class CatalogusView(LijstView):
    rollen = (INKOPER, BEHEERDER, SPECIALIST)
    scope = staticmethod(trajecten_for)
    filterset_class = CatalogusFilter
    template_name = "aanbod/catalogus.html"
    sorteringen = ("naam", "code", "soort", "aanbieder__naam", "duur_weken")
    standaard_sortering = "aanbieder__naam"


class AanbiederView(RolMixin, DetailView):
    rollen = (INKOPER, BEHEERDER, SPECIALIST)
    template_name = "aanbod/aanbieder.html"
    context_object_name = "aanbieder"

    def get_object(self, queryset=None):
        return get_object_or_404(aanbieders_for(self.request.user), uuid=self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, aanbieder = self.request.user, self.object
        context["trajecten"] = trajecten_for(user).filter(aanbieder=aanbieder)
        context["contracten"] = contracten_for(user).filter(aanbieder=aanbieder)
        context["regels"] = contractregels_for(user).filter(contract__aanbieder=aanbieder)
        return context
