import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST
from kern.web import DatumInvoer, RolMixin
from rapportages.rapporten import RAPPORTEN, maak_rapport, rapporten_voor

DASHBOARD_RAPPORTEN = (
    "populatie",
    "uitstroomredenen",
    "volumes",
    "budget",
    "contracten",
    "wachttijden",
)


def rapportdatum(**kwargs) -> forms.DateField:
    """A date a report can be made for: 2000 up to 2100 (beyond that the calendar ends)."""
    from django.core.validators import MaxValueValidator, MinValueValidator

    return forms.DateField(
        widget=DatumInvoer(),
        required=False,
        validators=[
            MinValueValidator(dt.date(2000, 1, 1), "Kies een datum vanaf 01-01-2000."),
            MaxValueValidator(dt.date(2100, 12, 31), "Kies een datum tot en met 31-12-2100."),
        ],
        **kwargs,
    )


class PeildatumForm(forms.Form):
    peildatum = rapportdatum()


class DashboardView(RolMixin, TemplateView):
    rollen = (INKOPER, BEHEERDER, SPECIALIST)
    template_name = "rapportages/dashboard.html"

    def get_context_data(self, **kwargs):
        form = PeildatumForm(self.request.GET or None)
        peildatum = timezone.localdate()
        if form.is_valid() and form.cleaned_data["peildatum"]:
            peildatum = form.cleaned_data["peildatum"]
        elif not form.is_bound:
            form = PeildatumForm(initial={"peildatum": peildatum})
        rapporten = {
            naam.replace("-", "_"): maak_rapport(
                naam, user=self.request.user, peildatum=peildatum
            ).als_dict()
            for naam in DASHBOARD_RAPPORTEN
        }
        rapporten["contracten_totaal"] = [
            r for r in rapporten["contracten"]["rijen"] if r["niveau"] == "contract"
        ]
        rapporten["uitstroom_hoofd"] = [
            r
            for r in rapporten["uitstroomredenen"]["rijen"]
            if r["niveau"] == 1 and r["code"] != "totaal"
        ]
        rapporten["volumes_routes"] = [r for r in rapporten["volumes"]["rijen"] if r["code"]]
        return super().get_context_data(
            form=form,
            peildatum=peildatum,
            r=rapporten,
            tekorten=self.tekorten_vooruit(peildatum),
            **kwargs,
        )

    def tekorten_vooruit(self, peildatum: dt.date) -> list[dict]:
        """Per leerroute the first half-year ahead that is short of places, and how many
        months away it starts (from the inkoopbehoefte report)."""
        behoefte = maak_rapport("inkoopbehoefte", user=self.request.user, peildatum=peildatum)
        eerste = {}
        for rij in behoefte.rijen:
            if rij["signaal"] and rij["leerroute"] not in eerste:
                begin = dt.date.fromisoformat(rij["begin"])
                eerste[rij["leerroute"]] = {
                    **rij,
                    "maanden": (begin.year - peildatum.year) * 12 + begin.month - peildatum.month,
                }
        return list(eerste.values())


# Which column to draw as bars, per report where a chart helps (label, value, reference).
GRAFIEKEN = {
    "populatie": ("categorie", "aantal", ""),
    "uitstroomredenen": ("categorie", "aantal", ""),
    "interventies": ("categorie", "aantal", ""),
    "volumes": ("categorie", "vraag", "plaatsen"),
    "wachttijden": ("categorie", "mediaan", ""),
}


class RapportForm(forms.Form):
    peildatum = rapportdatum()
    van = rapportdatum(label="Periode van", help_text="Leeg: 1 januari.")
    tot = rapportdatum(label="Periode tot en met", help_text="Leeg: de peildatum.")

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", "De periode eindigt voor ze begint.")
        return data


class RapportenView(RolMixin, TemplateView):
    rollen = (INKOPER, BEHEERDER, SPECIALIST, AANBIEDER)
    template_name = "rapportages/rapporten.html"

    def get_context_data(self, **kwargs):
        rapporten = [
            {"naam": naam, "omschrijving": RAPPORTEN[naam][1]}
            for naam in rapporten_voor(self.request.user)
        ]
        return super().get_context_data(rapporten=rapporten, **kwargs)


class RapportView(RolMixin, TemplateView):
    """One report as a page: its tables, a chart where it helps, the peildatum and period,
    and the same report as Excel."""

    rollen = (INKOPER, BEHEERDER, SPECIALIST, AANBIEDER)
    template_name = "rapportages/rapport.html"

    def get_context_data(self, **kwargs):
        naam = self.kwargs["naam"]
        if naam not in rapporten_voor(self.request.user):
            raise Http404
        form = RapportForm(self.request.GET or None)
        keuze = form.cleaned_data if form.is_valid() else {}
        if not form.is_bound:
            form = RapportForm(initial={"peildatum": timezone.localdate()})
        rapport = maak_rapport(
            naam,
            user=self.request.user,
            peildatum=keuze.get("peildatum") or timezone.localdate(),
            van=keuze.get("van"),
            tot=keuze.get("tot"),
        ).als_dict()
        rapport["extra_tabellen"] = [
            {**tabel, "id": f"tabel-{i}"}
            for i, tabel in enumerate((rapport.get("tabellen") or {}).values(), 1)
        ]
        query = {k: v for k, v in self.request.GET.items() if k in ("peildatum", "van", "tot")}
        grafiek = GRAFIEKEN.get(naam)
        return super().get_context_data(
            form=form,
            rapport=rapport,
            grafiek=grafiek,
            grafiek_rijen=[r for r in rapport["rijen"] if r.get("niveau") in (None, 1)]
            if grafiek
            else [],
            excel_url=reverse("rapportage", kwargs={"naam": naam})
            + "?"
            + urlencode({**query, "format": "xlsx"}),
            **kwargs,
        )
