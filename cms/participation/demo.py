"""Demo history of taking part for member@example.org: interest, selection, attendance,
feedback with a reply, and a published outcome. Safe to run again."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.members.models import MemberProfile
from cms.opportunities.models import OpportunityPage

from . import services
from .models import Attendance, Feedback, Interest, InterestChange, InterestStatus


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
            Feedback.objects.create(
                attendance=attendance,
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
                replied_at=timezone.now(),
            )
    for opportunity in open_now[:1]:
        _interest(
            member,
            opportunity,
            InterestStatus.INTERESTED,
            adjustments="A break every hour.",
            by=coordinator,
        )
