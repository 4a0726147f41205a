"""Headers and session limits every response gets."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.cache import patch_cache_control

# No inline script anywhere; inline style only for the width of a bar.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'; object-src 'none'"
)


CSP_API = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


class Beveiligingskoppen:
    """A Content-Security-Policy on every page, and `Cache-Control: no-store` on every
    response to a signed-in user: pages and downloads with personal data stay out of
    shared and browser caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # DRF's browsable API and Swagger UI are third-party pages with inline handlers.
        csp = CSP_API if request.path.startswith("/api/v1/") else CSP
        response.setdefault("Content-Security-Policy", csp)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class BegrensdVerzoek:
    """A request body larger than any upload may be is refused from its Content-Length,
    before a byte of it is read or parsed (a 1 GB multipart upload to the API cost the
    worker a gigabyte before the "groter dan 20 MB" answer)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            lengte = 0
        grens = settings.IMPORT_MAX_BYTES + 1024 * 1024  # the file and its form around it
        if lengte > grens:
            melding = (
                f"Het verzoek is groter dan {grens // 1024 // 1024} MB; een bestand mag "
                f"hoogstens {settings.IMPORT_MAX_BYTES // 1024 // 1024} MB zijn."
            )
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": melding}, status=413)
            return HttpResponse(melding, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class GeenNulTekens:
    """A NUL in a query string or form field is refused before it reaches a filter or a
    form (PostgreSQL cannot take it in a text value)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bronnen = [request.GET] + ([request.POST] if request.method == "POST" else [])
        for gegevens in bronnen:
            for sleutel, waarden in gegevens.lists():
                if "\x00" in sleutel or any("\x00" in w for w in waarden):
                    melding = (
                        "Het verzoek bevat een NUL-teken; dat kan het register niet verwerken."
                    )
                    if request.path.startswith("/api/"):
                        return JsonResponse({"detail": melding}, status=400)
                    return HttpResponseBadRequest(melding, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class SessieDuur:
    """An idle session ends after SESSIE_INACTIEF_MINUTEN (the cookie's age, renewed on
    every request); any session ends SESSIE_MAX_UREN after login, however busy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            begin = request.session.setdefault("_sessie_begin", time.time())
            if time.time() - begin > settings.SESSIE_MAX_UREN * 3600:
                logout(request)
                if not request.path.startswith("/api/"):
                    return redirect_to_login(request.get_full_path())
        return self.get_response(request)
