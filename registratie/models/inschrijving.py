"""An enrolment of a client on a contract line, and the provider's progress reports on it."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from aanbod.models import Taalniveau
from inkoop.models import GELD, Contractregel
from kern.models import RegisterModel
from registratie.models.client import Client


class PrestatieStatus(models.TextChoices):
    OPEN = "open", "nog niet vastgesteld"
    BEREIKT = "bereikt", "bereikt"
    NIET_BEREIKT = "niet_bereikt", "niet bereikt (vervallen)"


class Inschrijving(RegisterModel):
    class Status(models.TextChoices):
        AANGEMELD = "aangemeld", "aangemeld"
        GESTART = "gestart", "gestart"
        AFGEROND = "afgerond", "afgerond"
        VOORTIJDIG_BEEINDIGD = "voortijdig_beeindigd", "voortijdig beëindigd"

    class RedenEinde(models.TextChoices):
        """Modelled on the iWmo/iJw stop reasons."""

        VOLGENS_PLAN = "volgens_plan", "volgens plan afgerond"
        VOORTIJDIG_CLIENT = "voortijdig_client", "voortijdig, op initiatief van de client"
        VOORTIJDIG_AANBIEDER = "voortijdig_aanbieder", "voortijdig, op initiatief van de aanbieder"
        VOORTIJDIG_AFSPRAAK = "voortijdig_afspraak", "voortijdig, in overleg"
        VERHUISD = "verhuisd", "client verhuisd"
        OVERLEDEN = "overleden", "client overleden"
        ANDERE_AANBIEDER = "andere_aanbieder", "overgestapt naar andere aanbieder"
        WERK = "werk", "uitgestroomd naar werk of opleiding"

    ACTIEF = (Status.AANGEMELD, Status.GESTART)

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="inschrijvingen")
    contractregel = models.ForeignKey(
        Contractregel, on_delete=models.PROTECT, related_name="inschrijvingen"
    )
    status = models.CharField(max_length=25, choices=Status.choices, default=Status.AANGEMELD)
    datum_aanmelding = models.DateField("datum aanmelding")
    startdatum = models.DateField()
    verwachte_einddatum = models.DateField("verwachte einddatum", null=True, blank=True)
    einddatum = models.DateField(null=True, blank=True)
    reden_einde = models.CharField(
        "reden einde", max_length=25, choices=RedenEinde.choices, blank=True
    )
    geannuleerd = models.BooleanField(
        "geannuleerd voor de start",
        default=False,
        help_text="Beëindigd terwijl de inschrijving nog aangemeld was: telt onder een "
        "capaciteit 'instroom' niet mee.",
    )
    tarief = models.DecimalField(
        "tarief (EUR)",
        **GELD,
        validators=[MinValueValidator(0)],
        help_text="Het tarief van de contractregel op het moment van inschrijven.",
    )
    eenheid = models.CharField(
        max_length=20,
        choices=Contractregel.Eenheid.choices,
        default=Contractregel.Eenheid.TRAJECT,
        help_text="De eenheid van het tarief op het moment van inschrijven.",
    )
    verwachte_eenheden = models.DecimalField(
        "verwachte eenheden",
        max_digits=8,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text="Van de contractregel bij inschrijven; verplicht = tarief × eenheden.",
    )
    aangemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    toelichting = models.TextField(blank=True)
    prestatie_status = models.CharField(
        "prestatie",
        max_length=15,
        choices=PrestatieStatus.choices,
        blank=True,
        help_text="Of het resultaat voor het prestatiedeel is bereikt (leeg: geen prestatiedeel).",
    )
    prestatie_vastgesteld_op = models.DateField(null=True, blank=True)
    prestatie_bron = models.CharField(max_length=100, blank=True)
    prestatie_betaalbatch = models.ForeignKey(
        "declaraties.Betaalbatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vrijgaven",
        help_text="De betaalbatch die het ingehouden prestatiedeel uitbetaalde.",
    )

    class Meta:
        verbose_name = "inschrijving"
        verbose_name_plural = "inschrijvingen"
        ordering = ["-startdatum", "client__clientnummer"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("startdatum")),
                name="inschrijving_eind_na_start",
                violation_error_message="De einddatum ligt voor de startdatum.",
            ),
            models.CheckConstraint(
                condition=Q(startdatum__gte=F("datum_aanmelding")),
                name="inschrijving_start_na_aanmelding",
                violation_error_message="De startdatum ligt voor de aanmelding.",
            ),
            models.CheckConstraint(
                condition=Q(tarief__gte=0),
                name="inschrijving_tarief_niet_negatief",
                violation_error_message="Het tarief kan niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["aangemeld", "gestart"])
                | Q(einddatum__isnull=False, reden_einde__gt=""),
                name="inschrijving_einde_heeft_datum_en_reden",
                violation_error_message="Een beëindigde inschrijving heeft een einddatum en een "
                "reden.",
            ),
        ]
        indexes = [
            models.Index(fields=["contractregel", "status"]),
            # The reports' "guided since" takes each client's first start.
            models.Index(fields=["client", "startdatum"]),
            # Every list's first page: PostgreSQL walks this index and sorts only each day's
            # enrolments by client number (incremental sort) instead of joining and sorting
            # them all (issue 30: page 1 at 100,000 clients 0.76 -> 0.08 s).
            models.Index(F("startdatum").desc(), name="inschrijving_nieuwste_eerst"),
        ]

    def __str__(self):
        return f"{self.client} in {self.contractregel.traject.naam}"

    @property
    def verplicht_bedrag(self) -> Decimal:
        return (self.tarief * self.verwachte_eenheden).quantize(Decimal("0.01"))

    def clean(self):
        errors = {}
        if self.startdatum and self.datum_aanmelding and self.startdatum < self.datum_aanmelding:
            errors["startdatum"] = "De startdatum ligt voor de aanmelding."
        if self.einddatum and self.startdatum and self.einddatum < self.startdatum:
            errors["einddatum"] = "De einddatum ligt voor de startdatum."
        if self.status not in self.ACTIEF:
            if not self.einddatum:
                errors["einddatum"] = "Vul de einddatum in."
            if not self.reden_einde:
                errors["reden_einde"] = "Vul de reden van beëindiging in."
        if errors:
            raise ValidationError(errors)


def rapportage_fouten(
    *, peildatum, uren_aangeboden, uren_gevolgd, datum_aanmelding, vandaag
) -> dict[str, str]:
    """The cross-field rules for a progress report, shared by the model and the bulk import."""
    fouten = {}
    if peildatum and datum_aanmelding and peildatum < datum_aanmelding:
        fouten["peildatum"] = f"De peildatum ligt voor de aanmelding ({datum_aanmelding:%d-%m-%Y})."
    elif peildatum and peildatum > vandaag:
        fouten["peildatum"] = "De peildatum ligt in de toekomst."
    if uren_aangeboden is not None and uren_gevolgd is not None and uren_gevolgd > uren_aangeboden:
        fouten["uren_gevolgd"] = "Er zijn meer uren gevolgd dan aangeboden."
    return fouten


class Voortgangsrapportage(RegisterModel):
    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="rapportages"
    )
    peildatum = models.DateField()
    uren_aangeboden = models.DecimalField(
        "uren aangeboden", max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )
    uren_gevolgd = models.DecimalField(
        "uren gevolgd", max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )
    verzuim_geoorloofd = models.DecimalField(
        "verzuim geoorloofd (uren)",
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    verzuim_ongeoorloofd = models.DecimalField(
        "verzuim ongeoorloofd (uren)",
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    taalniveau = models.CharField(max_length=2, choices=Taalniveau.choices, blank=True)
    participatieladder = models.PositiveSmallIntegerField(
        "trede participatieladder",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    toelichting = models.TextField(blank=True)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)

    class Meta:
        verbose_name = "voortgangsrapportage"
        verbose_name_plural = "voortgangsrapportages"
        ordering = ["-peildatum", "-id"]
        # Every list page sorts by this; without the index PostgreSQL sorts all reports.
        indexes = [
            models.Index(F("peildatum").desc(), F("id").desc(), name="rapportage_nieuwste_eerst")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["inschrijving", "peildatum"],
                name="rapportage_uniek_per_peildatum",
                violation_error_message="Er is al een rapportage voor deze inschrijving op deze "
                "peildatum.",
            ),
            models.CheckConstraint(
                condition=Q(uren_aangeboden__gte=0)
                & Q(uren_gevolgd__gte=0)
                & Q(verzuim_geoorloofd__gte=0)
                & Q(verzuim_ongeoorloofd__gte=0),
                name="rapportage_uren_niet_negatief",
                violation_error_message="Uren kunnen niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(participatieladder__isnull=True)
                | Q(participatieladder__gte=1, participatieladder__lte=6),
                name="rapportage_trede_1_tot_6",
                violation_error_message="De trede op de participatieladder ligt tussen 1 en 6.",
            ),
        ]

    def __str__(self):
        return f"{self.inschrijving} per {self.peildatum:%d-%m-%Y}"

    def clean(self):
        from django.utils import timezone

        fouten = rapportage_fouten(
            peildatum=self.peildatum,
            uren_aangeboden=self.uren_aangeboden,
            uren_gevolgd=self.uren_gevolgd,
            datum_aanmelding=self.inschrijving.datum_aanmelding if self.inschrijving_id else None,
            vandaag=timezone.localdate(),
        )
        if fouten:
            raise ValidationError(fouten)
