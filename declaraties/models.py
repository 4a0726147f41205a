"""Declarations and payment batches. The tables kept their names from when these models
lived in `registratie` (migration declaraties 0001 moved only Django's state)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from inkoop.models import GELD
from kern.models import RegisterModel
from registratie.models import Inschrijving


class Betaalbatch(RegisterModel):
    """Approved declaration lines handed to the financial system together. One person
    prepares the batch, a second releases it (four eyes): only then are its lines paid and
    can the financial system take it. A line in a batch can no longer change."""

    nummer = models.CharField(max_length=20, unique=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    omschrijving = models.CharField(max_length=200, blank=True)
    vrijgegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vrijgegeven_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "registratie_betaalbatch"
        verbose_name = "betaalbatch"
        verbose_name_plural = "betaalbatches"
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return self.nummer

    @property
    def vrijgegeven(self) -> bool:
        return self.vrijgegeven_op is not None


class Factuur(RegisterModel):
    """A provider's e-invoice (UBL 2.1, SI-UBL 2.0 / NLCIUS), kept as it came: its lines are
    declarations, taken in or refused as one invoice (declaraties.efactuur)."""

    aanbieder = models.ForeignKey(
        "aanbod.Aanbieder", on_delete=models.PROTECT, related_name="facturen"
    )
    nummer = models.CharField("factuurnummer", max_length=100)
    datum = models.DateField("factuurdatum")
    ordernummer = models.CharField(max_length=50)
    bedrag = models.DecimalField("bedrag excl. btw (EUR)", **GELD)
    btw = models.DecimalField("btw (EUR)", **GELD, default=0)
    te_betalen = models.DecimalField("te betalen (EUR)", **GELD)
    xml = models.TextField(help_text="De factuur zoals zij binnenkwam, voor het archief.")
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "factuur"
        verbose_name_plural = "facturen"
        ordering = ["-datum", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbieder", "nummer"],
                name="factuur_nummer_per_aanbieder",
                violation_error_message="Deze aanbieder stuurde al een factuur met dit nummer.",
            )
        ]

    def __str__(self):
        return self.nummer


class Declaratie(RegisterModel):
    """A provider's invoice line: one enrolment, one month, units and amount. Checked on
    arrival (a coded rejection, in the spirit of the iWmo return codes), approved by the
    inkoper under the plafond, then paid in a betaalbatch."""

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", "ingediend, wacht op goedkeuring"
        GOEDGEKEURD = "goedgekeurd", "goedgekeurd"
        AFGEWEZEN = "afgewezen", "afgewezen"
        BETAALD = "betaald", "betaald"

    class Code(models.TextChoices):
        TARIEF = "T01", "T01 bedrag wijkt af van eenheden × gecontracteerd tarief"
        UREN_RAPPORTAGE = "U01", "U01 meer eenheden dan volgens de voortgangsrapportage aangeboden"
        UREN_MAXIMUM = "U02", "U02 meer eenheden dan het maximum per maand van de contractregel"
        EENHEDEN = "E01", "E01 meer eenheden dan de inschrijving in totaal verwacht"
        PLAFOND = "P01", "P01 het plafond van het contract is bereikt"
        VOORTIJDIG = "V01", "V01 meer dan de contractregel na een voortijdig einde betaalt"
        HANDMATIG = "M01", "M01 afgewezen door de inkoper"

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.PROTECT, related_name="declaraties"
    )
    periode = models.DateField(help_text="De maand, als de eerste dag daarvan.")
    eenheden = models.DecimalField(
        max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )
    bedrag = models.DecimalField("bedrag (EUR)", **GELD, validators=[MinValueValidator(0)])
    ingehouden = models.DecimalField(
        "ingehouden (EUR)",
        **GELD,
        default=0,
        help_text="Het prestatiedeel: pas te betalen als het resultaat is bereikt.",
    )
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.INGEDIEND)
    code = models.CharField("afwijzingscode", max_length=3, choices=Code.choices, blank=True)
    reden = models.CharField(max_length=300, blank=True, help_text="De afwijzing in woorden.")
    toelichting = models.CharField(max_length=500, blank=True)
    eerder_afgewezen = models.BooleanField(
        default=False,
        help_text="Opnieuw ingediend nadat de inkoper de regel afwees: wordt alleen goedgekeurd "
        "als de inkoper hem bekijkt, niet met een goedkeuring van het hele contract.",
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    eerste_akkoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Boven VIER_OGEN_VANAF: wie als eerste goedkeurde; een ander keurt daarna goed.",
    )
    eerste_akkoord_op = models.DateTimeField(null=True, blank=True)
    betaalbatch = models.ForeignKey(
        Betaalbatch, on_delete=models.PROTECT, null=True, blank=True, related_name="regels"
    )
    factuur = models.ForeignKey(
        Factuur, on_delete=models.PROTECT, null=True, blank=True, related_name="regels"
    )

    class Meta:
        db_table = "registratie_declaratie"
        verbose_name = "declaratie"
        verbose_name_plural = "declaraties"
        ordering = ["-periode", "inschrijving__client__clientnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["inschrijving", "periode"],
                name="declaratie_een_per_maand",
                violation_error_message="Deze maand is voor deze inschrijving al gedeclareerd.",
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gte=0) & Q(eenheden__gte=0),
                name="declaratie_niet_negatief",
                violation_error_message="Bedrag en eenheden kunnen niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | Q(code__gt=""),
                name="declaratie_afwijzing_heeft_code",
                violation_error_message="Een afwijzing heeft een code.",
            ),
            models.CheckConstraint(
                condition=~Q(status="betaald") | Q(betaalbatch__isnull=False),
                name="declaratie_betaald_in_batch",
                violation_error_message="Een betaalde regel hoort bij een betaalbatch.",
            ),
        ]
        indexes = [models.Index(fields=["status", "periode"])]

    def __str__(self):
        return f"{self.inschrijving} {self.periode:%m-%Y}"

    @property
    def uit_te_betalen(self) -> Decimal:
        return self.bedrag - self.ingehouden


class Geldjaar(models.Model):
    """Money per enrolment and year as declaraties.ramingen computes it with every approved
    declaration counted: a summary kept up to date on every write that changes it
    (declaraties.geldjaren), so the money reports add up rows in the database instead of
    working out a million enrolments in Python. Derived data: never edited, rebuilt from the
    enrolment, its contractregel and its declarations (`manage.py geld_bijwerken`)."""

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="geldjaren"
    )
    jaar = models.PositiveSmallIntegerField()
    verplicht = models.DecimalField(**GELD)
    gerealiseerd = models.DecimalField(**GELD)
    verwacht = models.DecimalField(**GELD)
    vervallen = models.DecimalField(**GELD)
    boven = models.DecimalField(**GELD)

    class Meta:
        verbose_name = "geld per jaar"
        verbose_name_plural = "geld per jaar"
        constraints = [
            models.UniqueConstraint(fields=["inschrijving", "jaar"], name="geldjaar_een_per_jaar")
        ]

    def __str__(self):
        return f"{self.inschrijving_id} {self.jaar}"
