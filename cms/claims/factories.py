"""Test and demo data for claims: rates, attended sessions, and claims built by services."""

import datetime as dt
from decimal import Decimal

import factory

from cms.opportunities.models import InvolvementLevel, PaymentUnit
from cms.participation.models import Attendance, Interest, InterestStatus

from .models import ExpenseCap, ExpenseType, MileageRate, PaymentRate


class PaymentRateFactory(factory.django.DjangoModelFactory):
    """£25 an hour for every level of involvement, from 6 April 2024."""

    class Meta:
        model = PaymentRate

    level_of_involvement = ""
    role = None
    unit = PaymentUnit.PER_HOUR
    amount = Decimal("25.00")
    applies_from = dt.date(2024, 4, 6)

    class Params:
        co_production_day = factory.Trait(
            level_of_involvement=InvolvementLevel.CO_PRODUCE,
            unit=PaymentUnit.PER_DAY,
            amount=Decimal("150.00"),
        )


class MileageRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MileageRate
        django_get_or_create = ("applies_from",)

    amount_per_mile = Decimal("0.45")
    applies_from = dt.date(2024, 4, 6)


class ExpenseCapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpenseCap
        django_get_or_create = ("expense_type", "applies_from")

    expense_type = ExpenseType.PARKING
    max_amount = Decimal("15.00")
    applies_from = dt.date(2024, 4, 6)


def attended(member, session, *, hours=None, by=None) -> Attendance:
    """Record that ``member`` was selected for and came to ``session``."""
    interest, _ = Interest.objects.get_or_create(
        member=member,
        opportunity=session.page,
        defaults={"status": InterestStatus.CONFIRMED},
    )
    if hours is None:
        hours = Decimal((session.ends_at - session.starts_at).total_seconds()) / Decimal(3600)
    attendance, _ = Attendance.objects.get_or_create(
        interest=interest,
        session=session,
        defaults={
            "attended": True,
            "hours": Decimal(hours).quantize(Decimal("0.01")),
            "method": Attendance.Method.COORDINATOR,
            "recorded_by": by,
        },
    )
    return attendance


# The smallest PNG and PDF files that filetype recognises, for receipts in tests and demo.
TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\x81"
    b"\x1b\x00\x00\x00\x00IEND\xaeB`\x82"
)
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
