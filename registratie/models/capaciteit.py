"""Around capacity: outflow aliases of the old list, refused enrolments, formatie, and the
waiting list."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from aanbod.models import Leerroute, Traject
from inkoop.models import Contractregel
from kern.models import RegisterModel
from registratie.models.client import Client
from registratie.models.inschrijving import Inschrijving
from registratie.models.keuzes import (
    Uitstroomreden,
    UitstroomSubreden,
)


class Uitstroomalias(models.Model):
    """Free text from old monitoring files mapped to an outflow category; editable, so a
    team can teach the import its own words."""

    tekst = models.CharField(
        max_length=100,
        unique=True,
        help_text="In kleine letters, zonder spaties rondom.",
        error_messages={"unique": "Deze tekst heeft al een betekenis."},
    )
    reden = models.CharField(max_length=20, choices=Uitstroomreden.choices)
    subreden = models.CharField(max_length=40, choices=UitstroomSubreden.choices, blank=True)

    class Meta:
        verbose_name = "uitstroomalias"
        verbose_name_plural = "uitstroomaliassen"
        ordering = ["reden", "tekst"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subreden="") | Q(reden=Uitstroomreden.OVERIG),
                name="alias_subreden_alleen_bij_overig",
                violation_error_message="Een subreden hoort alleen bij 'overig'.",
            ),
        ]

    def __str__(self):
        return f"{self.tekst} → {self.get_reden_display()}"

    def save(self, *args, **kwargs):
        self.tekst = " ".join(self.tekst.lower().split())
        super().save(*args, **kwargs)


class Weigering(models.Model):
    """An enrolment attempt the register refused, with its reason: demand that was not met.
    No client is recorded, only what the count per route, reason and gemeente needs."""

    class Reden(models.TextChoices):
        VOL = "vol", "vol"
        WACHTLIJST = "wachtlijst", "vrije plaats gaat naar de wachtlijst"
        PLAFOND = "plafond bereikt", "plafond bereikt"
        ANDERE_LEERROUTE = "andere leerroute", "andere leerroute"
        GEEN_LEERROUTE = "geen leerroute", "geen leerroute"
        LEEFTIJD = "leeftijd", "leeftijd"
        GEEN_KEURMERK = "geen keurmerk", "geen keurmerk"
        CONTRACT_LOOPT_NIET = "contract loopt niet", "contract loopt niet"
        AL_INGESCHREVEN = "al ingeschreven", "al ingeschreven"
        UITGESTROOMD = "uitgestroomd", "uitgestroomd"
        AFGESLOTEN = "afgesloten", "afgesloten"
        UITGEVALLEN = "uitgevallen", "uitgevallen"

    datum = models.DateField(db_index=True)
    contractregel = models.ForeignKey(
        Contractregel, on_delete=models.CASCADE, related_name="weigeringen"
    )
    leerroute = models.ForeignKey(
        Leerroute,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="De leerroute van de plaats (leeg: routevrij).",
    )
    gemeente = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="De gemeente van de client (niet wie): de vraag per gemeente.",
    )
    reden = models.CharField(max_length=30, choices=Reden.choices)

    class Meta:
        verbose_name = "geweigerde inschrijving"
        verbose_name_plural = "geweigerde inschrijvingen"
        ordering = ["-datum"]

    def __str__(self):
        return f"{self.datum:%d-%m-%Y} {self.contractregel}: {self.reden}"


class Formatie(models.Model):
    """A specialist's fte over a period: the team's own capacity, so the caseload report can
    divide the year's workload by the fte present instead of counting heads on one day."""

    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="formatie",
        limit_choices_to={"groups__name": "specialist"},
    )
    gemeente = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="formatie",
        help_text="De gemeente voor wier clienten deze fte telt; leeg: de hele regio.",
    )
    van = models.DateField()
    tot = models.DateField(null=True, blank=True, help_text="Leeg: loopt door.")
    fte = models.DecimalField(
        "fte",
        max_digits=4,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01"), message="Een fte is meer dan 0."),
            MaxValueValidator(Decimal("1.50"), message="Een fte is hoogstens 1,5."),
        ],
    )

    class Meta:
        verbose_name = "formatie"
        verbose_name_plural = "formatie"
        ordering = ["specialist__username", "-van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")),
                name="formatie_tot_na_van",
                violation_error_message="De periode eindigt voor ze begint.",
            ),
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=Decimal("1.50")),
                name="formatie_fte_0_tot_1_5",
                violation_error_message="De fte ligt tussen 0 en 1,5.",
            ),
        ]

    def __str__(self):
        return f"{self.specialist}: {self.fte} fte vanaf {self.van:%d-%m-%Y}"

    def fte_jaren(self, begin: dt.date, eind: dt.date) -> Decimal:
        """The fte-years this row contributes to [begin, eind], as a share of that period."""
        van, tot = max(self.van, begin), min(self.tot or eind, eind)
        if tot < van:
            return Decimal("0")
        return self.fte * Decimal((tot - van).days + 1) / Decimal((eind - begin).days + 1)


class Wachtlijstplaats(RegisterModel):
    """A client waiting for a traject that is full: for one contractregel, or for any place
    of that traject that fits the client's route. First come, first served by `rang`, which
    is the request's moment unless a specialist gave voorrang (with a reason)."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", "wachtend"
        AANGEBODEN = "aangeboden", "plaats aangeboden"
        INGESCHREVEN = "ingeschreven", "ingeschreven"
        VERLOPEN = "verlopen", "aanbod verlopen"
        INGETROKKEN = "ingetrokken", "ingetrokken"

    OPEN = (Status.WACHTEND, Status.AANGEBODEN)

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="wachtlijst")
    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="wachtlijst")
    contractregel = models.ForeignKey(
        Contractregel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wachtlijst",
        help_text="Leeg: elke plaats op dit traject die bij de leerroute van de client past.",
    )
    leerroute = models.ForeignKey(
        Leerroute,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="De leerroute van de client bij de aanvraag (voor de telling per route).",
    )
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.WACHTEND)
    aangevraagd_op = models.DateTimeField("aangevraagd op")
    rang = models.DateTimeField(
        help_text="De volgorde: het moment van aanvragen, of eerder bij voorrang.",
    )
    voorrang_reden = models.TextField("reden voorrang", blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangeboden_regel = models.ForeignKey(
        Contractregel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanbiedingen",
        help_text="De aangeboden plaats; zolang het aanbod loopt, houdt het die plaats vast.",
    )
    aangeboden_op = models.DateField("aangeboden op", null=True, blank=True)
    geldig_tot = models.DateField("aanbod geldig tot", null=True, blank=True)
    inschrijving = models.OneToOneField(
        Inschrijving, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afgesloten_op = models.DateField("afgesloten op", null=True, blank=True)
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "wachtlijstplaats"
        verbose_name_plural = "wachtlijst"
        ordering = ["rang", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "traject"],
                condition=Q(status__in=["wachtend", "aangeboden"]),
                name="wachtlijst_een_keer_per_traject",
                violation_error_message="De client wacht al op dit traject.",
            ),
            models.CheckConstraint(
                condition=~Q(status="aangeboden")
                | Q(aangeboden_regel__isnull=False, geldig_tot__isnull=False),
                name="wachtlijst_aanbod_heeft_plaats",
                violation_error_message="Een aanbod noemt de plaats en hoe lang het geldt.",
            ),
        ]
        indexes = [models.Index(fields=["traject", "status", "rang"])]

    def __str__(self):
        return f"{self.client} wacht op {self.traject.naam}"
