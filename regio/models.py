"""A gemeente of the region and who works for it."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from kern.models import RegisterModel


class Gemeente(RegisterModel):
    """The centrumgemeente contracts for the region; each deelnemende gemeente enrols its
    own residents under the joint contracts and pays its share (doorbelasting)."""

    class Rol(models.TextChoices):
        CENTRUM = "centrum", "centrumgemeente"
        DEELNEMEND = "deelnemend", "deelnemende gemeente"

    naam = models.CharField(
        max_length=100,
        unique=True,
        error_messages={"unique": "Er bestaat al een gemeente met deze naam."},
    )
    cbs_code = models.CharField(
        "CBS-code",
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", "De CBS-code is 4 cijfers, bijv. 0772.")],
        error_messages={"unique": "Er bestaat al een gemeente met deze CBS-code."},
    )
    rol = models.CharField(max_length=12, choices=Rol.choices, default=Rol.DEELNEMEND)
    medewerkers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="gemeenten",
        help_text="Specialisten en inkopers die voor deze gemeente werken.",
    )

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["rol"],
                condition=models.Q(rol="centrum"),
                name="gemeente_een_centrum",
                violation_error_message="De regio heeft al een centrumgemeente.",
            )
        ]

    def __str__(self):
        return self.naam
