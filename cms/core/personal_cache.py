"""Fragments of one person's own pages, kept in the cache until something they show changes.

The member dashboard gathers a dozen panels from as many apps (sessions, claims, training,
mentoring, notifications...): about forty queries and most of a page's rendering time. A
member comes back to it between every task, so it is built once and kept, for them alone.

A fragment is stored under the person's user id and two version tokens, theirs and
everyone's. Forgetting is moving a token on, never deleting keys, so it costs one cache
write and every web server sees it at once (the cache is Redis in production). A
fragment is forgotten:

- for the person, when they (or a supporter acting for them) send anything: every POST,
  PUT, PATCH or DELETE request by a signed-in person moves their own token on
  (``PersonalFragmentsMiddleware``), so whatever they just did shows at once;
- for everyone, when a member of staff sends anything: a coordinator's move can change
  any member's panels (selection, attendance, a claim approved, an opportunity published);
- for the person, when they are told something (``notify``): what another member does to
  them (a mentor logging a session) and what background tasks find (reminders) arrive as
  notifications;
- after ``PERSONAL_FRAGMENT_SECONDS`` in any case, which bounds what time alone changes
  (a session starting, a pause ending) and anything the rules above do not see.

Nothing here is shared between people, and whole pages are never cached: the page
around the fragment (header, sign-out form, CSRF token, messages) is built every time.
"""

import secrets

from django.conf import settings
from django.core.cache import cache

EVERYONE_KEY = "personal-fragments:everyone"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _person_key(user_id: int) -> str:
    return f"personal-fragments:person:{user_id}"


def _fresh_token() -> str:
    return secrets.token_hex(6)


def forget_for(*user_ids: int) -> None:
    """Forget every fragment kept for these people."""
    ids = {user_id for user_id in user_ids if user_id is not None}
    if ids:
        cache.set_many({_person_key(user_id): _fresh_token() for user_id in ids}, timeout=None)


def forget_for_everyone() -> None:
    """Forget every person's fragments: after a change that may touch anyone's."""
    cache.set(EVERYONE_KEY, _fresh_token(), timeout=None)


def _tokens(user_id: int) -> tuple[str, str]:
    """Everyone's token and the person's, in one cache round trip; made when missing (the
    cache was cleared), which also makes every fragment stored before unreachable."""
    person_key = _person_key(user_id)
    found = cache.get_many([EVERYONE_KEY, person_key])
    missing = {key: _fresh_token() for key in (EVERYONE_KEY, person_key) if key not in found}
    for key, token in missing.items():
        # add(), not set(): two servers both finding it missing agree on one token.
        if not cache.add(key, token, timeout=None):
            token = cache.get(key, token)
        found[key] = token
    return found[EVERYONE_KEY], found[person_key]


def personal_fragment(user, name: str, build) -> str:
    """The HTML fragment ``name`` for ``user``: from the cache, or ``build()`` and kept.

    ``build`` must return HTML that depends only on this person's data (no CSRF token,
    no messages, nothing from the request but who is signed in).
    """
    seconds = getattr(settings, "PERSONAL_FRAGMENT_SECONDS", 0)
    if seconds <= 0:
        return build()
    everyone, person = _tokens(user.pk)
    key = f"personal-fragments:{name}:{user.pk}:{everyone}:{person}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, seconds)
    return html


def _is_staff(user) -> bool:
    return user.is_staff or user.has_perm("wagtailadmin.access_admin")


class PersonalFragmentsMiddleware:
    """After any request that may have changed something, forgets the fragments it may have
    made stale: the sender's own (and the member's they act for), or everyone's when the
    sender is staff. Sits after the authentication and supporters middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in UNSAFE_METHODS:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                self.forget_after_change(request, user)
        return response

    @staticmethod
    def forget_after_change(request, user) -> None:
        if _is_staff(user):
            forget_for_everyone()
            return
        from cms.members.access import acting_for

        arrangement = acting_for(request)
        forget_for(user.pk, arrangement.member.user_id if arrangement else None)
