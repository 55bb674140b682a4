"""'My account' is an active member's dashboard: what needs them, in a fixed number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.opportunities.factories import OpportunitySessionFactory, ServiceAreaFactory
from cms.opportunities.models import OpportunitySession
from cms.participation.models import Attendance, Feedback, Interest, InterestStatus, SessionPaper
from cms.participation.selectors import tax_year_start
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
S = InterestStatus


@pytest.fixture
def dementia(db):
    return ServiceAreaFactory(name="Dementia", slug="dementia")


def with_history(member, page, count: int):
    """``count`` past sessions of ``page``, each attended for two hours."""
    interest = Interest.objects.create(member=member, opportunity=page, status=S.CONFIRMED)
    now = timezone.now()
    sessions = OpportunitySession.objects.bulk_create(
        OpportunitySession(
            page=page,
            sort_order=i,
            title=f"Past meeting {i}",
            starts_at=now - dt.timedelta(days=i + 1, hours=2),
            ends_at=now - dt.timedelta(days=i + 1),
            venue_name="Civic Centre",
        )
        for i in range(count)
    )
    Attendance.objects.bulk_create(
        Attendance(
            interest=interest,
            session=session,
            attended=True,
            hours=Decimal(2),
            method=Attendance.Method.COORDINATOR,
        )
        for session in sessions
    )
    return interest


def test_the_dashboard_shows_what_needs_the_member(client, member, make_opportunity, dementia):
    profile = ActiveMemberFactory(user=member, expertise=[dementia])
    forum = make_opportunity(title="Dementia forum")
    session = OpportunitySessionFactory(
        page=forum, title="Spring meeting", venue_name="Civic Centre, Committee Room 2"
    )
    agenda = SessionPaper.objects.create(session=session, title="Agenda and minutes", file="x.pdf")
    SessionPaper.objects.create(
        session=session,
        title="Not out yet",
        file="y.pdf",
        published_at=timezone.now() + dt.timedelta(days=3),
    )
    past = with_history(profile, make_opportunity(title="Carers' review"), 2)
    Feedback.objects.create(
        attendance=past.attendance.first(),
        felt_valued="yes",
        papers_in_time="yes",
        adjustments_met="yes",
        knows_what_happens_next="yes",
    )
    Interest.objects.create(member=profile, opportunity=forum, status=S.SELECTED)
    make_opportunity(title="Memory clinic redesign", service_areas=[dementia])
    make_opportunity(title="Hospital food", service_areas=[ServiceAreaFactory(name="Food")])

    client.force_login(member)
    html = client.get("/members/").content.decode()

    assert "Sessions coming up" in html
    assert "Dementia forum: Spring meeting" in html
    assert "Civic Centre, Committee Room 2" in html
    assert "Step-free access" in html
    assert "Agenda and minutes" in html
    assert "Not out yet" not in html
    assert f'href="/members/feedback/papers/{agenda.pk}/"' in html
    assert "Feedback to give" in html
    assert html.count("Carers&#x27; review: Past meeting") == 1  # one given, one to give
    to_give = past.attendance.filter(feedback__isnull=True).get()
    assert f'href="/members/feedback/{to_give.pk}/"' in html
    assert "Selected" in html and "Please confirm it" in html
    assert "/members/taking-part/interest/" in html
    assert "Hours you have taken part since 6 April" in html
    assert "<strong>4</strong>" in html
    assert "Memory clinic redesign" in html
    assert "Hospital food" not in html
    # What was there before stays.
    assert 'href="/members/profile/"' in html
    assert "Sign out" in html


def test_opportunities_already_answered_are_not_suggested(
    client, member, make_opportunity, dementia
):
    profile = ActiveMemberFactory(user=member, expertise=[dementia])
    page = make_opportunity(title="Memory clinic redesign", service_areas=[dementia])
    Interest.objects.create(member=profile, opportunity=page, status=S.WITHDRAWN)
    client.force_login(member)
    html = client.get("/members/").content.decode()
    assert "Memory clinic redesign" not in html.split("Opportunities that match you")[1]


def test_an_applicant_sees_no_dashboard(client, member):
    MemberProfileFactory(user=member, status=Status.SUBMITTED)
    client.force_login(member)
    html = client.get("/members/").content.decode()
    assert "Sessions coming up" not in html
    assert "Your application" in html


def test_the_tax_year_starts_on_6_april():
    assert tax_year_start(dt.date(2026, 4, 5)) == dt.date(2025, 4, 6)
    assert tax_year_start(dt.date(2026, 4, 6)) == dt.date(2026, 4, 6)


def test_the_dashboard_query_count_does_not_grow_with_history(client, make_opportunity, dementia):
    def dashboard_queries(email, count):
        profile = ActiveMemberFactory(user=UserFactory(email=email), expertise=[dementia])
        with_history(profile, make_opportunity(title=f"History {count}"), count)
        upcoming = make_opportunity(title=f"Upcoming {count}")
        Interest.objects.create(member=profile, opportunity=upcoming, status=S.CONFIRMED)
        for _ in range(3):
            session = OpportunitySessionFactory(page=upcoming)
            SessionPaper.objects.create(session=session, title="Agenda", file="a.pdf")
        client.force_login(profile.user)
        client.get("/members/")  # the first request fills caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/members/")
        assert response.status_code == 200
        assert "Upcoming" in response.content.decode()
        return [query["sql"] for query in queries]

    make_opportunity(title="Match one", service_areas=[dementia])
    few = dashboard_queries("few@example.org", 3)
    many = dashboard_queries("many@example.org", 300)
    assert len(few) == len(many), "\n".join(set(many) ^ set(few))


def test_the_dashboard_query_count_does_not_grow_with_the_programme(
    client, make_opportunity, dementia
):
    """More open opportunities in the member's areas than the dashboard suggests, and more
    members taking part in them, cost no extra queries (the benchmark's data set is 20,000
    members and 2,000 opportunities)."""
    profile = ActiveMemberFactory(expertise=[dementia])
    with_history(profile, make_opportunity(title="Memory café"), 2)
    client.force_login(profile.user)

    def dashboard_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/members/")
        assert response.status_code == 200
        return [query["sql"] for query in queries]

    made = []

    def grow(count):
        for _ in range(count):
            title = f"Dementia panel {len(made)}"
            page = make_opportunity(title=title, service_areas=[dementia])
            made.append(page)
            other = ActiveMemberFactory(expertise=[dementia])
            with_history(other, page, 1)

    grow(1)
    client.get("/members/")  # the first request fills caches (site root paths)
    few = dashboard_queries()
    grow(12)
    many = dashboard_queries()
    assert "Dementia panel" in client.get("/members/").content.decode()
    assert len(few) == len(many), "\n".join(set(many) ^ set(few))
