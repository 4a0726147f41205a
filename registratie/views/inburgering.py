from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from kern.bestanden import lees_bestand
from kern.excel import XLSX_TYPE
from kern.models import Auditregel
from kern.services import audit_log
from kern.web import RolMixin
from registratie import examens, inburgering
from registratie.duo import duo_importeer
from registratie.forms import (
    DuoBestandForm,
    ExamenForm,
    ModuleForm,
    NazorgForm,
    PipForm,
    ReferentielijstForm,
    VerlengingForm,
)
from registratie.models import Client, Referentielijst
from registratie.referentie import personen_niet_in_beeld, referentielijst_importeer
from registratie.sjabloon import duo_voorbeeld
from registratie.views.basis import DOSSIERS, ClientActieView


class InburgeringView(ClientActieView):
    """The Wi2021 record of one client: the plicht and its term, the PIP history, modules,
    exams and nazorg contacts, each written through registratie.inburgering. A refusal shows
    the page again with that form open and its field named."""

    template_name = "registratie/inburgering.html"
    ACTIES = {
        "pip": (PipForm, inburgering.pip_vastleggen, "PIP-besluit vastgelegd."),
        "verlenging": (VerlengingForm, inburgering.termijn_verleng, "Termijn verlengd."),
        "module": (ModuleForm, examens.module_registreer, "Module vastgelegd."),
        "examen": (ExamenForm, examens.examen_registreer, "Examenuitslag vastgelegd."),
        "nazorgcontact": (
            NazorgForm,
            inburgering.nazorgcontact_registreer,
            "Nazorgcontact vastgelegd.",
        ),
    }

    def get(self, request, uuid, actie=None):
        audit_log(
            door=request.user,
            actie=Auditregel.Actie.GELEZEN,
            instance=self.client,
            omschrijving=f"Inburgering {self.client.clientnummer}",
        )
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


class DuoImportView(RolMixin, View):
    """Read in DUO's file of exam results and plicht decisions (registratie.duo): the
    specialist sees what changed and which providers' reports DUO confirmed."""

    rollen = DOSSIERS
    template_name = "registratie/duo.html"

    def toon(self, form, status=200, uitkomst=None):
        context = {"form": form, "uitkomst": uitkomst}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.toon(DuoBestandForm())

    def post(self, request):
        form = DuoBestandForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.toon(form, 400)
        bestand = form.cleaned_data["bestand"]
        try:
            dataset = lees_bestand(bestand.read(), bestand.name)
        except ValidationError as error:
            form.add_error("bestand", error)
            return self.toon(form, 400)
        uitkomst = duo_importeer(dataset, bestandsnaam=bestand.name, door=request.user)
        if uitkomst.geslaagd:
            messages.success(
                request,
                f"{bestand.name} ingelezen: {uitkomst.nieuw} nieuw, {uitkomst.gewijzigd} "
                f"gewijzigd, {uitkomst.ongewijzigd} al bekend.",
            )
        return self.toon(DuoBestandForm(), 200 if uitkomst.geslaagd else 400, uitkomst)


class DuoVoorbeeldView(RolMixin, View):
    rollen = DOSSIERS

    def get(self, request):
        response = HttpResponse(duo_voorbeeld(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="duo-voorbeeld.xlsx"'
        return response
