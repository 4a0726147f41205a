"""Changes to a running contract: indexations and options to extend."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from inkoop.models.contract import Contract, Contractregel
from kern.models import RegisterModel


class Indexatie(RegisterModel):
    """A yearly indexation of a contract's tarieven (or of one regel's) from a date: every
    month that begins on or after it is paid at the indexed rate, also on enrolments that
    were running (their tarief is the rate at enrolment; the declaration check multiplies
    it by the indexations in force in the declared month)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="indexaties")
    contractregel = models.ForeignKey(
        Contractregel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indexaties",
        help_text="Leeg: alle regels van het contract.",
    )
    ingangsdatum = models.DateField(
        help_text="Vanaf deze datum: geldt voor elke maand die op of na deze datum begint."
    )
    percentage = models.DecimalField(
        "percentage",
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("-20"), message="Hoogstens 20 % omlaag."),
            MaxValueValidator(Decimal("25"), message="Hoogstens 25 % omhoog."),
        ],
        help_text="Bijv. 3,1 voor 3,1 % (CBS-index of de afspraak in het contract).",
    )
    toelichting = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "indexatie"
        verbose_name_plural = "indexaties"
        ordering = ["contract", "ingangsdatum"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "contractregel", "ingangsdatum"],
                name="indexatie_uniek",
                violation_error_message="Er is al een indexatie vanaf deze datum.",
            ),
        ]

    def __str__(self):
        return f"{self.contract.kenmerk} {self.percentage} % vanaf {self.ingangsdatum:%d-%m-%Y}"

    def clean(self):
        errors = {}
        c = self.contract if self.contract_id else None
        if c and self.ingangsdatum and not c.startdatum <= self.ingangsdatum <= c.einddatum:
            errors["ingangsdatum"] = (
                f"De indexatie moet ingaan binnen de looptijd van het contract "
                f"({c.startdatum:%d-%m-%Y} t/m {c.einddatum:%d-%m-%Y})."
            )
        if c and self.contractregel_id and self.contractregel.contract_id != c.pk:
            errors["contractregel"] = "Deze regel hoort bij een ander contract."
        if self.percentage == 0:
            errors["percentage"] = "Een indexatie van 0 % verandert niets."
        if errors:
            raise ValidationError(errors)


def geindexeerd_tarief(tarief: Decimal, indexaties, regel_id: int, maand: dt.date) -> Decimal:
    """The rate of a month: the enrolment's tarief times every indexation of its contract
    (or of its regel) that is in force when the month begins, in order, to the cent.
    `indexaties` are (regel_id or None, ingangsdatum, percentage) of the contract."""
    for regel, ingang, pct in sorted(indexaties, key=lambda i: i[1]):
        if ingang <= maand and regel in (None, regel_id):
            tarief = (tarief * (1 + pct / 100)).quantize(Decimal("0.01"))
    return tarief


class Optie(RegisterModel):
    """An option to extend a contract (optiejaar): until when it extends, by when it must be
    exercised, and whether and by whom it was. Exercising moves the contract's end date
    (inkoop.services.optie_uitoefenen); an option not exercised in time has lapsed."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="opties")
    verlengen_tot = models.DateField("verlengt tot", help_text="De nieuwe einddatum.")
    uiterlijk_op = models.DateField(
        "uiterlijk uit te oefenen op",
        help_text="Daarna vervalt de optie; uiterlijk de einddatum van het contract.",
    )
    uitgeoefend_op = models.DateField(null=True, blank=True)
    uitgeoefend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "optie"
        verbose_name_plural = "opties"
        ordering = ["contract", "verlengen_tot"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "verlengen_tot"],
                name="optie_uniek",
                violation_error_message="Er is al een optie tot deze datum.",
            ),
        ]

    def __str__(self):
        return f"{self.contract.kenmerk}: optie tot {self.verlengen_tot:%d-%m-%Y}"

    def vervallen(self, vandaag: dt.date) -> bool:
        return self.uitgeoefend_op is None and vandaag > self.uiterlijk_op

    def clean(self):
        errors = {}
        c = self.contract if self.contract_id else None
        if c and self.verlengen_tot and self.uitgeoefend_op is None:
            if self.verlengen_tot <= c.einddatum:
                errors["verlengen_tot"] = (
                    f"De optie moet het contract verlengen: na de einddatum {c.einddatum:%d-%m-%Y}."
                )
            if self.uiterlijk_op and self.uiterlijk_op > c.einddatum:
                errors["uiterlijk_op"] = (
                    f"Een optie wordt uiterlijk op de einddatum ({c.einddatum:%d-%m-%Y}) "
                    "uitgeoefend."
                )
        if errors:
            raise ValidationError(errors)
