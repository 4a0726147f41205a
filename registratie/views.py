import base64
import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from aanbod.selectors import aanbieder_van
from kern.excel import DATUM, GEHEEL, XLSX_TYPE, Blad, Kolom
from kern.fouten import ConflictError
from kern.importeren import importeer, lees_bestand
from kern.models import Auditregel
from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST
from kern.services import audit_log, form_opslaan
from kern.web import DatumInvoer, LijstView, RolMixin
from registratie import inburgering, services
from registratie.filters import CaseloadFilter, PortaalFilter, WachtlijstFilter
from registratie.forms import (
    AanbodAannemenForm,
    ClientForm,
    ExamenForm,
    InschrijvenForm,
    InschrijvingEindeForm,
    InschrijvingStartForm,
    ModuleForm,
    NazorgForm,
    PipForm,
    PrestatieForm,
    RedenForm,
    ReferentielijstForm,
    TerugkeerForm,
    UitstroomForm,
    UitvalForm,
    UploadForm,
    VerlengingForm,
    VoorrangForm,
    WachtlijstForm,
)
from registratie.models import Client, Inschrijving, Referentielijst, Wachtlijstplaats
from registratie.prestaties import prestatie_bevestig
from registratie.rapportages import RAPPORTEN, maak_rapport, rapporten_voor
from registratie.referentie import personen_niet_in_beeld, referentielijst_importeer
from registratie.resources import VoortgangsrapportageResource
from registratie.resultaten import Resultatenbestand
from registratie.selectors import (
    GEEN_TERMIJN,
    client_tijdlijn,
    clienten_for,
    inschrijvingen_for,
    met_signalen,
    openstaande_aanbiedingen,
    plaatsen_voor,
    wachtlijst_for,
)
from registratie.sjabloon import standaard_peildatum, voortgang_sjabloon

DOSSIERS = (SPECIALIST, BEHEERDER)
ACTIEVE_CLIENTEN = (Client.Status.IN_BEELD, Client.Status.IN_BEGELEIDING, Client.Status.NAZORG)
DASHBOARD_RAPPORTEN = (
    "populatie",
    "uitstroomredenen",
    "volumes",
    "budget",
    "contracten",
    "wachttijden",
)
# The dashboard's shortage signal comes from the inkoopbehoefte report.


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
    template_name = "registratie/dashboard.html"

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


def _parse_datum(tekst) -> dt.date | None:
    try:
        return forms.DateField(widget=DatumInvoer()).clean(tekst) if tekst else None
    except ValidationError:
        return None


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


class ClientActieView(RolMixin, View):
    rollen = DOSSIERS
    form_class = None
    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.client = get_object_or_404(clienten_for(request.user), uuid=kwargs["uuid"])
        return super().dispatch(request, *args, **kwargs)

    def maak_form(self, data=None):
        return self.form_class(data)

    def toon(self, form, status=200):
        context = {"client": self.client, "form": form, **self.extra_context(form)}
        return render(self.request, self.template_name, context, status=status)

    def extra_context(self, form) -> dict:
        return {}

    def get(self, request, uuid):
        return self.toon(self.maak_form())

    def post(self, request, uuid):
        form = self.maak_form(request.POST)
        if form.is_valid():
            try:
                self.uitvoeren(form.cleaned_data)
            except ValidationError as error:  # the service's refusal, with its reason
                for veld, meldingen in error.message_dict.items():
                    for melding in meldingen:
                        form.add_error(None if veld not in form.fields else veld, melding)
                return self.toon(form, status=409 if isinstance(error, ConflictError) else 400)
            return redirect("client", uuid=self.client.uuid)
        return self.toon(form, status=400)


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


class UitstroomView(ClientActieView):
    form_class = UitstroomForm
    template_name = "registratie/uitstroom.html"

    def maak_form(self, data=None):
        lopend = inschrijvingen_for(self.request.user).filter(
            client=self.client, status__in=Inschrijving.ACTIEF
        )
        return UitstroomForm(data, lopend=list(lopend))

    def uitvoeren(self, data):
        data = dict(data)
        beeindigingen = data.pop("beeindigingen")
        plaatsing = {k: v for k, v in data.items() if k not in ("datum", "reden")}
        client = services.client_uitstroom_registreer(
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


# -- provider portal -----------------------------------------------------------------------


class PortaalView(LijstView):
    rollen = (AANBIEDER,)
    scope = staticmethod(inschrijvingen_for)
    filterset_class = PortaalFilter
    template_name = "registratie/portaal.html"
    sorteringen = ("client__clientnummer", "startdatum", "status", "contractregel__traject__naam")
    standaard_sortering = "client__clientnummer"
    excel_titel = "Inschrijvingen"

    def excel_bladen(self, queryset):
        kolommen = [
            Kolom("Clientnummer"),
            Kolom("Naam"),
            Kolom("Traject"),
            Kolom("Trajectcode"),
            Kolom("Contract"),
            Kolom("Status"),
            Kolom("Aanmelding", DATUM),
            Kolom("Start", DATUM),
            Kolom("Einde", DATUM),
            Kolom("Reden einde"),
        ]
        rijen = [
            [
                i.client.clientnummer,
                i.client.naam,
                i.contractregel.traject.naam,
                i.contractregel.traject.code,
                i.contractregel.contract.kenmerk,
                i.get_status_display(),
                i.datum_aanmelding,
                i.startdatum,
                i.einddatum,
                i.get_reden_einde_display(),
            ]
            for i in queryset
        ]
        return [Blad("Inschrijvingen", kolommen, rijen)]


class UploadView(RolMixin, View):
    """Upload a provider's file (progress reports; declarations in the subclass): first a
    dry run shows what would change and every bad row; the file waits in the session until
    the provider confirms (BevestigView)."""

    rollen = (AANBIEDER,)
    template_name = "registratie/upload.html"
    resource_class = VoortgangsrapportageResource
    sessie = "portaal_upload"
    soort = "voortgang"
    url_naam, bevestig_naam = "portaal-upload", "portaal-bevestigen"

    def toon(self, status=200, **context):
        context = {
            "form": UploadForm(),
            "soort": self.soort,
            "upload_url": reverse(self.url_naam),
            "bevestig_url": reverse(self.bevestig_naam),
            **context,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.toon()

    def verwerk(self, dataset, *, dry_run: bool, bestandsnaam: str = ""):
        return importeer(
            self.resource_class(),
            dataset,
            dry_run=dry_run,
            door=self.request.user,
            bestandsnaam=bestandsnaam,
            voorbeeld=200 if dry_run else 0,
        )

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.toon(400, form=form)
        bestand = form.cleaned_data["bestand"]
        inhoud = bestand.read()
        try:
            dataset = lees_bestand(inhoud, bestand.name)
        except ValidationError as error:
            form.add_error("bestand", error)
            return self.toon(400, form=form)
        uitkomst = self.verwerk(dataset, dry_run=True)
        if uitkomst.geslaagd:
            request.session[self.sessie] = {
                "naam": bestand.name,
                "inhoud": base64.b64encode(inhoud).decode("ascii"),
            }
        else:
            request.session.pop(self.sessie, None)
        return self.toon(
            200 if uitkomst.geslaagd else 400, uitkomst=uitkomst, bestandsnaam=bestand.name
        )


class BevestigView(UploadView):
    klaar_naam = "portaal-geschiedenis"

    def get(self, request):
        return redirect(self.url_naam)

    def post(self, request):
        opgeslagen = request.session.pop(self.sessie, None)
        if opgeslagen is None:
            messages.error(request, "Er staat geen bestand klaar; upload het opnieuw.")
            return redirect(self.url_naam)
        dataset = lees_bestand(base64.b64decode(opgeslagen["inhoud"]), opgeslagen["naam"])
        uitkomst = self.verwerk(dataset, dry_run=False, bestandsnaam=opgeslagen["naam"])
        if not uitkomst.geslaagd:
            return self.toon(400, uitkomst=uitkomst, bestandsnaam=opgeslagen["naam"])
        afgewezen = (
            f"; {uitkomst.afgewezen} regel(s) afgewezen, zie de reden in de lijst"
            if uitkomst.afgewezen
            else ""
        )
        messages.success(
            request,
            f"{opgeslagen['naam']} is verwerkt: {uitkomst.nieuw} nieuw, "
            f"{uitkomst.gewijzigd} gewijzigd, {uitkomst.ongewijzigd} ongewijzigd{afgewezen}.",
        )
        return redirect(self.klaar_naam)


class SjabloonView(RolMixin, View):
    """The Excel template, with one row per running enrolment at the peildatum."""

    rollen = (AANBIEDER,)

    def get(self, request):
        peildatum = _parse_datum(request.GET.get("peildatum")) or standaard_peildatum(
            timezone.localdate()
        )
        response = HttpResponse(voortgang_sjabloon(request.user, peildatum), content_type=XLSX_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="voortgang-sjabloon-{peildatum:%Y%m%d}.xlsx"'
        )
        return response


class GeschiedenisView(LijstView):
    rollen = (AANBIEDER,)
    template_name = "registratie/geschiedenis.html"
    sorteringen = ("tijdstip",)
    standaard_sortering = "-tijdstip"

    def basis_queryset(self):
        eigen = aanbieder_van(self.request.user)
        return Auditregel.objects.filter(
            actie=Auditregel.Actie.GEIMPORTEERD,
            model="registratie.voortgangsrapportage",
            gebruiker__aanbieder_koppeling__aanbieder=eigen,
        ).select_related("gebruiker")


class ClientBewerkenView(RolMixin, FormView):
    rollen = DOSSIERS
    template_name = "registratie/client_form.html"
    form_class = ClientForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
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
                {"veld": veld if veld in form.fields else None, "melding": melding}
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
    template_name = "registratie/rapporten.html"

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
    template_name = "registratie/rapport.html"

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


class InburgeringView(ClientActieView):
    """The Wi2021 record of one client: the plicht and its term, the PIP history, modules,
    exams and nazorg contacts, each written through registratie.inburgering. A refusal shows
    the page again with that form open and its field named."""

    template_name = "registratie/inburgering.html"
    ACTIES = {
        "pip": (PipForm, inburgering.pip_vastleggen, "PIP-besluit vastgelegd."),
        "verlenging": (VerlengingForm, inburgering.termijn_verleng, "Termijn verlengd."),
        "module": (ModuleForm, inburgering.module_registreer, "Module vastgelegd."),
        "examen": (ExamenForm, inburgering.examen_registreer, "Examenuitslag vastgelegd."),
        "nazorgcontact": (
            NazorgForm,
            inburgering.nazorgcontact_registreer,
            "Nazorgcontact vastgelegd.",
        ),
    }

    def get(self, request, uuid, actie=None):
        return self.toon({})

    def toon(self, fout, status=200):
        client = (
            Client.objects.filter(pk=self.client.pk)
            .select_related("leerroute")
            .prefetch_related(
                "pip_versies__leerroute",
                "verlengingen",
                "modules__inschrijving__contractregel__traject",
                "examens",
                "nazorgcontacten",
            )
            .get()
        )
        formulieren = {
            actie: fout.get(actie) or klasse(prefix=actie)
            for actie, (klasse, _, _) in self.ACTIES.items()
        }
        context = {
            "client": client,
            "formulieren": formulieren,
            "open": next(iter(fout), None),
            "vandaag": timezone.localdate(),
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, uuid, actie=None):
        if actie not in self.ACTIES:
            raise Http404
        klasse, service, melding = self.ACTIES[actie]
        form = klasse(request.POST, prefix=actie)
        if form.is_valid():
            argumenten = (
                form.als_argumenten() if hasattr(form, "als_argumenten") else form.cleaned_data
            )
            try:
                service(client=self.client, door=request.user, **argumenten)
            except ValidationError as error:
                for veld, meldingen in error.message_dict.items():
                    for m in meldingen:
                        form.add_error(veld if veld in form.fields else None, m)
                return self.toon({actie: form}, status=400)
            messages.success(request, melding)
            return redirect("inburgering", uuid=self.client.uuid)
        return self.toon({actie: form}, status=400)


class UitvalView(ClientActieView):
    form_class = UitvalForm
    template_name = "registratie/begeleiding.html"

    def extra_context(self, form):
        return {"actie": "uitval"}

    def uitvoeren(self, data):
        services.begeleiding_onderbreek(client=self.client, door=self.request.user, **data)
        messages.success(self.request, f"Uitval van {self.client} vastgelegd.")


class TerugkeerView(ClientActieView):
    form_class = TerugkeerForm
    template_name = "registratie/begeleiding.html"

    def extra_context(self, form):
        return {"actie": "terugkeer"}

    def uitvoeren(self, data):
        services.begeleiding_hervat(client=self.client, door=self.request.user, **data)
        messages.success(self.request, f"{self.client} is terug in begeleiding.")


class ResultatenBestand:
    """A provider's exam results and module completions (registratie.resultaten)."""

    soort = "resultaten"
    sessie = "portaal_resultaten"
    url_naam, bevestig_naam = "portaal-resultaten", "portaal-resultaten-bevestigen"
    klaar_naam = "portaal-resultaten"

    def verwerk(self, dataset, *, dry_run: bool, bestandsnaam: str = ""):
        return Resultatenbestand(dataset, user=self.request.user).uitvoeren(
            dry_run=dry_run, bestandsnaam=bestandsnaam
        )


class ResultatenUploadView(ResultatenBestand, UploadView):
    pass


class ResultatenBevestigView(ResultatenBestand, BevestigView):
    pass


class ReferentielijstenView(RolMixin, View):
    """The gemeente's reference lists of inburgeringsplichtigen (DUO, BRP): upload one (all
    or nothing) and see per list how many are niet in beeld."""

    rollen = DOSSIERS
    template_name = "registratie/referentielijsten.html"

    def toon(self, form, status=200, uitkomst=None):
        lijsten = Referentielijst.objects.annotate(
            personen_aantal=Count("personen"),
            buiten=Count("personen", filter=Q(personen__client__isnull=True)),
        ).select_related("geimporteerd_door")[:50]
        context = {"form": form, "lijsten": lijsten, "uitkomst": uitkomst}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.toon(ReferentielijstForm())

    def post(self, request):
        form = ReferentielijstForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.toon(form, 400)
        bestand = form.cleaned_data["bestand"]
        try:
            dataset = lees_bestand(bestand.read(), bestand.name)
        except ValidationError as error:
            form.add_error("bestand", error)
            return self.toon(form, 400)
        uitkomst, lijst = referentielijst_importeer(
            dataset,
            peildatum=form.cleaned_data["peildatum"],
            bron=form.cleaned_data["bron"],
            bestandsnaam=bestand.name,
            door=request.user,
        )
        if not uitkomst.geslaagd:
            return self.toon(form, 400, uitkomst=uitkomst)
        messages.success(
            request,
            f"{bestand.name}: {uitkomst.nieuw} personen, {uitkomst.ongewijzigd} in het register, "
            f"{uitkomst.nieuw - uitkomst.ongewijzigd} niet in beeld.",
        )
        return redirect("referentielijst", uuid=lijst.uuid)


class ReferentielijstView(RolMixin, TemplateView):
    """Who on this list is not in the register: to find and invite them."""

    rollen = DOSSIERS
    template_name = "registratie/referentielijst.html"

    def get_context_data(self, **kwargs):
        lijst = get_object_or_404(Referentielijst, uuid=self.kwargs["uuid"])
        personen = personen_niet_in_beeld(lijst)
        audit_log(door=self.request.user, actie=Auditregel.Actie.GELEZEN, instance=lijst)
        return super().get_context_data(lijst=lijst, personen=list(personen), **kwargs)
