"""A model field encrypted at rest, on django-fernet-encrypted-fields with our own keys."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from encrypted_fields.fields import EncryptedCharField


class VersleuteldCharField(EncryptedCharField):
    """A CharField stored as a Fernet token. Keys come from settings.VELDSLEUTELS (the
    environment), not from SECRET_KEY, so rotating one does not lose the other. An empty
    value is stored as NULL and read as "". The library's decrypt-or-pass-through and its
    per-field semaphore are replaced: a value the keys cannot open is an error, except a
    plain value written before encryption (the migration re-saves those)."""

    @cached_property
    def f(self):
        return MultiFernet([Fernet(sleutel) for sleutel in settings.VELDSLEUTELS])

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        try:
            return self.f.decrypt(value.encode()).decode()
        except InvalidToken:
            if value.isdigit():
                return value  # written before this field was encrypted
            raise

    def to_python(self, value):
        return models.CharField.to_python(self, value)

    def clean(self, value, model_instance):
        return models.CharField.clean(self, value, model_instance)
