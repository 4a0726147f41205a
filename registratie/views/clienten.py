import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView

from kern.excel import DATUM, Blad, Kolom
from kern.models import Auditregel
from kern.services import audit_log, form_opslaan
from kern.web import LijstView, RolMixin
from registratie import begeleiding, services
from registratie.filters import CaseloadFilter
from registratie.forms import (
    ClientForm,
    InschrijvenForm,
    InschrijvingEindeForm,
    InschrijvingStartForm,
    PrestatieForm,
    TerugkeerForm,
    UitstroomForm,
    UitvalForm,
    VerhuizingForm,
)
from registratie.models import Client, Inschrijving, Wachtlijstplaats
from registratie.prestaties import prestatie_bevestig
from registratie.selectors import (
    GEEN_TERMIJN,
    clienten_for,
    inschrijvingen_for,
    met_signalen,
    openstaande_aanbiedingen,
    plaatsen_voor,
    wachtlijst_for,
)
from registratie.tijdlijn import client_tijdlijn
from registratie.verhuizing import client_verhuis, verhuisd_uit
from registratie.views.basis import DOSSIERS, ClientActieView, _parse_datum

ACTIEVE_CLIENTEN = (Client.Status.IN_BEELD, Client.Status.IN_BEGELEIDING, Client.Status.NAZORG)
# The dashboard's shortage signal comes from the inkoopbehoefte report.


class CaseloadView(LijstView):
    rollen = DOSSIERS
    filterset_class = CaseloadFilter
    template_name = "registratie/caseload.html"
    sorteringen = (
        "clientnummer",
        "achternaam",
        "status",
        "pip_deadline",
        "nazorg_eind",
        "datum_inschrijving_gemeente",
        "volgende_termijn",
    )
    standaard_sortering = "volgende_termijn"
    excel_titel = "Caseload"

    def basis_queryset(self):
        qs = met_signalen(clienten_for(self.request.user), peildatum=timezone.localdate())
        if self.request.GET.get("alle") not in ("on", "true", "1"):
            qs = qs.filter(specialist=self.request.user)
        if not self.request.GET.get("status"):
            qs = qs.filter(status__in=ACTIEVE_CLIENTEN)
        return qs

    def get_context_data(self, **kwargs):
        clienten = clienten_for(self.request.user)
        if self.request.GET.get("alle") not in ("on", "true", "1"):
            clienten = clienten.filter(specialist=self.request.user)
        return super().get_context_data(
            vandaag=timezone.localdate(),
            geen_termijn=GEEN_TERMIJN,
            aanbiedingen=openstaande_aanbiedingen(clienten, timezone.localdate()),
            verhuisd=verhuisd_uit(self.request.user)[:50],
            **kwargs,
        )

    def excel_bladen(self, queryset):
        kolommen = [
            Kolom("Clientnummer"),
            Kolom("Naam"),
            Kolom("Leerroute"),
            Kolom("Status"),
            Kolom("Specialist"),
            Kolom("Inschrijving gemeente", DATUM),
            Kolom("PIP vastgesteld", DATUM),
            Kolom("PIP uiterlijk", DATUM),
            Kolom("Ontzorgen tot (termijn)", DATUM),
            Kolom("Leerroute wisselen uiterlijk", DATUM),
            Kolom("Einde nazorg", DATUM),
            Kolom("Eerstvolgende termijn", DATUM),
        ]
        rijen = [
            [
                c.clientnummer,
                c.naam,
                c.leerroute.naam if c.leerroute else "",
                c.get_status_display(),
                c.specialist.get_full_name() or c.specialist.username if c.specialist else "",
                c.datum_inschrijving_gemeente,
                c.datum_pip,
                c.termijn_pip,
                c.termijn_ontzorgen,
                c.termijn_schakelen,
                c.termijn_nazorg,
                None if c.volgende_termijn == GEEN_TERMIJN else c.volgende_termijn,
            ]
            for c in queryset
        ]
        return [Blad("Clienten", kolommen, rijen)]


class ClientView(RolMixin, DetailView):
    rollen = DOSSIERS
    template_name = "registratie/client.html"
    context_object_name = "client"

    def get_object(self, queryset=None):
        return get_object_or_404(clienten_for(self.request.user), uuid=self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        user, client = self.request.user, self.object
        audit_log(door=user, actie=Auditregel.Actie.GELEZEN, instance=client)
        return super().get_context_data(
            tijdlijn=client_tijdlijn(client, user),
            inschrijvingen=inschrijvingen_for(user).filter(client=client),
            vandaag=timezone.localdate(),
            redenen=Inschrijving.RedenEinde.choices,
            kan_inschrijven=client.status in (client.Status.IN_BEELD, client.Status.IN_BEGELEIDING),
            wachtlijst=self.wachtlijst(user, client),
            **kwargs,
        )

    @staticmethod
    def wachtlijst(user, client) -> list[Wachtlijstplaats]:
        """The client's open waiting-list entries, each with who waits ahead on the same
        traject (to give voorrang before one of them)."""
        open_ = Wachtlijstplaats.OPEN
        eigen = list(wachtlijst_for(user).filter(client=client, status__in=open_))
        for plaats in eigen:
            plaats.voor_mij = [
                p
                for p in wachtlijst_for(user).filter(
                    traject=plaats.traject_id, status=Wachtlijstplaats.Status.WACHTEND
                )
                if plaats.positie and p.positie < plaats.positie
            ]
        return eigen


class InschrijvenView(ClientActieView):
    form_class = InschrijvenForm
    template_name = "registratie/inschrijven.html"

    def startdatum(self, data) -> dt.date:
        gekozen = _parse_datum((data or self.request.GET).get("startdatum"))
        return gekozen or timezone.localdate() + dt.timedelta(days=7)

    def maak_form(self, data=None):
        self.peil = self.startdatum(data)
        self.plaatsen = plaatsen_voor(self.client, self.request.user, self.peil)
        return InschrijvenForm(
            data, user=self.request.user, plaatsen=self.plaatsen, startdatum=self.peil
        )

    def extra_context(self, form):
        return {
            "plaatsen": self.plaatsen,
            "peil": self.peil,
            "kan_inschrijven": not any(
                b.soort in ("uitgestroomd", "afgesloten", "uitgevallen")
                for p in self.plaatsen
                for b in p["bezwaren"]
            ),
            "aantal_vrij": sum(1 for p in self.plaatsen if not p["bezwaren"]),
        }

    def uitvoeren(self, data):
        inschrijving = services.inschrijving_create(
            client=self.client,
            contractregel=data["contractregel"],
            startdatum=data["startdatum"],
            datum_aanmelding=data["datum_aanmelding"],
            toelichting=data["toelichting"],
            door=self.request.user,
        )
        messages.success(
            self.request,
            f"{self.client} is aangemeld voor {inschrijving.contractregel.traject.naam}.",
        )


def eindigt_lopende(view, data):
    """The form of a step that ends the client's running enrolments with it."""
    lopend = inschrijvingen_for(view.request.user).filter(
        client=view.client, status__in=Inschrijving.ACTIEF
    )
    return view.form_class(data, lopend=list(lopend))


class UitstroomView(ClientActieView):
    form_class = UitstroomForm
    template_name = "registratie/uitstroom.html"

    def maak_form(self, data=None):
        return eindigt_lopende(self, data)

    def uitvoeren(self, data):
        data = dict(data)
        beeindigingen = data.pop("beeindigingen")
        plaatsing = {k: v for k, v in data.items() if k not in ("datum", "reden")}
        client = begeleiding.client_uitstroom_registreer(
            client=self.client,
            datum=data["datum"],
            reden=data["reden"],
            door=self.request.user,
            beeindigingen=beeindigingen,
            **plaatsing,
        )
        beeindigd = f"; {len(beeindigingen)} inschrijving(en) beëindigd" if beeindigingen else ""
        messages.success(
            self.request,
            f"Uitstroom van {client} vastgelegd ({client.get_uitstroom_reden_display()})"
            f"{beeindigd}.",
        )


class VerhuizingView(ClientActieView):
    form_class = VerhuizingForm
    template_name = "registratie/verhuizing.html"

    def maak_form(self, data=None):
        return VerhuizingForm(data, client=self.client)

    def uitvoeren(self, data):
        verhuizing = client_verhuis(client=self.client, door=self.request.user, **data)
        if verhuizing.naar is not None:
            messages.success(
                self.request,
                f"{self.client} is verhuisd naar {verhuizing.naar}; het dossier is vanaf nu "
                f"van {verhuizing.naar}, een specialist daar neemt het op.",
            )
        else:
            messages.success(
                self.request,
                f"{self.client} is verhuisd naar {verhuizing.naar_buiten}: de begeleiding is "
                "beëindigd. De beheerder geeft het dossier mee via Logboek en inzage (AVG).",
            )

    def post(self, request, uuid):
        antwoord = super().post(request, uuid)
        # A client who moved to another gemeente is no longer this specialist's to open.
        if antwoord.status_code == 302 and not clienten_for(request.user).filter(pk=self.client.pk):
            return redirect("caseload")
        return antwoord


class ClientTotVerhuizingView(RolMixin, DetailView):
    """Read only: the dossier of a client who moved on in the region, for the gemeente it
    left, up to the day of the move (issue 24)."""

    rollen = DOSSIERS
    template_name = "registratie/client_tot_verhuizing.html"
    context_object_name = "client"

    def get_object(self, queryset=None):
        return get_object_or_404(verhuisd_uit(self.request.user), uuid=self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        client, tot = self.object, self.object.verhuisd_op
        audit_log(door=self.request.user, actie=Auditregel.Actie.GELEZEN, instance=client)
        return super().get_context_data(
            tot=tot,
            tijdlijn=client_tijdlijn(client, self.request.user, tot=tot),
            inschrijvingen=Inschrijving.objects.filter(client=client, datum_aanmelding__lte=tot)
            .select_related("contractregel__traject__aanbieder")
            .order_by("datum_aanmelding"),
            **kwargs,
        )


# -- provider portal -----------------------------------------------------------------------


class ClientBewerkenView(RolMixin, FormView):
    rollen = DOSSIERS
    template_name = "registratie/client_form.html"
    form_class = ClientForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs() | {"user": self.request.user}
        if "uuid" in self.kwargs:
            kwargs["instance"] = get_object_or_404(
                clienten_for(self.request.user), uuid=self.kwargs["uuid"]
            )
        else:
            kwargs["initial"] = {"specialist": self.request.user}
        return kwargs

    def form_valid(self, form):
        client, nieuw = form_opslaan(form, door=self.request.user)
        messages.success(
            self.request, f"Client {client} is {'aangemaakt' if nieuw else 'bijgewerkt'}."
        )
        return redirect("client", uuid=client.uuid)


class InschrijvingActieView(RolMixin, View):
    """Start or end an enrolment from the client page, through the services. A refusal
    shows the client page again with that enrolment's panel open and the field named."""

    rollen = DOSSIERS

    def post(self, request, uuid, actie):
        formulieren = {
            "start": InschrijvingStartForm,
            "beeindig": InschrijvingEindeForm,
            "prestatie": PrestatieForm,
        }
        if actie not in formulieren:
            raise Http404
        inschrijving = get_object_or_404(inschrijvingen_for(request.user), uuid=uuid)
        form = formulieren[actie](request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors)
            naam = inschrijving.contractregel.traject.naam
            if actie == "start":
                services.inschrijving_start(
                    inschrijving=inschrijving, door=request.user, **form.cleaned_data
                )
                messages.success(request, f"{naam} is gestart.")
            elif actie == "prestatie":
                prestatie_bevestig(
                    inschrijving=inschrijving,
                    door=request.user,
                    toelichting=form.cleaned_data["toelichting"],
                )
                messages.success(
                    request, f"Het resultaat van {naam} is bevestigd; het prestatiedeel komt vrij."
                )
            else:
                services.inschrijving_beeindig(
                    inschrijving=inschrijving,
                    einddatum=form.cleaned_data["einddatum"],
                    reden=form.cleaned_data["reden_einde"],
                    door=request.user,
                )
                messages.success(request, f"{naam} is beëindigd.")
        except ValidationError as error:
            fouten = [
                {"veld": veld, "melding": melding}
                | (
                    {"href": f"#{veld}-{inschrijving.uuid}", "label": form.fields[veld].label}
                    if veld in form.fields
                    else {}
                )
                for veld, meldingen in error.message_dict.items()
                for melding in meldingen
            ]
            view = ClientView(request=request, kwargs={"uuid": inschrijving.client.uuid})
            view.object = view.get_object()
            context = view.get_context_data(
                actie_fout={
                    "inschrijving": inschrijving.uuid,
                    "actie": actie,
                    "fouten": fouten,
                    "velden": {f["veld"] for f in fouten},
                    "data": request.POST,
                }
            )
            return render(request, ClientView.template_name, context, status=400)
        return redirect("client", uuid=inschrijving.client.uuid)


# -- reports as pages ----------------------------------------------------------------------


class UitvalView(ClientActieView):
    form_class = UitvalForm
    template_name = "registratie/begeleiding.html"

    def maak_form(self, data=None):
        return eindigt_lopende(self, data)

    def extra_context(self, form):
        return {"actie": "uitval"}

    def uitvoeren(self, data):
        begeleiding.begeleiding_onderbreek(client=self.client, door=self.request.user, **data)
        beeindigd = len(data["beeindigingen"])
        messages.success(
            self.request,
            f"Uitval van {self.client} vastgelegd"
            + (f"; {beeindigd} inschrijving(en) beëindigd." if beeindigd else "."),
        )


class TerugkeerView(ClientActieView):
    form_class = TerugkeerForm
    template_name = "registratie/begeleiding.html"

    def extra_context(self, form):
        return {"actie": "terugkeer"}

    def uitvoeren(self, data):
        begeleiding.begeleiding_hervat(client=self.client, door=self.request.user, **data)
        messages.success(self.request, f"{self.client} is terug in begeleiding.")
