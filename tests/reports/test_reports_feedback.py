"""The feedback scores report: answers counted by month, against hand-built feedback."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory
from cms.members.models import MemberProfile
from cms.opportunities.factories import ServiceAreaFactory
from cms.participation.models import Attendance, Feedback, Interest, InterestStatus
from cms.reports.base import ReportFilter, get_report

pytestmark = pytest.mark.django_db

PERIOD = ReportFilter(start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31))
YES, PARTLY, NO = Feedback.Answer.YES, Feedback.Answer.PARTLY, Feedback.Answer.NO


def at(year, month, day, hour=10, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def give_feedback(session, *, given_at, member=None, answers=(YES, YES, YES, YES), replied=False):
    member = member or ActiveMemberFactory()
    interest = Interest.objects.create(
        member=member, opportunity=session.page, status=InterestStatus.CONFIRMED
    )
    attendance = Attendance.objects.create(
        interest=interest, session=session, attended=True, hours=2, method="coordinator"
    )
    felt, papers, adjustments, next_steps = answers
    return Feedback.objects.create(
        attendance=attendance,
        felt_valued=felt,
        papers_in_time=papers,
        adjustments_met=adjustments,
        knows_what_happens_next=next_steps,
        given_at=given_at,
        replied_at=given_at + dt.timedelta(days=2) if replied else None,
        reply="Thank you." if replied else "",
    )


@pytest.fixture
def dementia(db):
    return ServiceAreaFactory(name="Dementia")


@pytest.fixture
def session(make_opportunity, dementia):
    page = make_opportunity(
        title="Memory clinic review",
        service_areas=[dementia],
        sessions=[(at(2025, 1, 6), at(2025, 1, 6, 12), False)],
    )
    return page.sessions.get()


@pytest.fixture
def other_session(make_opportunity):
    page = make_opportunity(
        title="Bus pass focus group", sessions=[(at(2025, 1, 8), at(2025, 1, 8, 12), False)]
    )
    return page.sessions.get()


@pytest.fixture
def feedback(session, other_session):
    give_feedback(session, given_at=at(2025, 1, 10), answers=(YES, YES, YES, YES))
    give_feedback(session, given_at=at(2025, 1, 20), answers=(YES, PARTLY, NO, YES))
    give_feedback(session, given_at=at(2025, 1, 31, 23, 30), answers=(NO, NO, YES, PARTLY))
    give_feedback(other_session, given_at=at(2025, 3, 31, 23, 59), answers=(YES, NO, YES, NO))
    # Outside the period at either end.
    give_feedback(session, given_at=at(2024, 12, 31, 23, 59), answers=(NO, NO, NO, NO))
    give_feedback(session, given_at=at(2025, 4, 1, 0, 0), answers=(NO, NO, NO, NO))


def test_scores_by_month_and_answers_over_the_period(feedback):
    result = get_report("feedback-scores").build(PERIOD)

    by_month = result.table("scores-by-month")
    assert by_month.chart == "line"
    assert by_month.columns == [
        "Month",
        "Felt valued",
        "Papers in time",
        "Adjustments met",
        "Knew what happens next",
    ]
    # January: 3 responses; "yes" 2, 1, 2 and 2 of 3. March: 1 response.
    assert by_month.rows == [["2025-01", 67, 33, 67, 67], ["2025-03", 100, 0, 100, 0]]

    answers = {row[0]: row[1:] for row in result.table("answers").rows}
    assert answers == {
        "Felt valued": [3, 0, 1],
        "Papers in time": [1, 1, 2],
        "Adjustments met": [3, 0, 1],
        "Knew what happens next": [2, 1, 1],
    }
    headlines = {h.label: h.value for h in result.headlines}
    assert headlines == {
        "Feedback received": 4,
        "Felt valued": "75%",
        "Knew what happens next": "50%",
    }


def test_service_area_keeps_feedback_on_its_opportunities(feedback, dementia):
    result = get_report("feedback-scores").build(
        ReportFilter(start=PERIOD.start, end=PERIOD.end, service_area=dementia)
    )
    assert [row[0] for row in result.table("scores-by-month").rows] == ["2025-01"]
    assert {h.label: h.value for h in result.headlines}["Feedback received"] == 3


def test_no_feedback_says_so(db):
    result = get_report("feedback-scores").build(PERIOD)
    assert result.table("scores-by-month").rows == []
    assert {h.label: h.value for h in result.headlines}["Felt valued"] == "No feedback yet"


def bulk_feedback(session, count: int, offset: int) -> None:
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"feedback{offset + n}@example.org", password="!") for n in range(count)
    )
    members = MemberProfile.objects.bulk_create(
        MemberProfile(user=user, status=Status.ACTIVE) for user in users
    )
    interests = Interest.objects.bulk_create(
        Interest(member=member, opportunity_id=session.page_id, status=InterestStatus.CONFIRMED)
        for member in members
    )
    attendances = Attendance.objects.bulk_create(
        Attendance(interest=interest, session=session, attended=True, hours=2, method="coordinator")
        for interest in interests
    )
    Feedback.objects.bulk_create(
        Feedback(
            attendance=attendance,
            felt_valued=[YES, PARTLY, NO][n % 3],
            papers_in_time=YES,
            adjustments_met=[YES, NO][n % 2],
            knows_what_happens_next=YES,
            given_at=at(2025, 1 + n % 3, 1 + n % 28),
        )
        for n, attendance in enumerate(attendances)
    )


def test_query_count_is_the_same_for_10_and_1000_members(session, dementia):
    area = ReportFilter(start=PERIOD.start, end=PERIOD.end, service_area=dementia)
    bulk_feedback(session, 10, 0)
    with CaptureQueriesContext(connection) as few:
        get_report("feedback-scores").build(area)
    bulk_feedback(session, 990, 10)
    with CaptureQueriesContext(connection) as many:
        result = get_report("feedback-scores").build(area)
    assert len(many) == len(few)
    assert {h.label: h.value for h in result.headlines}["Feedback received"] == 1000
