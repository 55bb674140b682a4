"""One demo sign-in per role, for the demo site and the browser tests."""

import secrets

from django.contrib.auth import get_user_model

from . import roles
from .factories import AdministratorFactory, StaffUserFactory, UserFactory

DEMO_PEOPLE = [
    # email, first name, last name, role group (None: not staff)
    ("admin@example.org", "Alex", "Morgan", "administrator"),
    ("editor@example.org", "Priya", "Shah", roles.EDITORS),
    ("coordinator@example.org", "Sam", "Okafor", roles.COORDINATORS),
    ("finance@example.org", "Jo", "Whitfield", roles.FINANCE),
    ("mentor@example.org", "Maureen", "Gallagher", None),
    ("member@example.org", "Dev", "Patel", None),
    ("applicant@example.org", "Chris", "Evans", None),
]


def load_demo_users(*, password: str | None = None) -> tuple[str | None, list[str]]:
    """Create the demo sign-ins, one per role; safe to run again.

    Returns the password if one was generated (so it can be printed once) and the
    emails of accounts created on this run. An existing account's password is only
    changed when a different one is asked for.
    """
    generated = None
    if password is None and not get_user_model().objects.filter(email="admin@example.org").exists():
        password = generated = secrets.token_urlsafe(12)
    roles.ensure_role_groups()
    created = []
    User = get_user_model()
    for email, first_name, last_name, role in DEMO_PEOPLE:
        existing = User.objects.filter(email=email).first()
        if existing:
            if password and not existing.check_password(password):
                existing.set_password(password)
                existing.save(update_fields=["password"])
            continue
        fields = {"email": email, "first_name": first_name, "last_name": last_name}
        if password:
            fields["password"] = password
        if role == "administrator":
            AdministratorFactory(**fields)
        elif role:
            StaffUserFactory(role=role, **fields)
        else:
            UserFactory(**fields)
        created.append(email)
    return generated, created
