from django.core.exceptions import ValidationError


class ConflictError(ValidationError):
    """A write refused because of the register's current state (a full contractregel, a
    plafond that would be exceeded), not because the input itself is wrong."""
