from decimal import Decimal

from django.utils.formats import number_format


def euro(bedrag: Decimal | None) -> str:
    """€ 1.234,50, as a Dutch reader expects it."""
    # A non-breaking space keeps the sign with the amount in narrow table cells.
    return "–" if bedrag is None else f"€\xa0{number_format(bedrag, 2, force_grouping=True)}"
