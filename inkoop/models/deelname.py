"""Joint contracts of the region: which gemeenten may call off under a contract, and how much
of each line is theirs (the verdeelsleutel)."""

from decimal import ROUND_FLOOR, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from inkoop.models.contract import Contract
from kern.models import RegisterModel


class Contractdeelname(RegisterModel):
    """A gemeente's share of a joint contract, in per cent of every line's places; the
    shares of one contract add up to 100 (inkoop.services.deelnames_vastleggen). A contract
    without deelnames is the centrumgemeente's own, open to every gemeente's clients."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="deelnames")
    gemeente = models.ForeignKey(
        "regio.Gemeente", on_delete=models.PROTECT, related_name="deelnames"
    )
    aandeel = models.DecimalField(
        "aandeel (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = "deelname aan een contract"
        verbose_name_plural = "deelnames aan contracten"
        ordering = ["contract", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "gemeente"],
                name="deelname_een_per_gemeente",
                violation_error_message="Deze gemeente neemt al deel aan dit contract.",
            )
        ]

    def __str__(self):
        return f"{self.gemeente} {self.aandeel} % van {self.contract}"

    def plaatsen(self, capaciteit: int) -> int:
        """The gemeente's places of a line: its share of the capacity, rounded down (what
        rounding leaves over is the inkoper's to give by moving share)."""
        waarde = Decimal(capaciteit) * self.aandeel / 100
        return int(waarde.to_integral_value(rounding=ROUND_FLOOR))
