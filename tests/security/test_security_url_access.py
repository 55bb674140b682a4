"""Every member-data address refuses every role that should not see it.

The addresses come from the URL configuration (``project_url_patterns``), so a new view is
covered as soon as it exists, and this test fails until ``url_access_declarations``
says who may see it. Each address x role is its own test.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from url_access_declarations import (
    DECLARATIONS,
    ROLES,
    build_world,
    project_url_patterns,
    url_kwargs,
)

PATTERNS = project_url_patterns()
CASES = [
    (pattern.name, role) for pattern in PATTERNS if pattern.name in DECLARATIONS for role in ROLES
]


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo site, built once for this module and rolled back afterwards."""
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                yield build_world()
                raise _Rollback
        except _Rollback:
            pass


def client_for(role: str, world: dict) -> Client:
    client = Client(raise_request_exception=False)
    if role != "visitor":
        client.force_login(world["users"][role])
    return client


def is_refusal(response) -> bool:
    """Asked to sign in (or to finish signing in), refused, or not found. Wagtail's admin
    refuses by sending people to its dashboard with a message; members' pages send staff
    and people without an active record to their account page with a message."""
    if response.status_code in (403, 404):
        return True
    if response.status_code == 302:
        location = response.headers["Location"]
        return location.startswith(("/accounts/", "/admin/login/")) or location in (
            "/admin/",
            reverse("members:account"),
        )
    return False


@pytest.mark.parametrize("name", [pattern.name for pattern in PATTERNS])
def test_every_address_is_declared(name):
    assert name in DECLARATIONS, (
        f"{name!r} has no access declaration: add it to "
        "tests/security/url_access_declarations.py saying who may see it"
    )


def test_no_declaration_is_stale():
    found = {pattern.name for pattern in PATTERNS}
    assert set(DECLARATIONS) <= found, set(DECLARATIONS) - found


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), CASES)
def test_address_refuses_roles_not_allowed(world, name, role):
    rule = DECLARATIONS[name]
    url = reverse(name, kwargs=url_kwargs(rule, world))
    client = client_for(role, world)

    response = client.get(url)
    if response.status_code == 405:
        # A form action that takes POST only: what matters is that the POST is refused.
        response = client.post(url, {})

    assert response.status_code < 500, f"{url} as {role}: server error"
    if role not in rule.allowed:
        assert is_refusal(response), (
            f"{url} as {role} answered {response.status_code}; "
            f"declared for {sorted(rule.allowed) or 'administrators only'}"
        )
