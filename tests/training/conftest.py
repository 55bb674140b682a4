"""Fixtures for the training tests."""

import pytest

from cms.training.factories import (
    InvolvementRoleFactory,
    TrainingIndexPageFactory,
    TrainingModulePageFactory,
    question,
)


@pytest.fixture
def training_index(home_page, site):
    return TrainingIndexPageFactory(parent=home_page)


@pytest.fixture
def panel_member(db):
    return InvolvementRoleFactory(name="Interview panel member", is_paid=True)


@pytest.fixture
def module(training_index, panel_member):
    return TrainingModulePageFactory(
        parent=training_index,
        title="Safeguarding adults",
        slug="safeguarding-adults",
        summary="How to spot harm and what to do.",
        learning_outcomes="<ul><li>spot the signs of abuse</li></ul>",
        duration="1 hour",
        format="mixed",
        renewal_months=24,
        mandatory_at_induction=True,
        mandatory_for_roles=[panel_member],
        knowledge_check=[
            question(
                "Someone asks you to keep a worry secret. What do you do?",
                ["Keep it secret", "Tell the safeguarding lead"],
                correct=1,
                explanation="You must tell someone, because the person may be at risk.",
            ),
            question(
                "Which of these is financial abuse?",
                ["Taking someone's money", "Buying a present", "Paying a bill they asked for"],
                correct=0,
                explanation="Taking someone's money without asking is financial abuse.",
            ),
            question(
                "Do you need to be sure before you tell someone?",
                ["Yes", "No"],
                correct=1,
                explanation="No. Tell someone if you are worried.",
            ),
        ],
    )


@pytest.fixture
def volunteer(db):
    return InvolvementRoleFactory(name="Expert by experience (volunteer)")


@pytest.fixture
def make_member():
    """An active member with ``roles``, who became active on ``active_on`` (a history row)."""
    import datetime as dt

    from django.utils import timezone

    from cms.members.choices import Status
    from cms.members.factories import ActiveMemberFactory
    from cms.members.models import StatusChange
    from cms.users.factories import UserFactory

    def _make(*, roles=(), active_on=None, user=None, **user_fields):
        user = user or UserFactory(**user_fields)
        member = ActiveMemberFactory(user=user, roles=list(roles))
        if active_on is not None:
            changed_at = timezone.make_aware(dt.datetime.combine(active_on, dt.time(10)))
            StatusChange.objects.create(
                member=member,
                from_status=Status.INDUCTION,
                to_status=Status.ACTIVE,
                changed_at=changed_at,
            )
        return member

    return _make
