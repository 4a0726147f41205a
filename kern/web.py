"""Building blocks for the pages: role checks and lists with search, filters, sorting and
pagination. Querysets always come from the model's scoping selector."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import ListView

from kern.excel import XLSX_TYPE, Blad, werkboek
from kern.fouten import ConflictError
from kern.paginator import Paginator
from kern.rollen import heeft_rol
from kern.services import exportlog
from kern.taken import met_voortgang, taak_aanmaken


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


ALLE = {
    "status": "alle statussen",
    "soort": "alle soorten",
    "inkoopvorm": "alle inkoopvormen",
    "leerroute": "alle leerroutes",
    "aanbieder": "alle aanbieders",
    "keurmerk": "met en zonder keurmerk",
    "keurmerk_status": "alle",
    "eenheid": "alle eenheden",
    "taalniveau": "alle niveaus",
    "termijn": "alle",
}


def leesbaar(form: forms.Form) -> forms.Form:
    """A filter form for people: date pickers, and "alle ..." instead of "---------"."""
    for naam, veld in form.fields.items():
        if isinstance(veld, forms.DateField):
            veld.widget = DatumInvoer(attrs=veld.widget.attrs)
        elif isinstance(veld, forms.NullBooleanField):
            veld.widget = forms.Select(choices=[("", "alle"), ("true", "ja"), ("false", "nee")])
        elif isinstance(veld, forms.ModelChoiceField):
            if not veld.empty_label or veld.empty_label.startswith("---"):
                veld.empty_label = ALLE.get(naam, "alle")
        elif hasattr(veld, "empty_label") and isinstance(veld, forms.ChoiceField):
            # django-filter's ChoiceField adds its empty choice itself, from empty_label.
            if not veld.empty_label or str(veld.empty_label).startswith("---"):
                veld.empty_label = ALLE.get(naam, "alle")
                veld.choices = [k for k in veld.choices if k[0] != ""]
        elif isinstance(veld, forms.ChoiceField):
            keuzes = list(veld.choices)
            if keuzes and keuzes[0][0] == "" and str(keuzes[0][1]).startswith("---"):
                veld.choices = [("", ALLE.get(naam, "alle")), *keuzes[1:]]
    return form


def leesbare_keuzes(form: forms.Form) -> None:
    """An edit form's empty choice in words instead of "---------": "kies ..." where a choice
    is required, "niet ingevuld" where it may stay empty."""
    for veld in form.fields.values():
        leeg = "kies …" if veld.required else "niet ingevuld"
        if isinstance(veld, forms.ModelChoiceField):
            if veld.empty_label and veld.empty_label.startswith("---"):
                veld.empty_label = leeg
        elif isinstance(veld, forms.ChoiceField):
            keuzes = list(veld.choices)
            if keuzes and keuzes[0][0] == "" and str(keuzes[0][1]).startswith("---"):
                veld.choices = [("", leeg), *keuzes[1:]]


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
    paginator_class = Paginator

    def basis_queryset(self):
        return type(self).scope(self.request.user)

    # An "Excel" download of the filtered list: the title and the sheets it is made of.
    excel_titel = ""

    def excel_bladen(self, queryset) -> list[Blad]:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if self.excel_titel and request.GET.get("formaat") == "xlsx":
            return self.excel()
        return super().get(request, *args, **kwargs)

    def excel(self):
        """The file at once, or for a long list a task in the background (kern.taken) and
        its page, where the bar moves and the file waits."""
        totaal = self.get_queryset().count()
        if totaal <= settings.EXPORT_DIRECT_MAX:
            naam, inhoud = self.excel_bestand()
            response = HttpResponse(inhoud, content_type=XLSX_TYPE)
            response["Content-Disposition"] = f'attachment; filename="{naam}"'
            return response
        try:
            taak = taak_aanmaken(
                door=self.request.user,
                soort="export",
                titel=f"{self.excel_titel} als Excel ({totaal} rijen)",
                parameters={
                    "view": f"{type(self).__module__}.{type(self).__qualname__}",
                    "pad": self.request.path,
                    "query": self.request.GET.urlencode(),
                },
                totaal=totaal,
            )
        except ConflictError as fout:
            messages.error(self.request, " ".join(fout.messages))
            return redirect(self.request.path)
        return redirect("taak", uuid=taak.uuid)

    def excel_bestand(self, rijen=None) -> tuple[str, bytes]:
        """The filtered list as .xlsx (its name and content), logged as a download; `rijen`
        counts the rows on the way for a task's progress."""
        qs = self.get_queryset()
        gekozen = []
        if self.filter is not None and self.filter.is_bound and self.filter.is_valid():
            for naam, veld in self.filter.form.fields.items():
                waarde = self.filter.form.cleaned_data.get(naam)
                if waarde in (None, "", False):
                    continue
                if isinstance(veld, forms.ChoiceField) and not isinstance(
                    veld, forms.ModelChoiceField
                ):
                    waarde = dict(veld.choices).get(waarde, waarde)
                gekozen.append((veld.label, waarde))
        inhoud = werkboek(
            self.excel_titel,
            met_voortgang(self.excel_bladen(qs), rijen),
            over=[("Filters", "; ".join(f"{k}: {v}" for k, v in gekozen) or "geen")],
        )
        naam = f"{self.excel_titel.lower().replace(' ', '-')}-{timezone.localdate():%Y%m%d}.xlsx"
        exportlog(self.request, naam=naam, filters=dict(gekozen))
        return naam, inhoud

    def get_queryset(self):
        qs = self.basis_queryset()
        self.filter = None
        if self.filterset_class is not None:
            self.filter = self.filterset_class(
                self.request.GET or None, queryset=qs, request=self.request
            )
            leesbaar(self.filter.form)
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
        if context["filter"] is not None:
            leesbaar(context["filter"].form)
        if self.excel_titel:
            query = self.request.GET.copy()
            query.pop(self.page_kwarg, None)
            query["formaat"] = "xlsx"
            context["excel_url"] = "?" + query.urlencode()
        context["standaard_sortering"] = self.standaard_sortering
        context["gefilterd"] = bool(self.request.GET.get("q") or len(self.request.GET) > 1)
        return context
