"""Coordinators read feedback and reply; anonymous feedback never shows who gave it."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import include, path, reverse
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Attendance, Feedback, Interest, InterestStatus
from cms.participation.reminder_tasks import notify_feedback_reply
from cms.participation.wagtail_hooks_feedback import admin_urlpatterns
from cms.urls import urlpatterns as site_urlpatterns
from cms.users.factories import UserFactory

# Until cms/participation/wagtail_hooks.py imports our hooks module, the admin URLs are
# mounted here, before the site's own.
urlpatterns = [path("admin/", include(admin_urlpatterns())), *site_urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

ANSWERS = {
    "felt_valued": "yes",
    "papers_in_time": "partly",
    "adjustments_met": "no",
    "knows_what_happens_next": "yes",
}


@pytest.fixture
def make_feedback(make_opportunity):
    page = make_opportunity(title="Home care review")
    start = timezone.now() - dt.timedelta(days=2)
    session = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )

    def _make(*, first_name, last_name, email, anonymous):
        member = ActiveMemberFactory(
            user=UserFactory(email=email, first_name=first_name, last_name=last_name)
        )
        interest = Interest.objects.create(
            member=member, opportunity=page, status=InterestStatus.CONFIRMED
        )
        attendance = Attendance.objects.create(
            interest=interest, session=session, attended=True, method="coordinator"
        )
        return Feedback.objects.create(
            attendance=attendance, anonymous=anonymous, comments="Too warm.", **ANSWERS
        )

    return _make


@pytest.fixture
def anonymous_feedback(make_feedback):
    return make_feedback(
        first_name="Zebedee", last_name="Quillfeather", email="zq@example.org", anonymous=True
    )


def test_anonymous_feedback_never_shows_who_gave_it(client, coordinator, anonymous_feedback):
    member = anonymous_feedback.attendance.interest.member
    client.force_login(coordinator)
    for url in (
        reverse("feedback_admin:index"),
        reverse("feedback_admin:detail", args=[anonymous_feedback.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Anonymous" in html
        for secret in ("Zebedee", "Quillfeather", "zq@example.org"):
            assert secret not in html, (url, secret)
        assert f"/members/{member.pk}/" not in html
        assert f"/bank/{member.pk}/" not in html


def test_named_feedback_shows_the_name(client, coordinator, make_feedback):
    make_feedback(first_name="Ada", last_name="Lovelace", email="al@example.org", anonymous=False)
    client.force_login(coordinator)
    html = client.get(reverse("feedback_admin:index")).content.decode()
    assert "Lovelace" in html


def test_a_coordinator_replies_and_the_person_is_emailed_once(
    client, coordinator, anonymous_feedback, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    url = reverse("feedback_admin:detail", args=[anonymous_feedback.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reply": "Thank you. We will open a window."})
    assert response.status_code == 302
    anonymous_feedback.refresh_from_db()
    assert anonymous_feedback.reply == "Thank you. We will open a window."
    assert anonymous_feedback.replied_by == coordinator
    assert anonymous_feedback.replied_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zq@example.org"]
    assert "/members/feedback/" in mail.outbox[0].body
    # Running the task again sends nothing more.
    assert notify_feedback_reply(anonymous_feedback.pk) is False
    assert len(mail.outbox) == 1


def test_an_empty_reply_is_refused(client, coordinator, anonymous_feedback):
    client.force_login(coordinator)
    response = client.post(
        reverse("feedback_admin:detail", args=[anonymous_feedback.pk]), {"reply": ""}
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    anonymous_feedback.refresh_from_db()
    assert anonymous_feedback.reply == ""


@pytest.mark.parametrize("who", ["member", "editor", "finance_user"])
def test_only_coordinators_see_feedback(client, request, anonymous_feedback, who):
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("feedback_admin:index"),
        reverse("feedback_admin:detail", args=[anonymous_feedback.pk]),
        reverse("feedback_admin:detail", args=[999999]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Too warm" not in response.content.decode()


def test_a_visitor_is_sent_to_sign_in(client, anonymous_feedback):
    response = client.get(reverse("feedback_admin:index"))
    assert response.status_code == 302


def test_the_menu_items_show_only_to_coordinators(client, coordinator, editor):
    client.force_login(coordinator)
    html = client.get("/admin/").content.decode()
    assert "Session feedback" in html
    assert "Session papers" in html
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Session feedback" not in html
    assert "Session papers" not in html
