"""Sending an issue of the e-bulletin to its subscribers, safely, thousands at a time.

How a send flows:

1. ``start_send`` (an editor confirmed) records a ``BulletinSend`` and, once that is committed,
   queues ``make_deliveries``.
2. ``make_deliveries`` (a django-q2 task) writes one ``BulletinDelivery`` per subscriber in the
   chosen service areas, in bulk. A subscriber who already had this issue, from this send or an
   earlier one, is skipped by the database's unique constraint (``ignore_conflicts``), so running
   it twice adds nobody twice. It then queues ``send_batch`` for every ``BATCH_SIZE`` waiting
   rows.
3. ``send_batch`` (a django-q2 task) claims the waiting rows of its range for as long as the
   task may run, opens one mail connection, and for each row marks it sent and hands the email
   to the mail server in one database transaction: a second copy of the task (django-q2
   delivers at least once) finds the row sent or claimed and leaves it alone. A worker killed
   half way leaves its unsent rows claimed; the claim runs out no later than django-q2's own
   timeout would have stopped the worker, and the copy of the task that django-q2 delivers
   again sends them.
4. A failed email is tried again after ``RETRY_DELAY``, up to ``MAX_ATTEMPTS`` times, then
   marked failed. When no row is waiting the send is finished, and the editor who asked for it
   is told about any failures.

The one gap no program can close: if a worker dies after the mail server took an email but
before the database committed the "sent" mark, that email goes again, with the same
Message-ID (so mail programs show it once). Delivery is at least once, never "at most".
"""

import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import Schedule
from django_q.tasks import async_task

from cms.core.models import OrganisationSettings
from cms.notifications.models import Topic
from cms.notifications.services import notify
from cms.subscriptions.links import list_unsubscribe_headers, preferences_url, unsubscribe_url
from cms.subscriptions.models import Subscriber

from .blocks import item_heading
from .models import BulletinDelivery, BulletinPage, BulletinSend, message_id_for
from .plain_text import bulletin_as_text

S = BulletinSend.Status
D = BulletinDelivery.Status

SEND_TRANSITIONS: dict[str, set[str]] = {
    S.QUEUED: {S.SENDING},
    S.SENDING: {S.FINISHED},
    S.FINISHED: set(),
}
BATCH_SIZE = 200
CREATE_CHUNK = 2000
MAX_ATTEMPTS = 3
RETRY_DELAY = timedelta(minutes=2)
# A batch task stops taking new work this long before django-q2 would stop it.
TIMEOUT_MARGIN = 1.0


class SendError(Exception):
    """A send the rules do not allow; the message is written for the editor."""


# --- Who gets it -----------------------------------------------------------------------------


def recipients(service_areas) -> QuerySet:
    """Confirmed subscribers who want news about any of ``service_areas`` (all if none)."""
    return Subscriber.objects.in_segments(service_areas)


@dataclass(frozen=True)
class Reach:
    in_segments: int
    already_sent: int

    @property
    def new(self) -> int:
        return self.in_segments - self.already_sent


def count_reach(page: BulletinPage, *, service_areas) -> Reach:
    """How many subscribers the chosen areas reach, and how many of them already have (or
    are about to get) this issue from an earlier send and so will not get it again."""
    subscriber_ids = recipients(service_areas).values("pk")
    return Reach(
        in_segments=recipients(service_areas).count(),
        already_sent=BulletinDelivery.objects.filter(
            page=page, subscriber_id__in=subscriber_ids
        ).count(),
    )


def send_problem(page) -> str:
    """Why ``page`` cannot be sent to subscribers, or "" if it can."""
    if not isinstance(page, BulletinPage):
        return "Only a bulletin issue can be sent to subscribers."
    if not page.live:
        return "Publish this issue first: subscribers get a link to its web version."
    if page.has_unpublished_changes:
        return (
            "This issue has changes that are not published yet. Publish them first, so the "
            "email and the web version say the same."
        )
    if page.get_view_restrictions().exists():
        return "This issue can only be seen by some people. Make it public first."
    return ""


# --- Starting a send -------------------------------------------------------------------------


def _move_send(send: BulletinSend, to_status: str, *, now: datetime) -> bool:
    """Move ``send`` on if ``SEND_TRANSITIONS`` allows it; False if another worker got there
    first. Raises ``SendError`` for a move the rules never allow."""
    if to_status not in SEND_TRANSITIONS[send.status]:
        raise SendError(
            f"A send that is {send.get_status_display().lower()} cannot be {to_status}."
        )
    dated = {S.SENDING: "started_at", S.FINISHED: "finished_at"}[to_status]
    moved = BulletinSend.objects.filter(pk=send.pk, status=send.status).update(
        status=to_status, **{dated: now}
    )
    if moved:
        send.status = to_status
        setattr(send, dated, now)
    return bool(moved)


def start_send(page, *, service_areas, requested_by) -> BulletinSend:
    """Send the published issue ``page`` to the subscribers in ``service_areas`` (every
    subscriber if none): record the send and queue the work.

    Safe to call twice: while a send of this issue to the same areas is still under way, that
    send is returned rather than a new one made; and whatever the sends, each subscriber gets
    an issue at most once. Raises ``SendError`` for an issue that cannot be sent.
    """
    page = page.specific
    problem = send_problem(page)
    if problem:
        raise SendError(problem)
    area_ids = sorted({getattr(area, "pk", area) for area in service_areas})
    with transaction.atomic():
        for send in BulletinSend.objects.select_for_update().filter(
            page=page, status__in=[S.QUEUED, S.SENDING]
        ):
            if sorted(send.service_areas.values_list("pk", flat=True)) == area_ids:
                return send
        send = BulletinSend.objects.create(page=page, requested_by=requested_by)
        send.service_areas.set(area_ids)
        transaction.on_commit(
            lambda: async_task(
                "cms.bulletins.sending.make_deliveries",
                send.pk,
                task_name=f"bulletin-send-{send.pk}-deliveries",
            )
        )
    return send


def make_deliveries(send_id: int) -> int:
    """Task: write a delivery for every subscriber in the send's areas who has not had this
    issue, then queue the batches. Safe to run twice. Returns how many rows the send has."""
    now = timezone.now()
    send = BulletinSend.objects.select_related("page").get(pk=send_id)
    if send.status == S.FINISHED:
        return send.recipient_count or 0
    if send.status == S.QUEUED:
        _move_send(send, S.SENDING, now=now)
    subscriber_ids = list(
        recipients(send.service_areas.all()).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(subscriber_ids), CREATE_CHUNK):
        BulletinDelivery.objects.bulk_create(
            [
                BulletinDelivery(send=send, page_id=send.page_id, subscriber_id=subscriber_id)
                for subscriber_id in subscriber_ids[start : start + CREATE_CHUNK]
            ],
            ignore_conflicts=True,
        )
    count = send.deliveries.count()
    BulletinSend.objects.filter(pk=send.pk).update(recipient_count=count)
    queue_batches(send)
    return count


def queue_batches(send: BulletinSend) -> int:
    """Queue a ``send_batch`` task for every ``BATCH_SIZE`` rows still waiting; finish the
    send if none are. Returns how many tasks were queued."""
    waiting = list(
        send.deliveries.filter(status=D.QUEUED).order_by("pk").values_list("pk", flat=True)
    )
    ranges = [
        (chunk[0], chunk[-1])
        for chunk in (waiting[i : i + BATCH_SIZE] for i in range(0, len(waiting), BATCH_SIZE))
    ]
    for first, last in ranges:
        async_task(
            "cms.bulletins.sending.send_batch",
            send.pk,
            first,
            last,
            task_name=f"bulletin-send-{send.pk}-batch-{first}-{last}",
        )
    if not ranges:
        finish_if_done(send, now=timezone.now())
    return len(ranges)


# --- The email -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedIssue:
    """What every recipient's email shares, made once per batch."""

    subject: str
    organisation_name: str
    web_url: str
    plain_text_url: str
    html_body: str
    text_body: str


def _absolute_links(html: str, base_url: str) -> str:
    """Links in an email must be full addresses: the page's templates write site paths."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a", href=True):
        link["href"] = urljoin(base_url, link["href"])
    return str(soup)


def render_issue(page: BulletinPage) -> RenderedIssue:
    """The issue's web version (its items, as on the site) and plain-text version, with full
    addresses, for the email."""
    site = page.get_site()
    organisation = OrganisationSettings.for_site(site)
    name = organisation.organisation_name
    web_url = page.get_full_url()
    base_url = urljoin(web_url, "/")
    items = [
        {"block": child, "anchor": f"item-{number}", "heading": item_heading(child)}
        for number, child in enumerate(page.visible_items(), start=1)
    ]
    plain_text_url = urljoin(base_url, page.get_plain_text_url())
    html_body = render_to_string(
        "bulletins/email/issue_body.html",
        {"page": page, "items": items, "web_url": web_url, "plain_text_url": plain_text_url},
    )
    return RenderedIssue(
        subject=f"{page.title}: {name} e-bulletin" if name else f"{page.title}: e-bulletin",
        organisation_name=name,
        web_url=web_url,
        plain_text_url=plain_text_url,
        html_body=_absolute_links(html_body, base_url),
        text_body=bulletin_as_text(page, organisation_name=name),
    )


def build_email(
    delivery: BulletinDelivery, issue: RenderedIssue, *, connection=None
) -> EmailMultiAlternatives:
    """One subscriber's email: plain text, with the HTML version unless they chose plain text
    only; their own unsubscribe and preferences links in the footer and the headers."""
    subscriber = delivery.subscriber
    links = {
        "unsubscribe_url": unsubscribe_url(subscriber),
        "preferences_url": preferences_url(subscriber),
    }
    footer_context = {"issue": issue, **links}
    text = issue.text_body + render_to_string("bulletins/email/footer.txt", footer_context)
    headers = {
        "Message-ID": message_id_for(page_id=delivery.page_id, subscriber_id=subscriber.pk),
        **list_unsubscribe_headers(subscriber),
    }
    message = EmailMultiAlternatives(
        subject=issue.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers=headers,
        connection=connection,
    )
    if subscriber.email_format != Subscriber.EmailFormat.PLAIN_TEXT:
        html = render_to_string(
            "bulletins/email/issue.html", {"issue": issue, "body": issue.html_body, **links}
        )
        message.attach_alternative(html, "text/html")
    return message


def send_test_email(page: BulletinPage, *, to_email: str) -> None:
    """Email the issue to ``to_email`` (the editor's own address) as subscribers will see it,
    with links that point nowhere personal. Nothing is recorded."""
    issue = render_issue(page.specific)
    stand_in = Subscriber(pk=0, email=to_email, email_format=Subscriber.EmailFormat.HTML)
    delivery = BulletinDelivery(page=page, subscriber=stand_in)
    message = build_email(delivery, issue)
    message.subject = f"Test: {message.subject}"
    message.extra_headers["Message-ID"] = f"<bulletin-test-{page.pk}-{uuid.uuid4().hex}@test>"
    message.send()


# --- Sending a batch -------------------------------------------------------------------------


@dataclass
class BatchResult:
    sent: int = 0
    failed: int = 0
    to_retry: int = 0
    # When the next waiting row of the range may be tried (a retry, or a claim running out).
    next_try_at: datetime | None = None


def task_time_limit() -> float:
    """Seconds django-q2 lets a task run before it stops the worker."""
    return float(Conf.TIMEOUT or 120)


def _no_commit_wait():
    # The "sent" mark survives a worker's death without waiting for the disk; only a
    # database server crash could lose it, and then the email goes again (at least once).
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def send_batch_once(
    send: BulletinSend,
    first_pk: int,
    last_pk: int,
    *,
    now: datetime | None = None,
    claim_for: float | None = None,
    deadline: float | None = None,
) -> BatchResult:
    """Send the waiting emails with ids ``first_pk``..``last_pk`` of ``send`` that nobody else
    holds, once each. ``claim_for`` is how many seconds the rows are held (the time the task
    has left); ``deadline`` (``time.monotonic()``) is when to stop taking new rows."""
    now = now or timezone.now()
    claim_for = task_time_limit() if claim_for is None else claim_for
    token = uuid.uuid4().hex
    in_range = BulletinDelivery.objects.filter(
        send=send, pk__gte=first_pk, pk__lte=last_pk, status=D.QUEUED
    )
    in_range.filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)).update(
        claim_token=token, claimed_until=now + timedelta(seconds=claim_for)
    )
    claimed = list(in_range.filter(claim_token=token).select_related("subscriber"))
    result = BatchResult()
    if claimed:
        issue = render_issue(send.page.specific)
        connection = get_connection()
        try:
            connection.open()
            for delivery in claimed:
                if deadline is not None and time.monotonic() > deadline:
                    break
                _send_one(
                    delivery, issue, token=token, connection=connection, now=now, result=result
                )
        except Exception as error:  # the connection itself failed: every row waits to retry
            for delivery in claimed:
                _record_failure(delivery, token=token, error=error, now=now, result=result)
        finally:
            connection.close()
        # Rows not reached before the deadline go back for the next copy of the task.
        in_range.filter(claim_token=token).update(claim_token="", claimed_until=None)
    later = in_range.exclude(claimed_until=None).order_by("claimed_until").first()
    if later is not None:
        result.next_try_at = later.claimed_until
    elif in_range.exists():
        result.next_try_at = now
    return result


MARK_SENT_SQL = (
    "UPDATE bulletins_bulletindelivery "
    "SET status = %s, sent_at = %s, attempts = attempts + 1, last_error = '', "
    "claim_token = '', claimed_until = NULL "
    "WHERE id = %s AND claim_token = %s AND status = %s"
)


def _mark_sent(delivery_pk: int, *, token: str) -> bool:
    """Mark one row sent if this task still holds it. Plain SQL: it runs once per email, and
    building the ORM query cost as much as writing the email."""
    with db_connection.cursor() as cursor:
        cursor.execute(
            MARK_SENT_SQL,
            [
                D.SENT,
                db_connection.ops.adapt_datetimefield_value(timezone.now()),
                delivery_pk,
                token,
                D.QUEUED,
            ],
        )
        return cursor.rowcount == 1


def _send_one(delivery, issue, *, token, connection, now, result: BatchResult) -> None:
    try:
        message = build_email(delivery, issue, connection=connection)
        with transaction.atomic():
            _no_commit_wait()
            if not _mark_sent(delivery.pk, token=token):
                return  # our claim ran out and another copy of the task took the row
            message.send()
    except Exception as error:
        _record_failure(delivery, token=token, error=error, now=now, result=result)
        return
    result.sent += 1


def _record_failure(delivery, *, token, error, now, result: BatchResult) -> None:
    """Count a failed try: the row waits ``RETRY_DELAY`` and is tried again, or after
    ``MAX_ATTEMPTS`` tries it is marked failed."""
    row = BulletinDelivery.objects.filter(pk=delivery.pk, claim_token=token, status=D.QUEUED)
    attempts = delivery.attempts + 1
    message = f"{type(error).__name__}: {error}"[:1000]
    if attempts >= MAX_ATTEMPTS:
        if row.update(
            status=D.FAILED,
            attempts=attempts,
            last_error=message,
            claim_token="",
            claimed_until=None,
        ):
            result.failed += 1
    elif row.update(
        attempts=attempts, last_error=message, claim_token="", claimed_until=now + RETRY_DELAY
    ):
        result.to_retry += 1
    delivery.attempts = attempts


def send_batch(send_id: int, first_pk: int, last_pk: int) -> dict:
    """Task: send one batch of a send, then finish the send if it was the last.

    Rows that must wait (a retry, or a claim left by a worker that died) are waited for while
    this task has time; otherwise a later run is scheduled. Safe to run twice or at once.
    """
    started = time.monotonic()
    limit = task_time_limit()
    deadline = started + limit - TIMEOUT_MARGIN
    send = BulletinSend.objects.select_related("page").get(pk=send_id)
    totals = BatchResult()
    while True:
        result = send_batch_once(
            send,
            first_pk,
            last_pk,
            claim_for=max(limit - (time.monotonic() - started), 1.0),
            deadline=deadline,
        )
        totals.sent += result.sent
        totals.failed += result.failed
        totals.to_retry += result.to_retry
        if result.next_try_at is None or Conf.SYNC:
            break
        wait = (result.next_try_at - timezone.now()).total_seconds()
        if time.monotonic() + max(wait, 0) + 1 < deadline:
            # Short naps: rows another copy holds are usually sent long before its claim ends.
            time.sleep(min(max(wait, 0) + 0.05, 0.5))
            continue
        if wait <= 0:  # out of time with rows left: hand them to a fresh copy of this task
            async_task(
                "cms.bulletins.sending.send_batch",
                send.pk,
                first_pk,
                last_pk,
                task_name=f"bulletin-send-{send.pk}-batch-{first_pk}-{last_pk}-more",
            )
        else:
            _schedule_batch(send, first_pk, last_pk, at=result.next_try_at)
        break
    finish_if_done(send, now=timezone.now())
    return {"sent": totals.sent, "failed": totals.failed, "to_retry": totals.to_retry}


def _schedule_batch(send, first_pk, last_pk, *, at: datetime) -> None:
    """Run the batch again at ``at``, once (one schedule per batch however often asked)."""
    Schedule.objects.update_or_create(
        name=f"bulletin-send-{send.pk}-batch-{first_pk}-{last_pk}",
        defaults={
            "func": "cms.bulletins.sending.send_batch",
            "args": repr((send.pk, first_pk, last_pk)),
            "schedule_type": Schedule.ONCE,
            "repeats": -1,
            "next_run": max(at, timezone.now()),
        },
    )


# --- Finishing -------------------------------------------------------------------------------


def finish_if_done(send: BulletinSend, *, now: datetime) -> bool:
    """Finish ``send`` once no row is waiting, and tell the editor about failures. Only one
    caller wins the move, so the editor is told once."""
    send.refresh_from_db(fields=["status"])
    if send.status != S.SENDING:
        return False
    if send.deliveries.filter(status=D.QUEUED).exists():
        return False
    if not _move_send(send, S.FINISHED, now=now):
        return False
    failed = send.deliveries.filter(status=D.FAILED).count()
    if failed and send.requested_by is not None and send.requested_by.email:
        notify(
            recipient=send.requested_by,
            topic=Topic.MESSAGE,
            key=f"bulletin-send-{send.pk}-failures",
            subject=f"{send.page.title}: {failed} bulletin emails could not be sent",
            body=(
                f"The issue '{send.page.title}' has gone out, but {failed} emails could not "
                f"be sent after {MAX_ATTEMPTS} tries. The send's page lists them with the "
                "reason for each."
            ),
            url=reverse("bulletins_admin:progress", args=[send.pk]),
        )
    return True


def send_counts(send: BulletinSend) -> dict[str, int]:
    """How many of the send's emails are waiting, sent and failed."""
    counts = dict.fromkeys(D.values, 0)
    for row in send.deliveries.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts[status] for status in D.values)
    return counts
