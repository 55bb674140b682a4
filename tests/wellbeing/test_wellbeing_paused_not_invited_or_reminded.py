"""A paused member is not invited or reminded, on every path that invites or reminds,
and is again once the pause has ended on its date."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from cms.members import services as member_services
from cms.members.factories import ActiveMemberFactory
from cms.mentoring import services as mentoring_services
from cms.mentoring.factories import MentoringSessionFactory
from cms.notifications.models import Notification
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation import services as participation
from cms.participation.matching import rank_members
from cms.participation.models import Attendance, Interest, InterestStatus, SessionPaper
from cms.participation.reminders import send_due_reminders
from cms.training.factories import (
    InvolvementRoleFactory,
    TrainingCompletionFactory,
    TrainingIndexPageFactory,
    TrainingModulePageFactory,
)
from cms.training.services import send_training_reminders
from cms.users.factories import UserFactory
from cms.wellbeing.factories import PauseFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 3, 9, 9, 0))
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def paused(member, *, on: dt.date, days: int = 14):
    """``member`` paused from the day before ``on`` for ``days`` days."""
    return PauseFactory(member=member, starts_on=on - DAY, until=on - DAY + days * DAY)


def notified(member) -> list[str]:
    return list(Notification.objects.filter(recipient=member.user).values_list("key", flat=True))


# --- Invitations ---------------------------------------------------------------------------


def test_a_coordinator_cannot_invite_a_paused_member_and_is_told_until_when(
    make_opportunity, coordinator
):
    opportunity = make_opportunity(title="Carers' panel")
    member = ActiveMemberFactory(user__first_name="Dee", user__last_name="Moss")
    pause = paused(member, on=timezone.localdate())
    with pytest.raises(participation.ParticipationError) as refused:
        participation.invite(member, opportunity, by=coordinator)
    assert "paused" in str(refused.value)
    assert f"until {pause.until:%-d %B %Y}" in str(refused.value)
    assert not Interest.objects.filter(member=member).exists()


def test_a_member_paused_until_they_are_back_is_refused_in_those_words(
    make_opportunity, coordinator
):
    member = ActiveMemberFactory()
    PauseFactory(member=member, until=None)
    with pytest.raises(participation.ParticipationError, match="until they say they are back"):
        participation.invite(member, make_opportunity(), by=coordinator)


def test_the_matching_page_refuses_the_invitation_with_a_message(
    client, make_opportunity, coordinator
):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(coordinator, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(coordinator)
    opportunity = make_opportunity()
    member = ActiveMemberFactory()
    paused(member, on=timezone.localdate())
    response = client.post(
        reverse("participation_admin:matching", args=[opportunity.pk]),
        {"member": member.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "cannot be invited while they are paused" in response.content.decode()
    assert not Interest.objects.filter(member=member).exists()


def test_matching_leaves_paused_members_out_until_their_pause_ends(make_opportunity):
    opportunity = make_opportunity()
    today = timezone.localdate()
    resting, ready = ActiveMemberFactory(), ActiveMemberFactory()
    pause = paused(resting, on=today)
    members = [resting, ready]
    assert [m.member for m in rank_members(opportunity, members, today=today)] == [ready]
    back = {m.member for m in rank_members(opportunity, members, today=pause.until)}
    assert back == {resting, ready}


def test_a_freed_place_goes_to_the_next_person_not_on_a_break(make_opportunity, coordinator):
    opportunity = make_opportunity(places=1)
    leaving = Interest.objects.create(
        member=ActiveMemberFactory(), opportunity=opportunity, status=InterestStatus.SELECTED
    )
    first_in_line = ActiveMemberFactory()
    paused(first_in_line, on=timezone.localdate())
    Interest.objects.create(
        member=first_in_line,
        opportunity=opportunity,
        status=InterestStatus.WAITING,
        waiting_since=timezone.now() - DAY,
    )
    second = Interest.objects.create(
        member=ActiveMemberFactory(),
        opportunity=opportunity,
        status=InterestStatus.WAITING,
        waiting_since=timezone.now(),
    )
    participation.move_interest(leaving, InterestStatus.WITHDRAWN, by=coordinator)
    second.refresh_from_db()
    assert second.status == InterestStatus.SELECTED
    assert Interest.objects.get(member=first_in_line).status == InterestStatus.WAITING


# --- Reminders about taking part -----------------------------------------------------------


def remind(now):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return send_due_reminders(now=now)


@pytest.fixture
def page(make_opportunity):
    return make_opportunity(title="Home care review", closing_date=NOW.date() + DAY)


@pytest.fixture
def tomorrow(page):
    start = NOW + dt.timedelta(hours=20)
    return OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + 2 * dt.timedelta(hours=1)
    )


def taking_part(page, status=InterestStatus.CONFIRMED):
    return Interest.objects.create(member=ActiveMemberFactory(), opportunity=page, status=status)


def test_no_session_reminder_or_papers_for_a_paused_member(page, tomorrow):
    resting, ready = taking_part(page), taking_part(page)
    paused(resting.member, on=NOW.date())
    paper = SessionPaper(session=tomorrow, title="Agenda", published_at=NOW - dt.timedelta(hours=1))
    paper.file.save("agenda.pdf", ContentFile(b"%PDF-1.4"), save=False)
    paper.save()
    sent = remind(NOW)
    assert sent["session_soon"] == 1
    assert sent["papers"] == 1
    assert notified(resting.member) == []
    assert len(notified(ready.member)) == 2


def test_no_feedback_reminder_for_a_paused_member(page):
    earlier = OpportunitySessionFactory(
        page=page, starts_at=NOW - 3 * DAY, ends_at=NOW - 3 * DAY + dt.timedelta(hours=2)
    )
    resting, ready = taking_part(page), taking_part(page)
    paused(resting.member, on=NOW.date())
    for interest in (resting, ready):
        Attendance.objects.create(
            interest=interest, session=earlier, attended=True, method="coordinator"
        )
    assert remind(NOW)["feedback_due"] == 1
    assert notified(resting.member) == []


def test_no_closing_soon_reminder_for_a_paused_member_until_the_pause_ends(page):
    resting = taking_part(page, InterestStatus.INVITED)
    ready = taking_part(page, InterestStatus.INVITED)
    pause = paused(resting.member, on=NOW.date(), days=2)
    assert remind(NOW)["closing_soon"] == 1
    assert notified(resting.member) == []
    assert len(notified(ready.member)) == 1
    # The pause ends on its date by itself: the next run reminds them.
    back = timezone.make_aware(dt.datetime.combine(pause.until, dt.time(9)))
    assert remind(back)["closing_soon"] == 1
    assert len(notified(resting.member)) == 1


# --- Training, mentoring and support review reminders --------------------------------------


def test_no_training_reminder_for_a_paused_member(home_page):
    today = dt.date(2026, 6, 1)
    role = InvolvementRoleFactory(name="Panel member")
    module = TrainingModulePageFactory(
        parent=TrainingIndexPageFactory(parent=home_page),
        title="Data protection",
        mandatory_for_roles=[role],
        renewal_months=12,
    )
    resting = ActiveMemberFactory(roles=[role])
    ready = ActiveMemberFactory(roles=[role])
    for member in (resting, ready):
        TrainingCompletionFactory(user=member.user, module=module, completed_on=dt.date(2025, 5, 1))
    pause = paused(resting, on=today)
    assert send_training_reminders(today=today) == 1
    assert notified(resting) == []
    assert len(notified(ready)) == 1
    assert send_training_reminders(today=pause.until) == 2
    assert len(notified(resting)) == 1


def test_no_mentoring_reminder_for_a_paused_member():
    logged = timezone.make_aware(dt.datetime(2026, 3, 2, 10))
    session = MentoringSessionFactory(logged_at=logged)
    mentee = session.pair.mentee
    now = logged + 8 * DAY
    pause = paused(mentee, on=now.date())
    assert mentoring_services.remind_unconfirmed_sessions(now=now) == 0
    assert notified(mentee) == []
    back = timezone.make_aware(dt.datetime.combine(pause.until, dt.time(10)))
    assert mentoring_services.remind_unconfirmed_sessions(now=back) == 1


def test_no_support_review_reminder_for_a_paused_member_but_the_supervisor_still_hears(
    coordinator,
):
    from cms.members.supervision import send_supervision_reminders

    became_active = timezone.make_aware(dt.datetime(2026, 1, 5, 10))
    member = ActiveMemberFactory(status_changed_at=became_active, supervisor=UserFactory())
    member_services.record_supervision_review(member, held_on=dt.date(2026, 10, 1), by=coordinator)
    day = dt.date(2026, 11, 24)
    paused(member, on=day)
    assert send_supervision_reminders(today=day)["member_reminders"] == 0
    assert notified(member) == []
    overdue = send_supervision_reminders(today=dt.date(2026, 12, 2))
    assert overdue["supervisor_overdue"] == 1
