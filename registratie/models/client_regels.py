"""The rules Client.clean checks that read more than one field: the target group and
ontzorgen, uitval, the PIP's fixed fields, placement details against the outflow."""

from registratie.models.keuzes import Uitstroomreden


class ClientRegels:
    """Mixed into Client."""

    def _doelgroep_klopt(self) -> dict[str, str]:
        if self.doelgroep and not self.doelgroep_bron:
            return {"doelgroep_bron": "Kies de bron van de doelgroep (DUO, IND of gemeente)."}
        if (self.doelgroep_bron or self.doelgroep_datum) and not self.doelgroep:
            return {"doelgroep": "Kies de doelgroep."}
        if not self.ontzorgd and (self.ontzorgen_start or self.ontzorgen_eind):
            return {
                "ontzorgen_start": "Ontzorgen is er alleen voor asielstatushouders; deze client "
                f"is {self.get_doelgroep_display()}."
            }
        return {}

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
