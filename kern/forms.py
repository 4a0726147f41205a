from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError


class InlogForm(AuthenticationForm):
    """Django's login form, refusing for a while after too many failures for one user name
    from one address (login throttling)."""

    def _sleutel(self) -> str:
        adres = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        naam = (self.data.get("username") or "").strip().lower()
        return f"inlogpogingen:{adres}:{naam}"

    def clean(self):
        sleutel = self._sleutel()
        if cache.get(sleutel, 0) >= settings.LOGIN_MAX_POGINGEN:
            minuten = settings.LOGIN_BLOKKADE_SECONDEN // 60
            raise ValidationError(
                f"Te veel mislukte pogingen. Probeer het over {minuten} minuten opnieuw.",
                code="geblokkeerd",
            )
        try:
            return super().clean()
        except ValidationError:
            cache.set(sleutel, cache.get(sleutel, 0) + 1, settings.LOGIN_BLOKKADE_SECONDEN)
            raise
