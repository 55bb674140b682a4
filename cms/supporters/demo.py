"""A demo supporter: the demo member's sister, who helps them take part.

Safe to run again: the arrangement is only made when the member has none.
"""

from django.utils import timezone

from cms.members.models import MemberProfile
from cms.users.models import User

from .models import ArrangementStatus, Relationship, SupportArrangement
from .services import consent_wording

DEMO_SUPPORTER_EMAIL = "supporter@example.org"


def load_demo(*, password: str | None) -> int:
    """Give member@example.org an active supporter with their own sign-in, using the demo
    password (or none, when the demo people already existed: they can reset it). Returns
    how many arrangements were added (0 or 1)."""
    member = MemberProfile.objects.filter(user__email="member@example.org").first()
    if member is None or SupportArrangement.objects.filter(member=member).exists():
        return 0
    supporter, created = User.objects.get_or_create(
        email=DEMO_SUPPORTER_EMAIL, defaults={"first_name": "Priya", "last_name": "Patel"}
    )
    if created:
        if password:
            supporter.set_password(password)
        else:
            supporter.set_unusable_password()
        supporter.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=supporter, email=supporter.email, defaults={"verified": True, "primary": True}
        )
    now = timezone.now()
    SupportArrangement.objects.create(
        member=member,
        supporter=supporter,
        supporter_name="Priya Patel",
        supporter_email=DEMO_SUPPORTER_EMAIL,
        relationship=Relationship.FAMILY,
        may_express_interest=True,
        may_fill_in_forms=True,
        gets_message_copies=True,
        consent_wording=consent_wording(
            supporter_name="Priya Patel",
            permissions={"express_interest", "fill_in_forms"},
            gets_message_copies=True,
        ),
        consented_at=now,
        invited_at=now,
        invited_by=member.user,
        invitation_sent_at=now,
        status=ArrangementStatus.ACTIVE,
        accepted_at=now,
    )
    return 1
