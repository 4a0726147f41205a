from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import AnonRateThrottle


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
    template_name = "start.html"


class TokenThrottle(AnonRateThrottle):
    scope = "token"


class TokenView(ObtainAuthToken):
    """POST username + password, get {"token": "..."}; use it as `Authorization: Token <key>`."""

    throttle_classes = [TokenThrottle]
