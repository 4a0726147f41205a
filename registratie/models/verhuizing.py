"""A client's move to another gemeente (registratie.verhuizing): within the region the new
gemeente takes the dossier over; outside it the guidance ends with a warm handover."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from kern.models import RegisterModel
from registratie.models.client import Client


class Verhuizing(RegisterModel):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="verhuizingen")
    datum = models.DateField("datum verhuizing")
    van = models.ForeignKey("regio.Gemeente", on_delete=models.PROTECT, null=True, related_name="+")
    naar = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Een gemeente van de regio; leeg bij een verhuizing buiten de regio.",
    )
    naar_buiten = models.CharField("gemeente buiten de regio", max_length=100, blank=True)
    toelichting = models.CharField(max_length=500, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "verhuizing"
        verbose_name_plural = "verhuizingen"
        ordering = ["client", "datum"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(naar__isnull=False) & Q(naar_buiten=""))
                | (Q(naar__isnull=True) & ~Q(naar_buiten="")),
                name="verhuizing_naar_een_gemeente",
                violation_error_message="Een verhuizing gaat naar een gemeente van de regio of "
                "naar een gemeente daarbuiten.",
            )
        ]

    def __str__(self):
        return f"{self.client} naar {self.naar or self.naar_buiten} op {self.datum:%d-%m-%Y}"
