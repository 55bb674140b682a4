"""The rules for taking part: interest, the waiting list, selection, confirmation, attendance."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.members.choices import Status as MemberStatus
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.opportunities.models import ChecksRequired
from cms.participation import services
from cms.participation.models import Attendance, InterestStatus, SessionCheckIn

pytestmark = pytest.mark.django_db
S = InterestStatus


@pytest.fixture
def opportunity(make_opportunity):
    start = timezone.now() + dt.timedelta(days=14)
    page = make_opportunity(title="Carers' forum", places=1)
    OpportunitySessionFactory(page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    return page


def ready_member(**fields):
    return ActiveMemberFactory(
        references_received_on=timezone.localdate(), dbs_checked_on=timezone.localdate(), **fields
    )


def test_an_active_member_says_they_are_interested(opportunity, django_capture_on_commit_callbacks):
    member = ready_member()
    interest = services.express_interest(
        member, opportunity, message="I care for my dad.", adjustments="A hearing loop"
    )
    assert interest.status == S.INTERESTED
    assert interest.history.get().to_status == S.INTERESTED
    assert interest.adjustments == "A hearing loop"


def test_an_applicant_cannot_say_they_are_interested(opportunity):
    applicant = MemberProfileFactory(status=MemberStatus.SUBMITTED)
    with pytest.raises(services.ParticipationError, match="Only active members"):
        services.express_interest(applicant, opportunity)


def test_when_the_places_are_taken_people_join_the_waiting_list_in_order(opportunity, coordinator):
    first, second, third = ready_member(), ready_member(), ready_member()
    chosen = services.express_interest(first, opportunity)
    services.move_interest(chosen, S.SELECTED, by=coordinator)

    waiting_one = services.express_interest(second, opportunity)
    waiting_two = services.express_interest(third, opportunity)
    assert waiting_one.status == waiting_two.status == S.WAITING

    with pytest.raises(services.ParticipationError, match="Every place is taken"):
        services.move_interest(waiting_two, S.SELECTED, by=coordinator)

    # The selected person withdraws: the first on the list is offered the place and told.
    services.move_interest(chosen, S.WITHDRAWN, by=first.user)
    waiting_one.refresh_from_db()
    waiting_two.refresh_from_db()
    assert waiting_one.status == S.SELECTED
    assert waiting_one.history.last().note == "A place came free."
    assert waiting_two.status == S.WAITING


def test_not_selecting_someone_needs_a_kind_reason_that_they_see(opportunity, coordinator):
    interest = services.express_interest(ready_member(), opportunity)
    with pytest.raises(services.ParticipationError, match="kind reason"):
        services.move_interest(interest, S.NOT_SELECTED, by=coordinator)

    services.move_interest(
        interest, S.NOT_SELECTED, by=coordinator, reason="We had many carers this time."
    )
    interest.refresh_from_db()
    assert interest.decline_reason == "We had many carers this time."


def test_a_member_without_the_checks_cannot_be_confirmed_until_they_are_done(
    make_opportunity, coordinator
):
    page = make_opportunity(title="Interview panel", checks_required=ChecksRequired.ENHANCED_DBS)
    member = ActiveMemberFactory(references_received_on=timezone.localdate())
    interest = services.express_interest(member, page)
    services.move_interest(interest, S.SELECTED, by=coordinator)
    assert services.missing_requirements(member, page) == ["A Enhanced DBS check"]

    with pytest.raises(services.ParticipationError, match="Enhanced DBS check"):
        services.move_interest(interest, S.CONFIRMED, by=member.user)

    member.dbs_checked_on = timezone.localdate()
    member.save()
    services.move_interest(interest, S.CONFIRMED, by=member.user)
    interest.refresh_from_db()
    assert interest.status == S.CONFIRMED


def test_moves_the_rules_do_not_allow_are_refused(opportunity, coordinator):
    interest = services.express_interest(ready_member(), opportunity)
    with pytest.raises(services.ParticipationError, match="cannot be moved"):
        services.move_interest(interest, S.CONFIRMED, by=coordinator)


def test_selection_and_decline_are_emailed_once(
    opportunity, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    interest = services.express_interest(ready_member(), opportunity)
    with django_capture_on_commit_callbacks(execute=True):
        services.move_interest(interest, S.SELECTED, by=coordinator)
    assert len(mailoutbox) == 1
    assert "selected" in mailoutbox[0].subject


def test_attendance_is_recorded_with_the_sessions_hours_and_by_check_in_code(
    opportunity, coordinator
):
    member = ready_member()
    interest = services.express_interest(member, opportunity)
    services.move_interest(interest, S.SELECTED, by=coordinator)
    session = opportunity.sessions.get()
    code = SessionCheckIn.objects.create(session=session).code

    attendance = services.check_in(member, code.lower())

    assert attendance.attended is True
    assert attendance.hours == 2
    assert attendance.method == Attendance.Method.CHECK_IN
    with pytest.raises(services.ParticipationError, match="not right"):
        services.check_in(member, "WRONG1")


def test_only_selected_people_have_attendance_recorded(opportunity, coordinator):
    interest = services.express_interest(ready_member(), opportunity)
    with pytest.raises(services.ParticipationError, match="Only people selected"):
        services.record_attendance(
            interest,
            opportunity.sessions.get(),
            attended=True,
            by=coordinator,
            method=Attendance.Method.COORDINATOR,
        )


def test_interests_are_scoped_to_who_asks(opportunity, member, editor, finance_user, coordinator):
    own = services.express_interest(ready_member(user=member), opportunity)
    other = services.express_interest(ready_member(), opportunity)
    from cms.participation.models import Interest

    assert list(Interest.objects.for_user(member)) == [own]
    assert not Interest.objects.for_user(editor).exists()
    assert not Interest.objects.for_user(finance_user).exists()
    assert set(Interest.objects.for_user(coordinator)) == {own, other}


def test_required_training_must_be_completed_and_current_before_confirming(
    make_opportunity, home_page, coordinator
):
    import datetime as dt

    from cms.training.factories import TrainingIndexPageFactory, TrainingModulePageFactory
    from cms.training.services import record_completion

    training = TrainingIndexPageFactory(parent=home_page)
    safeguarding = TrainingModulePageFactory(
        parent=training, title="Safeguarding adults", renewal_months=24
    )
    page = make_opportunity(title="Peer research")
    page.required_training = [safeguarding]
    page.save_revision().publish()
    member = ready_member()
    interest = services.express_interest(member, page)
    services.move_interest(interest, S.SELECTED, by=coordinator)

    with pytest.raises(services.ParticipationError, match="Safeguarding adults"):
        services.move_interest(interest, S.CONFIRMED, by=member.user)

    # A completion that has run out does not count; a current one does.
    record_completion(
        user=member.user,
        module=safeguarding,
        percentage=100,
        today=timezone.localdate() - dt.timedelta(days=800),
    )
    assert services.missing_requirements(member, page) == [
        "The training module 'Safeguarding adults'"
    ]
    record_completion(user=member.user, module=safeguarding, percentage=90)
    services.move_interest(interest, S.CONFIRMED, by=member.user)
    interest.refresh_from_db()
    assert interest.status == S.CONFIRMED
