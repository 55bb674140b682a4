"""The compliance rules, on fixed days: renewal dates, induction deadlines, and what is
done, expiring within 30 days, to do or overdue."""

import datetime as dt
from types import SimpleNamespace

import pytest

from cms.members.choices import Status
from cms.members.models import StatusChange
from cms.training.factories import TrainingCompletionFactory, TrainingModulePageFactory
from cms.training.selectors import became_active_dates, member_training, training_dashboard
from cms.training.services import (
    ModuleStatus,
    induction_due_on,
    module_record,
    record_completion,
    renewal_date,
)

D = dt.date


@pytest.mark.parametrize(
    ("completed_on", "months", "renew_on"),
    [
        (D(2026, 3, 14), 24, D(2028, 3, 14)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # February is shorter: its last day
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # a leap year
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2026, 8, 31), 3, D(2026, 11, 30)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),  # over the year end
        (D(2026, 5, 1), None, None),  # never needs renewing
    ],
)
def test_the_renewal_date_comes_from_the_renewal_period(completed_on, months, renew_on):
    assert renewal_date(completed_on, months) == renew_on


@pytest.mark.django_db
def test_a_pass_at_the_end_of_a_month_is_renewed_at_the_end_of_the_month(member, module):
    module.renewal_months = 1
    completion = record_completion(user=member, module=module, percentage=100, today=D(2026, 1, 31))
    assert completion.completed_on == D(2026, 1, 31)
    assert completion.expires_on == D(2026, 2, 28)
    assert completion.method == "knowledge_check"
    assert completion.how_completed == "Passed the knowledge check online (100%)"


def _module(*, induction=False, renewal=None, pk=1):
    return SimpleNamespace(
        pk=pk, title="Safeguarding", mandatory_at_induction=induction, renewal_months=renewal
    )


def _completion(completed_on, expires_on):
    return SimpleNamespace(completed_on=completed_on, expires_on=expires_on, module_id=1, pk=1)


def classify(*, today, completion=None, mandatory=True, induction=False, active_on=None):
    return module_record(
        module=_module(induction=induction),
        completion=completion,
        mandatory=mandatory,
        became_active_on=active_on,
        today=today,
    )


def test_induction_modules_are_due_a_month_after_becoming_active():
    assert induction_due_on(D(2026, 3, 10)) == D(2026, 4, 10)
    assert induction_due_on(D(2026, 1, 31)) == D(2026, 2, 28)
    assert induction_due_on(None) is None

    on_the_day = classify(today=D(2026, 2, 28), induction=True, active_on=D(2026, 1, 31))
    assert on_the_day.status == ModuleStatus.DUE
    assert on_the_day.due_on == D(2026, 2, 28)
    day_after = classify(today=D(2026, 3, 1), induction=True, active_on=D(2026, 1, 31))
    assert day_after.status == ModuleStatus.OVERDUE
    assert day_after.needs_attention


def test_a_mandatory_module_with_no_deadline_is_to_do_and_never_overdue():
    record = classify(today=D(2030, 1, 1), induction=False, active_on=D(2026, 1, 1))
    assert record.status == ModuleStatus.DUE
    assert record.due_on is None


@pytest.mark.parametrize(
    ("expires_on", "status"),
    [
        (None, ModuleStatus.DONE),
        (D(2026, 7, 2), ModuleStatus.DONE),  # 31 days away
        (D(2026, 7, 1), ModuleStatus.EXPIRING),  # 30 days away
        (D(2026, 6, 2), ModuleStatus.EXPIRING),
        (D(2026, 6, 1), ModuleStatus.EXPIRING),  # renewal day: it still counts today
        (D(2026, 5, 31), ModuleStatus.OVERDUE),  # renewal day has passed
    ],
)
def test_a_completion_is_done_expiring_or_overdue_by_its_renewal_date(expires_on, status):
    record = classify(
        today=D(2026, 6, 1), completion=_completion(D(2024, 6, 1), expires_on), mandatory=True
    )
    assert record.status == status
    assert record.due_on == expires_on


def test_an_expired_optional_module_is_to_do_again_not_overdue():
    record = classify(
        today=D(2026, 6, 1),
        completion=_completion(D(2024, 5, 1), D(2026, 5, 1)),
        mandatory=False,
    )
    assert record.status == ModuleStatus.DUE
    assert not record.needs_attention


@pytest.mark.django_db
def test_became_active_is_the_latest_move_to_active(make_member):
    member = make_member(active_on=D(2025, 1, 10))
    StatusChange.objects.create(
        member=member,
        from_status=Status.ON_HOLD,
        to_status=Status.ACTIVE,
        changed_at=dt.datetime(2026, 2, 3, 9, tzinfo=dt.UTC),
    )
    StatusChange.objects.create(
        member=member,
        from_status=Status.ACTIVE,
        to_status=Status.ON_HOLD,
        changed_at=dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC),
    )
    assert became_active_dates([member]) == {member.pk: D(2026, 2, 3)}


@pytest.mark.django_db
def test_a_members_record_lists_their_roles_modules_and_anything_else_they_did(
    make_member, training_index, panel_member, volunteer
):
    TrainingModulePageFactory(
        parent=training_index,
        title="Welcome",
        mandatory_for_roles=[panel_member],
        mandatory_at_induction=True,
    )
    safeguarding = TrainingModulePageFactory(
        parent=training_index,
        title="Safeguarding",
        mandatory_for_roles=[panel_member],
        renewal_months=24,
    )
    optional = TrainingModulePageFactory(parent=training_index, title="Chairing meetings")
    TrainingModulePageFactory(
        parent=training_index, title="For volunteers", mandatory_for_roles=[volunteer]
    )
    member = make_member(roles=[panel_member], active_on=D(2026, 1, 5))
    # An old pass and a renewal: the latest counts.
    TrainingCompletionFactory(user=member.user, module=safeguarding, completed_on=D(2024, 5, 1))
    TrainingCompletionFactory(user=member.user, module=safeguarding, completed_on=D(2024, 6, 20))
    TrainingCompletionFactory(user=member.user, module=optional, completed_on=D(2025, 9, 1))

    records = member_training(member, today=D(2026, 6, 1))

    by_title = {record.module.title: record for record in records}
    assert set(by_title) == {"Welcome", "Safeguarding", "Chairing meetings"}
    assert by_title["Welcome"].status == ModuleStatus.OVERDUE
    assert by_title["Welcome"].due_on == D(2026, 2, 5)
    assert by_title["Safeguarding"].status == ModuleStatus.EXPIRING
    assert by_title["Safeguarding"].due_on == D(2026, 6, 20)
    assert by_title["Chairing meetings"].status == ModuleStatus.DONE
    assert not by_title["Chairing meetings"].mandatory
    assert [record.module.title for record in records][:2] == ["Welcome", "Safeguarding"]

    dashboard = training_dashboard(member, today=D(2026, 6, 1))
    assert (dashboard.overdue, dashboard.expiring, dashboard.due) == (1, 1, 0)
    assert [record.module.title for record in dashboard.next_items] == ["Welcome", "Safeguarding"]
    assert dashboard.needs_attention

    before_active = training_dashboard(member, today=D(2025, 1, 1))
    # A year and a half earlier the induction module was not yet overdue.
    assert (before_active.overdue, before_active.expiring, before_active.due) == (0, 0, 1)
