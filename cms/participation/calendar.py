"""A member's personal calendar feed: every session they have confirmed, at a secret address.

The address holds a signed token, so calendar apps can fetch it without signing in. The
token carries the user's id and a key worked out from their password hash and the
profile's random ``calendar_feed_key``: changing the password, or pressing "Reset my
calendar link" (which draws a new key), makes every older link stop working.
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from icalendar import Calendar, Event

from cms.members.choices import Status
from cms.members.models import MemberProfile, new_calendar_feed_key

SALT = "involve.calendar"


def _key(profile: MemberProfile) -> str:
    value = f"{profile.user_id}:{profile.user.password}:{profile.calendar_feed_key}"
    return salted_hmac(SALT + ".key", value).hexdigest()[:20]


def feed_token(profile: MemberProfile) -> str:
    return signing.dumps({"u": profile.user_id, "k": _key(profile)}, salt=SALT, compress=True)


def profile_for_token(token: str) -> MemberProfile | None:
    """The active member a token belongs to, or None if it is forged, old or reset."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    profile = (
        MemberProfile.objects.select_related("user")
        .filter(user_id=data["u"], status=Status.ACTIVE, user__is_active=True)
        .first()
    )
    if profile is None or not constant_time_compare(str(data.get("k", "")), _key(profile)):
        return None
    return profile


def reset_feed(profile: MemberProfile) -> None:
    """Make every earlier calendar link for this member stop working."""
    profile.calendar_feed_key = new_calendar_feed_key()
    profile.save(update_fields=["calendar_feed_key", "updated_at"])


def personal_calendar(sessions) -> Calendar:
    host = urlsplit(settings.SITE_URL).hostname or "involve"
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Your sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{settings.WAGTAIL_SITE_NAME}: your sessions")
    stamp = timezone.now().replace(microsecond=0)
    for session in sessions:
        page = session.page
        page_url = page.full_url or settings.SITE_URL
        event = Event()
        # The same uid as the opportunity's own calendar, so a calendar holds one copy.
        event.add("uid", f"opportunity-session-{session.pk}@{host}")
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", session.starts_at.astimezone(UTC))
        event.add("dtend", session.ends_at.astimezone(UTC))
        event.add("summary", f"{page.title}: {session.title}")
        event.add("location", session.location_text)
        event.add(
            "description", session.calendar_description(summary=page.summary, page_url=page_url)
        )
        if page_url:
            event.add("url", page_url)
        calendar.add_component(event)
    return calendar
