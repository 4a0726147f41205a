import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from kern.eenheden import AANTAL, DAGEN, EURO, GETAL, PROCENT, toon
from kern.fouten import ConflictError
from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST, heeft_rol
from kern.web import DatumInvoer, RolMixin
from rapportages.basis import percentage
from rapportages.rapporten import RAPPORTEN, maak_rapport, rapporten_voor
from rapportages.signalen import signalen
from rapportages.werkboek import werkboek_aanvragen
from regio.models import Gemeente
from regio.selectors import gemeenten_van

DASHBOARD_RAPPORTEN = ("populatie", "volumes", "budget", "contracten", "wachttijden")


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
    """A short overview: what to act on (the signals), a few key figures with the report
    behind each, the demand against the places bought, and the way to every report."""

    rollen = (INKOPER, BEHEERDER, SPECIALIST)
    template_name = "rapportages/dashboard.html"

    def get_context_data(self, **kwargs):
        form = PeildatumForm(self.request.GET or None)
        peildatum = timezone.localdate()
        if form.is_valid() and form.cleaned_data["peildatum"]:
            peildatum = form.cleaned_data["peildatum"]
        elif not form.is_bound:
            form = PeildatumForm(initial={"peildatum": peildatum})
        r = {
            naam: maak_rapport(naam, user=self.request.user, peildatum=peildatum).als_dict()
            for naam in DASHBOARD_RAPPORTEN
        }
        return super().get_context_data(
            form=form,
            peildatum=peildatum,
            signalen=signalen(peildatum=peildatum, user=self.request.user),
            kerncijfers=kerncijfers(r, peildatum),
            volumes_routes=[v for v in r["volumes"]["rijen"] if v["code"]],
            populatie=[p for p in r["populatie"]["rijen"] if p["code"] != "totaal"],
            rapporten=[
                {"naam": naam, "omschrijving": RAPPORTEN[naam][1]}
                for naam in rapporten_voor(self.request.user)
            ],
            **kwargs,
        )


def kerncijfers(r: dict, peildatum: dt.date) -> list[dict]:
    """Five figures, each from its report and linking to it."""

    def rij(rapport, code):
        return next((x for x in r[rapport]["rijen"] if x.get("code") == code), {})

    def link(naam):
        return reverse("rapport-pagina", args=[naam]) + f"?peildatum={peildatum:%Y-%m-%d}"

    contracten = [c for c in r["contracten"]["rijen"] if c["niveau"] == "contract"]
    capaciteit = sum(c["capaciteit"] or 0 for c in contracten)
    bezet = sum(c["bezet"] or 0 for c in contracten)
    budget = rij("budget", "totaal")
    wacht = next(
        (w for w in r["wachttijden"]["rijen"] if w["code"].startswith("aanmelding_start")), {}
    )
    wachtend = sum(v["wachtend"] or 0 for v in r["volumes"]["rijen"] if v["code"])
    return [
        {
            "titel": "In begeleiding",
            "waarde": toon(rij("populatie", "in_begeleiding").get("aantal"), AANTAL),
            "uitleg": "clienten",
            "link": link("populatie"),
        },
        {
            "titel": "Op de wachtlijst",
            "waarde": toon(wachtend, AANTAL),
            "uitleg": "wachtend op een plaats",
            "link": link("volumes"),
        },
        {
            "titel": "Bezetting",
            "waarde": toon(percentage(bezet, capaciteit) if capaciteit else None, PROCENT),
            "uitleg": f"{toon(bezet, AANTAL)} van {toon(capaciteit, AANTAL)} plaatsen",
            "link": link("contracten"),
        },
        {
            "titel": f"Budget {r['budget']['jaar']} verplicht",
            "waarde": toon(
                percentage(budget.get("verplicht") or 0, budget["budget"])
                if budget.get("budget")
                else None,
                PROCENT,
            ),
            "uitleg": f"{toon(budget.get('verplicht'), EURO)} van "
            f"{toon(budget.get('budget'), EURO)}",
            "link": link("budget"),
        },
        {
            "titel": "Wachttijd tot de start",
            "waarde": toon(wacht.get("mediaan"), DAGEN) + " dagen" if wacht else "–",
            "uitleg": f"mediaan, {wacht.get('categorie', '')}",
            "link": link("wachttijden"),
        },
    ]


# Which column to draw as bars, per report where a chart helps (label, value, reference).
# (label, value, reference, unit of the value; which rows: level and codes left out).
GRAFIEKEN = {
    "populatie": ("categorie", "aantal", "", AANTAL),
    "uitstroomredenen": ("categorie", "aantal", "", AANTAL),
    "interventies": ("categorie", "percentage_werkt", "", PROCENT),
    "volumes": ("categorie", "vraag", "beschikbaar", AANTAL),
    "wachttijden": ("categorie", "mediaan", "", DAGEN),
    "budget": ("categorie", "verplicht", "budget", EURO),
    "kosten-baten": ("categorie", "bedrag", "", EURO),
    "resultaten": ("categorie", "percentage_volgens_plan", "", PROCENT),
    "contracten": ("contract", "bezettingsgraad", "", PROCENT),
    "prestaties": ("categorie", "ingehouden", "", EURO),
    "caseload": ("categorie", "per_fte", "", GETAL),
}
# Columns a page shows only on request ("alle kolommen"), so that on a laptop the figures a
# person acts on (money, occupancy, signals) fit beside the names; the Excel has them all.
DETAILKOLOMMEN = {
    "contracten": {
        "leerroute",
        "uren_aangeboden",
        "uren_gevolgd",
        "percentage_gevolgd",
        "verzuim_ongeoorloofd",
    },
    "volumes": {
        "clienten",
        "tegelijk_bezet",
        "starts_gebruikt",
        "wacht_p80",
        "geweigerd",
        "gecontracteerd",
        "verplicht",
        "besteed",
    },
    "resultaten": {"werk_6", "werk_12"},
}
# Rows a chart leaves out: totals, and the levels below the first.
NIET_IN_GRAFIEK = {"totaal", "saldo", "besparing"}


class RapportForm(forms.Form):
    peildatum = rapportdatum()
    van = rapportdatum(label="Periode van", help_text="Leeg: 1 januari.")
    tot = rapportdatum(label="Periode tot en met", help_text="Leeg: de peildatum.")
    gemeente = forms.ModelChoiceField(
        queryset=Gemeente.objects.none(),
        to_field_name="cbs_code",
        required=False,
        empty_label="Al uw gemeenten",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A choice only for who sees more than one gemeente; never for a provider, whose
        # reports cover its own contracts (rapportages.rapporten.maak_rapport).
        zichtbaar = gemeenten_van(user)
        keuze = Gemeente.objects.order_by("rol", "naam")
        if zichtbaar is not None:
            keuze = keuze.filter(pk__in=zichtbaar)
        if heeft_rol(user, AANBIEDER) or keuze.count() < 2:
            del self.fields["gemeente"]
            return
        self.fields["gemeente"].queryset = keuze
        if zichtbaar is None:
            self.fields["gemeente"].empty_label = "De hele regio"

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", "De periode eindigt voor ze begint.")
        return data


class RapportenView(RolMixin, TemplateView):
    """The reports one may see, and all of them at once as a workbook the worker makes."""

    rollen = (INKOPER, BEHEERDER, SPECIALIST, AANBIEDER)
    template_name = "rapportages/rapporten.html"

    def get_context_data(self, **kwargs):
        rapporten = [
            {"naam": naam, "omschrijving": RAPPORTEN[naam][1]}
            for naam in rapporten_voor(self.request.user)
        ]
        if "werkboek" not in kwargs:
            kwargs["werkboek"] = RapportForm(
                initial={"peildatum": timezone.localdate()}, user=self.request.user
            )
        return super().get_context_data(rapporten=rapporten, **kwargs)

    def post(self, request, *args, **kwargs):
        form = RapportForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(werkboek=form))
        keuze = form.cleaned_data
        try:
            taak = werkboek_aanvragen(
                door=request.user,
                peildatum=keuze["peildatum"] or timezone.localdate(),
                van=keuze.get("van"),
                tot=keuze.get("tot"),
                gemeente=keuze.get("gemeente"),
            )
        except ConflictError as fout:
            messages.error(request, " ".join(fout.messages))
            return redirect("rapporten")
        return redirect("taak", uuid=taak.uuid)


class RapportView(RolMixin, TemplateView):
    """One report as a page: its tables, a chart where it helps, the peildatum and period,
    and the same report as Excel."""

    rollen = (INKOPER, BEHEERDER, SPECIALIST, AANBIEDER)
    template_name = "rapportages/rapport.html"

    def get_context_data(self, **kwargs):
        naam = self.kwargs["naam"]
        if naam not in rapporten_voor(self.request.user):
            raise Http404
        form = RapportForm(self.request.GET or None, user=self.request.user)
        keuze = form.cleaned_data if form.is_valid() else {}
        if not form.is_bound:
            form = RapportForm(initial={"peildatum": timezone.localdate()}, user=self.request.user)
        rapport = maak_rapport(
            naam,
            user=self.request.user,
            peildatum=keuze.get("peildatum") or timezone.localdate(),
            van=keuze.get("van"),
            tot=keuze.get("tot"),
            gemeente=keuze.get("gemeente"),
        ).als_dict()
        detail = DETAILKOLOMMEN.get(naam, set())
        alle_kolommen = self.request.GET.get("kolommen") == "alle"
        verborgen = [k["titel"] for k in rapport["kolommen"] if k["naam"] in detail]
        if not alle_kolommen:
            rapport["kolommen"] = [k for k in rapport["kolommen"] if k["naam"] not in detail]
        rapport["extra_tabellen"] = [
            {**tabel, "id": f"tabel-{i}"}
            for i, tabel in enumerate((rapport.get("tabellen") or {}).values(), 1)
        ]
        query = {
            k: v
            for k, v in self.request.GET.items()
            if k in ("peildatum", "van", "tot", "gemeente")
        }
        grafiek = GRAFIEKEN.get(naam)
        titels = {k["naam"]: k["titel"] for k in rapport["kolommen"]}
        uitleg = (
            f"Balk: {titels.get(grafiek[1], grafiek[1])}; streep: "
            f"{titels.get(grafiek[2], grafiek[2])}."
            if grafiek and grafiek[2]
            else ""
        )
        return super().get_context_data(
            form=form,
            rapport=rapport,
            grafiek=grafiek,
            grafiek_uitleg=uitleg,
            verborgen_kolommen=verborgen,
            alle_kolommen=alle_kolommen,
            grafiek_rijen=[
                r
                for r in rapport["rijen"]
                if r.get("niveau") in (None, 1, "contract")
                and r.get("code", r.get("categorie")) not in NIET_IN_GRAFIEK
            ]
            if grafiek
            else [],
            excel_url=reverse("rapportage", kwargs={"naam": naam})
            + "?"
            + urlencode({**query, "format": "xlsx"}),
            **kwargs,
        )
