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


class Taak(RegisterModel):
    """Long work done in the background by the worker (kern.taken): who asked, how far it
    is, and its result (a file) or what went wrong, kept TAAK_BEWAARDAGEN days."""

    class Status(models.TextChoices):
        WACHT = "wacht", "wacht op zijn beurt"
        BEZIG = "bezig", "bezig"
        KLAAR = "klaar", "klaar"
        MISLUKT = "mislukt", "mislukt"

    soort = models.CharField(max_length=30)
    titel = models.CharField(max_length=200)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="taken"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WACHT)
    parameters = models.JSONField(default=dict, blank=True)
    gedaan = models.PositiveIntegerField(default=0)
    totaal = models.PositiveIntegerField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(default=0)
    begonnen_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    bestandsnaam = models.CharField(max_length=200, blank=True)
    inhoud = models.BinaryField(null=True, blank=True, editable=False)
    melding = models.CharField(max_length=500, blank=True)
    fouten = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "taak"
        verbose_name_plural = "taken"
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["door", "status"])]

    def __str__(self):
        return self.titel

    @property
    def loopt(self) -> bool:
        return self.status in (self.Status.WACHT, self.Status.BEZIG)
