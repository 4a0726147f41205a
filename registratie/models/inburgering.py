"""The Wi2021 dossier around the client: PIP versions, term extensions, modules, exams,
nazorg contacts, the reference lists of who should be in view, and spells out of guidance."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from aanbod.models import Leerroute, Taalniveau
from kern.models import RegisterModel
from kern.velden import VersleuteldCharField
from registratie.models.client import Client
from registratie.models.keuzes import (
    Uitstroomreden,
    UitstroomSubreden,
)


class PipVersie(RegisterModel):
    """One decision (beschikking) in the client's PIP. The first fixes the start of the
    inburgering term; the latest gives the client's route. Written by `pip_vastleggen`."""

    class Reden(models.TextChoices):
        INITIEEL = "initieel", "eerste PIP"
        SCHAKELEN = "schakelen", "schakelen (andere leerroute)"
        AFSCHALEN = "afschalen", "afschalen (examenonderdelen naar A2)"
        OVERIG = "overig", "andere wijziging"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="pip_versies")
    volgnummer = models.PositiveSmallIntegerField(editable=False)
    datum = models.DateField("datum besluit")
    leerroute = models.ForeignKey(
        Leerroute, on_delete=models.PROTECT, null=True, blank=True, related_name="pip_versies"
    )
    taaldoel = models.CharField(max_length=2, choices=Taalniveau.choices, blank=True)
    afgeschaald = models.JSONField(
        "afgeschaalde examenonderdelen",
        default=list,
        blank=True,
        help_text="De taalexamenonderdelen die de client op A2 mag afleggen (art. 17 lid 3 "
        "Wi2021); de andere blijven op het taaldoel.",
    )
    knm = models.BooleanField("KNM", default=True)
    map = models.BooleanField("MAP", default=True)
    pvt = models.BooleanField("PVT", default=True)
    ontzorgen = models.BooleanField(default=True)
    participatie = models.BooleanField("participatie", default=True)
    reden = models.CharField(max_length=15, choices=Reden.choices)
    toelichting = models.TextField(blank=True)
    na_schakeltermijn = models.BooleanField(
        "na 18 maanden",
        default=False,
        editable=False,
        help_text="Van de onderwijsroute naar de B1-route na de 18 maanden: de enige wissel "
        "die dan nog kan.",
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    ONDERDELEN = ("knm", "map", "pvt", "ontzorgen", "participatie")

    class Meta:
        verbose_name = "PIP-versie"
        verbose_name_plural = "PIP-versies"
        ordering = ["client", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["client", "volgnummer"], name="pip_volgnummer_uniek"),
            models.CheckConstraint(
                condition=Q(volgnummer=1, reden="initieel")
                | (Q(volgnummer__gt=1) & ~Q(reden="initieel")),
                name="pip_eerste_versie_initieel",
                violation_error_message="Alleen de eerste PIP-versie is het eerste PIP.",
            ),
        ]

    def __str__(self):
        return f"PIP {self.volgnummer} van {self.client}"

    def doel_per_deel(self) -> dict[str, str]:
        """The level each language exam part must reach: the taaldoel (B1 by default), A2
        for the parts afgeschaald."""
        doel = self.taaldoel or Taalniveau.B1
        return {d: Taalniveau.A2 if d in self.afgeschaald else doel for d in Examen.TAAL}

    @property
    def onderdelen(self) -> list[str]:
        return [
            str(self._meta.get_field(naam).verbose_name)
            for naam in self.ONDERDELEN
            if getattr(self, naam)
        ]


class Termijnverlenging(RegisterModel):
    """An extension of the inburgering term (e.g. illness, a course that runs on); written
    by `termijn_verleng`, which moves the client's term end."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="verlengingen")
    datum = models.DateField("datum besluit")
    nieuwe_einddatum = models.DateField("nieuwe einddatum")
    reden = models.CharField(max_length=500)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "verlenging inburgeringstermijn"
        verbose_name_plural = "verlengingen inburgeringstermijn"
        ordering = ["client", "nieuwe_einddatum"]


class Module(RegisterModel):
    """A module of the inburgering (KNM, MAP, PVT; ONA under Wi2013; the Z-route's own
    programme), with start and completion, and the provider's enrolment where bought."""

    class Soort(models.TextChoices):
        KNM = "knm", "KNM"
        MAP = "map", "MAP"
        ONA = "ona", "ONA (Wi2013)"
        PVT = "pvt", "PVT"
        TAALSCHAKEL = "tst", "taalschakeltraject (onderwijsroute)"
        Z_ROUTE = "z_route", "Z-route (programma doorlopen)"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="modules")
    soort = models.CharField(max_length=10, choices=Soort.choices)
    startdatum = models.DateField(null=True, blank=True)
    afgerond_op = models.DateField("afgerond op", null=True, blank=True)
    inschrijving = models.ForeignKey(
        "Inschrijving", on_delete=models.SET_NULL, null=True, blank=True, related_name="modules"
    )

    class Meta:
        verbose_name = "module"
        verbose_name_plural = "modules"
        ordering = ["client", "soort"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "soort"],
                name="module_een_per_soort",
                violation_error_message="Deze module staat al bij de client.",
            ),
            models.CheckConstraint(
                condition=Q(startdatum__isnull=True)
                | Q(afgerond_op__isnull=True)
                | Q(afgerond_op__gte=F("startdatum")),
                name="module_afgerond_na_start",
                violation_error_message="Een module kan niet worden afgerond voor ze begint.",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} van {self.client}"


class Examen(RegisterModel):
    """One exam result per part: the four language skills and KNM. DUO holds the exams: a
    result a provider reports is 'gemeld' until DUO's file confirms it, and only a result
    that `telt` (the gemeente's own entry from DUO's portal, or DUO's) fulfils the plicht
    or releases a prestatiedeel."""

    class Bron(models.TextChoices):
        DUO = "duo", "DUO"
        GEMEENTE = "gemeente", "gemeente"
        AANBIEDER = "aanbieder", "gemeld door aanbieder"

    class Onderdeel(models.TextChoices):
        LEZEN = "lezen", "lezen"
        LUISTEREN = "luisteren", "luisteren"
        SCHRIJVEN = "schrijven", "schrijven"
        SPREKEN = "spreken", "spreken"
        KNM = "knm", "KNM"

    TAAL = (Onderdeel.LEZEN, Onderdeel.LUISTEREN, Onderdeel.SCHRIJVEN, Onderdeel.SPREKEN)

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="examens")
    onderdeel = models.CharField(max_length=10, choices=Onderdeel.choices)
    datum = models.DateField("examendatum")
    niveau = models.CharField(max_length=2, choices=Taalniveau.choices, blank=True)
    behaald = models.BooleanField()
    inschrijving = models.ForeignKey(
        "Inschrijving", on_delete=models.SET_NULL, null=True, blank=True, related_name="examens"
    )
    bron = models.CharField(max_length=10, choices=Bron.choices, default=Bron.GEMEENTE)
    duo_bevestigd_op = models.DateField(
        "bevestigd door DUO op",
        null=True,
        blank=True,
        editable=False,
        help_text="De dag van het DUO-bestand dat deze uitslag bevestigde.",
    )

    @classmethod
    def telt(cls) -> Q:
        """The results that count: recorded by the gemeente or DUO, or confirmed by DUO."""
        return ~Q(bron=cls.Bron.AANBIEDER) | Q(duo_bevestigd_op__isnull=False)

    @property
    def bevestigd(self) -> bool:
        return self.bron != self.Bron.AANBIEDER or self.duo_bevestigd_op is not None

    class Meta:
        verbose_name = "examenresultaat"
        verbose_name_plural = "examenresultaten"
        ordering = ["client", "datum", "onderdeel"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "onderdeel", "datum"],
                name="examen_een_per_onderdeel_per_dag",
                violation_error_message="Voor dit onderdeel staat op die dag al een uitslag.",
            ),
        ]

    def __str__(self):
        return f"{self.get_onderdeel_display()} {self.datum:%d-%m-%Y} ({self.client})"


class Nazorgcontact(RegisterModel):
    """A follow-up contact after a placement: is the client still working?"""

    class Soort(models.TextChoices):
        GESPREK = "gesprek", "gesprek met de client"
        TELEFOON = "telefoon", "telefonisch"
        WERKGEVER = "werkgever", "met de werkgever"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="nazorgcontacten")
    datum = models.DateField()
    soort = models.CharField(max_length=10, choices=Soort.choices)
    werkt_nog = models.BooleanField("werkt nog")
    toelichting = models.CharField(max_length=500, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "nazorgcontact"
        verbose_name_plural = "nazorgcontacten"
        ordering = ["client", "datum"]


class Referentielijst(RegisterModel):
    """A list of the gemeente's inburgeringsplichtigen from DUO or the BRP: whoever is on it
    and not in the register is 'niet in beeld', the sixth population category."""

    class Bron(models.TextChoices):
        DUO = "duo", "DUO"
        BRP = "brp", "BRP"

    peildatum = models.DateField(help_text="De datum waarop de lijst de stand weergeeft.")
    bron = models.CharField(max_length=5, choices=Bron.choices)
    bestandsnaam = models.CharField(max_length=255)
    geimporteerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "referentielijst"
        verbose_name_plural = "referentielijsten"
        ordering = ["-peildatum", "-aangemaakt_op"]

    def __str__(self):
        return f"{self.get_bron_display()} {self.peildatum:%d-%m-%Y}"


class Referentiepersoon(models.Model):
    lijst = models.ForeignKey(Referentielijst, on_delete=models.CASCADE, related_name="personen")
    rij = models.PositiveIntegerField()
    clientnummer = models.CharField(max_length=30, blank=True)
    bsn = VersleuteldCharField("BSN", max_length=9, null=True, blank=True)
    client = models.ForeignKey(
        Client,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="De client in het register die deze persoon is (leeg: niet in beeld).",
    )

    class Meta:
        verbose_name = "persoon op een referentielijst"
        verbose_name_plural = "personen op een referentielijst"
        ordering = ["lijst", "rij"]

    def __str__(self):
        return f"{self.lijst}, rij {self.rij}"


class Onderbreking(RegisterModel):
    """A gap between two spells of guidance: an uitval (guidance interrupted, e.g. illness)
    from `van` until the client came back, or an outflow after which the client came back
    (the outflow's reason kept here). An open uitval (no `tot`) is the client's current
    state. Written by begeleiding_onderbreek and begeleiding_hervat."""

    class Soort(models.TextChoices):
        UITVAL = "uitval", "uitval"
        UITSTROOM = "uitstroom", "uitstroom, daarna teruggekomen"

    class Reden(models.TextChoices):
        ZIEKTE = "ziekte", "ziekte"
        ZWANGERSCHAP = "zwangerschap", "zwangerschap of zorg voor een kind"
        TIJDELIJK_WEG = "tijdelijk_weg", "tijdelijk vertrokken"
        NIET_VERSCHENEN = "niet_verschenen", "niet meer verschenen"
        OVERIG = "overig", "overig"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="onderbrekingen")
    soort = models.CharField(max_length=10, choices=Soort.choices)
    van = models.DateField()
    tot = models.DateField("terug op", null=True, blank=True)
    reden = models.CharField(max_length=20, choices=Reden.choices, blank=True)
    uitstroom_reden = models.CharField(
        "reden uitstroom", max_length=20, choices=Uitstroomreden.choices, blank=True
    )
    uitstroom_subreden = models.CharField(
        "reden uitstroom overig", max_length=40, choices=UitstroomSubreden.choices, blank=True
    )
    toelichting = models.CharField(
        max_length=500, blank=True, help_text="Bij de uitval: wat er aan de hand is."
    )
    toelichting_terug = models.CharField("toelichting bij terugkeer", max_length=500, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "onderbreking van de begeleiding"
        verbose_name_plural = "onderbrekingen van de begeleiding"
        ordering = ["client", "van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")),
                name="onderbreking_tot_na_van",
                violation_error_message="Een client komt niet terug voor hij wegging.",
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(tot__isnull=True),
                name="onderbreking_een_open",
                violation_error_message="Deze client heeft al een open onderbreking.",
            ),
            models.CheckConstraint(
                condition=Q(soort="uitval", uitstroom_reden="")
                | Q(soort="uitstroom", tot__isnull=False, reden=""),
                name="onderbreking_soort_en_reden",
                violation_error_message="Een uitval heeft een reden van uitval; een uitstroom "
                "met terugkeer de reden van uitstroom en een datum van terugkeer.",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} van {self.client} op {self.van:%d-%m-%Y}"
