"""Which funding stream pays a contract line: a split in per cent over the streams
(financien.Financieringsbron), adding up to 100 (inkoop.services.bronnen_vastleggen). A line
without a split is paid from no named stream; the accountability report shows it apart."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from inkoop.models.contract import Contractregel
from kern.models import RegisterModel


class Bronverdeling(RegisterModel):
    contractregel = models.ForeignKey(
        Contractregel, on_delete=models.CASCADE, related_name="bronverdeling"
    )
    bron = models.ForeignKey(
        "financien.Financieringsbron", on_delete=models.PROTECT, related_name="verdelingen"
    )
    aandeel = models.DecimalField(
        "aandeel (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = "financiering van een contractregel"
        verbose_name_plural = "financiering van contractregels"
        ordering = ["contractregel", "-aandeel"]
        constraints = [
            models.UniqueConstraint(
                fields=["contractregel", "bron"],
                name="bronverdeling_een_per_bron",
                violation_error_message="Deze bron staat al in de verdeling van deze regel.",
            ),
            models.CheckConstraint(
                condition=models.Q(aandeel__gt=0) & models.Q(aandeel__lte=100),
                name="bronverdeling_aandeel_0_tot_100",
                violation_error_message="Een aandeel ligt tussen 0 en 100 %.",
            ),
        ]

    def __str__(self):
        return f"{self.contractregel}: {self.aandeel} % {self.bron}"
