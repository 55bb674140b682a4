"""Who may use the writing help and see the reading-age report."""

from cms.users.access import in_group, is_coordinator
from cms.users.roles import EDITORS


def is_editor(user) -> bool:
    """Editors (who write pages) and administrators."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or in_group(user, EDITORS))
    )


def may_see_reading_age_report(user) -> bool:
    """Editors write the pages; coordinators ask for them to be clearer."""
    return is_editor(user) or is_coordinator(user)
