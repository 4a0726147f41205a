"""Which records are about a person, found from the models' relations rather than listed, and
what each path that must cover every such record needs to know: which text fields anonymisation
blanks, and where a record kind is left out of a path, why.

A new model with a foreign key to a client, or to anything that has one (an enrolment, a
waiting-list entry), is a personal record from the moment it exists: inzage shows it,
anonymisation must name its free text, and tests/test_dekking.py fails until it is covered by
the audit log, the API matrix, the demo and the synthetic world, or exempted here with a reason.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models

CLIENT = "registratie.client"


@dataclass(frozen=True)
class Persoonsrecord:
    model: type[models.Model]
    pad: str  # the lookup from this model to its client; "" for the client itself

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def van(self, clienten) -> models.QuerySet:
        """This kind's records of the given clients (a queryset or a list of pks)."""
        lookup = f"{self.pad}__in" if self.pad else "pk__in"
        return self.model._default_manager.filter(**{lookup: clienten})


def persoonsrecords() -> list[Persoonsrecord]:
    """The client and every model that refers to it, directly or through another personal
    record, breadth first (a record with a key to both the client and an enrolment is reached
    through the client)."""
    client = apps.get_model(CLIENT)
    paden: dict[type[models.Model], str] = {client: ""}
    rij = [client]
    while rij:
        doel = rij.pop(0)
        for model in apps.get_models():
            if model in paden:
                continue
            for veld in model._meta.concrete_fields:
                if (veld.many_to_one or veld.one_to_one) and veld.related_model is doel:
                    paden[model] = f"{veld.name}__{paden[doel]}".rstrip("_")
                    rij.append(model)
                    break
    return [Persoonsrecord(model, pad) for model, pad in paden.items()]


def tekstvelden(model: type[models.Model]) -> set[str]:
    """The fields in which someone can write anything: text without a fixed list of choices."""
    return {
        veld.name
        for veld in model._meta.concrete_fields
        if isinstance(veld, models.CharField | models.TextField) and not veld.choices
    }


# Per personal record: the text fields anonymisation blanks (names, the BSN and everything
# written in free text). Every text field of the model is here or in GEEN_PERSOONSTEKST.
VRIJE_TEKST: dict[str, tuple[str, ...]] = {
    CLIENT: (
        "voornaam",
        "achternaam",
        "bsn",
        "bsn_sleutel",
        "land_van_herkomst",
        "taal",
        "notities",
        "werkgever",
        "wij_generalist",
    ),
    "registratie.inschrijving": ("toelichting", "prestatie_bron"),
    "registratie.voortgangsrapportage": ("toelichting",),
    "registratie.wachtlijstplaats": ("voorrang_reden", "toelichting"),
    "registratie.pipversie": ("toelichting",),
    "registratie.termijnverlenging": ("reden",),
    "registratie.module": (),
    "registratie.examen": (),
    "registratie.nazorgcontact": ("toelichting",),
    "registratie.onderbreking": ("toelichting", "toelichting_terug"),
    "registratie.referentiepersoon": ("bsn",),
    "registratie.verhuizing": ("toelichting",),
    "declaraties.declaratie": ("reden", "toelichting"),
    "declaraties.geldjaar": (),
    "registratie.rapportagestand": (),
    "registratie.standverouderd": (),
}

# Text fields that do not say who someone is, with the reason they stay.
GEEN_PERSOONSTEKST: dict[str, str] = {
    "registratie.client.clientnummer": "the register's own number; the reports count by it",
    "registratie.referentiepersoon.clientnummer": "the register's own number, as on the list",
    "registratie.verhuizing.naar_buiten": "the name of a gemeente, as the gemeente field is",
}

# A personal record left out of a path, per (model, path), with the reason. The paths:
# "audit" (a write leaves an audit line), "api" (a route of its own in the API matrix),
# "demo" and "synthetisch" (the worlds create it).
VRIJSTELLINGEN: dict[tuple[str, str], str] = {
    ("registratie.referentiepersoon", "audit"): (
        "a list of DUO or the BRP is read in whole: the import writes one audit line on its "
        "referentielijst (who, which file, how many people), not one per person"
    ),
    ("registratie.verhuizing", "api"): (
        "recorded on the client's page; over the API the client's own record shows the "
        "gemeente it lives in now"
    ),
    ("registratie.verhuizing", "synthetisch"): (
        "the synthetic world measures one gemeente's volumes and reports; a move changes a "
        "client's gemeente, which the reports do not split on yet"
    ),
    **{
        ("declaraties.geldjaar", pad): (
            "derived: the money of an enrolment per year, rewritten from the enrolment and its "
            "declarations on every write of those (declaraties.geldjaren); they carry the "
            "audit, the API and the worlds"
        )
        for pad in ("audit", "api", "demo")
    },
    **{
        ("registratie.rapportagestand", pad): (
            "derived: an enrolment's progress reports added up, rewritten from them on every "
            "write (registratie.voortgangstand); the reports carry the audit, API and worlds"
        )
        for pad in ("audit", "api", "demo")
    },
    **{
        ("registratie.standverouderd", pad): (
            "a mark that an upload changed an enrolment's reports until the daily step writes "
            "its stand anew (registratie.voortgangstand); the upload is audited, and a world "
            "made here writes its stands at once"
        )
        for pad in ("audit", "api", "demo", "synthetisch")
    },
    ("registratie.referentiepersoon", "api"): (
        "not in the API: the lists are read in and shown on the specialists' pages "
        "(referentielijsten, in the web matrix), and no provider sees them"
    ),
}
