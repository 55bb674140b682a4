"""Sending an issue: who it reaches, at most once each, batches that run twice, retries."""

import datetime as dt
import email

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import PageViewRestriction

from cms.bulletins import sending
from cms.bulletins.factories import BulletinPageFactory, confirmed_subscribers
from cms.bulletins.models import BulletinDelivery, BulletinSend
from cms.notifications.models import Notification
from cms.opportunities.factories import ServiceAreaFactory
from cms.subscriptions.models import Subscriber

D = BulletinDelivery.Status


@pytest.fixture
def issue(bulletin_index):
    return BulletinPageFactory(parent=bulletin_index, title="Winter 2026 to 2027")


@pytest.fixture
def dementia():
    return ServiceAreaFactory(name="Dementia")


@pytest.fixture
def carers():
    return ServiceAreaFactory(name="Carers")


def send_now(issue, *, editor, service_areas=(), capture=None):
    """Start a send and run its tasks (test settings run django-q2 tasks at once)."""
    with capture(execute=True):
        return sending.start_send(issue, service_areas=service_areas, requested_by=editor)


def message_ids(outbox) -> list[str]:
    return [message.extra_headers["Message-ID"] for message in outbox]


def test_segment_counts_people_wanting_any_chosen_area_or_everything(issue, dementia, carers):
    confirmed_subscribers(3, prefix="dementia", areas=[dementia])
    confirmed_subscribers(2, prefix="carers", areas=[carers])
    confirmed_subscribers(4, prefix="everything")
    pending = Subscriber.objects.create(email="pending@example.org")
    pending.service_areas.add(dementia)

    assert sending.count_reach(issue, service_areas=[dementia]).in_segments == 7
    assert sending.count_reach(issue, service_areas=[dementia, carers]).in_segments == 9
    assert sending.count_reach(issue, service_areas=[]).in_segments == 9


def test_segment_count_says_who_already_has_the_issue(
    issue, dementia, carers, editor, django_capture_on_commit_callbacks
):
    confirmed_subscribers(3, prefix="dementia", areas=[dementia])
    confirmed_subscribers(2, prefix="carers", areas=[carers])
    send_now(
        issue, editor=editor, service_areas=[dementia], capture=django_capture_on_commit_callbacks
    )

    reach = sending.count_reach(issue, service_areas=[dementia, carers])
    assert (reach.in_segments, reach.already_sent, reach.new) == (5, 3, 2)


def test_send_reaches_the_segment_once_each_with_links_and_headers(
    issue, dementia, editor, django_capture_on_commit_callbacks
):
    confirmed_subscribers(3, prefix="dementia", areas=[dementia])
    confirmed_subscribers(1, prefix="plain", email_format=Subscriber.EmailFormat.PLAIN_TEXT)
    ServiceAreaFactory(name="Autism")
    confirmed_subscribers(2, prefix="autism", areas=[ServiceAreaFactory(name="Autism")])

    send = send_now(
        issue, editor=editor, service_areas=[dementia], capture=django_capture_on_commit_callbacks
    )

    send.refresh_from_db()
    assert send.status == BulletinSend.Status.FINISHED
    assert send.started_at is not None and send.finished_at is not None
    assert sending.send_counts(send) == {"queued": 0, "sent": 4, "failed": 0, "total": 4}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "dementia-1@example.org",
        "dementia-2@example.org",
        "dementia-3@example.org",
        "plain-1@example.org",
    ]
    assert len(set(message_ids(mail.outbox))) == 4
    html_email = next(m for m in mail.outbox if m.to[0] == "dementia-1@example.org")
    subscriber = Subscriber.objects.get(email="dementia-1@example.org")
    assert (
        html_email.extra_headers["Message-ID"] == f"<bulletin-{issue.pk}-{subscriber.pk}@localhost>"
    )
    assert html_email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert html_email.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "Unsubscribe:\nhttp" in html_email.body
    assert "Winter 2026 to 2027" in html_email.body
    (html, mimetype) = html_email.alternatives[0]
    assert mimetype == "text/html"
    assert "Welcome to this issue" in html
    assert ">Unsubscribe</a>" in html
    assert 'href="/' not in html  # every link is a full address
    plain_email = next(m for m in mail.outbox if m.to[0] == "plain-1@example.org")
    assert plain_email.alternatives == []
    assert "Choose what you hear about" in plain_email.body
    parsed = email.message_from_bytes(html_email.message().as_bytes())
    assert parsed["Message-ID"] == html_email.extra_headers["Message-ID"]


def test_start_send_is_idempotent(issue, editor, django_capture_on_commit_callbacks):
    confirmed_subscribers(5)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = sending.start_send(issue, service_areas=[], requested_by=editor)
        again = sending.start_send(issue, service_areas=[], requested_by=editor)
    assert again == first
    assert len(callbacks) == 1
    for callback in callbacks:
        callback()
    # Once finished, a new send of the same issue reaches only people who did not have it.
    confirmed_subscribers(2, prefix="late")
    later = send_now(issue, editor=editor, capture=django_capture_on_commit_callbacks)
    assert later != first
    assert BulletinSend.objects.count() == 2
    assert BulletinDelivery.objects.filter(send=first).count() == 5
    assert BulletinDelivery.objects.filter(send=later).count() == 2
    assert len(mail.outbox) == 7
    assert len(set(message_ids(mail.outbox))) == 7


def test_making_deliveries_twice_adds_nobody_twice(
    issue, editor, django_capture_on_commit_callbacks
):
    confirmed_subscribers(450)
    send = send_now(issue, editor=editor, capture=django_capture_on_commit_callbacks)
    sending.make_deliveries(send.pk)
    assert BulletinDelivery.objects.filter(page=issue).count() == 450
    assert len(mail.outbox) == 450


def test_a_batch_run_twice_sends_once(issue, editor):
    confirmed_subscribers(5)
    send = BulletinSend.objects.create(page=issue, requested_by=editor, status="sending")
    BulletinDelivery.objects.bulk_create(
        BulletinDelivery(send=send, page=issue, subscriber=s) for s in Subscriber.objects.all()
    )
    rows = list(BulletinDelivery.objects.order_by("pk").values_list("pk", flat=True))

    first = sending.send_batch(send.pk, rows[0], rows[-1])
    second = sending.send_batch(send.pk, rows[0], rows[-1])

    assert (first["sent"], second["sent"]) == (5, 0)
    assert len(mail.outbox) == 5
    assert BulletinDelivery.objects.filter(status=D.SENT, attempts=1).count() == 5
    send.refresh_from_db()
    assert send.status == BulletinSend.Status.FINISHED


def test_rows_held_by_another_copy_are_left_alone_until_the_claim_runs_out(issue, editor):
    confirmed_subscribers(3)
    send = BulletinSend.objects.create(page=issue, requested_by=editor, status="sending")
    now = timezone.now()
    BulletinDelivery.objects.bulk_create(
        BulletinDelivery(
            send=send,
            page=issue,
            subscriber=s,
            claim_token="another-copy",
            claimed_until=now + dt.timedelta(seconds=30),
        )
        for s in Subscriber.objects.all()
    )
    rows = list(BulletinDelivery.objects.order_by("pk").values_list("pk", flat=True))

    held = sending.send_batch_once(send, rows[0], rows[-1], now=now)
    assert (held.sent, held.next_try_at) == (0, now + dt.timedelta(seconds=30))
    assert mail.outbox == []

    # The worker that held them died; its claim runs out and the rows are sent.
    after = sending.send_batch_once(send, rows[0], rows[-1], now=now + dt.timedelta(seconds=31))
    assert after.sent == 3
    assert len(mail.outbox) == 3


class BrokenBackend:
    """A mail server that refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("The mail server refused the connection")


def test_failed_sends_are_retried_then_marked_failed_and_the_editor_told(
    issue, editor, settings, django_capture_on_commit_callbacks
):
    confirmed_subscribers(2)
    send = BulletinSend.objects.create(page=issue, requested_by=editor, status="sending")
    BulletinDelivery.objects.bulk_create(
        BulletinDelivery(send=send, page=issue, subscriber=s) for s in Subscriber.objects.all()
    )
    rows = list(BulletinDelivery.objects.order_by("pk").values_list("pk", flat=True))
    settings.EMAIL_BACKEND = "tests.bulletins.test_bulletins_sending.BrokenBackend"
    now = timezone.now()

    first = sending.send_batch_once(send, rows[0], rows[-1], now=now)
    assert (first.sent, first.to_retry, first.failed) == (0, 2, 0)
    assert first.next_try_at == now + sending.RETRY_DELAY
    # Too soon: nothing is tried.
    assert sending.send_batch_once(send, rows[0], rows[-1], now=now).to_retry == 0
    second = sending.send_batch_once(send, rows[0], rows[-1], now=now + sending.RETRY_DELAY)
    assert second.to_retry == 2
    third = sending.send_batch_once(send, rows[0], rows[-1], now=now + 2 * sending.RETRY_DELAY)
    assert third.failed == 2
    failed = BulletinDelivery.objects.filter(status=D.FAILED)
    assert failed.count() == 2
    assert {row.attempts for row in failed} == {sending.MAX_ATTEMPTS}
    assert "refused" in failed.first().last_error

    with django_capture_on_commit_callbacks(execute=False):
        assert sending.finish_if_done(send, now=now) is True
        assert sending.finish_if_done(send, now=now) is False
    notice = Notification.objects.get(recipient=editor)
    assert "2 bulletin emails could not be sent" in notice.subject
    assert notice.url == f"/admin/bulletins/sends/{send.pk}/"


def test_a_second_try_that_works_marks_the_row_sent(issue, editor, settings):
    confirmed_subscribers(1)
    send = BulletinSend.objects.create(page=issue, requested_by=editor, status="sending")
    delivery = BulletinDelivery.objects.create(
        send=send, page=issue, subscriber=Subscriber.objects.get()
    )
    settings.EMAIL_BACKEND = "tests.bulletins.test_bulletins_sending.BrokenBackend"
    now = timezone.now()
    sending.send_batch_once(send, delivery.pk, delivery.pk, now=now)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sending.send_batch_once(send, delivery.pk, delivery.pk, now=now + sending.RETRY_DELAY)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (D.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_only_a_published_public_issue_can_be_sent(bulletin_index, editor):
    draft = BulletinPageFactory(parent=bulletin_index, live=False)
    with pytest.raises(sending.SendError, match="Publish this issue first"):
        sending.start_send(draft, service_areas=[], requested_by=editor)
    private = BulletinPageFactory(parent=bulletin_index)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    with pytest.raises(sending.SendError, match="Make it public"):
        sending.start_send(private, service_areas=[], requested_by=editor)
    assert not BulletinSend.objects.exists()


def test_a_test_email_goes_to_the_editor_only(issue, editor):
    confirmed_subscribers(3)
    sending.send_test_email(issue, to_email=editor.email)
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert mail.outbox[0].subject.startswith("Test: Winter 2026 to 2027")
    assert not BulletinDelivery.objects.exists()


def test_sent_issue_says_when_on_the_page_and_in_the_archive(
    client, issue, editor, django_capture_on_commit_callbacks
):
    confirmed_subscribers(1)
    send = send_now(issue, editor=editor, capture=django_capture_on_commit_callbacks)
    send.refresh_from_db()
    when = timezone.localtime(send.started_at).strftime("%-d %B %Y")
    page = client.get(issue.url)
    assert f"Sent to subscribers on {when}" in strip_tags(page.content.decode())
    archive = client.get(issue.get_parent().url)
    assert f"Sent to subscribers on {when}" in strip_tags(archive.content.decode())


def test_an_issue_never_sent_does_not_say_so(client, issue):
    assert "Sent to subscribers" not in client.get(issue.url).content.decode()
