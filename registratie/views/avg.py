"""The beheerder's AVG tools on a client: the inzage download (article 15 AVG) and the log of
who read or changed the file."""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View

from kern.models import Auditregel
from kern.rollen import BEHEERDER
from kern.services import audit_log
from kern.web import LijstView, RolMixin
from registratie.avg import inzage, record_uuids
from registratie.selectors import clienten_for


class ClientInzageView(RolMixin, View):
    """Everything the register holds about one client as a JSON file; the download is in the
    audit log as an export of this client."""

    rollen = (BEHEERDER,)

    def get(self, request, uuid):
        client = get_object_or_404(clienten_for(request.user), uuid=uuid)
        inhoud = json.dumps(inzage(client), ensure_ascii=False, indent=2)
        naam = f"inzage-{client.clientnummer}-{timezone.localdate():%Y%m%d}.json"
        audit_log(
            door=request.user,
            actie=Auditregel.Actie.GEEXPORTEERD,
            instance=client,
            omschrijving=f"Inzage {client.clientnummer} gedownload",
            gegevens={"pad": request.path, "bestand": naam},
        )
        response = HttpResponse(inhoud, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response


class ClientLogboekView(LijstView):
    """Who read, downloaded or changed a client's file and its records, newest first;
    `?actie=gelezen` shows the reads only."""

    rollen = (BEHEERDER,)
    template_name = "registratie/logboek.html"
    standaard_sortering = "-tijdstip"

    def basis_queryset(self):
        self.client = get_object_or_404(clienten_for(self.request.user), uuid=self.kwargs["uuid"])
        regels = Auditregel.objects.filter(object_uuid__in=record_uuids(self.client))
        if self.request.GET.get("actie") in Auditregel.Actie.values:
            regels = regels.filter(actie=self.request.GET["actie"])
        return regels.select_related("gebruiker")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            client=self.client, acties=Auditregel.Actie.choices, **kwargs
        )
