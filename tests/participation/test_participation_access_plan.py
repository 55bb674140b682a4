"""The access plan counts what the venue must provide for exactly the people coming."""

import pytest
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation import services
from cms.participation.access_plan import access_plan
from cms.participation.models import InterestStatus

pytestmark = pytest.mark.django_db
S = InterestStatus


def person(opportunity, status, *, adjustments, formats=(), care=False, sessions=(), by):
    member = ActiveMemberFactory(
        references_received_on=timezone.localdate(),
        formats=list(formats),
        needs_replacement_care=care,
        reasonable_adjustments="",
        meeting_support="",
    )
    interest = services.express_interest(
        member, opportunity, adjustments=adjustments, sessions=sessions
    )
    path = {
        S.INTERESTED: [],
        S.WAITING: [S.WAITING],
        S.SELECTED: [S.SELECTED],
        S.CONFIRMED: [S.SELECTED, S.CONFIRMED],
        S.WITHDRAWN: [S.SELECTED, S.WITHDRAWN],
        S.NOT_SELECTED: [S.NOT_SELECTED],
    }[status]
    for step in path:
        services.move_interest(interest, step, by=by, reason="Thank you; not this time.")
    return interest


def test_the_plan_counts_exactly_the_selected_and_confirmed(make_opportunity, coordinator):
    opportunity = make_opportunity(title="Carers' forum", places=0)
    first = OpportunitySessionFactory(page=opportunity, hearing_loop=False)
    second = OpportunitySessionFactory(page=opportunity)

    def add(status, text, **kwargs):
        return person(opportunity, status, adjustments=text, by=coordinator, **kwargs)

    # Withdrawn first: a place coming free would otherwise go to the waiting list.
    add(S.WITHDRAWN, "Withdrawn", formats=["braille"], care=True)
    add(S.SELECTED, "A chair with arms", formats=["large_print"], care=True)
    add(S.CONFIRMED, "Breaks every hour", formats=["large_print", "bsl"], sessions=[first])
    add(S.SELECTED, "Only coming to the second", formats=["easy_read"], sessions=[second])
    add(S.INTERESTED, "Interested only", formats=["braille"], care=True)
    add(S.WAITING, "Waiting only", formats=["braille"])
    add(S.NOT_SELECTED, "Not selected", formats=["braille"], care=True)

    plan = access_plan(first)
    assert plan.people == 2
    assert plan.formats == [("Large print", 2), ("British Sign Language", 1)]
    assert plan.replacement_care == 1
    assert plan.adjustments == ["A chair with arms", "Breaks every hour"]
    assert "No hearing loop" in plan.venue_features
    assert "Step-free access" in plan.venue_features

    plan = access_plan(second)
    assert plan.people == 2
    assert plan.adjustments == ["A chair with arms", "Only coming to the second"]


def test_the_plan_includes_profile_adjustments_without_names(make_opportunity, coordinator):
    opportunity = make_opportunity(title="Panel")
    session = OpportunitySessionFactory(page=opportunity)
    interest = person(opportunity, S.SELECTED, adjustments="", by=coordinator)
    member = interest.member
    member.reasonable_adjustments = "Papers two weeks ahead"
    member.meeting_support = "A quiet room to take a break"
    member.save()

    plan = access_plan(session)
    assert plan.adjustments == ["A quiet room to take a break", "Papers two weeks ahead"]
    assert str(member) not in repr(plan.adjustments)
