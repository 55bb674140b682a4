"""The promises kept report, against hand-built sessions, papers, outcomes and feedback."""

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
from cms.participation.models import (
    Attendance,
    Feedback,
    Interest,
    InterestStatus,
    SessionPaper,
)
from cms.reports.base import ReportFilter, get_report

pytestmark = pytest.mark.django_db

PERIOD = ReportFilter(start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
YES, PARTLY, NO = Feedback.Answer.YES, Feedback.Answer.PARTLY, Feedback.Answer.NO


def at(year, month, day, hour=10):
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


def two_hours(year, month, day):
    return (at(year, month, day), at(year, month, day, 12), False)


def paper(session, published_at):
    return SessionPaper.objects.create(
        session=session, title="Agenda", file="session-papers/agenda.pdf", published_at=published_at
    )


def feedback(session, *, adjustments, replied):
    interest = Interest.objects.create(
        member=ActiveMemberFactory(), opportunity=session.page, status=InterestStatus.CONFIRMED
    )
    attendance = Attendance.objects.create(
        interest=interest, session=session, attended=True, hours=2, method="coordinator"
    )
    return Feedback.objects.create(
        attendance=attendance,
        felt_valued=YES,
        papers_in_time=YES,
        adjustments_met=adjustments,
        knows_what_happens_next=YES,
        given_at=session.ends_at + dt.timedelta(days=1),
        replied_at=session.ends_at + dt.timedelta(days=3) if replied else None,
    )


@pytest.fixture
def dementia(db):
    return ServiceAreaFactory(name="Dementia")


@pytest.fixture
def world(make_opportunity, dementia):
    """Four opportunities that finished in the period and one that finished before it."""
    kept = make_opportunity(
        title="Memory clinic review",
        service_areas=[dementia],
        sessions=[two_hours(2025, 2, 10)],
        outcome_published_on=dt.date(2025, 3, 12),
    )
    # Exactly a week before counts as kept.
    paper(kept.sessions.get(), at(2025, 2, 3))
    feedback(kept.sessions.get(), adjustments=YES, replied=True)

    late = make_opportunity(
        title="Home care contract panel",
        sessions=[two_hours(2025, 3, 10), two_hours(2025, 3, 17)],
    )
    first, second = late.sessions.order_by("starts_at")
    paper(first, at(2025, 3, 5))  # 5 days before: late
    second.papers_published_on = dt.date(2025, 3, 10)  # promised, never sent
    second.save()
    feedback(first, adjustments=PARTLY, replied=False)
    feedback(second, adjustments=NO, replied=False)

    two_papers = make_opportunity(
        title="Carers' strategy workshop",
        sessions=[two_hours(2025, 4, 1)],
        outcome_published_on=dt.date(2025, 4, 15),
    )
    paper(two_papers.sessions.get(), at(2025, 3, 1))
    paper(two_papers.sessions.get(), at(2025, 3, 30))

    make_opportunity(
        title="Bus pass focus group",
        sessions=[two_hours(2025, 5, 1)],  # no papers: not counted for papers
        outcome_published_on=timezone.localdate() + dt.timedelta(days=30),  # not yet
    )
    make_opportunity(
        title="Last year's survey",
        sessions=[two_hours(2024, 11, 1)],
        outcome_published_on=dt.date(2024, 12, 1),
    )


def test_each_promise_counted(world):
    result = get_report("promises-kept").build(PERIOD)

    promises = {row[0]: row[1:] for row in result.table("promises").rows}
    assert promises == {
        "Papers sent at least 7 days before": [2, 2],
        "Adjustments met (from feedback)": [1, 2],
        "Outcome published after finishing": [2, 2],
        "Feedback answered": [1, 2],
    }
    assert result.table("outcome-days").rows == [
        ["Memory clinic review", 30],
        ["Carers' strategy workshop", 14],
    ]
    headlines = {h.label: h.value for h in result.headlines}
    assert headlines == {
        "Papers sent at least 7 days before": "50%",
        "Adjustments met": "33%",
        "Outcomes published": "2 of 4",
        "Feedback answered": "33%",
    }
    hints = {h.label: h.hint for h in result.headlines}
    assert hints["Outcomes published"] == "Typically 22 days after the last session."


def test_service_area_keeps_its_own_opportunities(world, dementia):
    result = get_report("promises-kept").build(
        ReportFilter(start=PERIOD.start, end=PERIOD.end, service_area=dementia)
    )
    promises = {row[0]: row[1:] for row in result.table("promises").rows}
    assert promises == {
        "Papers sent at least 7 days before": [1, 0],
        "Adjustments met (from feedback)": [1, 0],
        "Outcome published after finishing": [1, 0],
        "Feedback answered": [1, 0],
    }


def test_papers_for_a_session_more_than_a_week_away_are_not_late_yet(make_opportunity):
    soon = timezone.localtime() + dt.timedelta(days=20)
    page = make_opportunity(
        title="Future panel", sessions=[(soon, soon + dt.timedelta(hours=2), False)]
    )
    session = page.sessions.get()
    session.papers_published_on = soon.date() - dt.timedelta(days=7)
    session.save()
    today = timezone.localdate()
    result = get_report("promises-kept").build(
        ReportFilter(start=today, end=today + dt.timedelta(days=60))
    )
    assert result.table("promises").rows[0] == ["Papers sent at least 7 days before", 0, 0]


def bulk_feedback(session, count: int, offset: int) -> None:
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"promises{offset + n}@example.org", password="!") for n in range(count)
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
            felt_valued=YES,
            papers_in_time=YES,
            adjustments_met=[YES, NO][n % 2],
            knows_what_happens_next=YES,
            given_at=at(2025, 2, 11),
            replied_at=at(2025, 2, 12) if n % 3 else None,
        )
        for n, attendance in enumerate(attendances)
    )


def test_query_count_is_the_same_for_10_and_1000_members(world, dementia):
    session = Interest.objects.first().opportunity.sessions.first()
    filters = [
        PERIOD,
        ReportFilter(start=PERIOD.start, end=PERIOD.end, service_area=dementia),
    ]
    bulk_feedback(session, 10, 0)
    few = []
    for report_filter in filters:
        with CaptureQueriesContext(connection) as queries:
            get_report("promises-kept").build(report_filter)
        few.append(len(queries))
    bulk_feedback(session, 990, 10)
    for report_filter, expected in zip(filters, few, strict=True):
        with CaptureQueriesContext(connection) as many:
            result = get_report("promises-kept").build(report_filter)
        assert len(many) == expected
    answered = {row[0]: row[1:] for row in result.table("promises").rows}["Feedback answered"]
    assert sum(answered) == 1001


def test_the_demo_gives_each_of_these_five_reports_something_to_show(home_page):
    """One demo load for the five reports (promises, feedback, learning, money, equality),
    so the suite loads the demo once for them all."""
    from io import StringIO

    from django.core.management import call_command

    from cms.reports.base import SUPPRESSED

    call_command("load_demo_data", password="a-long-demo-password", stdout=StringIO())
    end = timezone.localdate()
    start = end - dt.timedelta(days=365)
    for slug in ["promises-kept", "feedback-scores", "learning", "money", "equality"]:
        result = get_report(slug).build(ReportFilter(start=start, end=end))
        for table in result.tables:
            figures = [value for row in table.rows for value in row[1:]]
            assert any(value and value != SUPPRESSED for value in figures), (slug, table.slug)
