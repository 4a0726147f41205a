from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (`manage.py loaddemo`) and the synthetic world for measurements
    (`manage.py genereer_synthetisch`): the top of the house, it may use every app."""

    name = "demo"
    verbose_name = "Demo"

    def ready(self):
        from kern.taken import uitvoerder

        # Each block commits on its own: a second try would add a second world.
        uitvoerder("synthetisch", "demo.taken.wereld_maken", opnieuw=False, eenheid="clienten")
