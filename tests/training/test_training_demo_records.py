"""The demo members' training histories: mostly current, some expiring, one overdue; a
second run changes nothing."""

import datetime as dt

import pytest

from cms.members import demo as members_demo
from cms.members.models import MemberProfile
from cms.training import demo as training_demo
from cms.training.models import TrainingCompletion
from cms.training.schedules import SCHEDULES
from cms.training.selectors import active_members_training
from cms.training.services import ModuleStatus
from cms.users.demo import load_demo_users

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)


def test_demo_histories_show_each_kind_of_status_and_load_once(home_page):
    load_demo_users(password="a-long-demo-password")
    training_demo.load_demo(home_page=home_page)
    members_demo.load_demo()

    created = training_demo.load_demo_records(today=TODAY)
    again = training_demo.load_demo_records(today=TODAY + dt.timedelta(days=5))

    assert created and again == []
    assert TrainingCompletion.objects.count() == len(created)
    assert TrainingCompletion.objects.filter(method="attendance", recorded_by__isnull=False)
    statuses = {
        member.user.email: {record.status for record in records}
        for member, records in active_members_training(today=TODAY)
    }
    overdue = [email for email, found in statuses.items() if ModuleStatus.OVERDUE in found]
    assert overdue == ["ben.thompson@example.org"]
    expiring = [email for email, found in statuses.items() if ModuleStatus.EXPIRING in found]
    assert len(expiring) >= 2
    assert "member@example.org" in expiring
    assert MemberProfile.objects.in_bank().count() == len(statuses)


def test_the_reminders_run_daily():
    [schedule] = SCHEDULES
    assert schedule["func"] == "cms.training.tasks.send_training_reminders"
    assert schedule["schedule_type"] == "D"
