"""The retention schedule: personal data is removed once its period has passed.

The periods are in ``settings.RETENTION`` (days) and explained in docs/privacy.md. A
nightly task (``schedules.py``) calls :func:`apply_retention`. Every step selects only
rows still due, so running it twice, or after a missed night, is safe.

People are anonymised through the same walk as a confirmed deletion request
(``services.anonymise_user``), so every model that holds their data is covered, and
their payment claims are kept on the anonymous record until the payment records period
ends. Staff and administrator accounts are never touched here: their access is ended
by an administrator, not by a schedule.
"""

import contextlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.members.choices import Status
from cms.members.models import MemberProfile, StatusChange

from .services import anonymise_user

logger = logging.getLogger(__name__)

ANONYMISED_EMAIL_DOMAIN = "@deleted.invalid"


@dataclass
class RetentionReport:
    """How many records each step removed or anonymised (counts only, no names)."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, step: str, count: int) -> None:
        self.counts[step] = self.counts.get(step, 0) + count


def cutoff(key: str, *, today: date) -> datetime:
    """The moment before which records in category ``key`` are past their period."""
    days = settings.RETENTION[key]
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    return start_of_today - timedelta(days=days)


def _people_still_identifiable():
    return (
        MemberProfile.objects.exclude(user__email__endswith=ANONYMISED_EMAIL_DOMAIN)
        .exclude(user__is_staff=True)
        .exclude(user__is_superuser=True)
        .select_related("user")
    )


def _ever_active_ids():
    return StatusChange.objects.filter(to_status=Status.ACTIVE).values("member_id")


def due_declined_applications(*, today: date):
    return _people_still_identifiable().filter(
        status=Status.DECLINED,
        status_changed_at__lt=cutoff("declined_applications_days", today=today),
    )


def due_withdrawn_applications(*, today: date):
    """People who withdrew before ever becoming active members."""
    return (
        _people_still_identifiable()
        .filter(
            status=Status.WITHDRAWN,
            status_changed_at__lt=cutoff("withdrawn_applications_days", today=today),
        )
        .exclude(pk__in=_ever_active_ids())
    )


def due_leavers(*, today: date):
    """Members who were active and have left (withdrawn)."""
    return _people_still_identifiable().filter(
        status=Status.WITHDRAWN,
        status_changed_at__lt=cutoff("leavers_days", today=today),
        pk__in=_ever_active_ids(),
    )


def _anonymise_each(profiles) -> int:
    count = 0
    for profile in list(profiles):
        with transaction.atomic():
            anonymise_user(profile.user)
        count += 1
    return count


def remove_old_payment_records(*, today: date) -> int:
    """Claims of people already anonymised, once the payment records period has passed."""
    from cms.claims.models import Claim, ExpenseLine

    before = cutoff("payment_records_days", today=today).date()
    claims = Claim.objects.filter(
        member__user__email__endswith=ANONYMISED_EMAIL_DOMAIN, activity_date__lt=before
    )
    receipts = list(
        ExpenseLine.objects.filter(claim__in=claims)
        .exclude(receipt="")
        .values_list("receipt", flat=True)
    )
    count = claims.count()
    with transaction.atomic():
        claims.delete()
        storage = ExpenseLine._meta.get_field("receipt").storage

        def remove_files():
            for name in receipts:
                with contextlib.suppress(OSError):
                    storage.delete(name)

        transaction.on_commit(remove_files)
    return count


def remove_old_anonymous_feedback(*, today: date) -> int:
    """Anonymous session feedback and anonymous form answers past their period."""
    from wagtail.contrib.forms.models import FormSubmission

    from cms.formpages.forms import ANONYMOUS_FIELD
    from cms.participation.models import Feedback

    before = cutoff("anonymous_feedback_days", today=today)
    feedback, _ = Feedback.objects.filter(anonymous=True, given_at__lt=before).delete()
    answers, _ = FormSubmission.objects.filter(
        submit_time__lt=before, **{f"form_data__{ANONYMOUS_FIELD}": True}
    ).delete()
    return feedback + answers


def remove_old_delivery_logs(*, today: date) -> int:
    """Records of how each message and bulletin was delivered (addresses, errors).

    The messages themselves stay in the person's message history; a delivery still
    waiting to be sent is never removed.
    """
    from cms.bulletins.models import BulletinDelivery
    from cms.notifications.models import Delivery

    before = cutoff("delivery_logs_days", today=today)
    deliveries, _ = (
        Delivery.objects.filter(notification__created_at__lt=before)
        .exclude(status=Delivery.Status.PENDING)
        .delete()
    )
    bulletins, _ = (
        BulletinDelivery.objects.filter(send__requested_at__lt=before)
        .exclude(status=BulletinDelivery.Status.QUEUED)
        .delete()
    )
    return deliveries + bulletins


def apply_retention(*, today: date | None = None) -> RetentionReport:
    """Remove or anonymise everything past its retention period. Safe to run twice."""
    today = today or timezone.localdate()
    report = RetentionReport()
    report.add("declined applications", _anonymise_each(due_declined_applications(today=today)))
    report.add("withdrawn applications", _anonymise_each(due_withdrawn_applications(today=today)))
    report.add("leavers", _anonymise_each(due_leavers(today=today)))
    report.add("payment records", remove_old_payment_records(today=today))
    report.add("anonymous feedback", remove_old_anonymous_feedback(today=today))
    report.add("delivery logs", remove_old_delivery_logs(today=today))
    logger.info("Retention applied: %s", report.counts)
    return report


def apply_retention_task() -> dict[str, int]:
    """The nightly scheduled task; returns the counts for django-q2's task log."""
    return apply_retention().counts
