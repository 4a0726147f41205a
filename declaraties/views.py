"""The declaration pages: a provider uploads and follows its own lines; the inkoper sees
per contract what was declared, approves, rejects and makes a payment batch."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View

from declaraties.boeken import betaalbatch_bestand
from declaraties.efactuur import FactuurFout, factuur_insturen
from declaraties.filters import DeclaratieFilter
from declaraties.importeren import DeclaratieResource, parse_periode
from declaraties.models import Declaratie
from declaraties.selectors import betaalbatches_for, declaraties_for, overzicht_per_contract
from declaraties.services import (
    betaalbatch_intrekken,
    betaalbatch_maak,
    betaalbatch_vrijgeven,
    declaratie_wijs_af,
    declaraties_keur_goed,
)
from declaraties.sjabloon import declaratie_sjabloon
from declaraties.vierogen import mandaat_tekst
from inkoop.selectors import contracten_for
from kern.excel import GELD, Blad, Kolom
from kern.formaten import euro
from kern.rollen import AANBIEDER, BEHEERDER, INKOPER
from kern.services import exportlog
from kern.web import LijstView, RolMixin
from registratie.views.portaal import BevestigView, UploadView, sjabloon_antwoord

INKOOP = (INKOPER, BEHEERDER)


class DeclaratieBestand:
    resource_class = DeclaratieResource
    sessie = "declaratie_upload"
    soort = "declaraties"
    url_naam, bevestig_naam = "portaal-declaraties-upload", "portaal-declaraties-bevestigen"
    klaar_naam = "portaal-declaraties"


class DeclaratieUploadView(DeclaratieBestand, UploadView):
    pass


class DeclaratieBevestigView(DeclaratieBestand, BevestigView):
    pass


class DeclaratieSjabloonView(RolMixin, View):
    """This month's declarations to fill in (`periode` jjjj-mm; default the last month)."""

    rollen = (AANBIEDER,)

    def get(self, request):
        vorige = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
        try:
            periode = parse_periode(request.GET.get("periode")) or vorige.replace(day=1)
        except ValueError:
            periode = vorige.replace(day=1)
        return sjabloon_antwoord(
            request,
            declaratie_sjabloon(request.user, periode),
            f"declaraties-sjabloon-{periode:%Y%m}.xlsx",
            {"periode": f"{periode:%Y-%m}"},
        )


class DeclaratieLijst(LijstView):
    filterset_class = DeclaratieFilter

    def get_context_data(self, **kwargs):
        return super().get_context_data(codes=Declaratie.Code.choices, **kwargs)

    sorteringen = ("periode", "bedrag", "status", "inschrijving__client__clientnummer")
    standaard_sortering = "-periode"
    excel_titel = "Declaraties"
    scope = staticmethod(declaraties_for)

    def excel_bladen(self, queryset):
        kolommen = [
            Kolom("Contract"),
            Kolom("Traject"),
            Kolom("Clientnummer"),
            Kolom("Inschrijving"),
            Kolom("Periode"),
            Kolom("Eenheden"),
            Kolom("Bedrag", GELD),
            Kolom("Ingehouden", GELD),
            Kolom("Status"),
            Kolom("Code"),
            Kolom("Reden"),
            Kolom("Betaalbatch"),
        ]
        rijen = [
            [
                d.inschrijving.contractregel.contract.kenmerk,
                d.inschrijving.contractregel.traject.naam,
                d.inschrijving.client.clientnummer,
                str(d.inschrijving.uuid),
                d.periode.strftime("%Y-%m"),
                d.eenheden,
                d.bedrag,
                d.ingehouden,
                d.get_status_display(),
                d.code,
                d.reden,
                d.betaalbatch.nummer if d.betaalbatch else "",
            ]
            for d in queryset
        ]
        return [Blad("Declaraties", kolommen, rijen)]


class PortaalDeclaratiesView(DeclaratieLijst):
    rollen = (AANBIEDER,)
    template_name = "declaraties/portaal_declaraties.html"

    def get_context_data(self, **kwargs):
        geweigerd = self.request.session.pop("efactuur_geweigerd", None) or {}
        return super().get_context_data(
            efactuur_titel=f"Factuur {geweigerd.get('bestand', '')} is geweigerd",
            efactuur_fouten=geweigerd.get("fouten", []),
            **kwargs,
        )


class PortaalEfactuurView(RolMixin, View):
    """A provider sends an e-invoice: taken in whole, or refused whole with every reason."""

    rollen = (AANBIEDER,)

    def post(self, request):
        bestand = request.FILES.get("bestand")
        if bestand is None:
            messages.error(request, "Kies het bestand met uw factuur.")
            return redirect("portaal-declaraties")
        try:
            factuur = factuur_insturen(bestand=bestand, door=request.user)
        except FactuurFout as fout:
            request.session["efactuur_geweigerd"] = {
                "bestand": bestand.name,
                "fouten": [
                    {
                        "melding": (f"Regel {f['regel']}: " if f["regel"] else "Factuur: ")
                        + f["melding"]
                    }
                    for f in fout.fouten[:50]
                ],
            }
            return redirect("portaal-declaraties")
        messages.success(
            request,
            f"Factuur {factuur.nummer} is ontvangen: {factuur.regels.count()} regel(s) voor "
            f"{euro(factuur.te_betalen)} wachten op goedkeuring.",
        )
        return redirect("portaal-declaraties")


class DeclaratiesView(DeclaratieLijst):
    rollen = INKOOP
    template_name = "declaraties/declaraties.html"

    def get_context_data(self, **kwargs):
        qs = declaraties_for(self.request.user)
        return super().get_context_data(
            overzicht=overzicht_per_contract(qs),
            batches=betaalbatches_for(self.request.user)[:10],
            te_betalen=qs.filter(status="goedgekeurd", betaalbatch__isnull=True).count(),
            vier_ogen_vanaf=settings.VIER_OGEN_VANAF,
            mandaat=mandaat_tekst(self.request.user),
            **kwargs,
        )


class RedenForm(forms.Form):
    reden = forms.CharField(
        max_length=300, error_messages={"required": "Geef een reden; de aanbieder ziet die."}
    )


class DeclaratieActieView(RolMixin, View):
    """Approve (one contract's lines, or one line), reject one line, prepare a payment batch
    of what is approved, and release or withdraw a prepared batch (a second person)."""

    rollen = INKOOP

    def post(self, request, actie):
        uitvoeren = {
            "goedkeuren": self.goedkeuren,
            "afwijzen": self.afwijzen,
            "betaalbatch": self.betaalbatch,
            "vrijgeven": self.vrijgeven,
            "intrekken": self.intrekken,
        }.get(actie)
        if uitvoeren is None:
            raise Http404
        try:
            messages.success(request, uitvoeren(request, declaraties_for(request.user)))
        except ValidationError as error:
            for melding in error.messages:
                messages.error(request, f"Niet gelukt: {melding}")
        return redirect("declaraties")

    def goedkeuren(self, request, qs) -> str:
        # An approval names what it approves: one contract's submitted lines, or one line
        # (the only way for one submitted again after a rejection).
        if regel := request.POST.get("declaratie"):
            qs = qs.filter(pk=get_object_or_404(qs, uuid=regel).pk)
        elif request.POST.get("contract"):
            contract = get_object_or_404(
                contracten_for(request.user), uuid=request.POST["contract"]
            )
            qs = qs.filter(inschrijving__contractregel__contract=contract)
        else:
            raise ValidationError("Kies het contract waarvan u de regels goedkeurt.")
        uitkomst = declaraties_keur_goed(declaraties=qs, door=request.user, bekeken=bool(regel))
        delen = [f"{uitkomst['goedgekeurd']} regel(s) goedgekeurd"]
        if uitkomst["afgewezen"]:
            delen.append(
                f"{uitkomst['afgewezen']} afgewezen (plafond bereikt of meer eenheden dan de "
                "inschrijving verwacht)"
            )
        if uitkomst["te_bekijken"]:
            delen.append(
                f"{uitkomst['te_bekijken']} regel(s) zijn na een afwijzing opnieuw ingediend: "
                "bekijk en keur ze één voor één goed"
            )
        if uitkomst["wacht_op_tweede"]:
            delen.append(
                f"{uitkomst['wacht_op_tweede']} regel(s) boven {euro(settings.VIER_OGEN_VANAF)} "
                "hebben uw goedkeuring en wachten op die van een collega (vier ogen)"
            )
        if uitkomst["buiten_mandaat"]:
            delen.append(
                f"{uitkomst['buiten_mandaat']} regel(s) gaan boven uw mandaat van "
                f"{mandaat_tekst(request.user)}"
            )
        return "; ".join(delen) + "."

    def afwijzen(self, request, qs) -> str:
        declaratie = get_object_or_404(qs, uuid=request.POST.get("declaratie"))
        form = RedenForm(request.POST)
        if not form.is_valid():
            raise ValidationError(form.errors["reden"])
        declaratie_wijs_af(
            declaratie=declaratie, reden=form.cleaned_data["reden"], door=request.user
        )
        return f"De regel {declaratie} is afgewezen."

    def betaalbatch(self, request, qs) -> str:
        batch = betaalbatch_maak(
            declaraties=qs, door=request.user, omschrijving=request.POST.get("omschrijving", "")
        )
        return (
            f"Betaalbatch {batch.nummer} is voorbereid. Een collega met een mandaat geeft hem "
            "vrij; daarna is hij betaald en te downloaden voor het financiële systeem."
        )

    def _batch(self, request):
        return get_object_or_404(betaalbatches_for(request.user), uuid=request.POST.get("batch"))

    def vrijgeven(self, request, qs) -> str:
        batch = self._batch(request)
        betaalbatch_vrijgeven(batch=batch, bedrag=batch.bedrag, door=request.user)
        return (
            f"Betaalbatch {batch.nummer} is vrijgegeven: de regels zijn betaald en het bestand "
            "voor het financiële systeem staat klaar."
        )

    def intrekken(self, request, qs) -> str:
        batch = self._batch(request)
        betaalbatch_intrekken(batch=batch, door=request.user)
        return f"Betaalbatch {batch.nummer} is ingetrokken; de regels zijn weer vrij."


class BetaalbatchDownloadView(RolMixin, View):
    rollen = INKOOP

    def get(self, request, uuid, formaat):
        if formaat not in ("xlsx", "csv"):
            raise Http404
        batch = get_object_or_404(betaalbatches_for(request.user), uuid=uuid)
        try:
            inhoud, content_type = betaalbatch_bestand(batch, formaat)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("declaraties")
        naam = f"betaalbatch-{batch.nummer}.{formaat}"
        response = HttpResponse(inhoud, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        exportlog(request, naam=naam)
        return response
