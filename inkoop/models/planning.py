"""Money and demand planned per year: budgets, cost posts and inflow prognoses, each for
one gemeente of the region or (gemeente empty) for the region together."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from aanbod.models import Leerroute
from inkoop.models.contract import GELD
from kern.models import RegisterModel


def per_gemeente_uniek(velden: list[str], naam: str, melding: str) -> list:
    """One row per key for the region (gemeente empty) and one per key for each gemeente
    (two conditional constraints: NULLs are distinct in a plain unique constraint)."""
    return [
        models.UniqueConstraint(
            fields=velden,
            condition=Q(gemeente__isnull=True),
            name=naam,
            violation_error_message=f"{melding} (gezamenlijk).",
        ),
        models.UniqueConstraint(
            fields=[*velden, "gemeente"],
            condition=Q(gemeente__isnull=False),
            name=f"{naam}_per_gemeente",
            violation_error_message=f"{melding} voor deze gemeente.",
        ),
    ]


class Budget(RegisterModel):
    jaar = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    leerroute = models.ForeignKey(Leerroute, on_delete=models.PROTECT, related_name="budgetten")
    gemeente = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgetten",
        help_text="Leeg: gezamenlijk, voor de hele regio (of de enige gemeente).",
    )
    bedrag = models.DecimalField("bedrag (EUR)", **GELD, validators=[MinValueValidator(0)])
    bron = models.ForeignKey(
        "financien.Financieringsbron",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgetten",
        verbose_name="financieringsbron",
        help_text="Waaruit dit budget komt (bijv. de SPUK Wi2021).",
    )
    verwacht_volume = models.PositiveIntegerField(
        "verwacht volume", default=0, help_text="Verwacht aantal inburgeraars in deze route."
    )
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "budget"
        verbose_name_plural = "budgetten"
        ordering = ["-jaar", "leerroute__volgorde"]
        constraints = [
            *per_gemeente_uniek(
                ["jaar", "leerroute"],
                "budget_jaar_leerroute_uniek",
                "Er is al een budget voor deze leerroute in dit jaar",
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gte=0),
                name="budget_bedrag_niet_negatief",
                violation_error_message="Het bedrag kan niet negatief zijn.",
            ),
        ]

    def __str__(self):
        return f"{self.jaar} {self.leerroute}"


class Kostenpost(RegisterModel):
    """The programme's own costs beside the bought trajecten (formatie, inhuur, ...); a post of
    soort vergoeding (a refund, e.g. Divosa's fee for the regional coordinator) is subtracted
    from the programme cost; a subsidie (e.g. ESF) is shown but not subtracted, as the
    evaluation did."""

    class Soort(models.TextChoices):
        FORMATIE = "formatie", "formatie"
        INHUUR = "inhuur", "inhuur"
        UITBESTEED = "uitbesteed", "uitbesteed"
        ADVIES = "advies", "advies"
        OVERIG = "overig", "overig"
        VERGOEDING = "vergoeding", "vergoeding (in mindering)"
        SUBSIDIE = "subsidie", "subsidie (getoond, niet in mindering)"

    jaar = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    soort = models.CharField(max_length=20, choices=Soort.choices)
    gemeente = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kostenposten",
        help_text="Leeg: gezamenlijk, voor de hele regio (of de enige gemeente).",
    )
    omschrijving = models.CharField(max_length=200)
    bedrag = models.DecimalField("bedrag (EUR)", **GELD, validators=[MinValueValidator(0)])
    bevat_trajecten = models.BooleanField(
        "bevat de ingekochte trajecten",
        default=False,
        help_text="Deze post (bijv. 'uitbesteed' uit het grootboek) bevat al wat aan trajecten "
        "is ingekocht; kosten-baten telt de trajecten dan niet nog eens op.",
    )
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "kostenpost"
        verbose_name_plural = "kostenposten"
        ordering = ["-jaar", "soort", "omschrijving"]
        constraints = [
            *per_gemeente_uniek(
                ["jaar", "soort", "omschrijving"],
                "kostenpost_uniek",
                "Deze kostenpost bestaat al voor dit jaar",
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gte=0),
                name="kostenpost_bedrag_niet_negatief",
                violation_error_message="Het bedrag kan niet negatief zijn.",
            ),
        ]

    def __str__(self):
        return f"{self.jaar} {self.get_soort_display()}: {self.omschrijving}"


class Instroomprognose(RegisterModel):
    """Expected new clients in a half-year: the taakstelling for housing statushouders plus
    the expected family migrants. The inkoopbehoefte report plans ahead from it."""

    class Halfjaar(models.IntegerChoices):
        EERSTE = 1, "1e halfjaar (januari t/m juni)"
        TWEEDE = 2, "2e halfjaar (juli t/m december)"

    jaar = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    halfjaar = models.PositiveSmallIntegerField(choices=Halfjaar.choices)
    gemeente = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instroomprognoses",
        help_text="Leeg: gezamenlijk, voor de hele regio (of de enige gemeente).",
    )
    aantal = models.PositiveIntegerField(
        help_text="Verwachte nieuwe inburgeraars: taakstelling statushouders plus verwachte "
        "gezinsmigranten."
    )
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "instroomprognose"
        verbose_name_plural = "instroomprognoses"
        ordering = ["jaar", "halfjaar"]
        constraints = [
            *per_gemeente_uniek(
                ["jaar", "halfjaar"],
                "instroomprognose_uniek",
                "Er is al een prognose voor dit halfjaar",
            ),
            models.CheckConstraint(
                condition=Q(halfjaar__in=[1, 2]),
                name="instroomprognose_halfjaar_1_of_2",
                violation_error_message="Het halfjaar is 1 of 2.",
            ),
        ]

    def __str__(self):
        return f"{self.jaar}-{self.halfjaar}: {self.aantal}"

    @property
    def begin(self) -> dt.date:
        return dt.date(self.jaar, 1 if self.halfjaar == 1 else 7, 1)

    @property
    def eind(self) -> dt.date:
        return dt.date(self.jaar, 6, 30) if self.halfjaar == 1 else dt.date(self.jaar, 12, 31)

    def waarschuwing(self, vandaag: dt.date) -> str:
        """A prognosis for a half-year that is over is allowed (to compare), but said."""
        if self.jaar and self.halfjaar and self.eind < vandaag:
            return (
                f"Dit halfjaar ({self.begin:%d-%m-%Y} t/m {self.eind:%d-%m-%Y}) is al voorbij; "
                "de prognose telt alleen mee als vergelijking."
            )
        return ""
