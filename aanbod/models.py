import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from kern.models import RegisterModel

kvk_validator = RegexValidator(r"^[0-9]{8}$", "Een KvK-nummer bestaat uit precies 8 cijfers.")


def iban_validator(waarde: str) -> None:
    """An IBAN (ISO 13616): country, check digits, account; the check digits must hold
    (mod 97 = 1), so a typo is refused before a payment goes astray."""
    iban = waarde.replace(" ", "").upper()
    if not (15 <= len(iban) <= 34 and iban[:2].isalpha() and iban[2:].isalnum()):
        raise ValidationError("Een IBAN begint met de landcode, bijv. NL91 ABNA 0417 1643 00.")
    cijfers = "".join(str(int(teken, 36)) for teken in iban[4:] + iban[:4])
    if int(cijfers) % 97 != 1:
        raise ValidationError("Dit IBAN klopt niet (het controlegetal wijkt af); kijk het na.")


class Taalniveau(models.TextChoices):
    """CEFR levels; A0 stands for not (yet) literate (alfa)."""

    A0 = "A0", "A0 (alfa)"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"


class Leerroute(models.Model):
    """The three learning routes of Wi2021, seeded by a data migration."""

    code = models.CharField(max_length=20, primary_key=True)
    naam = models.CharField(max_length=100, unique=True)
    omschrijving = models.TextField(blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "leerroute"
        verbose_name_plural = "leerroutes"
        ordering = ["volgorde", "code"]

    def __str__(self):
        return self.naam


class Aanbieder(RegisterModel):
    class Soort(models.TextChoices):
        INTERN = "intern", "intern (gemeente)"
        ONDERWIJS = "onderwijs", "onderwijs"
        TAAL = "taal", "taalaanbieder"
        REINTEGRATIE = "re-integratie", "re-integratie"
        MAATSCHAPPELIJK = "maatschappelijk", "maatschappelijke organisatie"
        WERKGEVER = "werkgever", "werkgever"

    class KeurmerkStatus(models.TextChoices):
        GEEN = "geen", "geen keurmerk"
        GELDIG = "geldig", "geldig"
        GESCHORST = "geschorst", "geschorst"
        INGETROKKEN = "ingetrokken", "ingetrokken"

    naam = models.CharField(
        max_length=200,
        unique=True,
        error_messages={"unique": "Er bestaat al een aanbieder met deze naam."},
    )
    kvk_nummer = models.CharField(
        "KvK-nummer",
        max_length=8,
        blank=True,
        validators=[kvk_validator],
        help_text="8 cijfers; leeg voor een intern team van de gemeente.",
    )
    iban = models.CharField(
        "IBAN",
        max_length=42,
        blank=True,
        validators=[iban_validator],
        help_text="De rekening waarop de gemeente betaalt (staat in de betaalbatch).",
    )
    soort = models.CharField(max_length=20, choices=Soort.choices)
    keurmerk_status = models.CharField(
        "keurmerk Blik op Werk",
        max_length=20,
        choices=KeurmerkStatus.choices,
        default=KeurmerkStatus.GEEN,
        help_text="Keurmerk inburgeren van Blik op Werk; verplicht voor B1- en Z-route-trajecten.",
    )
    keurmerk_geldig_tot = models.DateField("keurmerk geldig tot", null=True, blank=True)
    contactpersoon = models.CharField(max_length=200, blank=True)
    email = models.EmailField("e-mail", blank=True)
    telefoon = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kvk_nummer="") | Q(kvk_nummer__regex=r"^[0-9]{8}$"),
                name="aanbieder_kvk_8_cijfers",
                violation_error_message="Een KvK-nummer bestaat uit precies 8 cijfers.",
            ),
            models.UniqueConstraint(
                fields=["kvk_nummer"],
                condition=~Q(kvk_nummer=""),
                name="aanbieder_kvk_uniek",
                violation_error_message="Er bestaat al een aanbieder met dit KvK-nummer.",
            ),
        ]

    def __str__(self):
        return self.naam

    def clean(self):
        errors = {}
        if self.keurmerk_status == self.KeurmerkStatus.GELDIG and not self.keurmerk_geldig_tot:
            errors["keurmerk_geldig_tot"] = "Vul in tot wanneer het keurmerk geldig is."
        if (
            self.kvk_nummer
            and Aanbieder.objects.filter(kvk_nummer=self.kvk_nummer).exclude(pk=self.pk).exists()
        ):
            # The conditional unique constraint would report this without naming the field.
            errors["kvk_nummer"] = "Er bestaat al een aanbieder met dit KvK-nummer."
        if errors:
            raise ValidationError(errors)

    def keurmerk_geldig_op(self, datum: dt.date) -> bool:
        return (
            self.keurmerk_status == self.KeurmerkStatus.GELDIG
            and self.keurmerk_geldig_tot is not None
            and self.keurmerk_geldig_tot >= datum
        )


class Traject(RegisterModel):
    class Soort(models.TextChoices):
        VOORTRAJECT = "voortraject", "voortraject"
        VERVOLGTRAJECT = "vervolgtraject", "vervolgtraject"
        TAAL = "taal", "taal"
        ALFABETISERING = "alfabetisering", "alfabetisering"
        KNM = "knm", "KNM"
        Z_ROUTE = "z_route", "Z-route-programma"
        MAP = "map", "MAP"
        PVT = "pvt", "PVT"
        WERKFIT = "werkfit", "werkfit"
        DUAAL = "duaal", "duaal traject"
        HOGER_ONDERWIJS = "hoger_onderwijs", "voorbereiding hoger onderwijs"
        VRIJWILLIGERSWERK = "vrijwilligerswerk", "vrijwilligerswerk"
        MAATSCHAPPELIJKE_BEGELEIDING = (
            "maatschappelijke_begeleiding",
            "maatschappelijke begeleiding",
        )
        ONTZORGEN = "ontzorgen", "ontzorgen"
        BEMIDDELING = "bemiddeling", "bemiddeling"
        WERKGEVERSPROJECT = "werkgeversproject", "werkgeversproject"

    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="trajecten")
    code = models.CharField(
        max_length=40,
        unique=True,
        help_text="Korte, unieke code; aanbieders gebruiken haar in hun rapportages.",
        error_messages={"unique": "Er bestaat al een traject met deze code."},
    )
    naam = models.CharField(max_length=200)
    omschrijving = models.TextField(blank=True)
    soort = models.CharField(max_length=40, choices=Soort.choices)
    leerroutes = models.ManyToManyField(
        Leerroute,
        blank=True,
        related_name="trajecten",
        help_text="Leeg voor een routevrij onderdeel (bijvoorbeeld ontzorgen).",
    )
    duur_weken = models.PositiveSmallIntegerField(
        "duur (weken)", null=True, blank=True, validators=[MaxValueValidator(260)]
    )
    uren_per_week = models.DecimalField(
        "uren per week",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    taalniveau_in = models.CharField(
        "taalniveau bij instroom", max_length=2, choices=Taalniveau.choices, blank=True
    )
    taalniveau_uit = models.CharField(
        "beoogd taalniveau", max_length=2, choices=Taalniveau.choices, blank=True
    )
    min_leeftijd = models.PositiveSmallIntegerField(
        "minimumleeftijd", null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_leeftijd = models.PositiveSmallIntegerField(
        "maximumleeftijd",
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text="Bijvoorbeeld 28 voor de onderwijsroute.",
    )
    begeleidingstalen = models.CharField(
        max_length=200, blank=True, help_text="Komma-gescheiden, bijv. Arabisch, Tigrinya, Engels."
    )
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "traject"
        verbose_name_plural = "trajecten"
        ordering = ["aanbieder__naam", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_leeftijd__isnull=True)
                | Q(max_leeftijd__isnull=True)
                | Q(min_leeftijd__lte=models.F("max_leeftijd")),
                name="traject_leeftijd_volgorde",
                violation_error_message="De minimumleeftijd ligt boven de maximumleeftijd.",
            ),
            models.CheckConstraint(
                condition=Q(uren_per_week__isnull=True) | Q(uren_per_week__gte=0),
                name="traject_uren_niet_negatief",
                violation_error_message="Uren per week kan niet negatief zijn.",
            ),
        ]

    def __str__(self):
        return f"{self.naam} ({self.aanbieder})"

    def clean(self):
        if (
            self.min_leeftijd is not None
            and self.max_leeftijd is not None
            and self.min_leeftijd > self.max_leeftijd
        ):
            raise ValidationError(
                {"max_leeftijd": "De maximumleeftijd ligt onder de minimumleeftijd."}
            )


class AanbiederGebruiker(models.Model):
    """Links a user of the aanbieder group to the one provider it works for."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="aanbieder_koppeling"
    )
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.CASCADE, related_name="gebruikers")

    class Meta:
        verbose_name = "gebruiker van aanbieder"
        verbose_name_plural = "gebruikers van aanbieders"

    def __str__(self):
        return f"{self.gebruiker} – {self.aanbieder}"
