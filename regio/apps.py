from django.apps import AppConfig


class RegioConfig(AppConfig):
    """The gemeenten of the region: one register for a centrumgemeente and the gemeenten
    that buy with it (issue 24). Low in the house: catalogue, procurement and the client's
    path refer to a gemeente."""

    name = "regio"
    verbose_name = "Regio"
