"""Building blocks for the pages: role checks and lists with search, filters, sorting and
pagination. Querysets always come from the model's scoping selector."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.views.generic import ListView

from kern.rollen import heeft_rol


class RolMixin(LoginRequiredMixin):
    rollen: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not heeft_rol(request.user, *self.rollen):
            raise PermissionDenied("Deze pagina hoort niet bij uw rol.")
        return super().dispatch(request, *args, **kwargs)


class LijstView(RolMixin, ListView):
    """A list page: `scope(user)` gives the rows, `filterset_class` the search form,
    `sorteringen` the columns one may sort on (anything else is ignored)."""

    scope = None
    filterset_class = None
    sorteringen: tuple[str, ...] = ()
    standaard_sortering = ""
    paginate_by = 25
    page_kwarg = "pagina"

    def basis_queryset(self):
        return type(self).scope(self.request.user)

    def get_queryset(self):
        qs = self.basis_queryset()
        self.filter = None
        if self.filterset_class is not None:
            self.filter = self.filterset_class(
                self.request.GET or None, queryset=qs, request=self.request
            )
            if self.filter.is_bound and self.filter.is_valid():
                qs = self.filter.qs
        sortering = self.request.GET.get("sortering", self.standaard_sortering)
        if sortering.lstrip("-") in self.sorteringen:
            qs = qs.order_by(sortering, "pk")
        elif self.standaard_sortering:
            qs = qs.order_by(self.standaard_sortering, "pk")
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filter or (
            self.filterset_class(queryset=self.basis_queryset(), request=self.request)
            if self.filterset_class
            else None
        )
        context["standaard_sortering"] = self.standaard_sortering
        context["gefilterd"] = bool(self.request.GET.get("q") or len(self.request.GET) > 1)
        return context
