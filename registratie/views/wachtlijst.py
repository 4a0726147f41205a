from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View

from kern.excel import DATUM, GEHEEL, Blad, Kolom
from kern.web import LijstView, RolMixin
from registratie import services
from registratie.filters import WachtlijstFilter
from registratie.forms import (
    AanbodAannemenForm,
    RedenForm,
    VoorrangForm,
    WachtlijstForm,
)
from registratie.models import Wachtlijstplaats
from registratie.selectors import (
    clienten_for,
    wachtlijst_for,
)
from registratie.views.basis import DOSSIERS


class WachtlijstAanmeldenView(RolMixin, View):
    """From the enrol page: a full place, or its traject, gets this client in line."""

    rollen = DOSSIERS

    def post(self, request, uuid):
        client = get_object_or_404(clienten_for(request.user), uuid=uuid)
        form = WachtlijstForm(request.POST, user=request.user)
        terug = reverse("inschrijven", args=[client.uuid])
        if not form.is_valid():
            messages.error(request, "Kies een plaats om op te wachten.")
            return redirect(terug)
        regel = form.cleaned_data["contractregel"]
        try:
            plaats = services.wachtlijst_plaats(
                client=client,
                door=request.user,
                toelichting=form.cleaned_data["toelichting"],
                **(
                    {"contractregel": regel}
                    if form.cleaned_data["bereik"] == "regel"
                    else {"traject": regel.traject}
                ),
            )
        except ValidationError as error:
            for melding in error.messages:
                messages.error(request, f"Niet op de wachtlijst gezet: {melding}")
            return redirect(terug)
        if plaats.status == Wachtlijstplaats.Status.AANGEBODEN:
            messages.success(
                request,
                f"Er was een plaats vrij: {client} krijgt {plaats.traject.naam} aangeboden "
                f"tot en met {plaats.geldig_tot:%d-%m-%Y}.",
            )
        else:
            positie = wachtlijst_for(request.user).get(pk=plaats.pk).positie
            messages.success(
                request,
                f"{client} staat op de wachtlijst voor {plaats.traject.naam} "
                f"(plaats {positie} in de rij).",
            )
        return redirect("client", uuid=client.uuid)


class WachtlijstActieView(RolMixin, View):
    """Accept an offer, decline it or leave the list, or give voorrang: the services decide;
    a refusal comes back as a message on the client page with its reason."""

    rollen = DOSSIERS
    acties = {
        "aannemen": AanbodAannemenForm,
        "intrekken": RedenForm,
        "voorrang": VoorrangForm,
    }

    def post(self, request, uuid, actie):
        if actie not in self.acties:
            raise Http404
        plaats = get_object_or_404(wachtlijst_for(request.user), uuid=uuid)
        form = self.acties[actie](request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors)
            data = form.cleaned_data
            naam = plaats.traject.naam
            if actie == "aannemen":
                services.wachtlijst_accepteer(
                    plaats=plaats, startdatum=data["startdatum"], door=request.user
                )
                messages.success(request, f"{plaats.client} is ingeschreven op {naam}.")
            elif actie == "intrekken":
                services.wachtlijst_intrek(plaats=plaats, reden=data["reden"], door=request.user)
                messages.success(
                    request, f"{plaats.client} staat niet meer op de lijst van {naam}."
                )
            else:
                voor = get_object_or_404(wachtlijst_for(request.user), uuid=data["voor"])
                services.wachtlijst_voorrang(
                    plaats=plaats, voor=voor, reden=data["reden"], door=request.user
                )
                messages.success(request, f"{plaats.client} gaat nu vóór {voor.client} ({naam}).")
        except ValidationError as error:
            velden = {"startdatum": "Startdatum", "reden": "Reden", "voor": "Vóór"}
            for veld, meldingen in error.message_dict.items():
                for melding in meldingen:
                    label = f"{velden[veld]}: " if veld in velden else ""
                    messages.error(request, f"Niet gelukt. {label}{melding}")
        return redirect("client", uuid=plaats.client.uuid)


class WachtlijstView(LijstView):
    rollen = DOSSIERS
    scope = staticmethod(wachtlijst_for)
    filterset_class = WachtlijstFilter
    template_name = "registratie/wachtlijst.html"
    excel_titel = "Wachtlijst"  # per traject in line order (basis_queryset), not re-sorted

    def basis_queryset(self):
        qs = wachtlijst_for(self.request.user)
        if not self.request.GET.get("status"):
            qs = qs.filter(status__in=Wachtlijstplaats.OPEN)
        return qs.order_by("traject__naam", "rang", "pk")

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return super().get_context_data(aanbod_dagen=settings.WACHTLIJST_AANBOD_DAGEN, **kwargs)

    def excel_bladen(self, queryset):
        kolommen = [
            Kolom("Traject"),
            Kolom("Aanbieder"),
            Kolom("Plaats in de rij", GEHEEL),
            Kolom("Clientnummer"),
            Kolom("Leerroute"),
            Kolom("Status"),
            Kolom("Aangevraagd op", DATUM),
            Kolom("Wacht op"),
            Kolom("Aanbod geldig tot", DATUM),
            Kolom("Reden voorrang"),
        ]
        rijen = [
            [
                p.traject.naam,
                p.traject.aanbieder.naam,
                p.positie,
                p.client.clientnummer,
                p.leerroute.naam if p.leerroute else "",
                p.get_status_display(),
                timezone.localtime(p.aangevraagd_op).date(),
                p.contractregel.contract.kenmerk if p.contractregel else "elke passende plaats",
                p.geldig_tot,
                p.voorrang_reden,
            ]
            for p in queryset
        ]
        return [Blad("Wachtlijst", kolommen, rijen)]
