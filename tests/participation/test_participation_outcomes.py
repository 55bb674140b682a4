"""When an outcome is published every participant is told once; the public list shows it."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import path
from django.utils import timezone
from wagtail import hooks

import cms.participation.wagtail_hooks_feedback  # noqa: F401  (registers the publish hook)
from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation import outcomes
from cms.participation.models import Attendance, Interest, InterestStatus
from cms.urls import urlpatterns as site_urlpatterns
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

# The public page, mounted as cms/urls.py will mount it.
urlpatterns = [path("you-said-we-did/", outcomes.you_said_we_did), *site_urlpatterns]


@pytest.fixture
def page(make_opportunity):
    return make_opportunity(title="Home care review")


def person(page, email, status):
    member = ActiveMemberFactory(user=UserFactory(email=email))
    return Interest.objects.create(member=member, opportunity=page, status=status)


def publish_outcome(page, on=None):
    page.outcome_what_you_said = "<p>You said the visits were rushed.</p>"
    page.outcome_published_on = on or timezone.localdate()
    page.save_revision().publish()


@pytest.fixture
def people(page):
    start = timezone.now() - dt.timedelta(days=10)
    session = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    selected = person(page, "selected@example.org", InterestStatus.SELECTED)
    confirmed = person(page, "confirmed@example.org", InterestStatus.CONFIRMED)
    person(page, "interested@example.org", InterestStatus.INTERESTED)
    person(page, "declined@example.org", InterestStatus.NOT_SELECTED)
    # Came to a session, then withdrew: they still took part.
    came = person(page, "came@example.org", InterestStatus.WITHDRAWN)
    Attendance.objects.create(interest=came, session=session, attended=True, method="coordinator")
    return selected, confirmed, came


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


def test_every_participant_is_told_once(page, people, django_capture_on_commit_callbacks):
    publish_outcome(page)
    with django_capture_on_commit_callbacks(execute=True):
        assert outcomes.notify_outcome(page) == 3
        assert outcomes.notify_outcome(page.pk) == 0
        assert outcomes.catch_up_outcomes() == 0
    assert recipients() == ["came@example.org", "confirmed@example.org", "selected@example.org"]
    assert page.full_url in mail.outbox[0].body


def admin_publish(page, rf, user):
    """Publish as the page editor does: Wagtail's admin then runs the after_publish hooks."""
    page.save_revision(user=user).publish(user=user)
    request = rf.post("/admin/")
    request.user = user
    for hook in hooks.get_hooks("after_publish_page"):
        hook(request, page)


def test_publishing_the_page_with_an_outcome_tells_people(
    page, people, rf, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_publish(page, rf, editor)
    assert mail.outbox == []
    page.outcome_what_you_said = "<p>You said the visits were rushed.</p>"
    page.outcome_published_on = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        admin_publish(page, rf, editor)
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        admin_publish(page, rf, editor)
    assert len(mail.outbox) == 3


def test_an_outcome_dated_later_is_sent_by_the_daily_catch_up(
    page, people, django_capture_on_commit_callbacks
):
    later = timezone.localdate() + dt.timedelta(days=3)
    publish_outcome(page, on=later)
    with django_capture_on_commit_callbacks(execute=True):
        assert outcomes.notify_outcome(page) == 0
        assert outcomes.catch_up_outcomes() == 0
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert outcomes.catch_up_outcomes(today=later) == 3
        assert outcomes.catch_up_outcomes(today=later) == 0
    assert len(mail.outbox) == 3


def test_a_draft_outcome_is_not_sent(page, people):
    page.outcome_published_on = timezone.localdate()
    page.save_revision()  # saved, not published
    assert outcomes.notify_outcome(page) == 0
    assert mail.outbox == []


@pytest.mark.urls(__name__)
def test_the_public_page_lists_published_outcomes_newest_first(client, make_opportunity):
    older = make_opportunity(title="Older outcome")
    publish_outcome(older, on=timezone.localdate() - dt.timedelta(days=30))
    newer = make_opportunity(title="Newer outcome")
    publish_outcome(newer, on=timezone.localdate() - dt.timedelta(days=1))
    make_opportunity(title="Not yet decided")
    future = make_opportunity(title="Coming later")
    publish_outcome(future, on=timezone.localdate() + dt.timedelta(days=5))

    response = client.get("/you-said-we-did/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Newer outcome") < html.index("Older outcome")
    assert "Not yet decided" not in html
    assert "Coming later" not in html
    assert f'href="{newer.url}"' in html
