"""Demo history of taking part for member@example.org: interest, selection, attendance,
feedback with a reply, and a published outcome. Safe to run again."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from cms.badges.storage import private_storage
from cms.members.models import MemberProfile
from cms.opportunities.models import OpportunityPage, OpportunitySession

from . import services
from .models import Attendance, Feedback, Interest, InterestChange, InterestStatus, SessionPaper

# A one-page PDF, so demo papers open in a browser.
DEMO_PAPER = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def load_demo_papers(coordinator) -> None:
    """Papers for sessions that have begun and were due papers, sent on the promised day,
    so the "promises kept" report has papers to count. The stored name is fixed by the
    session, so loading the demo into a fresh database again reuses the file."""
    sessions = OpportunitySession.objects.filter(
        papers_published_on__isnull=False, starts_at__lte=timezone.now(), papers__isnull=True
    )
    storage = private_storage()
    for session in sessions:
        name = f"session-papers/demo-{session.pk}.pdf"
        if not storage.exists(name):
            storage.save(name, ContentFile(DEMO_PAPER))
        SessionPaper.objects.create(
            session=session,
            title="Agenda and papers",
            file=name,
            published_at=timezone.make_aware(
                dt.datetime.combine(session.papers_published_on, dt.time(9))
            ),
            uploaded_by=coordinator,
        )


def _interest(member, opportunity, status, *, adjustments, by) -> Interest:
    interest, created = Interest.objects.get_or_create(
        member=member,
        opportunity=opportunity,
        defaults={"status": status, "adjustments": adjustments},
    )
    if created:
        # History as it happened; already told, so loading the demo emails nobody.
        now = timezone.now()
        steps = [InterestStatus.INTERESTED]
        if status != InterestStatus.INTERESTED:
            steps.append(status)
        previous = ""
        for step in steps:
            InterestChange.objects.create(
                interest=interest,
                from_status=previous,
                to_status=step,
                changed_by=by if previous else member.user,
                notified_at=now,
            )
            previous = step
        interest.sessions.set(opportunity.sessions.all())
    return interest


def load_demo() -> None:
    member = MemberProfile.objects.filter(user__email="member@example.org").first()
    coordinator = get_user_model().objects.filter(email="coordinator@example.org").first()
    load_demo_papers(coordinator)
    if member is None:
        return
    live = OpportunityPage.objects.live().prefetch_related("sessions")
    with_outcome = [page for page in live if page.has_published_outcome and page.sessions.all()]
    open_now = [page for page in live if page.is_open]

    for opportunity in with_outcome[:2]:
        interest = _interest(
            member,
            opportunity,
            InterestStatus.CONFIRMED,
            adjustments="A break every hour, and papers in large print.",
            by=coordinator,
        )
        for session in opportunity.sessions.all():
            if Attendance.objects.filter(interest=interest, session=session).exists():
                continue
            attendance = Attendance.objects.create(
                interest=interest,
                session=session,
                attended=True,
                hours=services.session_hours(session),
                method=Attendance.Method.COORDINATOR,
                recorded_by=coordinator,
            )
            # Given the day after the session, so reports show feedback over several months.
            given_at = min(session.ends_at + dt.timedelta(days=1), timezone.now())
            Feedback.objects.create(
                attendance=attendance,
                given_at=given_at,
                felt_valued=Feedback.Answer.YES,
                papers_in_time=Feedback.Answer.PARTLY,
                adjustments_met=Feedback.Answer.YES,
                knows_what_happens_next=Feedback.Answer.YES,
                comments="The papers came four days before. A week would give me time to read.",
                reply=(
                    "Thank you. You are right: papers should arrive a week before. We have "
                    "added a reminder for the team so they go out on time."
                ),
                replied_by=coordinator,
                replied_at=min(given_at + dt.timedelta(days=2), timezone.now()),
            )
    for opportunity in open_now[:1]:
        _interest(
            member,
            opportunity,
            InterestStatus.INTERESTED,
            adjustments="A break every hour.",
            by=coordinator,
        )
