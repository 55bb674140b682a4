"""Workflow rules for taking part: interest, the waiting list, selection and attendance.

Every move of an ``Interest`` goes through :func:`move_interest`, checked against
``TRANSITIONS``, recorded as a dated, attributed ``InterestChange`` and told to the
person by a task that sends once. Views call these functions; they never set a status.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from cms.members.choices import Status as MemberStatus
from cms.members.models import MemberProfile
from cms.opportunities.models import ChecksRequired, OpportunityPage, OpportunitySession
from cms.training.services import current_completions
from cms.wellbeing.selectors import pause_in_force, paused_member_ids, paused_sentence

from .models import Attendance, Interest, InterestChange, InterestStatus, SessionCheckIn

S = InterestStatus
TRANSITIONS: dict[str, set[str]] = {
    S.INTERESTED: {S.SHORTLISTED, S.SELECTED, S.NOT_SELECTED, S.WITHDRAWN, S.WAITING},
    S.WAITING: {S.SHORTLISTED, S.SELECTED, S.NOT_SELECTED, S.WITHDRAWN},
    S.SHORTLISTED: {S.SELECTED, S.NOT_SELECTED, S.WITHDRAWN, S.WAITING},
    S.INVITED: {S.INTERESTED, S.SELECTED, S.NOT_SELECTED, S.WITHDRAWN},
    S.SELECTED: {S.CONFIRMED, S.NOT_SELECTED, S.WITHDRAWN},
    S.CONFIRMED: {S.WITHDRAWN},
    S.NOT_SELECTED: {S.SHORTLISTED, S.SELECTED},
    S.WITHDRAWN: {S.INTERESTED},
}
# Moves the person is told about (being put on a shortlist is a coordinator's working note).
TOLD_TO_THE_PERSON = {S.WAITING, S.INVITED, S.SELECTED, S.NOT_SELECTED, S.CONFIRMED}


class ParticipationError(Exception):
    """A move the rules do not allow; the message is written for the screen."""


def places_taken(opportunity: OpportunityPage) -> int:
    return Interest.objects.filter(opportunity=opportunity).taking_part().count()


def is_full(opportunity: OpportunityPage) -> bool:
    return bool(opportunity.places) and places_taken(opportunity) >= opportunity.places


def missing_requirements(member: MemberProfile, opportunity: OpportunityPage) -> list[str]:
    """What ``member`` still needs before they can be confirmed, in plain words."""
    return missing_requirements_for([member], opportunity)[member.pk]


def missing_requirements_for(members, opportunity: OpportunityPage) -> dict[int, list[str]]:
    """``missing_requirements`` for each of ``members`` (by profile id), with one query
    for everyone's training, however many people have responded."""
    required = list(opportunity.required_training.all())
    completed = (
        current_completions(user_ids={member.user_id for member in members}, modules=required)
        if required
        else {}
    )
    missing_by_member = {}
    for member in members:
        missing = []
        if opportunity.checks_required != ChecksRequired.NONE and not member.dbs_checked_on:
            missing.append(f"A {opportunity.get_checks_required_display()}")
        if not member.references_received_on:
            missing.append("Your references")
        done = completed.get(member.user_id, set())
        missing += [
            f"The training module '{module.title}'" for module in required if module.pk not in done
        ]
        missing_by_member[member.pk] = missing
    return missing_by_member


def _record(interest, from_status, to_status, *, by, note="") -> InterestChange:
    change = InterestChange.objects.create(
        interest=interest,
        from_status=from_status,
        to_status=to_status,
        changed_by=by,
        note=note,
    )
    if to_status in TOLD_TO_THE_PERSON:
        transaction.on_commit(
            lambda: async_task(
                "cms.participation.tasks.notify_interest_change",
                change.pk,
                task_name=f"notify-interest-change-{change.pk}",
            )
        )
    return change


@transaction.atomic
def express_interest(
    member: MemberProfile,
    opportunity: OpportunityPage,
    *,
    message: str = "",
    adjustments: str = "",
    formats=(),
    sessions=(),
    by=None,
) -> Interest:
    """Say 'I'm interested'. Only active members, only while the opportunity is open.

    When the opportunity is already full the person joins the waiting list, in order.
    Saying it again updates the message, adjustments and sessions. ``by`` is whoever
    did it, when not the member themselves: a coordinator taking it by phone or a
    supporter acting for them; the change is attributed to them.
    """
    if member.status != MemberStatus.ACTIVE:
        raise ParticipationError("Only active members can say they are interested.")
    if not opportunity.is_open:
        raise ParticipationError("This opportunity has closed.")
    interest, created = Interest.objects.select_for_update().get_or_create(
        member=member, opportunity=opportunity
    )
    interest.message = message
    interest.adjustments = adjustments
    interest.formats = list(formats)
    previous = "" if created else interest.status
    if created or interest.status in {S.WITHDRAWN, S.INVITED}:
        interest.status = S.WAITING if is_full(opportunity) else S.INTERESTED
        if interest.status == S.WAITING:
            interest.waiting_since = timezone.now()
        _record(interest, previous, interest.status, by=by or member.user)
    interest.save()
    interest.sessions.set(sessions)
    return interest


@transaction.atomic
def move_interest(interest: Interest, to_status: str, *, by, reason: str = "") -> InterestChange:
    """Move an interest on if the rules allow; refuse with a clear message if not."""
    interest = Interest.objects.select_for_update().select_related("member").get(pk=interest.pk)
    to_status = S(to_status)
    if to_status not in TRANSITIONS.get(interest.status, set()):
        raise ParticipationError(
            f"Someone who is '{interest.get_status_display()}' cannot be moved to "
            f"'{to_status.label}'."
        )
    if to_status == S.NOT_SELECTED and not reason.strip():
        raise ParticipationError("Give a kind reason when you do not select someone.")
    if to_status == S.SELECTED and is_full(interest.opportunity):
        raise ParticipationError("Every place is taken. Add them to the waiting list instead.")
    if to_status == S.CONFIRMED:
        missing = missing_requirements(interest.member, interest.opportunity)
        if missing:
            raise ParticipationError(
                "This cannot be confirmed until these are done: " + ", ".join(missing) + "."
            )
    from_status = interest.status
    interest.status = to_status
    if to_status == S.NOT_SELECTED:
        interest.decline_reason = reason.strip()
    if to_status == S.WAITING:
        interest.waiting_since = timezone.now()
    interest.save()
    change = _record(interest, from_status, to_status, by=by, note=reason.strip())
    if from_status in {S.SELECTED, S.CONFIRMED} and to_status == S.WITHDRAWN:
        offer_place_to_next(interest.opportunity, by=by)
    return change


def offer_place_to_next(opportunity: OpportunityPage, *, by) -> Interest | None:
    """Offer a freed place to the first person on the waiting list, and tell them."""
    if is_full(opportunity):
        return None
    next_in_line = (
        Interest.objects.select_for_update()
        .filter(opportunity=opportunity, status=S.WAITING)
        # Someone on a break keeps their place in the queue but is not offered one.
        .exclude(member__in=paused_member_ids())
        .order_by("waiting_since", "pk")
        .first()
    )
    if next_in_line is None:
        return None
    next_in_line.status = S.SELECTED
    next_in_line.save(update_fields=["status", "updated_at"])
    _record(next_in_line, S.WAITING, S.SELECTED, by=by, note="A place came free.")
    return next_in_line


@transaction.atomic
def invite(member: MemberProfile, opportunity: OpportunityPage, *, by) -> Interest:
    """A coordinator invites a member who fits; the member then says if they are interested.

    Refused while the member has paused their involvement.
    """
    paused = pause_in_force(member)
    if paused is not None:
        raise ParticipationError(
            f"{paused_sentence(member, paused)} They cannot be invited while they are paused."
        )
    interest, created = Interest.objects.get_or_create(
        member=member,
        opportunity=opportunity,
        defaults={"status": S.INVITED, "invited_by_coordinator": True},
    )
    if created:
        _record(interest, "", S.INVITED, by=by)
    return interest


def session_hours(session: OpportunitySession) -> Decimal:
    seconds = (session.ends_at - session.starts_at).total_seconds()
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))


@transaction.atomic
def record_attendance(
    interest: Interest, session: OpportunitySession, *, attended: bool, by, method
) -> Attendance:
    """Record whether a selected person came; the session's hours go on their record."""
    if interest.status not in {S.SELECTED, S.CONFIRMED}:
        raise ParticipationError("Only people selected for this opportunity can be recorded.")
    if session.page_id != interest.opportunity_id:
        raise ParticipationError("That session belongs to another opportunity.")
    attendance, _ = Attendance.objects.update_or_create(
        interest=interest,
        session=session,
        defaults={
            "attended": attended,
            "hours": session_hours(session) if attended else Decimal(0),
            "method": method,
            "recorded_by": by,
            "recorded_at": timezone.now(),
        },
    )
    return attendance


def check_in(member: MemberProfile, code: str) -> Attendance:
    """A member enters the code shown at the door; it records them as attended."""
    check = (
        SessionCheckIn.objects.select_related("session").filter(code=code.strip().upper()).first()
    )
    if check is None:
        raise ParticipationError("That code is not right. Check it and try again.")
    interest = Interest.objects.filter(member=member, opportunity_id=check.session.page_id).first()
    if interest is None:
        raise ParticipationError("You are not on the list for this session.")
    return record_attendance(
        interest,
        check.session,
        attended=True,
        by=member.user,
        method=Attendance.Method.CHECK_IN,
    )
