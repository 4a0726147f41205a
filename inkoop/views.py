from decimal import Decimal

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView

from aanbod.selectors import aanbieders_for, trajecten_for
from inkoop.filters import ContractenFilter
from inkoop.forms import (
    ContractForm,
    ContractregelForm,
    DeelnamesForm,
    FinancieringForm,
    IndexatieForm,
    OptieForm,
)
from inkoop.models import Optie
from inkoop.selectors import (
    beheert_contracten,
    contract_verplichting_per_maand,
    contracten_for,
    contractregels_for,
)
from inkoop.services import bronnen_vastleggen, deelnames_vastleggen, optie_uitoefenen
from kern.excel import DATUM, GEHEEL, GELD, PROCENT, Blad, Kolom
from kern.formaten import euro, veldwaarde
from kern.models import Auditregel
from kern.rollen import BEHEERDER, INKOPER, SPECIALIST
from kern.services import form_opslaan
from kern.web import LijstView, RolMixin

INKOOP = (INKOPER, BEHEERDER)


class ContractenView(LijstView):
    rollen = INKOOP
    scope = staticmethod(contracten_for)
    filterset_class = ContractenFilter
    template_name = "inkoop/contracten.html"
    sorteringen = (
        "kenmerk",
        "aanbieder__naam",
        "startdatum",
        "einddatum",
        "plafond",
        "verplicht_bedrag",
        "ruimte_onder_plafond",
    )
    standaard_sortering = "-startdatum"
    excel_titel = "Contracten"

    def get_context_data(self, **kwargs):
        return super().get_context_data(beheren=beheert_contracten(self.request.user), **kwargs)

    def excel_bladen(self, queryset):
        """Contract totals and their regels on separate sheets: a SUM never counts twice."""
        contracten = list(queryset)
        contract = [
            Kolom("Kenmerk"),
            Kolom("Aanbieder"),
            Kolom("Inkoopvorm"),
            Kolom("Perceel"),
            Kolom("Startdatum", DATUM),
            Kolom("Einddatum", DATUM),
            Kolom("Status"),
            Kolom("Plafond", GELD),
            Kolom("Verplicht", GELD),
            Kolom("Ruimte onder plafond", GELD),
        ]
        regel = [
            Kolom("Contract"),
            Kolom("Aanbieder"),
            Kolom("Traject"),
            Kolom("Leerroute"),
            Kolom("Eenheid"),
            Kolom("Tarief", GELD),
            Kolom("Capaciteit", GEHEEL),
            Kolom("Capaciteitsvorm"),
            Kolom("Bezet", GEHEEL),
            Kolom("Vrij", GEHEEL),
            Kolom("Bezetting", PROCENT),
        ]
        regels = contractregels_for(self.request.user).filter(contract__in=contracten)
        return [
            Blad(
                "Contracten",
                contract,
                [
                    [
                        c.kenmerk,
                        c.aanbieder.naam,
                        c.get_inkoopvorm_display(),
                        c.perceel.naam if c.perceel else "",
                        c.startdatum,
                        c.einddatum,
                        c.get_status_display(),
                        c.plafond,
                        c.verplicht_bedrag,
                        c.ruimte_onder_plafond,
                    ]
                    for c in contracten
                ],
            ),
            Blad(
                "Regels",
                regel,
                [
                    [
                        r.contract.kenmerk,
                        r.contract.aanbieder.naam,
                        r.traject.naam,
                        r.leerroute.naam if r.leerroute else "routevrij",
                        r.get_eenheid_display(),
                        r.tarief,
                        r.capaciteit,
                        r.get_capaciteitsvorm_display(),
                        r.bezet,
                        r.vrij,
                        r.bezettingsgraad,
                    ]
                    for r in regels.order_by("contract__kenmerk", "traject__naam")
                ],
            ),
        ]


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _verdeling(aandelen: dict) -> str:
    # Largest share first: the stored JSON keeps no order (PostgreSQL's jsonb sorts keys).
    op_aandeel = sorted(aandelen.items(), key=lambda kv: (-Decimal(kv[1]), kv[0]))
    return ", ".join(f"{naam} {floatformat(a, -2)} %" for naam, a in op_aandeel) or "–"


def _wijziging(model, veld: str, waarde) -> str:
    if isinstance(waarde, dict) and "voor" in waarde and "na" in waarde:
        # A split (verdeelsleutel, financing) before and after.
        titel = {"deelnames": "Verdeelsleutel", "financiering": "Financiering"}.get(veld, veld)
        return f"{titel}: {_verdeling(waarde['voor'])} → {_verdeling(waarde['na'])}"
    if isinstance(waarde, dict) and "nieuw" in waarde:
        label, oud = veldwaarde(model, veld, waarde["oud"])
        return f"{label}: {oud} → {veldwaarde(model, veld, waarde['nieuw'])[1]}"
    label, tekst = veldwaarde(model, veld, waarde)
    return f"{label}: {tekst}"


def _deelnames(contract, regels) -> list[dict]:
    """Per deelnemende gemeente its share and, per line, its places and how many it uses."""
    uit = []
    for d in contract.deelnames.select_related("gemeente"):
        uit.append(
            {
                "deelname": d,
                "regels": [
                    {
                        "regel": r,
                        "plaatsen": d.plaatsen(r.capaciteit),
                        "bezet": r.bezetting(gemeente=d.gemeente_id),
                    }
                    for r in regels
                ],
            }
        )
    return uit


class ContractView(RolMixin, DetailView):
    rollen = INKOOP
    template_name = "inkoop/contract.html"
    context_object_name = "contract"

    def get_object(self, queryset=None):
        return get_object_or_404(contracten_for(self.request.user), uuid=self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract = self.object
        context["regels"] = (
            contractregels_for(self.request.user)
            .filter(contract=contract)
            .prefetch_related("bronverdeling__bron")
        )
        # Budget burn-down: what is left under the plafond after each month's enrolments.
        verloop, totaal = [], 0
        for m in contract_verplichting_per_maand(contract):
            totaal += m["bedrag"]
            verloop.append(
                {
                    "maand": m["maand"].strftime("%m-%Y"),
                    "verplicht": totaal,
                    "resterend": contract.plafond - totaal,
                    "signaal": contract.plafond - totaal < 0,
                }
            )
        context["verloop"] = verloop
        context["indexaties"] = contract.indexaties.select_related("contractregel__traject")
        context["deelnames"] = _deelnames(contract, context["regels"])
        context["beheren"] = beheert_contracten(self.request.user)
        if contract.perceel_id and contract.perceel.plafond is not None:
            context["perceel_verplicht"] = contract.perceel.verplicht()
        vandaag = timezone.localdate()
        context["opties"] = [
            {"optie": o, "vervallen": o.vervallen(vandaag)}
            for o in contract.opties.select_related("uitgeoefend_door")
        ]
        # The contract's history: every change to it, its regels, indexations and options.
        uuids = [
            contract.uuid,
            *context["regels"].values_list("uuid", flat=True),
            *contract.indexaties.values_list("uuid", flat=True),
            *contract.opties.values_list("uuid", flat=True),
        ]
        context["geschiedenis"] = [
            {
                "regel": a,
                "wijzigingen": "; ".join(
                    _wijziging(_model(a.model), k, w) for k, w in a.gegevens.items()
                ),
            }
            for a in Auditregel.objects.filter(object_uuid__in=uuids)[:50]
        ]
        return context


class CentrumMixin:
    """The centrumgemeente's inkoper (or the beheerder) manages the contracts; a deelnemende
    gemeente's inkoper reads those it may use (403 on every change)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not beheert_contracten(request.user):
            raise PermissionDenied("De contracten beheert de centrumgemeente; u kunt ze inzien.")
        return super().dispatch(request, *args, **kwargs)


class ContractBewerkenView(CentrumMixin, RolMixin, FormView):
    rollen = INKOOP
    template_name = "inkoop/contract_form.html"
    form_class = ContractForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "uuid" in self.kwargs:
            kwargs["instance"] = get_object_or_404(
                contracten_for(self.request.user), uuid=self.kwargs["uuid"]
            )
        return kwargs

    def form_valid(self, form):
        contract, nieuw = form_opslaan(form, door=self.request.user)
        messages.success(
            self.request,
            f"Contract {contract.kenmerk} is {'aangemaakt' if nieuw else 'bijgewerkt'}.",
        )
        return redirect("contract", uuid=contract.uuid)


class ContractregelBewerkenView(CentrumMixin, RolMixin, FormView):
    rollen = INKOOP
    template_name = "inkoop/contractregel_form.html"
    form_class = ContractregelForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        if "regel" in kwargs:
            self.regel = get_object_or_404(contractregels_for(request.user), uuid=kwargs["regel"])
            self.contract = self.regel.contract
        else:
            self.regel = None
            self.contract = get_object_or_404(contracten_for(request.user), uuid=kwargs["uuid"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["contract"] = self.contract
        if self.regel is not None:
            kwargs["instance"] = self.regel
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(contract=self.contract, regel=self.regel, **kwargs)

    def form_valid(self, form):
        regel, _ = form_opslaan(form, door=self.request.user)
        messages.success(
            self.request,
            f"{regel.traject.naam}: {regel.capaciteit} plaatsen à {euro(regel.tarief)} opgeslagen.",
        )
        return redirect(reverse("contract", kwargs={"uuid": self.contract.uuid}))


class ContractOnderdeelView(CentrumMixin, RolMixin, FormView):
    """Add an indexation or an option to a contract (a form per kind, audited)."""

    rollen = INKOOP
    template_name = "inkoop/contract_onderdeel_form.html"
    titels = {IndexatieForm: "Indexatie toevoegen", OptieForm: "Optie tot verlenging toevoegen"}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.contract = get_object_or_404(contracten_for(request.user), uuid=kwargs["uuid"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "contract": self.contract}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contract=self.contract, titel=self.titels[self.form_class], **kwargs
        )

    def form_valid(self, form):
        onderdeel, _ = form_opslaan(form, door=self.request.user)
        messages.success(self.request, f"{onderdeel} is vastgelegd.")
        return redirect("contract", uuid=self.contract.uuid)


class OptieUitoefenenView(CentrumMixin, RolMixin, View):
    """POST: exercise an option today; a lapsed or spent option is refused with the reason."""

    rollen = INKOOP

    def post(self, request, uuid):
        contracten = contracten_for(request.user)
        optie = get_object_or_404(Optie.objects.filter(contract__in=contracten), uuid=uuid)
        try:
            contract = optie_uitoefenen(optie=optie, door=request.user, op=timezone.localdate())
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(
                request,
                f"Optie uitgeoefend: {contract.kenmerk} loopt nu tot "
                f"{contract.einddatum:%d-%m-%Y}.",
            )
        return redirect("contract", uuid=optie.contract.uuid)


class AanbiederView(RolMixin, DetailView):
    """A provider's page: its trajecten (the catalogue) with its contracts (procurement)."""

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


class VerdelingView(CentrumMixin, RolMixin, View):
    """A split in per cent of one record, set by a service that refuses on the field: the
    verdeelsleutel of a joint contract over the gemeenten, the financing of a line over
    the funding streams."""

    rollen = INKOOP

    def _object(self, uuid):
        raise NotImplementedError

    def vastleggen(self, form):
        raise NotImplementedError

    def toon(self, form, status=200):
        context = {"form": form, "object": self.object, "contract": self.contract}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, uuid):
        self._object(uuid)
        return self.toon(self.form_class(**self.form_kwargs()))

    def post(self, request, uuid):
        self._object(uuid)
        form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            try:
                melding = self.vastleggen(form)
            except ValidationError as fout:
                for veld, meldingen in fout.message_dict.items():
                    for m in meldingen:
                        form.add_error(veld if veld in form.fields else None, m)
            else:
                messages.success(request, melding)
                return redirect("contract", uuid=self.contract.uuid)
        return self.toon(form, status=400)


class DeelnamesView(VerdelingView):
    """The verdeelsleutel of a joint contract (inkoop.services.deelnames_vastleggen): which
    gemeenten call off under it and their share of the places; refused on the field."""

    template_name = "inkoop/deelnames_form.html"
    form_class = DeelnamesForm

    def _object(self, uuid):
        self.object = self.contract = get_object_or_404(
            contracten_for(self.request.user), uuid=uuid
        )

    def form_kwargs(self):
        return {"contract": self.contract}

    def vastleggen(self, form):
        deelnames_vastleggen(
            contract=self.contract, door=self.request.user, **form.als_argumenten()
        )
        return f"Verdeelsleutel van {self.contract.kenmerk} vastgelegd."


class FinancieringView(VerdelingView):
    """Which funding streams pay a contract line (inkoop.services.bronnen_vastleggen)."""

    template_name = "inkoop/financiering_form.html"
    form_class = FinancieringForm

    def _object(self, uuid):
        self.object = get_object_or_404(contractregels_for(self.request.user), uuid=uuid)
        self.contract = self.object.contract

    def form_kwargs(self):
        return {"regel": self.object}

    def vastleggen(self, form):
        bronnen_vastleggen(regel=self.object, door=self.request.user, **form.als_argumenten())
        return f"Financiering van {self.object.traject.naam} ({self.contract.kenmerk}) vastgelegd."
