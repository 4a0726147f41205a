from django.contrib.auth.views import LoginView
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.throttling import AnonRateThrottle

from kern.api.parsers import VeiligeJSONParser
from kern.forms import InlogForm
from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST, heeft_rol


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse(
            {"status": "fout", "database": "onbereikbaar", "detail": str(error)[:200]}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


class StartView(TemplateView):
    """Anonymous: what this is and how to log in. Logged in: the start page of one's role."""

    template_name = "start.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        if heeft_rol(user, INKOPER, BEHEERDER):
            return redirect("dashboard")
        if heeft_rol(user, SPECIALIST):
            return redirect("caseload")
        if heeft_rol(user, AANBIEDER):
            return redirect("portaal")
        return super().get(request, *args, **kwargs)


class InlogView(LoginView):
    form_class = InlogForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class TokenThrottle(AnonRateThrottle):
    scope = "token"


class TokenView(ObtainAuthToken):
    """POST username + password, get {"token": "..."}; use it as `Authorization: Token <key>`."""

    throttle_classes = [TokenThrottle]
    parser_classes = [FormParser, MultiPartParser, VeiligeJSONParser]


class ApiUitlegView(TemplateView):
    """What the API is for and how a system uses it, in Dutch, before the technical pages."""

    template_name = "kern/api.html"
