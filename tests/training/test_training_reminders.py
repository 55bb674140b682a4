"""Training reminders: expiring within 30 days and overdue (induction included), each sent
once however often the daily task runs."""

import datetime as dt

import pytest
from django.core import mail

from cms.members.choices import Status
from cms.members.factories import MemberProfileFactory
from cms.notifications.models import Notification, Topic
from cms.training.factories import TrainingCompletionFactory, TrainingModulePageFactory
from cms.training.services import send_training_reminders
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 6, 1)


@pytest.fixture
def modules(training_index, panel_member):
    return {
        "induction": TrainingModulePageFactory(
            parent=training_index,
            title="Welcome and induction",
            mandatory_for_roles=[panel_member],
            mandatory_at_induction=True,
        ),
        "safeguarding": TrainingModulePageFactory(
            parent=training_index,
            title="Safeguarding adults",
            mandatory_for_roles=[panel_member],
            renewal_months=24,
        ),
        "data": TrainingModulePageFactory(
            parent=training_index,
            title="Data protection",
            mandatory_for_roles=[panel_member],
            renewal_months=12,
        ),
    }


def test_expiring_and_overdue_training_is_told_once_when_the_task_runs_twice(
    make_member, modules, panel_member, django_capture_on_commit_callbacks
):
    # Active since March; the induction module was due on 10 April and is not done.
    member = make_member(roles=[panel_member], active_on=D(2026, 3, 10), email="rosa@example.org")
    # Safeguarding renews on 20 June: within 30 days. Data protection lapsed on 1 May.
    TrainingCompletionFactory(
        user=member.user, module=modules["safeguarding"], completed_on=D(2024, 6, 20)
    )
    TrainingCompletionFactory(user=member.user, module=modules["data"], completed_on=D(2025, 5, 1))
    # A module she chose to take, not one her role needs, is never chased.
    optional = TrainingModulePageFactory(
        parent=modules["data"].get_parent(), title="Chairing meetings", renewal_months=12
    )
    TrainingCompletionFactory(user=member.user, module=optional, completed_on=D(2025, 6, 10))
    # Someone up to date is not told anything.
    calm = make_member(roles=[panel_member], active_on=D(2026, 3, 10))
    for module in modules.values():
        TrainingCompletionFactory(user=calm.user, module=module, completed_on=D(2026, 3, 12))
    # Nor is an applicant: reminders are for active members.
    MemberProfileFactory(user=UserFactory(), status=Status.INDUCTION, roles=[panel_member])

    with django_capture_on_commit_callbacks(execute=True):
        assert send_training_reminders(today=TODAY) == 3
    with django_capture_on_commit_callbacks(execute=True):
        send_training_reminders(today=TODAY)
        send_training_reminders(today=TODAY + dt.timedelta(days=1))

    told = Notification.objects.filter(recipient=member.user).order_by("key")
    assert {n.key for n in told} == {
        f"training-expiring:{modules['safeguarding'].pk}:2026-06-20",
        f"training-overdue:{modules['data'].pk}:2026-05-01",
        f"training-overdue:{modules['induction'].pk}:2026-04-10",
    }
    assert {n.topic for n in told} == {Topic.TRAINING}
    assert {n.url for n in told} == {"/members/training/"}
    assert "20 June 2026" in told[0].body
    assert not Notification.objects.exclude(recipient=member.user).exists()
    assert sorted(m.subject for m in mail.outbox) == sorted(n.subject for n in told)
    assert all(m.to == ["rosa@example.org"] for m in mail.outbox)


def test_a_renewal_gets_its_own_reminder_when_it_comes_round_again(
    make_member, modules, panel_member
):
    member = make_member(roles=[panel_member], active_on=D(2024, 1, 10))
    for module in (modules["induction"], modules["safeguarding"]):
        TrainingCompletionFactory(user=member.user, module=module, completed_on=D(2024, 1, 15))
    TrainingCompletionFactory(user=member.user, module=modules["data"], completed_on=D(2025, 6, 10))
    send_training_reminders(today=TODAY)
    TrainingCompletionFactory(user=member.user, module=modules["data"], completed_on=D(2026, 6, 5))
    send_training_reminders(today=D(2027, 5, 20))

    keys = set(Notification.objects.filter(recipient=member.user).values_list("key", flat=True))
    data = modules["data"].pk
    assert f"training-expiring:{data}:2026-06-10" in keys
    assert f"training-expiring:{data}:2027-06-05" in keys
