"""Coordinators' training compliance list and attendance form in the Wagtail admin."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.training.factories import TrainingCompletionFactory, TrainingModulePageFactory
from cms.training.models import CompletionMethod, TrainingCompletion
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
COMPLIANCE = reverse("training_admin:compliance")
RECORD = reverse("training_admin:record")


@pytest.fixture
def panel_module(training_index, panel_member):
    return TrainingModulePageFactory(
        parent=training_index,
        title="Being an effective panel member",
        format="face_to_face",
        renewal_months=36,
        mandatory_for_roles=[panel_member],
    )


@pytest.fixture
def overdue_member(make_member, panel_member, module):
    # Safeguarding (an induction module) was due a month after they became active.
    return make_member(
        roles=[panel_member],
        active_on=timezone.localdate() - dt.timedelta(days=60),
        first_name="Olu",
        last_name="Overdue",
    )


@pytest.fixture
def expiring_member(make_member, panel_member, module):
    member = make_member(roles=[panel_member], first_name="Erin", last_name="Expiring")
    TrainingCompletionFactory(
        user=member.user,
        module=module,
        completed_on=timezone.localdate() - dt.timedelta(days=700),
    )
    return member


@pytest.mark.parametrize("who", [None, "member", "editor", "finance_user"])
def test_only_coordinators_see_compliance_or_record_attendance(
    client, request, who, overdue_member, panel_module
):
    if who:
        client.force_login(request.getfixturevalue(who))
    for url in (COMPLIANCE, RECORD):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"Overdue" not in response.content
    response = client.post(
        RECORD,
        {
            "module": panel_module.pk,
            "completed_on": timezone.localdate().isoformat(),
            "members": [overdue_member.pk],
        },
    )
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != COMPLIANCE
    assert not TrainingCompletion.objects.exists()


def test_compliance_lists_who_is_overdue_or_expiring_by_module(
    client, coordinator, overdue_member, expiring_member, module, panel_member
):
    client.force_login(coordinator)

    text = client.get(COMPLIANCE).content.decode()

    assert "Safeguarding adults" in text
    assert "Olu Overdue" in text and "Erin Expiring" in text
    assert "Overdue" in text and "Renew in the next 30 days" in text

    only_overdue = client.get(COMPLIANCE, {"status": "overdue"}).content.decode()
    assert "Olu Overdue" in only_overdue and "Erin Expiring" not in only_overdue
    other_module = client.get(COMPLIANCE, {"module": module.pk + 999}).content.decode()
    assert "Olu Overdue" not in other_module
    other_role = client.get(COMPLIANCE, {"role": panel_member.pk + 999}).content.decode()
    assert "Olu Overdue" not in other_role
    assert client.get(COMPLIANCE, {"module": "nonsense", "status": "x"}).status_code == 200


def test_a_coordinator_records_attendance_at_a_face_to_face_module(
    client, coordinator, overdue_member, expiring_member, panel_module
):
    client.force_login(coordinator)
    form = client.get(RECORD)
    assert form.status_code == 200
    assert f'value="{timezone.localdate().isoformat()}"'.encode() in form.content
    day = timezone.localdate() - dt.timedelta(days=2)
    data = {
        "module": panel_module.pk,
        "completed_on": day.isoformat(),
        "members": [overdue_member.pk, expiring_member.pk],
    }

    response = client.post(RECORD, data)

    assert response.status_code == 302
    completions = TrainingCompletion.objects.filter(module=panel_module)
    assert completions.count() == 2
    for completion in completions:
        assert completion.method == CompletionMethod.ATTENDANCE
        assert completion.recorded_by == coordinator
        assert completion.completed_on == day
        assert completion.score_percentage is None
        assert completion.expires_on == dt.date(day.year + 3, day.month, day.day)
    # Recording the same session again adds nothing.
    client.post(RECORD, data)
    assert TrainingCompletion.objects.filter(module=panel_module).count() == 2


def test_attendance_is_refused_for_online_modules_future_dates_and_no_one_ticked(
    client, coordinator, overdue_member, training_index, panel_module
):
    online = TrainingModulePageFactory(parent=training_index, title="Online only")
    client.force_login(coordinator)
    today = timezone.localdate()
    cases = [
        {"module": online.pk, "completed_on": today.isoformat(), "members": [overdue_member.pk]},
        {
            "module": panel_module.pk,
            "completed_on": (today + dt.timedelta(days=1)).isoformat(),
            "members": [overdue_member.pk],
        },
        {"module": panel_module.pk, "completed_on": today.isoformat()},
    ]
    for data in cases:
        response = client.post(RECORD, data)
        assert response.status_code == 400, data
    assert b"cannot be in the future" in client.post(RECORD, cases[1]).content
    assert b"Tick at least one person" in client.post(RECORD, cases[2]).content
    assert not TrainingCompletion.objects.exists()


def test_a_member_not_in_the_bank_cannot_be_recorded(client, coordinator, panel_module):
    from cms.members.choices import Status

    leaver = ActiveMemberFactory(user=UserFactory(), status=Status.WITHDRAWN)
    client.force_login(coordinator)
    response = client.post(
        RECORD,
        {
            "module": panel_module.pk,
            "completed_on": timezone.localdate().isoformat(),
            "members": [leaver.pk],
        },
    )
    assert response.status_code == 400
    assert not TrainingCompletion.objects.exists()


def _members_with_training(count, *, roles, modules):
    for _ in range(count):
        member = ActiveMemberFactory(user=UserFactory(), roles=roles)
        TrainingCompletionFactory(
            user=member.user,
            module=modules[0],
            completed_on=timezone.localdate() - dt.timedelta(days=720),
        )


def test_the_compliance_list_query_count_is_flat_as_members_grow(
    client, coordinator, module, panel_module, panel_member
):
    client.force_login(coordinator)
    _members_with_training(2, roles=[panel_member], modules=[module, panel_module])
    client.get(COMPLIANCE)  # warm up caches that are filled once per process
    with CaptureQueriesContext(connection) as few:
        response = client.get(COMPLIANCE)
    assert response.content.count(b"<tr>") >= 2

    _members_with_training(20, roles=[panel_member], modules=[module, panel_module])
    with CaptureQueriesContext(connection) as many:
        response = client.get(COMPLIANCE)

    assert response.content.count(b"<tr>") >= 22
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_menu_item_shows_only_to_coordinators(client, coordinator, editor, finance_user):
    client.force_login(coordinator)
    home = reverse("wagtailadmin_home")
    assert COMPLIANCE.encode() in client.get(home).content
    for person in (editor, finance_user):
        client.force_login(person)
        response = client.get(home)
        assert COMPLIANCE.encode() not in response.content
