from django.apps import AppConfig


class RegistratieConfig(AppConfig):
    name = "registratie"
    verbose_name = "Registratie"

    def ready(self):
        from registratie import signals, voortgangstand  # noqa: F401

        voortgangstand.verbind(self)
