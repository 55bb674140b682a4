"""Pounds and pence: every amount in a claim is a Decimal rounded half up to the penny."""

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def pounds(value) -> Decimal:
    """``value`` as pounds and pence, rounded half up (2.345 becomes 2.35)."""
    if value is None:
        return ZERO
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)
