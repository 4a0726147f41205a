"""The demo app's one page: the synthetic world, grown by the worker."""

from django.urls import path

from demo.views import SynthetischeWereldView

urlpatterns = [
    path(
        "beheer/synthetische-wereld/", SynthetischeWereldView.as_view(), name="synthetische-wereld"
    ),
]
api_routes = []
