"""When support reviews are due, who sees it, and the reminders, on a fixed clock."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.members import services
from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.members.supervision import review_due_for, reviews_due, send_supervision_reminders
from cms.notifications.models import Notification
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)
URL = "/admin/supervision/"


def active_since(day: dt.date, **kwargs):
    became_active = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    return ActiveMemberFactory(status_changed_at=became_active, **kwargs)


def test_someone_never_reviewed_is_due_two_months_after_becoming_active():
    member = active_since(dt.date(2026, 8, 31))
    row = review_due_for(member, today=TODAY)
    # 31 October does exist; 31 August + 2 months is 31 October.
    assert row.due_on == dt.date(2026, 10, 31)
    assert row.is_overdue
    assert row.last_held_on is None


def test_a_review_sets_the_next_date_at_most_two_months_on(coordinator):
    member = active_since(dt.date(2026, 1, 5))
    services.record_supervision_review(member, held_on=dt.date(2026, 11, 1), by=coordinator)
    row = review_due_for(member, today=TODAY)
    assert row.due_on == dt.date(2027, 1, 1)
    assert row.last_held_on == dt.date(2026, 11, 1)
    assert not row.is_overdue
    assert row.days_until_due == 36


def test_the_latest_review_counts(coordinator):
    member = active_since(dt.date(2026, 1, 5))
    services.record_supervision_review(member, held_on=dt.date(2026, 6, 1), by=coordinator)
    services.record_supervision_review(
        member, held_on=dt.date(2026, 10, 20), by=coordinator, next_due_on=dt.date(2026, 11, 20)
    )
    assert review_due_for(member, today=TODAY).due_on == dt.date(2026, 11, 20)


def test_only_active_members_are_listed_most_overdue_first(coordinator):
    late = active_since(dt.date(2026, 6, 1))
    soon = active_since(dt.date(2026, 10, 1))
    MemberProfileFactory(status=Status.SUBMITTED)
    assert [row.member for row in reviews_due(today=TODAY)] == [late, soon]
    assert review_due_for(MemberProfileFactory(status=Status.ON_HOLD), today=TODAY) is None


def test_the_member_is_reminded_once_in_the_week_before(coordinator, mailoutbox):
    supervisor = UserFactory(first_name="Priya", last_name="Shah")
    member = active_since(dt.date(2026, 1, 5), supervisor=supervisor)
    services.record_supervision_review(member, held_on=dt.date(2026, 10, 1), by=coordinator)
    # Due 1 December: eight days before is too early, seven days before is the reminder.
    assert send_supervision_reminders(today=dt.date(2026, 11, 23))["member_reminders"] == 0
    assert send_supervision_reminders(today=dt.date(2026, 11, 24))["member_reminders"] == 1
    assert send_supervision_reminders(today=dt.date(2026, 11, 24))["member_reminders"] == 0
    assert send_supervision_reminders(today=dt.date(2026, 11, 30))["member_reminders"] == 0
    notification = Notification.objects.get(recipient=member.user)
    assert "1 December 2026" in notification.body
    assert "Priya Shah will be in touch" in notification.body


def test_the_supervisor_is_told_once_when_a_review_is_overdue(coordinator):
    supervisor = UserFactory()
    member = active_since(dt.date(2026, 1, 5), supervisor=supervisor)
    services.record_supervision_review(member, held_on=dt.date(2026, 9, 1), by=coordinator)
    assert send_supervision_reminders(today=dt.date(2026, 11, 1))["supervisor_overdue"] == 0
    assert send_supervision_reminders(today=dt.date(2026, 11, 2))["supervisor_overdue"] == 1
    assert send_supervision_reminders(today=dt.date(2026, 11, 9))["supervisor_overdue"] == 0
    told = Notification.objects.get(recipient=supervisor)
    assert str(member) in told.subject
    assert told.url == f"/admin/involvement-bank/{member.pk}/"
    # A new review resets the clock; the next overdue review is a new reminder.
    services.record_supervision_review(member, held_on=dt.date(2026, 11, 10), by=coordinator)
    assert send_supervision_reminders(today=dt.date(2027, 1, 11))["supervisor_overdue"] == 1


# --- The coordinators' list ------------------------------------------------------------


def test_coordinators_see_who_is_overdue(client, coordinator):
    active_since(dt.date(2025, 1, 1), user=UserFactory(first_name="Olive", last_name="Overdue"))
    active_since(timezone.localdate(), user=UserFactory(first_name="Nadia", last_name="New"))
    client.force_login(coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Olive Overdue") < page.index("Nadia New")
    assert "1 overdue" in page
    overdue_only = client.get(URL, {"show": "overdue"}).content.decode()
    assert "Olive Overdue" in overdue_only and "Nadia New" not in overdue_only


def test_only_my_supervisees(client, coordinator):
    active_since(dt.date(2026, 1, 1), supervisor=coordinator, user=UserFactory(first_name="Mine"))
    active_since(dt.date(2026, 1, 1), user=UserFactory(first_name="Theirs"))
    client.force_login(coordinator)
    page = client.get(URL, {"mine": "on"}).content.decode()
    assert "Mine" in page and "Theirs" not in page


@pytest.mark.parametrize("who", ["editor", "finance_user", "member"])
def test_everyone_else_is_refused(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code in (302, 403)
    if who == "member":
        assert client.get(URL).status_code == 302  # members have no admin access at all


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response.url


def test_query_count_is_the_same_for_few_and_many_members(client, coordinator):
    supervisor = UserFactory()

    def make(count):
        for i in range(count):
            member = active_since(dt.date(2026, 1, 1 + i % 28), supervisor=supervisor)
            if i % 2:
                services.record_supervision_review(
                    member, held_on=dt.date(2026, 10, 1), by=coordinator
                )

    client.force_login(coordinator)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL).status_code == 200
        return len(context)

    make(10)
    queries()  # the first request fills what the cache keeps between requests
    few = queries()
    make(120)
    assert queries() == few


def test_the_member_sees_an_overdue_review_on_their_dashboard(client):
    member = active_since(dt.date(2025, 1, 1), supervisor=UserFactory(first_name="Priya"))
    client.force_login(member.user)
    page = client.get("/members/").content.decode()
    assert "Your review is overdue" in page
    assert "Priya" in page


def test_a_member_not_yet_due_sees_the_date(client):
    member = active_since(timezone.localdate())
    client.force_login(member.user)
    page = client.get("/members/").content.decode()
    assert "Your next one is due by" in page
    assert "overdue" not in page
