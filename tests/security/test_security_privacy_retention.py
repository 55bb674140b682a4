"""The retention schedule: each category is removed just after its period, not before."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone
from django_q.models import Schedule

from cms.bulletins.factories import (
    BulletinIndexPageFactory,
    BulletinPageFactory,
    confirmed_subscribers,
)
from cms.bulletins.models import BulletinDelivery, BulletinSend
from cms.claims.models import Claim
from cms.core.management.commands.ensure_schedules import declared_schedules
from cms.members.choices import Status
from cms.members.factories import MemberProfileFactory
from cms.members.models import MemberProfile, StatusChange
from cms.notifications.models import Channel, Delivery, Notification
from cms.participation.models import Attendance, Feedback, Interest
from cms.privacy.retention import apply_retention, apply_retention_task
from cms.subscriptions.models import Subscriber

TODAY = date(2030, 6, 1)
MIDNIGHT = timezone.make_aware(datetime.combine(TODAY, time.min))


def days_ago(key: str, *, extra: timedelta) -> datetime:
    """The period for ``key`` ago, plus ``extra`` further back (negative: more recent)."""
    return MIDNIGHT - timedelta(days=settings.RETENTION[key]) - extra


JUST_OUTSIDE = timedelta(minutes=1)
JUST_INSIDE = timedelta(minutes=-1)


def profile(status, changed_at, *, was_active=False, email):
    person = MemberProfileFactory(
        status=status, user__email=email, meeting_support="Step-free access"
    )
    MemberProfile.objects.filter(pk=person.pk).update(status_changed_at=changed_at)
    if was_active:
        StatusChange.objects.create(
            member=person, from_status=Status.INDUCTION, to_status=Status.ACTIVE
        )
    return person


def is_anonymised(person) -> bool:
    person.refresh_from_db()
    person.user.refresh_from_db()
    return person.user.email.endswith("@deleted.invalid") and person.meeting_support == ""


@pytest.mark.parametrize(
    ("status", "key", "was_active"),
    [
        (Status.DECLINED, "declined_applications_days", False),
        (Status.WITHDRAWN, "withdrawn_applications_days", False),
        (Status.WITHDRAWN, "leavers_days", True),
    ],
)
def test_people_are_anonymised_once_their_period_has_passed(db, status, key, was_active):
    old = profile(status, days_ago(key, extra=JUST_OUTSIDE), was_active=was_active, email="o@x.org")
    recent = profile(
        status, days_ago(key, extra=JUST_INSIDE), was_active=was_active, email="r@x.org"
    )
    active = profile(Status.ACTIVE, days_ago(key, extra=timedelta(days=3000)), email="a@x.org")

    report = apply_retention(today=TODAY)

    assert is_anonymised(old)
    assert not is_anonymised(recent)
    assert not is_anonymised(active)
    assert sum(report.counts.values()) == 1
    assert sum(apply_retention(today=TODAY).counts.values()) == 0  # twice is safe


def test_leavers_are_kept_longer_than_withdrawn_applicants(db):
    assert settings.RETENTION["leavers_days"] > settings.RETENTION["withdrawn_applications_days"]
    changed = days_ago("withdrawn_applications_days", extra=JUST_OUTSIDE)
    leaver = profile(Status.WITHDRAWN, changed, was_active=True, email="l@x.org")
    applicant = profile(Status.WITHDRAWN, changed, email="w@x.org")
    apply_retention(today=TODAY)
    assert is_anonymised(applicant)
    assert not is_anonymised(leaver)


def test_staff_accounts_are_never_anonymised_by_the_schedule(db):
    changed = days_ago("declined_applications_days", extra=timedelta(days=100))
    staff = profile(Status.DECLINED, changed, email="s@x.org")
    staff.user.is_staff = True
    staff.user.save()
    apply_retention(today=TODAY)
    assert not is_anonymised(staff)


def claim(person, activity_date):
    return Claim.objects.create(
        member=person, activity_title="Panel", activity_date=activity_date, hours=Decimal(2)
    )


def test_payment_records_outlive_the_leaver_until_their_own_period(db):
    leaver = profile(
        Status.WITHDRAWN,
        days_ago("leavers_days", extra=JUST_OUTSIDE),
        was_active=True,
        email="p@x.org",
    )
    old_day = days_ago("payment_records_days", extra=timedelta(days=1)).date()
    recent_day = days_ago("payment_records_days", extra=timedelta(days=-1)).date()
    old, recent = claim(leaver, old_day), claim(leaver, recent_day)
    still_here = profile(Status.ACTIVE, MIDNIGHT, email="h@x.org")
    current_member_claim = claim(still_here, old_day)

    apply_retention(today=TODAY)

    assert is_anonymised(leaver)
    assert not Claim.objects.filter(pk=old.pk).exists()
    assert Claim.objects.filter(pk=recent.pk).exists()
    assert Claim.objects.filter(pk=current_member_claim.pk).exists()


def test_anonymous_feedback_goes_after_its_period(db, make_opportunity):
    starts = timezone.now() - timedelta(days=1)
    opportunity = make_opportunity(sessions=[(starts, starts + timedelta(hours=2), False)])
    session = opportunity.sessions.get()

    def feedback(email, given_at, anonymous=True):
        member = MemberProfileFactory(status=Status.ACTIVE, user__email=email)
        interest = Interest.objects.create(member=member, opportunity=opportunity)
        attendance = Attendance.objects.create(
            interest=interest, session=session, attended=True, method="coordinator"
        )
        answer = Feedback.Answer.YES
        return Feedback.objects.create(
            attendance=attendance,
            felt_valued=answer,
            papers_in_time=answer,
            adjustments_met=answer,
            knows_what_happens_next=answer,
            anonymous=anonymous,
            given_at=given_at,
        )

    old = feedback("f1@x.org", days_ago("anonymous_feedback_days", extra=JUST_OUTSIDE))
    recent = feedback("f2@x.org", days_ago("anonymous_feedback_days", extra=JUST_INSIDE))
    apply_retention(today=TODAY)
    assert not Feedback.objects.filter(pk=old.pk).exists()
    assert Feedback.objects.filter(pk=recent.pk).exists()


def test_delivery_logs_go_after_their_period_but_messages_and_pending_stay(db, member):
    def delivery(key, created_at, status):
        notification = Notification.objects.create(
            recipient=member, topic="support", key=key, subject="S", body="B"
        )
        Notification.objects.filter(pk=notification.pk).update(created_at=created_at)
        return Delivery.objects.create(
            notification=notification, channel=Channel.EMAIL, address=member.email, status=status
        )

    old_time = days_ago("delivery_logs_days", extra=JUST_OUTSIDE)
    old = delivery("old", old_time, Delivery.Status.SENT)
    old_pending = delivery("pending", old_time, Delivery.Status.PENDING)
    recent = delivery(
        "recent", days_ago("delivery_logs_days", extra=JUST_INSIDE), Delivery.Status.SENT
    )
    apply_retention(today=TODAY)
    assert not Delivery.objects.filter(pk=old.pk).exists()
    assert Notification.objects.filter(key="old").exists()
    assert Delivery.objects.filter(pk__in=[old_pending.pk, recent.pk]).count() == 2


def test_bulletin_delivery_logs_go_after_their_period(home_page, editor):
    issue = BulletinPageFactory(parent=BulletinIndexPageFactory(parent=home_page))
    confirmed_subscribers(2, prefix="retention")
    first, second = Subscriber.objects.order_by("pk")

    def sent(requested_at, subscriber):
        send = BulletinSend.objects.create(page=issue, requested_by=editor)
        BulletinSend.objects.filter(pk=send.pk).update(requested_at=requested_at)
        return BulletinDelivery.objects.create(
            send=send, page=issue, subscriber=subscriber, status=BulletinDelivery.Status.SENT
        )

    old = sent(days_ago("delivery_logs_days", extra=JUST_OUTSIDE), first)
    recent = sent(days_ago("delivery_logs_days", extra=JUST_INSIDE), second)
    apply_retention(today=TODAY)
    assert not BulletinDelivery.objects.filter(pk=old.pk).exists()
    assert BulletinDelivery.objects.filter(pk=recent.pk).exists()


def test_it_runs_every_night_from_a_schedule(db):
    names = {spec["func"]: spec for spec in declared_schedules()}
    spec = names["cms.privacy.retention.apply_retention_task"]
    assert spec["schedule_type"] == Schedule.DAILY
    assert isinstance(apply_retention_task(), dict)
