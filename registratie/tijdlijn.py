"""A client's dossier as a timeline: every dated event, in date order."""

import datetime as dt

from django.utils.formats import date_format, number_format

from registratie.models import (
    Client,
    Inschrijving,
    PlichtStatus,
    Voortgangsrapportage,
)
from registratie.selectors import inschrijvingen_for, voortgangsrapportages_for


class _Tijdlijn(list):
    def voeg_toe(self, datum, soort: str, tekst: str):
        if datum:
            self.append({"datum": datum, "soort": soort, "tekst": tekst})


def client_tijdlijn(client: Client, user, tot: dt.date | None = None) -> list[dict]:
    """Intake, PIP decisions, the plicht, modules, exams, ontzorgen, enrolments, progress
    reports, outflow and nazorg in date order. Enrolments and reports come through the
    user's scope; with `tot` (the period a gemeente had the client before the client moved
    on in the region, registratie.verhuizing) everything up to that date, the enrolments
    and reports of that period whatever gemeente the client lives in now. Eight queries."""
    t = _Tijdlijn()
    t.voeg_toe(client.datum_huisvesting, "gemeente", "Gehuisvest in de gemeente")
    t.voeg_toe(client.datum_inschrijving_gemeente, "gemeente", "Ingeschreven in de gemeente")
    t.voeg_toe(client.datum_brede_intake, "intake", "Brede intake")
    _inburgering(t, client)
    _onderbrekingen(t, client)
    t.voeg_toe(client.ontzorgen_start, "ontzorgen", "Ontzorgen gestart")
    t.voeg_toe(client.ontzorgen_eind, "ontzorgen", "Ontzorgen beëindigd")
    t.voeg_toe(client.datum_start_voortraject, "traject", "Start voortraject")
    if tot is None:
        inschrijvingen = inschrijvingen_for(user)
        rapportages = voortgangsrapportages_for(user)
    else:
        inschrijvingen = Inschrijving.objects.filter(datum_aanmelding__lte=tot)
        rapportages = Voortgangsrapportage.objects.filter(peildatum__lte=tot)
    _trajecten(t, inschrijvingen.filter(client=client))
    _rapportages(t, rapportages.filter(inschrijving__client=client))
    _uitstroom(t, client)
    gebeurtenissen = sorted(t, key=lambda g: g["datum"])
    if tot is not None:
        gebeurtenissen = [g for g in gebeurtenissen if g["datum"] <= tot]
    return gebeurtenissen


def _inburgering(t: _Tijdlijn, client: Client):
    for v in client.pip_versies.select_related("leerroute"):
        route = v.leerroute.naam if v.leerroute else "nog geen leerroute"
        if v.volgnummer == 1:
            tekst = f"PIP vastgesteld ({route}); de inburgeringstermijn begint"
        else:
            tekst = f"PIP-besluit {v.volgnummer}: {v.get_reden_display()} ({route}"
            tekst += f", taaldoel {v.taaldoel})" if v.taaldoel else ")"
            if v.na_schakeltermijn:
                tekst += f", na 18 maanden: {v.toelichting}"
        t.voeg_toe(v.datum, "pip", tekst)
    if client.plicht_status and client.plicht_status != PlichtStatus.PLICHTIG:
        t.voeg_toe(
            client.plicht_status_datum,
            "pip",
            f"Inburgeringsplicht {client.get_plicht_status_display()} "
            f"(bron: {client.get_plicht_bron_display()})",
        )


def _onderbrekingen(t: _Tijdlijn, client: Client):
    """Interruptions and returns, extensions, modules, exams and nazorg contacts."""
    for o in client.onderbrekingen.all():
        if o.soort == o.Soort.UITVAL:
            tekst = f"Uitgevallen: {o.get_reden_display()}"
            t.voeg_toe(o.van, "uitval", tekst + (f" ({o.toelichting})" if o.toelichting else ""))
        elif o.van != client.uitstroom_datum:  # the latest outflow comes below
            t.voeg_toe(o.van, "uitstroom", f"Uitstroom: {o.get_uitstroom_reden_display()}")
        terug = o.toelichting_terug
        t.voeg_toe(o.tot, "intake", "Terug in begeleiding" + (f": {terug}" if terug else ""))
    for v in client.verlengingen.all():
        t.voeg_toe(
            v.datum,
            "pip",
            f"Termijn verlengd tot {date_format(v.nieuwe_einddatum, 'd-m-Y')}: {v.reden}",
        )
    for m in client.modules.all():
        t.voeg_toe(m.startdatum, "module", f"Module {m.get_soort_display()} gestart")
        t.voeg_toe(m.afgerond_op, "module", f"Module {m.get_soort_display()} afgerond")
    for e in client.examens.all():
        niveau = f" {e.niveau}" if e.niveau else ""
        uitslag = "behaald" if e.behaald else "niet behaald"
        if not e.bevestigd:
            uitslag += " (gemeld door aanbieder, wacht op DUO)"
        t.voeg_toe(e.datum, "examen", f"Examen {e.get_onderdeel_display()}{niveau}: {uitslag}")
    for n in client.nazorgcontacten.all():
        werkt = "werkt nog" if n.werkt_nog else "werkt niet meer"
        t.voeg_toe(n.datum, "nazorg", f"Nazorgcontact ({n.get_soort_display()}): {werkt}")


def _trajecten(t: _Tijdlijn, inschrijvingen):
    for ins in inschrijvingen.select_related("contractregel__traject__aanbieder"):
        naam = f"{ins.contractregel.traject.naam} ({ins.contractregel.traject.aanbieder.naam})"
        t.voeg_toe(ins.datum_aanmelding, "traject", f"Aangemeld: {naam}")
        if ins.status != Inschrijving.Status.AANGEMELD:
            t.voeg_toe(ins.startdatum, "traject", f"Gestart: {naam}")
        if ins.einddatum:
            t.voeg_toe(
                ins.einddatum,
                "traject",
                f"{ins.get_status_display().capitalize()}: {naam} "
                f"({ins.get_reden_einde_display()})",
            )


def _rapportages(t: _Tijdlijn, rapportages):
    for r in rapportages.select_related("inschrijving__contractregel__traject"):
        delen = [
            f"{number_format(r.uren_gevolgd, 2)} van {number_format(r.uren_aangeboden, 2)} "
            "uur gevolgd"
        ]
        if r.participatieladder:
            delen.append(f"trede {r.participatieladder}")
        if r.taalniveau:
            delen.append(f"taalniveau {r.taalniveau}")
        t.voeg_toe(
            r.peildatum,
            "rapportage",
            f"Voortgang {r.inschrijving.contractregel.traject.naam}: {', '.join(delen)}",
        )


def _uitstroom(t: _Tijdlijn, client: Client):
    if client.uitstroom_datum:
        reden = client.get_uitstroom_reden_display()
        if client.uitstroom_subreden:
            reden += f" ({client.get_uitstroom_subreden_display()})"
        t.voeg_toe(client.uitstroom_datum, "uitstroom", f"Uitstroom: {reden}")
    if (
        client.nazorg_eind
        and client.is_uitgestroomd  # not for a client who came back
        and client.uitstroom_reden in ("voltijd_baan", "deeltijd_baan", "opleiding")
    ):
        t.voeg_toe(client.nazorg_eind, "nazorg", "Einde nazorg")
