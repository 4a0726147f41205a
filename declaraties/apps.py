from django.apps import AppConfig


class DeclaratiesConfig(AppConfig):
    """Money that flows: providers' declarations, the inkoper's approval, payment batches and
    the withheld prestatiedeel."""

    name = "declaraties"
    verbose_name = "Declaraties"

    def ready(self):
        from declaraties import geldjaren

        geldjaren.verbind(self)
