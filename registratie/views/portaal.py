import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from aanbod.selectors import aanbieder_van
from kern.bestanden import lees_bestand
from kern.excel import DATUM, XLSX_TYPE, Blad, Kolom
from kern.importeren import ImportUitkomst, importeer
from kern.models import Auditregel, Taak
from kern.rollen import AANBIEDER
from kern.services import exportlog
from kern.taken import groot_bestand
from kern.web import LijstView, RolMixin
from registratie.filters import PortaalFilter
from registratie.forms import (
    UploadForm,
)
from registratie.resources import VoortgangsrapportageResource
from registratie.resultaten import Resultatenbestand
from registratie.selectors import (
    inschrijvingen_for,
)
from registratie.sjabloon import resultaten_sjabloon, standaard_peildatum, voortgang_sjabloon
from registratie.views.basis import _parse_datum


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
        groot = self.resource_class and groot_bestand(
            door=request.user,
            resource_class=self.resource_class,
            dataset=dataset,
            inhoud=inhoud,
            bestandsnaam=bestand.name,
        )
        if isinstance(groot, Taak):  # a large file: no preview, the worker writes it
            return redirect("taak", uuid=groot.uuid)
        if groot:
            uitkomst = ImportUitkomst(fouten=groot)
            return self.toon(400, uitkomst=uitkomst, bestandsnaam=bestand.name)
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


def sjabloon_antwoord(request, inhoud: bytes, naam: str, filters: dict) -> HttpResponse:
    """A template as a download, logged as an export (it holds the provider's clients)."""
    response = HttpResponse(inhoud, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    exportlog(request, naam=naam, filters=filters)
    return response


class SjabloonView(RolMixin, View):
    """The Excel template, with one row per running enrolment at the peildatum."""

    rollen = (AANBIEDER,)

    def get(self, request):
        peildatum = _parse_datum(request.GET.get("peildatum")) or standaard_peildatum(
            timezone.localdate()
        )
        return sjabloon_antwoord(
            request,
            voortgang_sjabloon(request.user, peildatum),
            f"voortgang-sjabloon-{peildatum:%Y%m%d}.xlsx",
            {"peildatum": peildatum},
        )


class ResultatenSjabloonView(RolMixin, View):
    rollen = (AANBIEDER,)

    def get(self, request):
        naam = f"examens-en-modules-sjabloon-{timezone.localdate():%Y%m%d}.xlsx"
        return sjabloon_antwoord(request, resultaten_sjabloon(request.user), naam, {})


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


class ResultatenBestand:
    """A provider's exam results and module completions (registratie.resultaten)."""

    soort = "resultaten"
    resource_class = None  # small files, written in the request (no background task)
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
