import uuid

from django.conf import settings
from django.db import models


class RegisterModel(models.Model):
    """Base for every register record: a public UUID beside the internal key, and timestamps."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        abstract = True


class Auditregel(models.Model):
    """Who changed what, through the API, a service or an import (the admin keeps its own log)."""

    class Actie(models.TextChoices):
        AANGEMAAKT = "aangemaakt", "aangemaakt"
        GEWIJZIGD = "gewijzigd", "gewijzigd"
        VERWIJDERD = "verwijderd", "verwijderd"
        GEIMPORTEERD = "geimporteerd", "geïmporteerd"
        GELEZEN = "gelezen", "gelezen (dossier)"
        GEEXPORTEERD = "geexporteerd", "geëxporteerd"

    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    gebruikersnaam = models.CharField(
        max_length=150,
        blank=True,
        help_text="Bewaard bij het schrijven: wie het was, ook als de gebruiker later weg is.",
    )
    actie = models.CharField(max_length=20, choices=Actie.choices)
    model = models.CharField(max_length=100, help_text="app_label.model")
    object_uuid = models.UUIDField(null=True, blank=True)
    omschrijving = models.CharField(max_length=500)
    gegevens = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditlog"
        ordering = ["-tijdstip"]

    def __str__(self):
        wie = self.gebruikersnaam or self.gebruiker
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {wie} {self.actie} {self.omschrijving}"
