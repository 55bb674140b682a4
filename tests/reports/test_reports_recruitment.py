"""The recruitment funnel's figures, against applications with a hand-written history."""

import datetime as dt
from decimal import Decimal

import pytest

from cms.members.choices import Status
from cms.members.factories import MemberProfileFactory
from cms.members.models import StatusChange
from cms.opportunities.factories import ServiceAreaFactory
from cms.reports.base import ReportFilter, get_report

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
S = Status


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day + "T12:00:00+00:00")


def applicant(route, *, areas=()):
    """An application that went through ``route``: (status, day) pairs after the draft."""
    member = MemberProfileFactory(
        status=route[-1][0], submitted_at=at(route[0][1]), expertise=list(areas)
    )
    previous = S.DRAFT
    for status, day in route:
        StatusChange.objects.create(
            member=member, from_status=previous, to_status=status, changed_at=at(day)
        )
        previous = status
    return member


@pytest.fixture
def dementia():
    return ServiceAreaFactory(name="Dementia")


@pytest.fixture
def applications(dementia):
    applicant(
        [
            (S.SUBMITTED, "2026-01-05"),
            (S.IN_REVIEW, "2026-01-10"),
            (S.CONVERSATION_BOOKED, "2026-01-20"),
            (S.CHECKS, "2026-01-25"),
            (S.INDUCTION, "2026-02-04"),
            (S.ACTIVE, "2026-02-09"),
        ],
        areas=[dementia],
    )
    applicant(
        [(S.SUBMITTED, "2026-02-01"), (S.IN_REVIEW, "2026-02-04"), (S.DECLINED, "2026-02-10")]
    )
    applicant([(S.SUBMITTED, "2026-03-01"), (S.IN_REVIEW, "2026-03-08")], areas=[dementia])
    # Sent in before the period: not counted, even though it moved during it.
    applicant([(S.SUBMITTED, "2025-11-01"), (S.IN_REVIEW, "2026-01-03")])
    MemberProfileFactory(status=S.DRAFT)


def headlines(result):
    return {headline.label: headline.value for headline in result.headlines}


def test_the_funnel_for_all_service_areas(applications):
    result = get_report("recruitment").build(ReportFilter(start=START, end=END))
    assert headlines(result) == {
        "Applications received": 3,
        "Became active members": 1,
        "Conversion": "33%",
        "Still in progress": 1,
        "Median days from application to active": Decimal("35.0"),
    }
    by_state = dict(result.table("by-state").rows)
    assert (by_state["Active member"], by_state["Declined"], by_state["Being reviewed"]) == (
        1,
        1,
        1,
    )
    assert sum(by_state.values()) == 3
    assert result.table("stages-reached").rows == [
        ["Application received", 3],
        ["Being reviewed", 3],
        ["Conversation booked", 1],
        ["Checks under way", 1],
        ["Induction", 1],
        ["Active member", 1],
    ]
    assert result.table("time-in-state").rows == [
        ["Application received", Decimal("5.0")],  # 5, 3 and 7 days
        ["Being reviewed", Decimal("8.0")],  # 10 and 6 days; the third is still there
        ["Conversation booked", Decimal("5.0")],
        ["Checks under way", Decimal("10.0")],
        ["Induction", Decimal("5.0")],
        ["On hold", "None yet"],
    ]


def test_the_funnel_in_one_service_area(applications, dementia):
    result = get_report("recruitment").build(
        ReportFilter(start=START, end=END, service_area=dementia)
    )
    assert headlines(result)["Applications received"] == 2
    assert headlines(result)["Conversion"] == "50%"
    assert result.table("time-in-state").rows[0] == ["Application received", Decimal("6.0")]


def test_no_applications_gives_zeros_and_dashes(db):
    result = get_report("recruitment").build(ReportFilter(start=START, end=END))
    assert headlines(result)["Applications received"] == 0
    assert headlines(result)["Conversion"] == "None yet"
    assert headlines(result)["Median days from application to active"] == "None yet"
