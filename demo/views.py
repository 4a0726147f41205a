from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from demo.taken import wereld_aanvragen
from kern.fouten import ConflictError
from kern.rollen import BEHEERDER
from kern.web import RolMixin


class WereldForm(forms.Form):
    clienten = forms.IntegerField(
        label="Aantal clienten",
        min_value=1,
        max_value=1_000_000,
        initial=1000,
        help_text="Erbij, na de synthetische clienten die er al zijn (SYN…).",
    )
    seed = forms.IntegerField(
        min_value=0,
        initial=1,
        help_text="Zelfde aantal en seed geven dezelfde wereld.",
    )


class SynthetischeWereldView(RolMixin, FormView):
    """For test and measuring environments only (SYNTHETISCH_TOEGESTAAN): the beheerder
    grows the synthetic world in the background and follows it on the task page."""

    rollen = (BEHEERDER,)
    template_name = "demo/synthetisch.html"
    form_class = WereldForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(toegestaan=settings.SYNTHETISCH_TOEGESTAAN, **kwargs)

    def form_valid(self, form):
        if not settings.SYNTHETISCH_TOEGESTAAN:
            messages.error(
                self.request, "In deze omgeving kan geen synthetische wereld worden gemaakt."
            )
            return redirect("synthetische-wereld")
        try:
            taak = wereld_aanvragen(door=self.request.user, **form.cleaned_data)
        except ConflictError as fout:
            messages.error(self.request, " ".join(fout.messages))
            return redirect("synthetische-wereld")
        return redirect("taak", uuid=taak.uuid)
