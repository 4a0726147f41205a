"""Who may try to log in, and from where: one lockout (django-axes, counted in the
database, so every process shares it) on every login path: the web, the admin, the API's
login page and the token endpoint; and API tokens that expire."""

import datetime as dt

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


def client_adres(request) -> str:
    """The client's address: REMOTE_ADDR, or behind VERTROUWDE_PROXIES proxies the address
    the outermost trusted proxy saw; an X-Forwarded-For a client writes itself is ignored."""
    adres = request.META.get("REMOTE_ADDR", "")
    aantal = settings.VERTROUWDE_PROXIES
    if aantal:
        keten = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        keten = [a for a in keten if a]
        if len(keten) >= aantal:
            adres = keten[-aantal]
    return adres


def geblokkeerd(request, credentials=None, *args, **kwargs):
    minuten = settings.LOGIN_BLOKKADE_SECONDEN // 60
    melding = (
        f"Te veel mislukte pogingen om in te loggen. Probeer het over {minuten} minuten opnieuw."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": melding}, status=429)
    return render(request, "registration/geblokkeerd.html", {"melding": melding}, status=429)


class VerlopendeTokenAuthenticatie(TokenAuthentication):
    """A token is valid for TOKEN_GELDIG_DAGEN days after it was issued; then the system
    asks a new one at /api/v1/token/."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created < timezone.now() - dt.timedelta(days=settings.TOKEN_GELDIG_DAGEN):
            raise exceptions.AuthenticationFailed(
                "Het token is verlopen; vraag een nieuw aan via /api/v1/token/."
            )
        return user, token
