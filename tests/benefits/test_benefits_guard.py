"""The benefits guard warns at the right week and month totals, on a fixed clock."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from cms.benefits.factories import EarningsLimitFactory
from cms.benefits.guard import (
    COORDINATOR_WARNING,
    MONTH,
    WEEK,
    check_period,
    warning_for_coordinator,
    warning_for_member,
)
from cms.claims.models import ClaimStatus

D = dt.date
TODAY = D(2026, 3, 4)  # a Wednesday


# The arithmetic on its own ------------------------------------------------------------


@pytest.mark.parametrize(
    ("already", "adding", "warns", "over"),
    [
        ("0", "50", False, False),
        ("39.99", "50", False, False),  # 89.99: more than 10% below 100
        ("40", "50", True, False),  # 90: within 10%
        ("50", "50", True, False),  # exactly the limit is not over it
        ("50", "50.01", True, True),
        ("120", "10", True, True),  # already over
    ],
)
def test_check_period_warns_within_ten_percent_and_over(already, adding, warns, over):
    check = check_period(
        period=WEEK,
        start=D(2026, 3, 2),
        end=D(2026, 3, 8),
        limit=Decimal("100"),
        already_paid=Decimal(already),
        would_add=Decimal(adding),
        today=TODAY,
    )
    assert (check is not None) is warns
    if check:
        assert check.goes_over is over
        assert check.total == Decimal(already) + Decimal(adding)
        assert check.is_current


def test_check_period_never_warns_without_a_limit_or_without_pay():
    common = {"period": MONTH, "start": D(2026, 3, 1), "end": D(2026, 3, 31)}
    assert (
        check_period(**common, limit=None, already_paid=Decimal("999"), would_add=Decimal("50"))
        is None
    )
    assert (
        check_period(
            **common, limit=Decimal("10"), already_paid=Decimal("999"), would_add=Decimal("0")
        )
        is None
    )


# Against the claims app's totals -------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly_limit(active_profile):
    return EarningsLimitFactory(
        member=active_profile, weekly_limit=Decimal("100"), monthly_limit=None
    )


def test_no_limit_means_no_warning_however_much_is_paid(active_profile, pay, paying, session_at):
    pay(active_profile, D(2026, 3, 3), "500")
    paying("500")
    assert warning_for_member(active_profile, session_at(2026, 3, 4), today=TODAY) is None
    assert warning_for_coordinator(active_profile, session_at(2026, 3, 4)) is None


def test_a_limit_with_neither_amount_never_warns(active_profile, pay, paying, session_at):
    EarningsLimitFactory(member=active_profile, weekly_limit=None, monthly_limit=None)
    pay(active_profile, D(2026, 3, 3), "500")
    paying("500")
    assert warning_for_member(active_profile, session_at(2026, 3, 4), today=TODAY) is None


def test_unpaid_work_never_warns(weekly_limit, pay, paying, session_at):
    pay(weekly_limit.member, D(2026, 3, 3), "150")
    paying("0")
    assert warning_for_member(weekly_limit.member, session_at(2026, 3, 4), today=TODAY) is None


def test_the_week_counts_monday_to_sunday_only(weekly_limit, pay, paying, session_at):
    member = weekly_limit.member
    pay(member, D(2026, 3, 1), "80")  # Sunday before: another week
    pay(member, D(2026, 3, 2), "50")  # Monday: counted
    pay(member, D(2026, 3, 9), "80")  # Monday after: another week
    paying("25")
    # 50 + 25 = 75: well under 100.
    assert warning_for_member(member, session_at(2026, 3, 4), today=TODAY) is None

    pay(member, D(2026, 3, 8), "20")  # Sunday: counted
    warning = warning_for_member(member, session_at(2026, 3, 4), today=TODAY)
    assert warning is not None and not warning.goes_over
    (check,) = warning.checks
    assert check.period == WEEK
    assert (check.start, check.end) == (D(2026, 3, 2), D(2026, 3, 8))
    assert check.already_paid == Decimal("70.00")
    assert check.would_add == Decimal("25")
    assert check.total == Decimal("95.00")
    assert check.description.startswith("this week (Monday 2 March to Sunday 8 March 2026")


def test_a_session_late_on_sunday_counts_in_that_week(weekly_limit, pay, paying, session_at):
    member = weekly_limit.member
    pay(member, D(2026, 3, 2), "80")
    paying("30")
    warning = warning_for_member(member, session_at(2026, 3, 8, 23, 30), today=TODAY)
    assert warning is not None and warning.goes_over
    assert warning.checks[0].over_by == Decimal("10.00")
    # Monday just after midnight is the next week: nothing paid there yet.
    assert warning_for_member(member, session_at(2026, 3, 9, 0, 15), today=TODAY) is None


def test_drafts_and_rejected_claims_are_not_counted(weekly_limit, pay, paying, session_at):
    member = weekly_limit.member
    pay(member, D(2026, 3, 3), "80", status=ClaimStatus.DRAFT)
    pay(member, D(2026, 3, 3), "80", status=ClaimStatus.REJECTED)
    paying("25")
    assert warning_for_member(member, session_at(2026, 3, 4), today=TODAY) is None


def test_the_calendar_month_counts_to_its_last_day(active_profile, pay, paying, session_at):
    EarningsLimitFactory(member=active_profile, weekly_limit=None, monthly_limit=Decimal("200"))
    pay(active_profile, D(2026, 3, 1), "90")
    pay(active_profile, D(2026, 3, 31), "60")
    pay(active_profile, D(2026, 4, 1), "100")
    paying("60")
    warning = warning_for_member(active_profile, session_at(2026, 3, 31, 18), today=TODAY)
    assert warning is not None and warning.goes_over
    (check,) = warning.checks
    assert check.period == MONTH
    assert (check.start, check.end) == (D(2026, 3, 1), D(2026, 3, 31))
    assert check.already_paid == Decimal("150.00")
    assert check.total == Decimal("210.00")
    assert check.description == "this month (March 2026)"
    # 1 April starts a new month: 100 + 60 = 160, more than 10% under 200.
    assert warning_for_member(active_profile, session_at(2026, 4, 1), today=TODAY) is None


def test_both_limits_are_checked_and_each_period_named(active_profile, pay, paying, session_at):
    EarningsLimitFactory(
        member=active_profile, weekly_limit=Decimal("100"), monthly_limit=Decimal("300")
    )
    pay(active_profile, D(2026, 4, 6), "90")  # the week of the session
    pay(active_profile, D(2026, 4, 1), "200")  # earlier in the month
    paying("20")
    warning = warning_for_member(active_profile, session_at(2026, 4, 8), today=TODAY)
    assert [check.period for check in warning.checks] == [WEEK, MONTH]
    assert warning.checks[0].description.startswith("the week of Monday 6 April")
    assert warning.checks[1].description == "April 2026"
    assert all(check.goes_over for check in warning.checks)


def test_the_member_is_told_the_period_the_amounts_and_that_the_choice_is_theirs(
    weekly_limit, pay, paying, session_at
):
    pay(weekly_limit.member, D(2026, 3, 3), "85")
    paying("25")
    warning = warning_for_member(weekly_limit.member, session_at(2026, 3, 4), today=TODAY)
    html = render_to_string("benefits/member_warning.html", {"warning": warning})
    assert "this week (Monday 2 March to Sunday 8 March 2026)" in html
    assert "£85.00" in html  # had so far
    assert "£25.00" in html  # this work would add
    assert "£110.00" in html
    assert "£10.00 over" in html
    assert "The choice is yours" in html
    assert render_to_string("benefits/member_warning.html", {"warning": None}).strip() == ""


def test_the_coordinator_is_told_nothing_of_the_limit_amounts_or_reason(
    weekly_limit, pay, paying, session_at
):
    pay(weekly_limit.member, D(2026, 3, 3), "85")
    paying("25")
    message = warning_for_coordinator(weekly_limit.member, session_at(2026, 3, 4))
    assert message == COORDINATOR_WARNING
    html = render_to_string("benefits/coordinator_warning.html", {"warning": message})
    for secret in ("100", "85", "25", "110", "£", "Employment and Support", weekly_limit.reason):
        assert secret not in message
        assert secret not in html
    assert "Talk to them before selecting." in html
    assert render_to_string("benefits/coordinator_warning.html", {"warning": None}).strip() == ""


def test_with_the_claims_rates_a_real_session_is_checked(active_profile, pay, make_opportunity):
    """End to end: the expected payment comes from the claims app's rates in force."""
    from cms.claims.models import PaymentRate
    from cms.members.choices import PaymentPreference
    from cms.opportunities.models import PaymentType, PaymentUnit

    PaymentRate.objects.create(
        unit=PaymentUnit.PER_ACTIVITY, amount=Decimal("30.00"), applies_from=D(2020, 1, 1)
    )
    starts = dt.datetime(2026, 3, 4, 10, tzinfo=dt.UTC)
    opportunity = make_opportunity(
        payment_type=PaymentType.PAID,
        payment_rate=Decimal("30.00"),
        payment_unit=PaymentUnit.PER_ACTIVITY,
        sessions=[(starts, starts + dt.timedelta(hours=2), False)],
    )
    session = opportunity.sessions.get()
    EarningsLimitFactory(member=active_profile, weekly_limit=Decimal("100"))
    pay(active_profile, D(2026, 3, 2), "75")

    warning = warning_for_member(active_profile, session, today=TODAY)
    assert warning is not None and warning.goes_over
    assert warning.would_add == Decimal("30.00")
    assert warning_for_coordinator(active_profile, session) == COORDINATOR_WARNING

    # Someone who chose expenses only is paid nothing for their time: no warning.
    active_profile.payment_preference = PaymentPreference.EXPENSES_ONLY
    active_profile.save(update_fields=["payment_preference"])
    assert warning_for_member(active_profile, session, today=TODAY) is None


def test_an_opportunitys_sessions_are_added_up_within_each_week(
    weekly_limit, pay, paying, session_at
):
    from cms.benefits.guard import coordinator_warning_for_sessions, warning_for_sessions

    member = weekly_limit.member
    pay(member, D(2026, 3, 2), "40")
    paying("30")
    same_week = [session_at(2026, 3, 4), session_at(2026, 3, 6)]
    # 40 + 30 + 30 = 100: one session alone (70) would not warn, both together do.
    assert warning_for_member(member, same_week[0], today=TODAY) is None
    warning = warning_for_sessions(member, same_week, today=TODAY)
    (check,) = warning.checks
    assert check.would_add == Decimal("60") and check.total == Decimal("100.00")
    assert warning.would_add == Decimal("60")
    assert coordinator_warning_for_sessions(member, same_week) == COORDINATOR_WARNING

    # Split over two weeks, each week stays clear.
    two_weeks = [session_at(2026, 3, 4), session_at(2026, 3, 11)]
    assert warning_for_sessions(member, two_weeks, today=TODAY) is None


def test_one_query_says_who_has_set_a_limit(active_profile, django_assert_num_queries):
    from cms.benefits.selectors import members_with_earnings_limits
    from cms.members.factories import ActiveMemberFactory

    EarningsLimitFactory(member=active_profile)
    empty = EarningsLimitFactory(weekly_limit=None, monthly_limit=None)
    nobody = ActiveMemberFactory()
    with django_assert_num_queries(1):
        found = members_with_earnings_limits([active_profile.pk, empty.member_id, nobody.pk])
    assert found == {active_profile.pk}
