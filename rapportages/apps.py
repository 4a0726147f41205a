from django.apps import AppConfig


class RapportagesConfig(AppConfig):
    """Every report, the dashboard and the report pages, API and command. It reads every other
    app and nothing imports it."""

    name = "rapportages"
    verbose_name = "Rapportages"

    def ready(self):
        from kern.taken import uitvoerder

        # Only reads: safe to make again after an error.
        uitvoerder(
            "rapporten", "rapportages.werkboek.werkboek_maken", opnieuw=True, eenheid="rapportages"
        )
