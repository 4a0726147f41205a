"""The client: the person (personal fields optional, BSN encrypted), the gemeente's dates,
the leerroute, the plicht and its derived terms, and the outflow."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from aanbod.models import Leerroute, Taalniveau, Traject
from kern.models import RegisterModel
from kern.velden import VersleuteldCharField
from registratie.models.client_regels import ClientRegels
from registratie.models.keuzes import (
    INBURGERINGSTERMIJN_MAANDEN,
    NAAR_NAZORG,
    NAZORG_MAANDEN,
    ONTZORGEN_MIN_MAANDEN,
    PIP_WEKEN,
    SCHAKELEN_MAANDEN,
    TERMIJNVELDEN,
    AbcUitkomst,
    Doelgroep,
    DoelgroepBron,
    Leerbaarheid,
    PlichtBron,
    PlichtStatus,
    Regime,
    Uitstroomreden,
    UitstroomSubreden,
    bsn_sleutel,
    plus_maanden,
    standaard_taaldoel,
    valideer_bsn,
)


class Client(ClientRegels, RegisterModel):
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
    # One client per person: the BSN's keyed hash, unique (the encrypted BSN cannot be).
    bsn_sleutel = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
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
    gemeente = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clienten",
        help_text="De gemeente waar de client woont; haar specialisten zien het dossier.",
    )
    doelgroep = models.CharField(
        max_length=10,
        choices=Doelgroep.choices,
        blank=True,
        help_text="Bepaalt of de gemeente de leerroute aanbiedt en betaalt en of ze ontzorgt "
        "(alleen voor asielstatushouders).",
    )
    doelgroep_bron = models.CharField(
        "bron doelgroep", max_length=10, choices=DoelgroepBron.choices, blank=True
    )
    doelgroep_datum = models.DateField("datum doelgroep", null=True, blank=True)
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
        "gemeente",
        "voornaam",
        "achternaam",
        "bsn",
        "geboortedatum",
        "geslacht",
        "land_van_herkomst",
        "taal",
        "doelgroep",
        "doelgroep_bron",
        "doelgroep_datum",
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
    def ontzorgd(self) -> bool:
        """Ontzorgen is for the asielstatushouder (MvT §2.5.2); a client whose group is not
        recorded yet keeps the deadlines until it is."""
        return self.doelgroep in ("", Doelgroep.ASIELSTATUSHOUDER)

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
            if self.ontzorgen_start and self.ontzorgd
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
        self.bsn_sleutel = bsn_sleutel(self.bsn)
        velden = kwargs.get("update_fields")
        if velden is not None:
            kwargs["update_fields"] = set(velden) | set(TERMIJNVELDEN)
            if "bsn" in velden:
                kwargs["update_fields"].add("bsn_sleutel")
        super().save(*args, **kwargs)
        # Every path that sets the first PIP date (form, API, old-list import, admin) records
        # it as the first PIP version; later versions go through pip_vastleggen.
        if (
            self.datum_pip
            and (velden is None or "datum_pip" in velden)
            and not self.pip_versies.exists()
        ):
            self.pip_versies.create(
                volgnummer=1,
                datum=self.datum_pip,
                leerroute_id=self.leerroute_id,
                taaldoel=standaard_taaldoel(self.leerroute_id),
                # PipVersie.Reden.INITIEEL: that module imports this one.
                reden="initieel",
                map=self.leerroute_id != "onderwijs",  # registratie.inburgering.eisen
                ontzorgen=self.ontzorgd,
            )

    def clean(self):
        errors = {}
        zelfde = Client.objects.exclude(pk=self.pk).filter(bsn_sleutel=bsn_sleutel(self.bsn))
        if self.bsn and (ander := zelfde.values_list("clientnummer", flat=True).first()):
            errors["bsn"] = f"Client {ander} heeft dit BSN al; één persoon is één client."
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
        errors.update(self._doelgroep_klopt())
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


def status_na_uitstroom(reden: str, datum: dt.date, vandaag: dt.date) -> str:
    """The one status after an outflow, wherever it is recorded (the outflow service, the
    old-list import): work or education starts nazorg, and a nazorg that has ended closes
    the file; any other reason ends the guidance."""
    if reden in NAAR_NAZORG:
        if plus_maanden(datum, NAZORG_MAANDEN) >= vandaag:
            return Client.Status.NAZORG
        return Client.Status.AFGESLOTEN
    return Client.Status.UITGESTROOMD
