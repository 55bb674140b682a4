"""The money report: payments and expenses by month and type, in pounds and pence."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.claims.models import Claim, ClaimStatus, ExpenseLine, ExpenseType, PaymentChoice
from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory
from cms.members.models import MemberProfile
from cms.opportunities.factories import ServiceAreaFactory
from cms.reports.base import ReportFilter, get_report

pytestmark = pytest.mark.django_db

PERIOD = ReportFilter(start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31))
D = Decimal


def claim(member, day, status, *, choice="", amount="0", reduced=None, lines=(), session=None):
    made = Claim.objects.create(
        member=member,
        session=session,
        activity_title="Panel meeting",
        activity_date=day,
        status=status,
        payment_offered=bool(choice),
        payment_amount=D(amount),
        payment_choice=choice,
        reduced_amount=D(reduced) if reduced else None,
    )
    for expense_type, line_amount in lines:
        ExpenseLine.objects.create(claim=made, expense_type=expense_type, amount=D(line_amount))
    return made


@pytest.fixture
def dementia(db):
    return ServiceAreaFactory(name="Dementia")


@pytest.fixture
def claims(make_opportunity, dementia):
    start = timezone.make_aware(dt.datetime(2025, 1, 15, 10))
    page = make_opportunity(
        title="Memory clinic review",
        service_areas=[dementia],
        sessions=[(start, start + dt.timedelta(hours=2), False)],
    )
    member = ActiveMemberFactory()
    E, S, C = ExpenseType, ClaimStatus, PaymentChoice
    claim(
        member,
        dt.date(2025, 1, 15),
        S.PAID,
        choice=C.PAY_ME,
        amount="50.00",
        lines=[(E.MILEAGE, "4.50"), (E.PARKING, "3.00")],
        session=page.sessions.get(),
    )
    claim(
        member,
        dt.date(2025, 1, 20),
        S.APPROVED,
        choice=C.REDUCED,
        amount="50.00",
        reduced="20.00",
        lines=[(E.FARES, "7.25")],
    )
    claim(member, dt.date(2025, 2, 3), S.SUBMITTED, choice=C.CHARITY, amount="40.00")
    claim(
        member,
        dt.date(2025, 2, 10),
        S.QUERIED,
        choice=C.DECLINED,
        amount="40.00",
        lines=[(E.REPLACEMENT_CARE, "30.00")],
    )
    # Expenses only: no involvement payment offered.
    claim(member, dt.date(2025, 3, 1), S.SUBMITTED, lines=[(E.SUBSISTENCE, "5.10")])
    claim(
        member,
        dt.date(2025, 3, 15),
        S.PAID,
        choice=C.VOUCHER,
        amount="25.00",
        lines=[(E.MILEAGE, "4.50")],
    )
    # Not counted: not sent, not approved, or outside the period.
    claim(
        member, dt.date(2025, 1, 5), S.DRAFT, choice=C.PAY_ME, amount="100", lines=[(E.OTHER, "10")]
    )
    claim(member, dt.date(2025, 2, 1), S.REJECTED, choice=C.PAY_ME, amount="100")
    claim(member, dt.date(2025, 4, 1), S.PAID, choice=C.PAY_ME, amount="100")


def test_payments_and_expenses_by_month_and_type(claims):
    result = get_report("money").build(PERIOD)

    by_month = result.table("by-month")
    assert by_month.chart == "line"
    assert by_month.columns == [
        "Month",
        "Involvement payments",
        "Mileage (using your own car)",
        "Bus, train or taxi fares",
        "Parking",
        "Food and drink",
        "Replacement care",
    ]
    zero = D("0.00")
    assert by_month.rows == [
        ["2025-01", D("70.00"), D("4.50"), D("7.25"), D("3.00"), zero, zero],
        ["2025-02", D("40.00"), zero, zero, zero, zero, D("30.00")],
        ["2025-03", D("25.00"), D("4.50"), zero, zero, D("5.10"), zero],
    ]
    assert all(isinstance(value, Decimal) for row in by_month.rows for value in row[1:])

    assert dict(result.table("payments-by-type").rows) == {
        "Paid to the member": D("50.00"),
        "Voucher": D("25.00"),
        "Smaller amount, as asked": D("20.00"),
        "Given to a charity": D("40.00"),
        "Declined": zero,
    }
    expenses = dict(result.table("expenses-by-type").rows)
    assert expenses["Mileage (using your own car)"] == D("9.00")
    assert expenses["Something else"] == zero
    assert sum(expenses.values()) == D("54.35")

    headlines = {h.label: h.value for h in result.headlines}
    assert headlines == {
        "Involvement payments": "£135.00",
        "Expenses": "£54.35",
        "Paid out": "£87.00",
        "Still to pay": "£102.35",
    }


def test_service_area_keeps_claims_for_its_sessions(claims, dementia):
    result = get_report("money").build(
        ReportFilter(start=PERIOD.start, end=PERIOD.end, service_area=dementia)
    )
    headlines = {h.label: h.value for h in result.headlines}
    assert headlines["Involvement payments"] == "£50.00"
    assert headlines["Expenses"] == "£7.50"
    assert [row[0] for row in result.table("by-month").rows] == ["2025-01"]


def bulk_claims(count: int, offset: int) -> None:
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"money{offset + n}@example.org", password="!") for n in range(count)
    )
    members = MemberProfile.objects.bulk_create(
        MemberProfile(user=user, status=Status.ACTIVE) for user in users
    )
    made = Claim.objects.bulk_create(
        Claim(
            member=member,
            activity_title="Panel meeting",
            activity_date=dt.date(2025, 1 + n % 3, 1 + n % 28),
            status=[ClaimStatus.SUBMITTED, ClaimStatus.PAID][n % 2],
            payment_offered=True,
            payment_amount=D("25.00"),
            payment_choice=[PaymentChoice.PAY_ME, PaymentChoice.VOUCHER][n % 2],
        )
        for n, member in enumerate(members)
    )
    ExpenseLine.objects.bulk_create(
        ExpenseLine(claim=item, expense_type=expense_type, amount=D("3.60"))
        for item in made
        for expense_type in (ExpenseType.PARKING, ExpenseType.FARES)
    )


def test_query_count_is_the_same_for_10_and_1000_members(claims):
    bulk_claims(10, 0)
    with CaptureQueriesContext(connection) as few:
        get_report("money").build(PERIOD)
    bulk_claims(990, 10)
    with CaptureQueriesContext(connection) as many:
        result = get_report("money").build(PERIOD)
    assert len(many) == len(few)
    headlines = {h.label: h.value for h in result.headlines}
    assert headlines["Involvement payments"] == "£25,135.00"
    assert headlines["Expenses"] == "£7,254.35"
