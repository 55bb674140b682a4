import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cms.claims.factories import (
    TINY_PDF,
    TINY_PNG,
    ExpenseCapFactory,
    MileageRateFactory,
    PaymentRateFactory,
    attended,
)
from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.opportunities.models import PaymentType


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def at(year, month, day, hour=10):
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


@pytest.fixture
def rates(db):
    """£20 an hour from 6 April 2025, raised to £25 an hour from 1 October 2025."""
    PaymentRateFactory(amount=Decimal("20.00"), applies_from=dt.date(2025, 4, 6))
    PaymentRateFactory(amount=Decimal("25.00"), applies_from=dt.date(2025, 10, 1))
    MileageRateFactory(amount_per_mile=Decimal("0.45"), applies_from=dt.date(2025, 4, 6))
    ExpenseCapFactory(expense_type="parking", max_amount=Decimal("15.00"))


@pytest.fixture
def paid_opportunity(make_opportunity):
    return make_opportunity(
        title="Home care contract panel",
        payment_type=PaymentType.PAID,
        payment_rate=25,
        payment_unit="hour",
    )


@pytest.fixture
def expenses_opportunity(make_opportunity):
    return make_opportunity(title="Carers' listening event")


@pytest.fixture
def make_session():
    """A session of ``page`` starting at ``starts_at`` (see ``at``), ``hours`` long."""

    def _make(page, starts_at, hours=2, title="Panel meeting"):
        return OpportunitySessionFactory(
            page=page,
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=hours),
        )

    return _make


@pytest.fixture
def when():
    """``when(2025, 11, 12)``: 10am that day, London time."""
    return at


@pytest.fixture
def profile(member):
    return ActiveMemberFactory(user=member)


@pytest.fixture
def session_attended(profile, paid_opportunity, rates, make_session):
    session = make_session(paid_opportunity, at(2025, 11, 12))
    attended(profile, session)
    return session


@pytest.fixture
def receipt_pdf():
    return SimpleUploadedFile("receipt.pdf", TINY_PDF, content_type="application/pdf")


@pytest.fixture
def receipt_png():
    return SimpleUploadedFile("receipt.png", TINY_PNG, content_type="image/png")
