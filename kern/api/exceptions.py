from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from kern.fouten import ConflictError


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Conflict met de huidige stand van het register."
    default_code = "conflict"


def als_detail(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def exception_handler(exc, context):
    """Service-level refusals become API answers: a conflict with the register's state
    (capacity, plafond) is 409, any other validation 400, both with the Dutch message."""
    if isinstance(exc, ConflictError):
        exc = Conflict(detail=als_detail(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict(
            detail="Dit record kan niet worden verwijderd: er zijn nog gegevens aan gekoppeld."
        )
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=als_detail(exc))
    return drf_exception_handler(exc, context)
