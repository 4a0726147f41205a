import datetime as dt
import uuid
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.formats import number_format


def euro(bedrag: Decimal | None) -> str:
    """€ 1.234,50, as a Dutch reader expects it."""
    # A non-breaking space keeps the sign with the amount in narrow table cells.
    return "–" if bedrag is None else f"€\xa0{number_format(bedrag, 2, force_grouping=True)}"


def veldwaarde(model, veld: str, waarde) -> tuple[str, str]:
    """A field and a value as an audit line stores them (a foreign key as its uuid or key, a
    choice as its code, a date in ISO), as a person reads them: the field's label and the
    value (the provider's name, the choice's label, 31-12-2026, € 1.234,50)."""
    try:
        field = model._meta.get_field(veld)
    except (FieldDoesNotExist, AttributeError):
        return veld, "–" if waarde in (None, "") else str(waarde)
    label = str(getattr(field, "verbose_name", veld))
    if waarde in (None, ""):
        return label, "–"
    if field.is_relation and field.related_model is not None:
        return label, _object(field.related_model, waarde)
    if field.choices:
        return label, str(dict(field.flatchoices).get(waarde, waarde))
    if isinstance(field, models.DateField) and isinstance(waarde, str):
        try:
            return label, dt.date.fromisoformat(waarde[:10]).strftime("%d-%m-%Y")
        except ValueError:
            return label, waarde
    if isinstance(field, models.DecimalField):
        try:
            bedrag = Decimal(str(waarde))
        except ArithmeticError:
            return label, str(waarde)
        if "EUR" in label or "bedrag" in veld or veld in ("plafond", "tarief"):
            return label, euro(bedrag)
        return label, number_format(bedrag, force_grouping=True)
    if isinstance(waarde, bool):
        return label, "ja" if waarde else "nee"
    return label, str(waarde)


def _object(model, waarde) -> str:
    """The object an audit line names by its uuid (or its key), as text; the value itself
    if it is gone."""
    try:
        uuid.UUID(str(waarde))
        sleutel = "uuid" if any(f.name == "uuid" for f in model._meta.fields) else "pk"
    except ValueError:
        sleutel = "pk"
    try:
        obj = model._default_manager.filter(**{sleutel: waarde}).first()
    except (ValueError, TypeError, ValidationError):
        obj = None
    return str(obj) if obj is not None else str(waarde)
