import calendar
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from aanbod.models import Leerroute, Taalniveau, Traject
from inkoop.models import GELD, Contractregel
from kern.models import RegisterModel
from kern.velden import VersleuteldCharField

NAZORG_MAANDEN = 4
PIP_WEKEN = 10
ONTZORGEN_MIN_MAANDEN = 6
SCHAKELEN_MAANDEN = 18
INBURGERINGSTERMIJN_MAANDEN = 36
TERMIJNVELDEN = (
    "pip_deadline",
    "ontzorgen_minimaal_tot",
    "schakelen_uiterlijk",
    "nazorg_eind",
    "termijn_start",
    "termijn_eind",
)


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """Calendar months later; the 31st becomes the last day of a shorter month."""
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    jaar, maand = datum.year + jaar, maand + 1
    return dt.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))


def standaard_taaldoel(leerroute: str | None) -> str:
    """The language goal a route sets unless the PIP says otherwise: B1 for the B1-route and
    the onderwijsroute; the Z-route has none (as much as the client can)."""
    return Taalniveau.B1 if leerroute in ("b1", "onderwijs") else ""


def elfproef(bsn: str) -> bool:
    if not (len(bsn) == 9 and bsn.isdigit()):
        return False
    totaal = sum(int(c) * w for c, w in zip(bsn[:8], range(9, 1, -1), strict=True))
    return (totaal - int(bsn[8])) % 11 == 0


def valideer_bsn(waarde: str) -> None:
    if waarde and not elfproef(waarde):
        raise ValidationError("Dit is geen geldig BSN (9 cijfers die voldoen aan de elfproef).")


class Uitstroomreden(models.TextChoices):
    VOLTIJD_BAAN = "voltijd_baan", "voltijd baan"
    DEELTIJD_BAAN = "deeltijd_baan", "deeltijd baan"
    OPLEIDING = "opleiding", "opleiding"
    OVERIG = "overig", "overig"


NAAR_NAZORG = {Uitstroomreden.VOLTIJD_BAAN, Uitstroomreden.DEELTIJD_BAAN, Uitstroomreden.OPLEIDING}


def status_na_uitstroom(reden: str, datum: dt.date, vandaag: dt.date) -> str:
    """The one status after an outflow, wherever it is recorded (the outflow service, the
    old-list import): work or education starts nazorg, and a nazorg that has ended closes
    the file; any other reason ends the guidance."""
    if reden in NAAR_NAZORG:
        if plus_maanden(datum, NAZORG_MAANDEN) >= vandaag:
            return Client.Status.NAZORG
        return Client.Status.AFGESLOTEN
    return Client.Status.UITGESTROOMD


class UitstroomSubreden(models.TextChoices):
    SAMENWONEN = "samenwonen", "samenwonen met werkende partner"
    EIGEN_ONDERNEMING = "eigen_onderneming", "eigen onderneming"
    VERHUISD = "verhuisd", "verhuisd naar andere gemeente"
    AOW = "aow", "AOW-leeftijd"
    VERPLICHTINGEN = "verplichtingen_niet_nagekomen", "verplichtingen niet nagekomen"
    EIGEN_VERZOEK = "eigen_verzoek", "op eigen verzoek"
    ONBEKEND = "onbekend", "onbekend"


class AbcUitkomst(models.TextChoices):
    """The outcome of the voortraject's signed ABC plan, as the brede intake records it."""

    WERK = "werk", "werk"
    ONDERWIJS_SCHOLING = "onderwijs_scholing", "onderwijs-scholing"
    GEEN = "geen", "geen"


class Regime(models.TextChoices):
    WI2013 = "wi2013", "Wet inburgering 2013"
    WI2021 = "wi2021", "Wet inburgering 2021"


class PlichtStatus(models.TextChoices):
    PLICHTIG = "plichtig", "inburgeringsplichtig"
    VRIJGESTELD = "vrijgesteld", "vrijgesteld"
    ONTHEVEN = "ontheven", "ontheven"
    VOLDAAN = "voldaan", "voldaan"
    BEEINDIGD = "beeindigd", "beëindigd"


class PlichtBron(models.TextChoices):
    DUO = "duo", "DUO"
    GEMEENTE = "gemeente", "gemeente"


class Leerbaarheid(models.TextChoices):
    """The outcome of DUO's leerbaarheidstoets, as the brede intake records it."""

    HOOG = "hoog", "hoog"
    GEMIDDELD = "gemiddeld", "gemiddeld"
    LAAG = "laag", "laag"
    NIET_AFGENOMEN = "niet_afgenomen", "niet afgenomen"


class Client(RegisterModel):
    """A client (inburgeraar). GEGEVENS: the fields a specialist records at intake and after;
    the outflow has its own service because it starts nazorg."""

    class Status(models.TextChoices):
        IN_BEELD = "in_beeld", "in beeld, nog niet opgepakt"
        IN_BEGELEIDING = "in_begeleiding", "in begeleiding"
        UITGESTROOMD = "uitgestroomd", "uitgestroomd"
        NAZORG = "nazorg", "nazorg"
        AFGESLOTEN = "afgesloten", "afgesloten"
        UITGEVALLEN = "uitgevallen", "uitgevallen (begeleiding onderbroken)"

    UIT = (Status.UITGESTROOMD, Status.NAZORG, Status.AFGESLOTEN)

    class Geslacht(models.TextChoices):
        MAN = "m", "man"
        VROUW = "v", "vrouw"
        ANDERS = "x", "anders / onbekend"

    class Sector(models.TextChoices):
        BOUW = "bouw", "Bouw"
        TECHNIEK = "techniek", "Techniek"
        ZORG = "zorg", "Zorg"
        LOGISTIEK = "logistiek", "Transport en Logistiek"
        SCHOONMAAK = "schoonmaak", "Schoonmaak"
        HORECA = "horeca", "Horeca en detailhandel"
        ZAKELIJK = "zakelijk", "Zakelijke dienstverlening"
        OVERIG = "overig", "Overig"

    class Dienstverband(models.TextChoices):
        FULLTIME = "fulltime", "fulltime"
        PARTTIME = "parttime", "parttime"

    class TypeBemiddeling(models.TextChoices):
        REGULIER = "regulier", "regulier"
        PROJECT = "project", "project"
        SOCIAL_RETURN = "social_return", "social return"

    clientnummer = models.CharField(
        max_length=30,
        unique=True,
        help_text="Het eigen clientnummer van de gemeente.",
        error_messages={"unique": "Er bestaat al een client met dit clientnummer."},
    )
    voornaam = models.CharField(max_length=100, blank=True)
    achternaam = models.CharField(max_length=150, blank=True)
    bsn = VersleuteldCharField(
        "BSN", max_length=9, null=True, blank=True, validators=[valideer_bsn]
    )
    geboortedatum = models.DateField(null=True, blank=True)
    geslacht = models.CharField(max_length=1, choices=Geslacht.choices, blank=True)
    land_van_herkomst = models.CharField(max_length=100, blank=True)
    taal = models.CharField("moedertaal", max_length=100, blank=True)

    datum_huisvesting = models.DateField("datum huisvesting", null=True, blank=True)
    datum_inschrijving_gemeente = models.DateField(
        "datum inschrijving gemeente", null=True, blank=True
    )
    datum_brede_intake = models.DateField("datum brede intake", null=True, blank=True)
    datum_pip = models.DateField(
        "datum PIP",
        null=True,
        blank=True,
        help_text="Vaststelling van het eerste PIP; hier begint de inburgeringstermijn. Ligt "
        "vast zodra het PIP is vastgelegd; een nieuw besluit is een nieuwe PIP-versie.",
    )
    leerbaarheidstoets = models.CharField(
        "uitslag leerbaarheidstoets",
        max_length=20,
        choices=Leerbaarheid.choices,
        blank=True,
        help_text="De uitslag van de leerbaarheidstoets van DUO bij de brede intake.",
    )
    plicht_regime = models.CharField("regime", max_length=10, choices=Regime.choices, blank=True)
    plicht_status = models.CharField(
        "inburgeringsplicht", max_length=15, choices=PlichtStatus.choices, blank=True
    )
    plicht_status_datum = models.DateField("datum status plicht", null=True, blank=True)
    plicht_bron = models.CharField(
        "bron status plicht", max_length=10, choices=PlichtBron.choices, blank=True
    )
    plicht_sinds = models.DateField(
        "plichtig sinds",
        null=True,
        blank=True,
        help_text="Begin van de inburgeringsplicht volgens DUO; onder de Wet inburgering 2013 "
        "begint hier de termijn (onder 2021 bij het PIP).",
    )
    ontzorgen_start = models.DateField("ontzorgen vanaf", null=True, blank=True)
    ontzorgen_eind = models.DateField("ontzorgen tot", null=True, blank=True)
    datum_start_voortraject = models.DateField("start voortraject", null=True, blank=True)
    abc_uitkomst = models.CharField(
        "uitkomst ABC-plan",
        max_length=20,
        choices=AbcUitkomst.choices,
        blank=True,
        help_text="Waar het voortraject op uitkwam (in oude lijsten: 'Trajectbepaling'); "
        "niet de leerroute.",
    )

    leerroute = models.ForeignKey(
        Leerroute, on_delete=models.PROTECT, null=True, blank=True, related_name="clienten"
    )
    taalniveau = models.CharField(max_length=2, choices=Taalniveau.choices, blank=True)
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
        limit_choices_to={"groups__name": "specialist"},
    )
    wij_generalist = models.CharField("WIJ-generalist", max_length=150, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_BEELD)
    notities = models.TextField(blank=True)
    geanonimiseerd_op = models.DateTimeField(
        "geanonimiseerd op",
        null=True,
        blank=True,
        editable=False,
        help_text="Na de bewaartermijn zijn naam, BSN en notities verwijderd "
        "(manage.py anonimiseer).",
    )

    uitstroom_datum = models.DateField("datum uitstroom", null=True, blank=True)
    uitstroom_reden = models.CharField(
        "reden uitstroom", max_length=20, choices=Uitstroomreden.choices, blank=True
    )
    uitstroom_subreden = models.CharField(
        "reden uitstroom overig", max_length=40, choices=UitstroomSubreden.choices, blank=True
    )
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)
    dienstverband = models.CharField(max_length=10, choices=Dienstverband.choices, blank=True)
    type_bemiddeling = models.CharField(
        "type bemiddeling", max_length=20, choices=TypeBemiddeling.choices, blank=True
    )
    wgt_betrokken = models.BooleanField("WGT betrokken", default=False)
    werkgever = models.CharField(max_length=200, blank=True)
    werkgeversproject = models.ForeignKey(
        Traject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plaatsingen",
        limit_choices_to={"soort": Traject.Soort.WERKGEVERSPROJECT},
    )

    # Derived by bereken_termijnen(); never edited by hand.
    pip_deadline = models.DateField(
        "PIP uiterlijk",
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="10 weken na inschrijving in de gemeente.",
    )
    ontzorgen_minimaal_tot = models.DateField(
        "ontzorgen minimaal tot",
        null=True,
        blank=True,
        editable=False,
        help_text="Ten minste 6 maanden na de start van ontzorgen.",
    )
    schakelen_uiterlijk = models.DateField(
        "leerroute wisselen uiterlijk",
        null=True,
        blank=True,
        editable=False,
        help_text="18 maanden na de start van de inburgeringstermijn (het PIP).",
    )
    nazorg_eind = models.DateField(
        "einde nazorg",
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="4 maanden na de uitstroom.",
    )
    termijn_start = models.DateField(
        "start inburgeringstermijn",
        null=True,
        blank=True,
        editable=False,
        help_text="Wet inburgering 2021: het eerste PIP; 2013: het begin van de plicht.",
    )
    termijn_eind = models.DateField(
        "einde inburgeringstermijn",
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="3 jaar na de start, of de laatste verlenging.",
    )
    verlengd_tot = models.DateField(
        "verlengd tot",
        null=True,
        blank=True,
        editable=False,
        help_text="De nieuwe einddatum van de laatste verlenging (termijn_verleng).",
    )

    class Meta:
        verbose_name = "client"
        verbose_name_plural = "clienten"
        ordering = ["clientnummer"]
        constraints = [
            models.CheckConstraint(
                condition=Q(uitstroom_datum__isnull=True, uitstroom_reden="")
                | (Q(uitstroom_datum__isnull=False) & ~Q(uitstroom_reden="")),
                name="client_uitstroom_datum_en_reden",
                violation_error_message="Een uitstroom heeft zowel een datum als een reden.",
            ),
            models.CheckConstraint(
                condition=Q(uitstroom_subreden="") | Q(uitstroom_reden=Uitstroomreden.OVERIG),
                name="client_subreden_alleen_bij_overig",
                violation_error_message="Een subreden hoort alleen bij uitstroomreden 'overig'.",
            ),
            models.CheckConstraint(
                condition=Q(ontzorgen_start__isnull=True)
                | Q(ontzorgen_eind__isnull=True)
                | Q(ontzorgen_eind__gte=F("ontzorgen_start")),
                name="client_ontzorgen_eind_na_start",
                violation_error_message="Ontzorgen eindigt voor het begint.",
            ),
        ]

    def __str__(self):
        return self.clientnummer

    GEGEVENS = (
        "clientnummer",
        "voornaam",
        "achternaam",
        "bsn",
        "geboortedatum",
        "geslacht",
        "land_van_herkomst",
        "taal",
        "datum_huisvesting",
        "datum_inschrijving_gemeente",
        "datum_brede_intake",
        "datum_pip",
        "ontzorgen_start",
        "ontzorgen_eind",
        "datum_start_voortraject",
        "abc_uitkomst",
        "leerbaarheidstoets",
        "leerroute",
        "taalniveau",
        "specialist",
        "wij_generalist",
        "status",
        "notities",
        "plicht_regime",
        "plicht_status",
        "plicht_status_datum",
        "plicht_bron",
        "plicht_sinds",
    )

    @property
    def is_uitgestroomd(self) -> bool:
        """Out of guidance now. The outflow fields keep the latest outflow, also after the
        client came back (`begeleiding_hervat`), so they alone do not say so."""
        return self.status in self.UIT

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip()

    def leeftijd_op(self, datum: dt.date) -> int | None:
        if not self.geboortedatum:
            return None
        g = self.geboortedatum
        return datum.year - g.year - ((datum.month, datum.day) < (g.month, g.day))

    def bereken_termijnen(self) -> None:
        """The Wi2021 deadlines as data, so lists and reports can filter on them in SQL.
        Called by save(); a bulk write must call it itself."""
        self.pip_deadline = (
            self.datum_inschrijving_gemeente + dt.timedelta(weeks=PIP_WEKEN)
            if self.datum_inschrijving_gemeente
            else None
        )
        self.ontzorgen_minimaal_tot = (
            plus_maanden(self.ontzorgen_start, ONTZORGEN_MIN_MAANDEN)
            if self.ontzorgen_start
            else None
        )
        self.schakelen_uiterlijk = (
            plus_maanden(self.datum_pip, SCHAKELEN_MAANDEN) if self.datum_pip else None
        )
        self.nazorg_eind = (
            plus_maanden(self.uitstroom_datum, NAZORG_MAANDEN) if self.uitstroom_datum else None
        )
        self.termijn_start = (
            self.plicht_sinds if self.plicht_regime == Regime.WI2013 else self.datum_pip
        )
        self.termijn_eind = self.verlengd_tot or (
            plus_maanden(self.termijn_start, INBURGERINGSTERMIJN_MAANDEN)
            if self.termijn_start
            else None
        )

    def save(self, *args, **kwargs):
        self.bereken_termijnen()
        velden = kwargs.get("update_fields")
        if velden is not None:
            kwargs["update_fields"] = set(velden) | set(TERMIJNVELDEN)
        super().save(*args, **kwargs)
        # Every path that sets the first PIP date (form, API, old-list import, admin) records
        # it as the first PIP version; later versions go through pip_vastleggen.
        if (
            self.datum_pip
            and (velden is None or "datum_pip" in velden)
            and not self.pip_versies.exists()
        ):
            PipVersie.objects.create(
                client=self,
                volgnummer=1,
                datum=self.datum_pip,
                leerroute_id=self.leerroute_id,
                taaldoel=standaard_taaldoel(self.leerroute_id),
                reden=PipVersie.Reden.INITIEEL,
            )

    def clean(self):
        errors = {}
        if self.uitstroom_datum and not self.uitstroom_reden:
            errors["uitstroom_reden"] = "Vul de reden van uitstroom in."
        if self.uitstroom_reden and not self.uitstroom_datum:
            errors["uitstroom_datum"] = "Vul de datum van uitstroom in."
        if self.uitstroom_reden == Uitstroomreden.OVERIG and not self.uitstroom_subreden:
            errors["uitstroom_subreden"] = "Kies bij 'overig' een subreden."
        if self.uitstroom_subreden and self.uitstroom_reden != Uitstroomreden.OVERIG:
            errors["uitstroom_subreden"] = "Een subreden hoort alleen bij 'overig'."
        if (
            self.ontzorgen_start
            and self.ontzorgen_eind
            and self.ontzorgen_eind < self.ontzorgen_start
        ):
            errors["ontzorgen_eind"] = "Ontzorgen eindigt voor het begint."
        errors.update(self._plaatsing_tegenstrijdig())
        errors.update(self._plicht_onvolledig())
        errors.update(self._pip_vastgelegd())
        errors.update(self._uitval_klopt())
        if (
            self.status in (self.Status.UITGESTROOMD, self.Status.NAZORG)
            and not self.uitstroom_datum
        ):
            errors["status"] = "Een uitgestroomde client heeft een datum en reden van uitstroom."
        if errors:
            raise ValidationError(errors)

    def _plicht_onvolledig(self) -> dict[str, str]:
        fouten = {}
        if self.plicht_status:
            if not self.plicht_regime:
                fouten["plicht_regime"] = "Kies onder welke wet de client inburgert."
            if not self.plicht_status_datum:
                fouten["plicht_status_datum"] = "Vul de datum van deze status in."
            if not self.plicht_bron:
                fouten["plicht_bron"] = "Kies de bron van deze status (DUO of gemeente)."
        elif self.plicht_status_datum or self.plicht_bron:
            fouten["plicht_status"] = "Kies de status van de inburgeringsplicht."
        return fouten

    def _uitval_klopt(self) -> dict[str, str]:
        """'Uitgevallen' is the state of an open uitval; both change only through
        begeleiding_onderbreek and begeleiding_hervat."""
        if self.pk is None:
            return (
                {}
                if self.status != self.Status.UITGEVALLEN
                else {"status": "Een nieuwe client kan niet uitgevallen zijn."}
            )
        open_ = any(o.tot is None for o in self.onderbrekingen.all())
        if open_ != (self.status == self.Status.UITGEVALLEN):
            return {
                "status": "De status volgt uit uitval en terugkeer; leg die vast op de "
                "pagina van de client."
            }
        return {}

    def _pip_vastgelegd(self) -> dict[str, str]:
        """Once a PIP is recorded, its first date and its latest route are the PIP's:
        a change of either is a new PIP version, never an edit of the client."""
        if self.pk is None:
            return {}
        # all() so that an import can prefetch the versions of every client it reads.
        versies = sorted(self.pip_versies.all(), key=lambda v: v.volgnummer)
        if not versies:
            return {}
        fouten = {}
        eerste, laatste_route = versies[0].datum, versies[-1].leerroute_id
        if self.datum_pip != eerste:
            fouten["datum_pip"] = (
                f"De datum van het eerste PIP ({eerste:%d-%m-%Y}) ligt vast: de "
                "inburgeringstermijn loopt vanaf die dag. Een nieuw besluit is een nieuwe "
                "PIP-versie."
            )
        if self.leerroute_id != laatste_route:
            fouten["leerroute"] = (
                "De leerroute volgt uit het laatste PIP; wissel haar met een nieuwe PIP-versie "
                "(schakelen)."
            )
        return fouten

    def _plaatsing_tegenstrijdig(self) -> dict[str, str]:
        """Placement details that contradict the outflow reason, each named on its field."""
        fouten = {}
        werk = self.uitstroom_reden in (Uitstroomreden.VOLTIJD_BAAN, Uitstroomreden.DEELTIJD_BAAN)
        if self.uitstroom_reden == Uitstroomreden.DEELTIJD_BAAN and (
            self.dienstverband == self.Dienstverband.FULLTIME
        ):
            fouten["dienstverband"] = (
                "Een deeltijdbaan is geen fulltime dienstverband: kies 'parttime', of kies "
                "uitstroomreden 'voltijd baan'."
            )
        if self.uitstroom_reden == Uitstroomreden.VOLTIJD_BAAN and (
            self.dienstverband == self.Dienstverband.PARTTIME
        ):
            fouten["dienstverband"] = (
                "Een voltijdbaan is geen parttime dienstverband: kies 'fulltime', of kies "
                "uitstroomreden 'deeltijd baan'."
            )
        if self.uitstroom_reden and not werk:
            for veld in ("dienstverband", "sector", "type_bemiddeling", "werkgever"):
                if getattr(self, veld):
                    fouten[veld] = (
                        f"{self._meta.get_field(veld).verbose_name.capitalize()} hoort alleen "
                        f"bij uitstroom naar werk, niet bij '{self.get_uitstroom_reden_display()}'."
                    )
            if self.werkgeversproject_id:
                fouten["werkgeversproject"] = "Een werkgeversproject hoort alleen bij werk."
        if (
            werk
            and self.werkgeversproject_id
            and (self.type_bemiddeling and self.type_bemiddeling != self.TypeBemiddeling.PROJECT)
        ):
            fouten["type_bemiddeling"] = (
                "Met een werkgeversproject is het type bemiddeling 'project'."
            )
        return fouten


class PipVersie(RegisterModel):
    """One decision (beschikking) in the client's PIP. The first fixes the start of the
    inburgering term; the latest gives the client's route. Written by `pip_vastleggen`."""

    class Reden(models.TextChoices):
        INITIEEL = "initieel", "eerste PIP"
        SCHAKELEN = "schakelen", "schakelen (andere leerroute)"
        AFSCHALEN = "afschalen", "afschalen (lager taaldoel)"
        OVERIG = "overig", "andere wijziging"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="pip_versies")
    volgnummer = models.PositiveSmallIntegerField(editable=False)
    datum = models.DateField("datum besluit")
    leerroute = models.ForeignKey(
        Leerroute, on_delete=models.PROTECT, null=True, blank=True, related_name="pip_versies"
    )
    taaldoel = models.CharField(max_length=2, choices=Taalniveau.choices, blank=True)
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
        help_text="Gewisseld na de 18 maanden van de wet; de toelichting motiveert waarom.",
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
    """One exam result per part: the four language skills and KNM."""

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
    No client is recorded, only what the count per route and reason needs."""

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
