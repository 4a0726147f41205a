"""The funding streams every gemeente has (Divosa, Wet inburgering in vraag en antwoord §2):
the SPUK Wi2021 for the inburgeringsvoorzieningen (accounted in SiSa), the gemeentefonds for
the execution, and the participatiebudget, ESF+ and own funds beside them."""

BRONNEN = [
    # code, naam, verantwoording in SiSa
    ("spuk-wi2021", "SPUK Wi2021 (inburgeringsvoorzieningen)", True),
    ("gemeentefonds", "Algemene uitkering gemeentefonds (uitvoering Wi2021)", False),
    ("participatiebudget", "Participatiebudget", False),
    ("esf", "ESF+", False),
    ("eigen-middelen", "Eigen middelen", False),
]


def standaardbronnen(model) -> dict:
    """Make sure the standard streams exist (the migration seeds them; a test database that
    was emptied, or a loader, asks again); returns them by code."""
    return {
        code: model.objects.get_or_create(
            code=code, defaults={"naam": naam, "sisa": sisa, "volgorde": volgorde}
        )[0]
        for volgorde, (code, naam, sisa) in enumerate(BRONNEN, 1)
    }
