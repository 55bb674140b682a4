"""Matching ranks members who fit first, and spreads involvement beyond the usual few."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory, ServiceAreaFactory
from cms.opportunities.models import ChecksRequired
from cms.participation import services
from cms.participation.matching import rank_members, time_of_day
from cms.participation.models import Attendance, InterestStatus

pytestmark = pytest.mark.django_db


def next_weekday(weekday: int, hour: int) -> dt.datetime:
    """The next date with ``weekday`` (Monday 0) at least a week away, at ``hour`` local."""
    now = timezone.localtime() + dt.timedelta(days=7)
    days = (weekday - now.weekday()) % 7
    return (now + dt.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def dementia():
    return ServiceAreaFactory(name="Dementia care")


@pytest.fixture
def opportunity(make_opportunity, dementia):
    page = make_opportunity(title="Dementia focus group", service_areas=[dementia])
    start = next_weekday(1, 10)  # a Tuesday morning
    OpportunitySessionFactory(page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    return page


def fitting_member(dementia, **fields):
    today = timezone.localdate()
    return ActiveMemberFactory(
        expertise=[dementia],
        involvement_types=["focus_group"],
        involvement_levels=["consult"],
        available_days=["tuesday"],
        available_times=["morning"],
        references_received_on=today,
        induction_completed_on=today,
        **fields,
    )


def ranked(opportunity, members):
    return [m.member for m in rank_members(opportunity, members, today=timezone.localdate())]


def test_times_of_day_split_at_noon_and_five():
    day = timezone.make_aware(dt.datetime(2026, 3, 3, 0, 0))
    assert time_of_day(day.replace(hour=11, minute=59)) == "morning"
    assert time_of_day(day.replace(hour=12)) == "afternoon"
    assert time_of_day(day.replace(hour=16, minute=59)) == "afternoon"
    assert time_of_day(day.replace(hour=17)) == "evening"


def test_the_right_expertise_and_availability_rank_above_neither(opportunity, dementia):
    other_area = ServiceAreaFactory(name="Mental health")
    fits = fitting_member(dementia)
    does_not = fitting_member(dementia)
    does_not.expertise.set([other_area])
    does_not.available_days = ["saturday"]
    does_not.available_times = ["evening"]
    does_not.save()

    matches = rank_members(opportunity, [does_not, fits], today=timezone.localdate())
    assert [m.member for m in matches] == [fits, does_not]
    assert matches[0].score > matches[1].score
    assert "Expertise in Dementia care" in matches[0].reasons
    assert "Free when every session is" in matches[0].reasons
    assert "Not usually free at these times" in matches[1].reasons


def test_a_recently_involved_member_ranks_below_an_equal_one_who_was_not(
    opportunity, dementia, make_opportunity, coordinator
):
    recent = fitting_member(dementia)
    fresh = fitting_member(dementia)
    # ``recent`` came to a session last month.
    earlier = make_opportunity(title="Carers' forum")
    start = timezone.now() - dt.timedelta(days=30)
    session = OpportunitySessionFactory(
        page=earlier, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    interest = services.express_interest(recent, earlier)
    services.move_interest(interest, InterestStatus.SELECTED, by=coordinator)
    interest.refresh_from_db()
    services.record_attendance(
        interest, session, attended=True, by=coordinator, method=Attendance.Method.COORDINATOR
    )

    # Ordered so that the name tie-break alone would not put ``fresh`` first.
    for order in ([recent, fresh], [fresh, recent]):
        matches = rank_members(opportunity, order, today=timezone.localdate())
        assert [m.member for m in matches] == [fresh, recent]
    assert matches[0].score > matches[1].score
    assert "Took part in 1 session in the last 6 months" in matches[1].reasons


def test_attendance_longer_ago_than_six_months_does_not_count(
    opportunity, dementia, make_opportunity, coordinator
):
    member = fitting_member(dementia)
    earlier = make_opportunity(title="Old forum")
    start = timezone.now() - dt.timedelta(days=300)
    session = OpportunitySessionFactory(
        page=earlier, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    interest = services.express_interest(member, earlier)
    services.move_interest(interest, InterestStatus.SELECTED, by=coordinator)
    interest.refresh_from_db()
    services.record_attendance(
        interest, session, attended=True, by=coordinator, method=Attendance.Method.COORDINATOR
    )
    (match,) = rank_members(opportunity, [member], today=timezone.localdate())
    assert match.recent_sessions == 0


def test_members_already_responding_are_left_out(opportunity, dementia, coordinator):
    responded = fitting_member(dementia)
    invited = fitting_member(dementia)
    free = fitting_member(dementia)
    services.express_interest(responded, opportunity)
    services.invite(invited, opportunity, by=coordinator)
    assert ranked(opportunity, [responded, invited, free]) == [free]


def test_an_opportunity_needing_a_dbs_check_favours_those_who_have_one(make_opportunity, dementia):
    page = make_opportunity(title="Ward visits", checks_required=ChecksRequired.ENHANCED_DBS)
    checked = fitting_member(dementia, dbs_checked_on=timezone.localdate())
    unchecked = fitting_member(dementia)
    matches = rank_members(page, [unchecked, checked], today=timezone.localdate())
    assert [m.member for m in matches] == [checked, unchecked]
    assert any(reason.startswith("No ") for reason in matches[1].reasons)
