import datetime as dt

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import LoginView
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from kern.api.parsers import VeiligeJSONParser
from kern.excel import XLSX_TYPE
from kern.forms import InlogForm
from kern.inloggen import VerlopendeTokenAuthenticatie, client_adres, geblokkeerd
from kern.models import Taak
from kern.rollen import AANBIEDER, BEHEERDER, INKOPER, SPECIALIST, heeft_rol
from kern.taken import stand, taken_for


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


class TokenThrottle(SimpleRateThrottle):
    """Per client address (kern.inloggen.client_adres), whoever asks: a valid token sent
    along does not lift it, and a client's own X-Forwarded-For does not change it."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_adres(request)}


class TokenView(ObtainAuthToken):
    """POST username + password, get {"token": "...", "geldig_tot": ...}; use it as
    `Authorization: Token <key>`. An expired token is replaced; DELETE with the token
    revokes it. A locked-out user name gets no token (django-axes)."""

    authentication_classes = []
    throttle_classes = [TokenThrottle]
    parser_classes = [FormParser, MultiPartParser, VeiligeJSONParser]

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # django-axes marks a lockout on this DRF request, which its middleware cannot see.
            if getattr(request, "axes_locked_out", False):
                return geblokkeerd(request)
            return Response(serializer.errors, status=400)
        user = serializer.validated_data["user"]
        grens = timezone.now() - dt.timedelta(days=settings.TOKEN_GELDIG_DAGEN)
        Token.objects.filter(user=user, created__lt=grens).delete()
        token, _ = Token.objects.get_or_create(user=user)
        geldig_tot = token.created + dt.timedelta(days=settings.TOKEN_GELDIG_DAGEN)
        return Response({"token": token.key, "geldig_tot": geldig_tot})

    def delete(self, request, *args, **kwargs):
        gevonden = VerlopendeTokenAuthenticatie().authenticate(request)
        if gevonden is None:
            return Response({"detail": "Stuur het token mee dat u wilt intrekken."}, status=401)
        gevonden[1].delete()
        return Response(status=204)


class ApiUitlegView(TemplateView):
    """What the API is for and how a system uses it, in Dutch, before the technical pages."""

    template_name = "kern/api.html"


class TaakView(LoginRequiredMixin, DetailView):
    """A background task: the bar, the time, and the file when it is done. Someone else's
    task is a 404."""

    template_name = "kern/taak.html"
    slug_field = slug_url_kwarg = "uuid"
    context_object_name = "taak"

    def get_queryset(self):
        return taken_for(self.request.user)

    def get(self, request, *args, **kwargs):
        if kwargs.get("formaat") == "json":
            return JsonResponse(stand(self.get_object()))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stand=stand(self.object), bewaardagen=settings.TAAK_BEWAARDAGEN, **kwargs
        )


class TaakBestandView(LoginRequiredMixin, View):
    def get(self, request, uuid):
        taak = get_object_or_404(
            taken_for(request.user).defer(None).exclude(bestandsnaam=""),
            uuid=uuid,
            status=Taak.Status.KLAAR,
        )
        soort = "text/csv" if taak.bestandsnaam.endswith(".csv") else XLSX_TYPE
        response = HttpResponse(bytes(taak.inhoud), content_type=soort)
        response["Content-Disposition"] = f'attachment; filename="{taak.bestandsnaam}"'
        return response
