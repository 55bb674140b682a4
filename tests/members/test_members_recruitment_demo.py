"""The recruitment demo: every stage, a varied bank, the demo sign-ins, safe to run twice."""

import pytest
from django.core import mail

from cms.members import demo
from cms.members.choices import Status
from cms.members.models import MemberProfile, StatusChange
from cms.members.services import TRANSITIONS
from cms.taxonomy import demo as taxonomy_demo
from cms.users.demo import load_demo_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(django_capture_on_commit_callbacks):
    load_demo_users(password="a-long-test-password")
    taxonomy_demo.load_demo()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load_demo()


def test_the_demo_has_every_stage_and_a_varied_bank(loaded):
    statuses = set(MemberProfile.objects.values_list("status", flat=True))
    assert {
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.CONVERSATION_BOOKED,
        Status.CHECKS,
        Status.INDUCTION,
        Status.ON_HOLD,
        Status.DECLINED,
        Status.ACTIVE,
    } <= statuses
    bank = MemberProfile.objects.in_bank()
    assert bank.count() >= 8
    assert bank.values("expertise").distinct().count() >= 6
    declined = MemberProfile.objects.get(status=Status.DECLINED)
    assert declined.history.last().reason


def test_the_demo_sign_ins_have_their_records(loaded):
    by_email = {m.user.email: m for m in MemberProfile.objects.select_related("user")}
    assert by_email["applicant@example.org"].status == Status.SUBMITTED
    assert by_email["applicant@example.org"].expertise.exists()
    assert by_email["member@example.org"].status == Status.ACTIVE
    assert by_email["mentor@example.org"].status == Status.ACTIVE


def test_every_demo_history_follows_the_rules_and_ends_at_the_status(loaded):
    for member in MemberProfile.objects.prefetch_related("history"):
        history = list(member.history.all())
        assert history[0].from_status == Status.DRAFT
        for change in history:
            assert change.to_status in TRANSITIONS[change.from_status]
            assert change.notified_at is not None
        assert history[-1].to_status == member.status


def test_loading_twice_changes_nothing_and_sends_nothing(
    loaded, django_capture_on_commit_callbacks
):
    counts = (MemberProfile.objects.count(), StatusChange.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        demo.load_demo()
    assert (MemberProfile.objects.count(), StatusChange.objects.count()) == counts
    assert mail.outbox == []
