"""Reminders about taking part, each sent once however often the schedule runs.

``send_due_reminders`` is called by the django-q2 schedule (see the ``ensure_schedules``
command). Every message to a member goes through :func:`send_once`, which records a
``SentReminder`` with a unique key and tells the person through
``cms.notifications.services.notify`` (the same key) in one transaction: a second run
finds the key and tells nobody; a run that fails before the commit leaves no key, so the
next run sends it. ``notify`` sends the email after the commit, and text messages,
letters and calls wait for a coordinator, as the person chose.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cms.notifications.models import Topic
from cms.notifications.services import notify, render_message
from cms.opportunities.models import OpportunityPage, OpportunitySession
from cms.wellbeing.selectors import paused_member_ids

from .models import Attendance, Interest, InterestStatus, SentReminder, SessionPaper

FEEDBACK_DUE_AFTER = dt.timedelta(days=1)
# Older than this, a missed reminder is no longer useful: we do not send it late.
TOO_LATE = dt.timedelta(days=14)
CLOSING_SOON_DAYS = 3
# The promise: papers reach people at least a week before the meeting.
PAPERS_DUE_BEFORE = dt.timedelta(days=7)


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def send_once(
    key: str,
    *,
    subject: str,
    template: str,
    context: dict,
    recipient=None,
    topic: str = Topic.TAKING_PART,
    url: str = "",
) -> bool:
    """Tell a member something once per ``key``, the ways they chose. True if told now.

    ``recipient`` is the person (``context["user"]`` when not given); how they are
    told is their own choice, through the notifications service.
    """
    recipient = recipient or context.get("user")
    if recipient is None:
        return False
    with transaction.atomic():
        _, created = SentReminder.objects.get_or_create(key=key)
        if not created:
            return False
        notification = notify(
            recipient=recipient,
            topic=topic,
            key=key,
            subject=subject,
            body=render_message(template, context),
            url=url,
        )
    return notification.told_now


def email_contact_once(key: str, *, to: str, subject: str, template: str, context: dict) -> bool:
    """Email an opportunity's contact (staff, maybe a shared inbox, not a member) once."""
    if not to:
        return False
    with transaction.atomic():
        _, created = SentReminder.objects.get_or_create(key=key)
        if not created:
            return False
        send_mail(
            subject=subject,
            message=render_to_string(template, {"site_url": settings.SITE_URL, **context}),
            from_email=None,
            recipient_list=[to],
        )
    return True


def _wants_session(interest: Interest, session) -> bool:
    """People who chose particular sessions hear only about those; others about all."""
    chosen = {s.pk for s in interest.sessions.all()}
    return not chosen or session.pk in chosen


def _people_for(session, now):
    """Who is taking part in ``session`` and may be reminded: not anyone on a break."""
    return (
        Interest.objects.taking_part()
        .filter(opportunity_id=session.page_id, member__user__is_active=True)
        .exclude(member__in=paused_member_ids(on=timezone.localdate(now)))
        .select_related("member__user", "opportunity")
        .prefetch_related("sessions")
    )


def send_session_soon(now) -> int:
    """Remind people of a session as long before it as its opportunity asks (a day by default)."""
    sent = 0
    longest = dt.timedelta(hours=24 * 14)
    sessions = OpportunitySession.objects.filter(
        starts_at__gt=now, starts_at__lte=now + longest, page__live=True
    ).select_related("page")
    lead_times = dict(
        OpportunityPage.objects.filter(pk__in=sessions.values("page_id")).values_list(
            "pk", "reminder_hours_before"
        )
    )
    for session in sessions:
        lead_time = dt.timedelta(hours=lead_times.get(session.page_id, 24))
        if session.starts_at > now + lead_time:
            continue
        for interest in _people_for(session, now):
            if not _wants_session(interest, session):
                continue
            sent += send_once(
                f"session-soon:{session.pk}:{interest.pk}",
                recipient=interest.member.user,
                subject=f"Reminder: {interest.opportunity.title} on {session.when_in_words}",
                template="participation/email/reminder_session_soon.txt",
                context={"user": interest.member.user, "session": session, "interest": interest},
                url=reverse("members:participation:involvement"),
            )
    return sent


def send_papers_published(now) -> int:
    """Tell people when papers for their next session are ready, one email per batch."""
    sent = 0
    papers = (
        SessionPaper.objects.filter(
            published_at__lte=now, published_at__gte=now - TOO_LATE, session__starts_at__gt=now
        )
        .select_related("session__page")
        .order_by("session_id", "published_at", "pk")
    )
    by_session: dict = {}
    for paper in papers:
        by_session.setdefault(paper.session, []).append(paper)
    for session, session_papers in by_session.items():
        for interest in _people_for(session, now):
            if not _wants_session(interest, session):
                continue
            with transaction.atomic():
                new = [
                    paper
                    for paper in session_papers
                    if SentReminder.objects.get_or_create(key=f"papers:{paper.pk}:{interest.pk}")[1]
                ]
                if not new:
                    continue
                user = interest.member.user
                notification = notify(
                    recipient=user,
                    topic=Topic.PAPERS,
                    # The papers in this batch name it: papers published later are a new one.
                    key=f"papers:{interest.pk}:" + ",".join(str(paper.pk) for paper in new),
                    subject=f"Papers for {session.page.title} are ready to read",
                    body=render_message(
                        "participation/email/reminder_papers.txt",
                        {
                            "user": user,
                            "session": session,
                            "papers": [
                                (
                                    paper,
                                    site_url(reverse("members:feedback:paper", args=[paper.pk])),
                                )
                                for paper in new
                            ],
                        },
                    ),
                    url=reverse("members:account") + "#coming-up",
                )
                sent += notification.told_now
    return sent


def send_papers_late(now) -> int:
    """Tell the opportunity's contact once when a session's papers are less than a week
    away from it and none have been published, so the promise is not quietly broken."""
    sent = 0
    sessions = (
        OpportunitySession.objects.filter(
            papers_published_on__isnull=False,
            starts_at__gt=now,
            starts_at__lte=now + PAPERS_DUE_BEFORE,
            page__live=True,
        )
        .exclude(papers__published_at__lte=now)
        .select_related("page")
    )
    for session in sessions:
        sent += email_contact_once(
            f"papers-late:{session.pk}",
            to=session.page.specific.contact_email,
            subject=f"Papers are late for {session.page.title}: {session.title}",
            template="participation/email/reminder_papers_late.txt",
            context={"session": session, "opportunity": session.page.specific},
        )
    return sent


def send_feedback_due(now) -> int:
    sent = 0
    attendances = (
        Attendance.objects.filter(
            attended=True,
            feedback__isnull=True,
            session__ends_at__lte=now - FEEDBACK_DUE_AFTER,
            session__ends_at__gte=now - TOO_LATE,
            interest__member__user__is_active=True,
        )
        .exclude(interest__member__in=paused_member_ids(on=timezone.localdate(now)))
        .select_related("session__page", "interest__member__user")
        .order_by("pk")
    )
    for attendance in attendances:
        sent += send_once(
            f"feedback-due:{attendance.pk}",
            recipient=attendance.interest.member.user,
            subject=f"How did {attendance.session.page.title} go for you?",
            template="participation/email/reminder_feedback_due.txt",
            context={"user": attendance.interest.member.user, "session": attendance.session},
            topic=Topic.FEEDBACK,
            url=reverse("members:feedback:give", args=[attendance.pk]),
        )
    return sent


def send_closing_soon(now) -> int:
    """People a coordinator invited, who have not answered, hear before it closes."""
    today = timezone.localdate(now)
    sent = 0
    interests = (
        Interest.objects.filter(
            status=InterestStatus.INVITED,
            opportunity__live=True,
            opportunity__closing_date__gte=today,
            opportunity__closing_date__lte=today + dt.timedelta(days=CLOSING_SOON_DAYS),
            member__user__is_active=True,
        )
        .exclude(member__in=paused_member_ids(on=today))
        .select_related("member__user", "opportunity")
    )
    for interest in interests:
        sent += send_once(
            f"closing-soon:{interest.opportunity_id}:{interest.pk}",
            recipient=interest.member.user,
            subject=f"{interest.opportunity.title} closes soon",
            template="participation/email/reminder_closing_soon.txt",
            context={"user": interest.member.user, "opportunity": interest.opportunity},
            url=interest.opportunity.url or reverse("members:participation:involvement"),
        )
    return sent


def send_due_reminders(now=None) -> dict[str, int]:
    """Send every reminder that is due and has not gone yet. Safe to run any number of times."""
    now = now or timezone.now()
    return {
        "session_soon": send_session_soon(now),
        "papers": send_papers_published(now),
        "papers_late": send_papers_late(now),
        "feedback_due": send_feedback_due(now),
        "closing_soon": send_closing_soon(now),
    }
