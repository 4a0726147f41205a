"""Contracts, their lines, lots and year slices, and what a taken place means."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from aanbod.models import Aanbieder, Leerroute, Taalniveau, Traject
from kern.models import RegisterModel

GELD = {"max_digits": 12, "decimal_places": 2}
# What an enrolment (registratie.Inschrijving, by field name) commits: tarief x units.
VERPLICHT_BEDRAG = models.ExpressionWrapper(
    F("tarief") * F("verwachte_eenheden"),
    output_field=models.DecimalField(max_digits=14, decimal_places=2),
)


class Perceel(RegisterModel):
    """A lot (perceel) of a tender: the contracts awarded under it share its plafond, if it
    has one; what they commit together may not exceed it."""

    naam = models.CharField(
        max_length=100,
        unique=True,
        error_messages={"unique": "Er bestaat al een perceel met deze naam."},
    )
    omschrijving = models.CharField(max_length=300, blank=True)
    plafond = models.DecimalField(
        "plafond (EUR)",
        **GELD,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Wat alle contracten onder dit perceel samen mogen verplichten; leeg: alleen "
        "de plafonds van de contracten.",
    )

    class Meta:
        verbose_name = "perceel"
        verbose_name_plural = "percelen"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def verplicht(self, zonder_contract=None) -> Decimal:
        """What the enrolments under its contracts commit (cancelled ones do not)."""
        qs = inschrijvingen_op_regels().filter(
            contractregel__contract__perceel=self, geannuleerd=False
        )
        if zonder_contract is not None:
            qs = qs.exclude(contractregel__contract=zonder_contract)
        return qs.aggregate(s=models.Sum(VERPLICHT_BEDRAG))["s"] or Decimal("0")

    def clean(self):
        if self.pk and self.plafond is not None and (verplicht := self.verplicht()) > self.plafond:
            raise ValidationError(
                {
                    "plafond": f"Onder dit perceel is al {_euro(verplicht)} verplicht; het "
                    "plafond kan niet lager zijn."
                }
            )


def _euro(bedrag: Decimal) -> str:
    from kern.formaten import euro

    return euro(bedrag)


class Contract(RegisterModel):
    class Inkoopvorm(models.TextChoices):
        INBESTEDEN = "inbesteden", "inbesteden"
        AANBESTEDING = "aanbesteding", "aanbesteding (overheidsopdracht)"
        OPEN_HOUSE = "open_house", "open house"
        SUBSIDIE = "subsidie", "subsidie"

    class Status(models.TextChoices):
        CONCEPT = "concept", "concept"
        GEGUND = "gegund", "gegund"
        OPGESCHORT = "opgeschort", "opgeschort"
        BEEINDIGD = "beeindigd", "beëindigd"

    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="contracten")
    kenmerk = models.CharField(
        max_length=50,
        unique=True,
        help_text="Het kenmerk van de gemeente, bijv. INB-2026-001.",
        error_messages={"unique": "Er bestaat al een contract met dit kenmerk."},
    )
    omschrijving = models.CharField(max_length=300, blank=True)
    inkoopvorm = models.CharField(max_length=20, choices=Inkoopvorm.choices)
    perceel = models.ForeignKey(
        Perceel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracten",
        help_text="Het perceel (lot) van de inkoop; de contracten eronder delen zijn plafond.",
    )
    startdatum = models.DateField()
    einddatum = models.DateField()
    plafond = models.DecimalField(
        "plafond (EUR)",
        **GELD,
        validators=[MinValueValidator(0)],
        help_text="Het maximale bedrag dat onder dit contract mag worden verplicht.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT)
    verzuimmarge = models.DecimalField(
        "verzuimmarge (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Leeg: de aangeboden uren worden betaald. Ingevuld: de gevolgde uren plus "
        "zoveel procent van de aangeboden uren voor verzuim (nooit meer dan aangeboden), "
        "volgens de voortgangsrapportage van de maand.",
    )
    ordernummer = models.CharField(
        "inkoopordernummer",
        max_length=30,
        blank=True,
        help_text="Het nummer van de inkooporder in de financiële administratie; elke regel "
        "van een betaalbatch draagt het.",
    )

    class Meta:
        verbose_name = "contract"
        verbose_name_plural = "contracten"
        ordering = ["-startdatum", "kenmerk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gte=F("startdatum")),
                name="contract_eind_na_start",
                violation_error_message="De einddatum ligt voor de startdatum.",
            ),
            models.CheckConstraint(
                condition=Q(plafond__gte=0),
                name="contract_plafond_niet_negatief",
                violation_error_message="Het plafond kan niet negatief zijn.",
            ),
        ]

    def __str__(self):
        return f"{self.kenmerk} – {self.aanbieder}"

    def clean(self):
        if self.startdatum and self.einddatum and self.einddatum < self.startdatum:
            raise ValidationError({"einddatum": "De einddatum ligt voor de startdatum."})
        perceel = self.perceel if self.perceel_id else None
        verhuist = not Contract.objects.filter(pk=self.pk, perceel=self.perceel_id).exists()
        if self.pk and perceel is not None and perceel.plafond is not None and verhuist:
            samen = perceel.verplicht(zonder_contract=self) + self.verplicht_onder()
            if samen > perceel.plafond:
                raise ValidationError(
                    {
                        "perceel": f"Onder {perceel} zou dan {_euro(samen)} verplicht zijn, "
                        f"boven het plafond van het perceel ({_euro(perceel.plafond)})."
                    }
                )

    def verplicht_onder(self) -> Decimal:
        """What this contract's enrolments commit (cancelled ones do not)."""
        qs = inschrijvingen_op_regels().filter(contractregel__contract=self, geannuleerd=False)
        return qs.aggregate(s=models.Sum(VERPLICHT_BEDRAG))["s"] or Decimal("0")

    def loopt_op(self, datum: dt.date) -> bool:
        return self.status == self.Status.GEGUND and self.startdatum <= datum <= self.einddatum

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if not getattr(self, "_jaarschijven_later", False):  # the admin does it after its inline
            jaarschijven_bijwerken(self)


def pro_rata(startdatum: dt.date, einddatum: dt.date) -> dict[int, Decimal]:
    """Per calendar year the share of a term's days that fall in it; the shares add up to 1
    (the last year takes what rounding left)."""
    dagen = (einddatum - startdatum).days + 1
    jaren = list(range(startdatum.year, einddatum.year + 1))
    delen, verdeeld = {}, Decimal(0)
    for jaar in jaren[:-1]:
        van, tot = max(startdatum, dt.date(jaar, 1, 1)), min(einddatum, dt.date(jaar, 12, 31))
        delen[jaar] = (Decimal((tot - van).days + 1) / dagen).quantize(Decimal("0.0000000001"))
        verdeeld += delen[jaar]
    delen[jaren[-1]] = Decimal(1) - verdeeld
    return delen


def jaarschijven_bijwerken(contract: "Contract") -> None:
    """A contract's year slices follow its term, pro rata by days, unless the contract
    records its own (then a year outside the term loses its slice and nothing else moves)."""
    if not (contract.startdatum and contract.einddatum) or contract.einddatum < contract.startdatum:
        return
    schijven = contract.jaarschijven.all()
    if any(s.vastgelegd for s in schijven):
        schijven.exclude(
            jaar__gte=contract.startdatum.year, jaar__lte=contract.einddatum.year
        ).delete()
        return
    delen = pro_rata(contract.startdatum, contract.einddatum)
    if {s.jaar: s.aandeel for s in schijven} == delen:
        return
    schijven.delete()
    Jaarschijf.objects.bulk_create(
        [Jaarschijf(contract=contract, jaar=j, aandeel=a) for j, a in delen.items()]
    )


class Jaarschijf(RegisterModel):
    """The share of a contract's value that falls in one budget year: pro rata by the days
    of its term, or as the contract records it (vastgelegd). Budget and volumes count a
    multi-year contract by its slice, not in full in every year."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="jaarschijven")
    jaar = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    aandeel = models.DecimalField(
        "aandeel",
        max_digits=12,
        decimal_places=10,
        validators=[MinValueValidator(0)],
        help_text="Deel van de waarde van het contract in dit jaar (0,5 = de helft).",
    )
    vastgelegd = models.BooleanField(
        default=False, help_text="Zo staat het in het contract (anders: naar rato van de dagen)."
    )

    class Meta:
        verbose_name = "jaarschijf"
        verbose_name_plural = "jaarschijven"
        ordering = ["contract", "jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "jaar"],
                name="jaarschijf_een_per_jaar",
                violation_error_message="Dit contract heeft voor dit jaar al een jaarschijf.",
            ),
        ]

    def __str__(self):
        return f"{self.contract.kenmerk} {self.jaar}: {self.aandeel:.0%}"


class Contractregel(RegisterModel):
    class Prestatie(models.TextChoices):
        VOLGENS_PLAN = "volgens_plan", "volgens plan afgerond"
        TAALNIVEAU = "taalniveau", "taalniveau bereikt"
        TREDE = "trede", "hoger op de participatieladder"
        UITSTROOM = "uitstroom", "uitstroom naar werk of opleiding"

    class Eenheid(models.TextChoices):
        TRAJECT = "traject", "per traject"
        UUR = "uur", "per uur"
        DAGDEEL = "dagdeel", "per dagdeel"
        MAAND = "maand", "per maand"

    class BijVoortijdigEinde(models.TextChoices):
        """What is paid when an enrolment ends early (voortijdig beëindigd)."""

        PER_EENHEID = "per_eenheid", "per geleverde eenheid"
        PER_MAAND = "per_maand", "naar rato van de maanden die het liep"
        VOLLEDIG_NA_MINIMUM = "volledig_na_minimum", "de hele prijs na een minimum aantal maanden"

    class Capaciteitsvorm(models.TextChoices):
        """What one place means; every count of taken places follows this (one selector)."""

        GELIJKTIJDIG = "gelijktijdig", "gelijktijdig: plaatsen die tegelijk bezet zijn"
        INSTROOM = "instroom", "instroom: starts in de looptijd van het contract"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="regels")
    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="contractregels")
    leerroute = models.ForeignKey(
        Leerroute,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contractregels",
        help_text="De leerroute waarvoor de plaatsen zijn ingekocht; leeg voor routevrij.",
    )
    tarief = models.DecimalField("tarief (EUR)", **GELD, validators=[MinValueValidator(0)])
    eenheid = models.CharField(max_length=20, choices=Eenheid.choices, default=Eenheid.TRAJECT)
    verwachte_eenheden = models.DecimalField(
        "eenheden per inschrijving",
        max_digits=8,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(Decimal("0.01"), message="Minstens 0,01 eenheid.")],
        help_text="Wat één inschrijving verwacht afneemt, in de eenheid van het tarief: "
        "bijv. 480 uur, 12 maanden, 1 traject. Verplicht bedrag = tarief × eenheden.",
    )
    max_eenheden_per_maand = models.DecimalField(
        "hoogstens per maand",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Hoeveel eenheden (uren, dagdelen) per inschrijving per maand hoogstens "
        "gedeclareerd mogen worden; leeg: geen grens.",
    )
    capaciteit = models.PositiveIntegerField(
        help_text="Aantal plaatsen; wat een plaats is, zegt de capaciteitsvorm.",
        validators=[MinValueValidator(0)],
    )
    capaciteitsvorm = models.CharField(
        max_length=20,
        choices=Capaciteitsvorm.choices,
        default=Capaciteitsvorm.INSTROOM,
        help_text="Gelijktijdig: zoveel clienten tegelijk (aangemeld of gestart). Instroom: "
        "zoveel inschrijvingen in de looptijd, behalve wie voor de start afzegt.",
    )
    prestatiedeel = models.DecimalField(
        "prestatiedeel (%)",
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Deel van het tarief dat op resultaat wordt betaald.",
    )
    prestatie = models.CharField(
        "resultaat voor het prestatiedeel",
        max_length=20,
        choices=Prestatie.choices,
        blank=True,
        help_text="Wat bereikt moet zijn voordat het prestatiedeel wordt betaald; leeg bij een "
        "prestatiedeel: volgens plan afgerond.",
    )
    prestatie_taalniveau = models.CharField(
        "te bereiken taalniveau", max_length=2, choices=Taalniveau.choices, blank=True
    )
    prestatie_maanden = models.PositiveSmallIntegerField(
        "termijn (maanden na het einde)",
        default=6,
        validators=[MaxValueValidator(36)],
        help_text="Zoveel maanden na het einde van de inschrijving moet het resultaat er zijn "
        "(bij uitstroom: de uitstroom); anders vervalt het prestatiedeel.",
    )

    bij_voortijdig_einde = models.CharField(
        "betaling bij voortijdig einde",
        max_length=20,
        choices=BijVoortijdigEinde.choices,
        default=BijVoortijdigEinde.PER_EENHEID,
        help_text="Naar rato: van de prijs per inschrijving het deel van de geplande maanden dat "
        "de inschrijving liep (een begonnen maand telt). Na een minimum: de hele prijs als zij "
        "minstens zo lang liep, anders naar rato.",
    )
    minimum_maanden = models.PositiveSmallIntegerField(
        "minimum (maanden)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Bij 'de hele prijs na een minimum': na zoveel maanden is de hele prijs "
        "verdiend.",
    )

    class Meta:
        verbose_name = "contractregel"
        verbose_name_plural = "contractregels"
        ordering = ["contract__kenmerk", "traject__naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tarief__gte=0),
                name="contractregel_tarief_niet_negatief",
                violation_error_message="Het tarief kan niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(capaciteit__gte=0),
                name="contractregel_capaciteit_niet_negatief",
                violation_error_message="De capaciteit kan niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(prestatiedeel__gte=0) & Q(prestatiedeel__lte=100),
                name="contractregel_prestatiedeel_procent",
                violation_error_message="Het prestatiedeel ligt tussen 0 en 100 %.",
            ),
            models.UniqueConstraint(
                fields=["contract", "traject", "leerroute"],
                name="contractregel_uniek",
                violation_error_message="Dit contract heeft al een regel voor dit traject en "
                "deze leerroute.",
            ),
        ]

    def __str__(self):
        route = f", {self.leerroute}" if self.leerroute_id else ""
        return f"{self.contract.kenmerk}: {self.traject.naam}{route}"

    @property
    def bedrag_per_inschrijving(self) -> Decimal:
        """What one enrolment commits: tarief x expected units."""
        return (self.tarief * self.verwachte_eenheden).quantize(Decimal("0.01"))

    def bezetting(self, gemeente=None) -> int:
        """Places taken now, by the regel's capaciteitsvorm (as it is on this instance, also
        when being edited), of one gemeente's clients when given; the enrolment service asks
        this under the row lock."""
        qs = (
            inschrijvingen_op_regels()
            .annotate(capaciteitsvorm=models.Value(self.capaciteitsvorm))
            .filter(neemt_plaats(prefix=""), contractregel=self)
        )
        if gemeente is not None:
            qs = qs.filter(client__gemeente=gemeente)
        return qs.count()

    def clean(self):
        errors = {}
        if self.contract_id and self.traject_id:
            if self.traject.aanbieder_id != self.contract.aanbieder_id:
                errors["traject"] = (
                    f"Het traject '{self.traject.naam}' hoort bij {self.traject.aanbieder}, "
                    f"niet bij de aanbieder van dit contract ({self.contract.aanbieder})."
                )
            elif self.leerroute_id and self.traject.pk:
                routes = {lr.pk for lr in self.traject.leerroutes.all()}
                if self.leerroute_id not in routes:
                    errors["leerroute"] = (
                        f"Het traject '{self.traject.naam}' is niet bedoeld voor de "
                        f"{self.leerroute}."
                    )
        minimum = self.BijVoortijdigEinde.VOLLEDIG_NA_MINIMUM
        if self.bij_voortijdig_einde == minimum and not self.minimum_maanden:
            errors["minimum_maanden"] = "Vul in na hoeveel maanden de hele prijs verdiend is."
        elif self.bij_voortijdig_einde != minimum and self.minimum_maanden:
            errors["minimum_maanden"] = (
                "Een minimum hoort alleen bij 'de hele prijs na een minimum aantal maanden'."
            )
        if self.prestatiedeel and not self.prestatie:
            self.prestatie = self.Prestatie.VOLGENS_PLAN  # the usual result, as migrated
        if self.prestatie == self.Prestatie.TAALNIVEAU and not self.prestatie_taalniveau:
            errors["prestatie_taalniveau"] = "Kies het taalniveau dat bereikt moet zijn."
        if self.pk and self.capaciteit is not None:
            bezet = self.bezetting()
            if self.capaciteitsvorm == self.Capaciteitsvorm.INSTROOM and self.capaciteit < bezet:
                errors["capaciteit"] = (
                    f"Er zijn al {bezet} inschrijvingen op deze regel (instroom); de capaciteit "
                    f"kan niet lager zijn dan {bezet}."
                )
        if errors:
            raise ValidationError(errors)


# An enrolment holds a place while it is registered or running (registratie.Inschrijving.ACTIEF).
ACTIEVE_STATUSSEN = ("aangemeld", "gestart")


def inschrijvingen_op_regels():
    """registratie.Inschrijving, reached through the reverse relation (no import upwards)."""
    return Contractregel._meta.get_field("inschrijvingen").related_model.objects.order_by()


def neemt_plaats(prefix: str = "contractregel__", peildatum: dt.date | None = None) -> Q:
    """The one meaning of a taken place, as a condition on enrolments (registratie's
    Inschrijving, reached by field name): under `gelijktijdig` an enrolment that is
    registered or running, under `instroom` every enrolment except one cancelled before its
    start. With a peildatum, as things stood on that day."""
    vorm = f"{prefix}capaciteitsvorm"
    if peildatum is None:
        gelijktijdig = Q(status__in=ACTIEVE_STATUSSEN)
        instroom = Q(geannuleerd=False)
    else:
        # A cancellation is dated by its last change: its einddatum is the planned start.
        nog_niet_afgezegd = Q(geannuleerd=False) | Q(gewijzigd_op__date__gt=peildatum)
        gelijktijdig = (
            Q(datum_aanmelding__lte=peildatum)
            & (Q(einddatum__isnull=True) | Q(einddatum__gt=peildatum))
            & nog_niet_afgezegd
        )
        instroom = Q(datum_aanmelding__lte=peildatum) & nog_niet_afgezegd
    return (Q(**{vorm: Contractregel.Capaciteitsvorm.GELIJKTIJDIG}) & gelijktijdig) | (
        Q(**{vorm: Contractregel.Capaciteitsvorm.INSTROOM}) & instroom
    )
