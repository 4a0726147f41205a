"""What the register's pages share: the dossier roles, a lenient date, the client action base."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from kern.fouten import ConflictError
from kern.rollen import BEHEERDER, SPECIALIST
from kern.web import DatumInvoer, RolMixin
from registratie.selectors import (
    clienten_for,
)

DOSSIERS = (SPECIALIST, BEHEERDER)


def _parse_datum(tekst) -> dt.date | None:
    try:
        return forms.DateField(widget=DatumInvoer()).clean(tekst) if tekst else None
    except ValidationError:
        return None


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
