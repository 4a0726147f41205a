from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _rollen_na_migratie(sender, **kwargs):
    # post_migrate is sent once per app with models; all permissions exist by the last one.
    met_modellen = [config for config in apps.get_app_configs() if config.models_module]
    if sender is met_modellen[-1]:
        from kern.rollen import richt_rollen_in

        richt_rollen_in()


class KernConfig(AppConfig):
    name = "kern"
    verbose_name = "Kern"

    def ready(self):
        from kern.tekst import installeer

        post_migrate.connect(_rollen_na_migratie, dispatch_uid="kern_rollen")
        installeer()
