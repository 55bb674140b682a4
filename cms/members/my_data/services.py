"""Changes a member makes to their own consent."""

from django.utils import timezone

from cms.members.models import MemberProfile


def withdraw_health_consent(*, user) -> MemberProfile | None:
    """Stop using the person's health information from now on; None if they have no record."""
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    if profile.consent_withdrawn_at is None or profile.consented_to_health_data:
        profile.consented_to_health_data = False
        profile.consent_withdrawn_at = timezone.now()
        profile.save(
            update_fields=["consented_to_health_data", "consent_withdrawn_at", "updated_at"]
        )
    return profile
