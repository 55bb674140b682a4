"""Role checks read a user's groups once per request, and notice when the groups change."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.claims.access import is_finance
from cms.easyread.access import is_editor
from cms.users.access import is_coordinator
from cms.users.roles import COORDINATORS

pytestmark = pytest.mark.django_db


def test_many_role_checks_cost_one_query(coordinator):
    with CaptureQueriesContext(connection) as queries:
        for _ in range(20):
            assert is_coordinator(coordinator)
            assert not is_finance(coordinator)
            assert not is_editor(coordinator)
    assert len(queries) == 1


def test_joining_or_leaving_a_group_is_seen_at_once(member):
    coordinators = Group.objects.get_or_create(name=COORDINATORS)[0]
    assert not is_coordinator(member)

    member.groups.add(coordinators)
    assert is_coordinator(member)

    member.groups.remove(coordinators)
    assert not is_coordinator(member)
