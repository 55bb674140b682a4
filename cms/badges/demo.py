"""Demo badges: a photo ID badge and parking permit for every active demo member."""

from cms.members.choices import Status
from cms.members.models import MemberProfile

from .models import BadgeKind
from .services import issue_badge


def load_demo_badges() -> int:
    """Issue badges to active members who have none; safe to run again. Returns how many."""
    issued = 0
    for member in MemberProfile.objects.filter(status=Status.ACTIVE).select_related("user"):
        for kind in BadgeKind.values:
            before = member.badges.count()
            issue_badge(member=member, kind=kind)
            issued += member.badges.count() - before
    return issued
