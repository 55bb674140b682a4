"""The learning and support report: training compliance, support reviews and mentoring."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.members.models import MemberProfile, SupervisionReview
from cms.mentoring.models import MeetingMethod, MentoringPair, MentoringSession, PairStatus
from cms.opportunities.factories import ServiceAreaFactory
from cms.reports.base import ReportFilter, get_report
from cms.training.factories import (
    InvolvementRoleFactory,
    TrainingCompletionFactory,
    TrainingIndexPageFactory,
    TrainingModulePageFactory,
)
from cms.training.models import CompletionMethod, TrainingCompletion

pytestmark = pytest.mark.django_db

PERIOD = ReportFilter(start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
BECAME_ACTIVE = timezone.make_aware(dt.datetime(2025, 1, 1, 9))


def build(report_filter=PERIOD):
    return get_report("learning").build(report_filter)


@pytest.fixture
def dementia(db):
    return ServiceAreaFactory(name="Dementia")


@pytest.fixture
def panel(db):
    return InvolvementRoleFactory(name="Interview panel member")


@pytest.fixture
def modules(home_page, site, panel):
    index = TrainingIndexPageFactory(parent=home_page)
    safeguarding = TrainingModulePageFactory(
        parent=index,
        title="Safeguarding adults",
        renewal_months=12,
        mandatory_at_induction=False,
        mandatory_for_roles=[panel],
    )
    welcome = TrainingModulePageFactory(
        parent=index,
        title="Welcome and induction",
        renewal_months=None,
        mandatory_at_induction=True,
        mandatory_for_roles=[panel],
    )
    return safeguarding, welcome


def completed(member, module, on, expires=None):
    TrainingCompletionFactory(
        user=member.user,
        module=module,
        completed_on=on,
        expires_on=expires,
        method=CompletionMethod.KNOWLEDGE_CHECK,
    )


def active(name, panel, **fields):
    return ActiveMemberFactory(
        user__first_name=name, status_changed_at=BECAME_ACTIVE, roles=[panel], **fields
    )


def review(member, held_on, next_due_on):
    SupervisionReview.objects.create(member=member, held_on=held_on, next_due_on=next_due_on)


def pair(mentor, mentee, status, created):
    made = MentoringPair.objects.create(mentor=mentor, mentee=mentee, status=status)
    MentoringPair.objects.filter(pk=made.pk).update(
        created_at=timezone.make_aware(dt.datetime.combine(created, dt.time(12)))
    )
    return made


@pytest.fixture
def people(modules, panel, dementia):
    safeguarding, welcome = modules
    ann = active("Ann", panel, expertise=[dementia])
    ben = active("Ben", panel)
    cal = active("Cal", panel)
    MemberProfileFactory(status=Status.SUBMITTED, roles=[panel])  # not active: not counted

    # On 30 June 2025: Ann's safeguarding needs renewing within 30 days; Ben's ran out and
    # he never did induction (due a month after 1 January); Cal has not done safeguarding.
    completed(ann, safeguarding, dt.date(2024, 7, 15), expires=dt.date(2025, 7, 15))
    completed(ann, welcome, dt.date(2025, 1, 10))
    completed(ben, safeguarding, dt.date(2024, 5, 1), expires=dt.date(2025, 5, 1))
    completed(cal, welcome, dt.date(2025, 1, 20))

    review(ann, dt.date(2025, 5, 1), dt.date(2025, 7, 1))  # due tomorrow: soon
    review(ben, dt.date(2024, 12, 1), dt.date(2025, 2, 1))  # before the period
    review(ben, dt.date(2025, 3, 1), dt.date(2025, 5, 1))  # overdue
    review(cal, dt.date(2025, 6, 15), dt.date(2025, 8, 15))  # not due yet

    working = pair(ann, ben, PairStatus.ACTIVE, dt.date(2025, 2, 1))
    pair(cal, ann, PairStatus.ENDED, dt.date(2025, 2, 1))
    pair(cal, ben, PairStatus.PROPOSED, dt.date(2025, 8, 1))  # after the period
    for held_on, minutes, confirmed in [
        (dt.date(2025, 3, 5), 60, True),
        (dt.date(2025, 3, 20), 30, False),
        (dt.date(2025, 5, 2), 90, True),
        (dt.date(2025, 7, 1), 60, True),  # after the period
    ]:
        MentoringSession.objects.create(
            pair=working,
            held_on=held_on,
            minutes=minutes,
            method=MeetingMethod.PHONE,
            confirmed_at=BECAME_ACTIVE if confirmed else None,
        )


def test_training_reviews_and_mentoring(people):
    result = build()

    training = result.table("training")
    assert training.columns == ["Module", "Done", "Renew in the next 30 days", "To do", "Overdue"]
    assert training.rows == [
        ["Safeguarding adults", 0, 1, 1, 1],
        ["Welcome and induction", 2, 0, 0, 1],
    ]
    assert result.table("reviews").rows == [
        ["Overdue", 1],
        ["Due in the next 30 days", 1],
        ["Not due yet", 1],
    ]
    assert dict(result.table("mentoring-pairs").rows) == {
        "Proposed": 0,
        "Active": 1,
        "Paused": 0,
        "Ended": 1,
        "Declined": 0,
    }
    sessions = result.table("mentoring-sessions")
    assert sessions.chart == "line"
    assert sessions.rows == [["2025-03", 2, 1], ["2025-05", 1, 1]]

    headlines = {h.label: (h.value, h.hint) for h in result.headlines}
    assert headlines == {
        "Mandatory training in date": (
            "50%",
            "3 of 6 modules that active members need for their roles.",
        ),
        "Support reviews overdue": (1, "Support reviews held in the period: 3."),
        "Mentoring pairs working together": (1, "Pairs active now."),
        "Mentoring sessions held": (3, "Time together: 3 hours."),
    }


def test_service_area_picks_members_by_expertise(people, dementia):
    result = build(ReportFilter(start=PERIOD.start, end=PERIOD.end, service_area=dementia))
    assert result.table("training").rows == [
        ["Safeguarding adults", 0, 1, 0, 0],
        ["Welcome and induction", 1, 0, 0, 0],
    ]
    assert result.table("reviews").rows == [
        ["Overdue", 0],
        ["Due in the next 30 days", 1],
        ["Not due yet", 0],
    ]
    headlines = {h.label: (h.value, h.hint) for h in result.headlines}
    assert headlines["Support reviews overdue"] == (0, "Support reviews held in the period: 1.")


def bulk_members(count: int, offset: int, *, modules, panel) -> None:
    safeguarding, welcome = modules
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"learning{offset + n}@example.org", password="!") for n in range(count)
    )
    members = MemberProfile.objects.bulk_create(
        MemberProfile(user=user, status=Status.ACTIVE, status_changed_at=BECAME_ACTIVE)
        for user in users
    )
    MemberProfile.roles.through.objects.bulk_create(
        MemberProfile.roles.through(memberprofile_id=member.pk, involvementrole_id=panel.pk)
        for member in members
    )
    TrainingCompletion.objects.bulk_create(
        TrainingCompletion(
            user=user,
            module=module,
            completed_on=dt.date(2025, 1, 1 + n % 28),
            expires_on=dt.date(2026, 1, 1) if module is safeguarding else None,
            method=CompletionMethod.KNOWLEDGE_CHECK,
            score_percentage=100,
        )
        for n, user in enumerate(users)
        for module in (safeguarding, welcome)[: 1 + n % 2]
    )
    SupervisionReview.objects.bulk_create(
        SupervisionReview(
            member=member, held_on=dt.date(2025, 3, 1), next_due_on=dt.date(2025, 5 + n % 3, 1)
        )
        for n, member in enumerate(members)
    )
    pairs = MentoringPair.objects.bulk_create(
        MentoringPair(mentor=mentor, mentee=mentee, status=PairStatus.ACTIVE)
        for mentor, mentee in zip(members[::2], members[1::2], strict=False)
    )
    MentoringPair.objects.filter(pk__in=[p.pk for p in pairs]).update(created_at=BECAME_ACTIVE)
    MentoringSession.objects.bulk_create(
        MentoringSession(
            pair=made, held_on=dt.date(2025, 2 + n % 4, 10), minutes=45, method=MeetingMethod.ONLINE
        )
        for n, made in enumerate(pairs)
    )


def test_query_count_is_the_same_for_10_and_1000_members(people, modules, panel, dementia):
    filters = [
        PERIOD,
        ReportFilter(start=PERIOD.start, end=PERIOD.end, service_area=dementia),
    ]
    bulk_members(10, 0, modules=modules, panel=panel)
    few = []
    for report_filter in filters:
        with CaptureQueriesContext(connection) as queries:
            build(report_filter)
        few.append(len(queries))
    bulk_members(990, 10, modules=modules, panel=panel)
    for report_filter, expected in zip(filters, few, strict=True):
        with CaptureQueriesContext(connection) as many:
            build(report_filter)
        assert len(many) == expected, [q["sql"] for q in many.captured_queries]
