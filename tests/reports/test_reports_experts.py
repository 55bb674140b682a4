"""The experts report's figures, against a small hand-built set of people."""

import datetime as dt

import pytest

from cms.members.choices import RolePreference, Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.members.models import StatusChange
from cms.opportunities.factories import ServiceAreaFactory
from cms.reports.base import SUPPRESSED, ReportFilter, get_report

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day + "T12:00:00+00:00")


def move(member, from_status, to_status, day):
    StatusChange.objects.create(
        member=member, from_status=from_status, to_status=to_status, changed_at=at(day)
    )


@pytest.fixture
def areas():
    return ServiceAreaFactory(name="Dementia"), ServiceAreaFactory(name="Carers")


@pytest.fixture
def people(areas):
    dementia, carers = areas
    paid = [
        ActiveMemberFactory(role_preference=RolePreference.PAID, expertise=[dementia])
        for _ in range(3)
    ]
    voluntary = [
        ActiveMemberFactory(role_preference=RolePreference.VOLUNTARY, expertise=[dementia])
        for _ in range(2)
    ]
    either = ActiveMemberFactory(
        role_preference=RolePreference.EITHER, expertise=[dementia, carers]
    )
    unsaid = [ActiveMemberFactory(role_preference="", expertise=[carers]) for _ in range(2)]
    MemberProfileFactory(status=Status.SUBMITTED, expertise=[dementia])
    leaver = MemberProfileFactory(status=Status.WITHDRAWN, expertise=[dementia])
    MemberProfileFactory(status=Status.DRAFT, expertise=[dementia])

    move(paid[0], Status.INDUCTION, Status.ACTIVE, "2026-02-10")  # joined, dementia
    move(unsaid[0], Status.INDUCTION, Status.ACTIVE, "2026-02-20")  # joined, carers
    move(voluntary[0], Status.INDUCTION, Status.ACTIVE, "2026-04-05")  # joined, dementia
    move(leaver, Status.ACTIVE, Status.WITHDRAWN, "2026-03-15")  # left, dementia
    move(paid[1], Status.INDUCTION, Status.ACTIVE, "2025-12-31")  # before the period
    move(either, Status.ON_HOLD, Status.ACTIVE, "2026-02-11")  # back from a break: not new
    move(paid[2], Status.ACTIVE, Status.ON_HOLD, "2026-03-01")  # a break: not a leaver
    move(paid[2], Status.ON_HOLD, Status.ACTIVE, "2026-03-20")


def headlines(result):
    return {headline.label: headline.value for headline in result.headlines}


def test_experts_for_all_service_areas(people):
    result = get_report("experts").build(ReportFilter(start=START, end=END))
    assert headlines(result) == {
        "Active members now": 8,
        "Joined in this period": 3,
        "Left in this period": 1,
        "Applications in progress now": 1,
    }
    by_state = dict(result.table("by-state").rows)
    assert "Application not sent yet" not in by_state
    assert by_state["Active member"] == 8
    assert by_state["Application received"] == 1
    assert by_state["Withdrawn"] == 1
    assert by_state["Declined"] == 0
    assert result.table("paid-or-voluntary").rows == [
        ["Paid roles", 3],
        ["Voluntary roles (expenses only)", 2],
        ["Either", 1],
        ["Not said", 2],
    ]
    # 6 active members in dementia; 3 in carers, which could pick people out.
    assert result.table("expertise").rows == [["Carers", SUPPRESSED], ["Dementia", 6]]
    assert result.table("joiners-and-leavers").rows == [
        ["Jan 2026", 0, 0],
        ["Feb 2026", 2, 0],
        ["Mar 2026", 0, 1],
        ["Apr 2026", 1, 0],
        ["May 2026", 0, 0],
        ["Jun 2026", 0, 0],
    ]


def test_experts_in_one_service_area(people, areas):
    dementia, _carers = areas
    result = get_report("experts").build(ReportFilter(start=START, end=END, service_area=dementia))
    assert headlines(result)["Active members now"] == 6
    assert headlines(result)["Joined in this period"] == 2
    assert headlines(result)["Left in this period"] == 1
    assert result.table("expertise").rows == [["Carers", SUPPRESSED], ["Dementia", 6]]
    assert [row[1] for row in result.table("joiners-and-leavers").rows] == [0, 1, 0, 1, 0, 0]
    assert result.table("paid-or-voluntary").rows[-1] == ["Not said", 0]


def test_an_empty_programme_shows_zeros(db):
    result = get_report("experts").build(ReportFilter(start=START, end=END))
    assert all(value == 0 for value in headlines(result).values())
    assert all(row[1] == 0 for row in result.table("by-state").rows)
