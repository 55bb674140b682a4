"""Display settings (larger text, higher contrast): read on every page, saved by the form.

Everyone's choice is kept in a cookie, so it works for visitors and without JavaScript.
A signed-in person's choice is also saved on their account and copied into their session
when they sign in, so it follows them to another browser. Reading the settings for a page
costs no query: it comes from the session (already loaded for a signed-in person) or the
cookie.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

COOKIE_NAME = "involve_display"
SESSION_KEY = "involve_display"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
LARGE_TEXT = "large-text"
HIGH_CONTRAST = "high-contrast"
TEXT_LARGE_CLASS = "involve-text-large"
CONTRAST_HIGH_CLASS = "involve-contrast-high"


@dataclass(frozen=True)
class DisplaySettings:
    large_text: bool = False
    high_contrast: bool = False

    @classmethod
    def from_value(cls, value: str | None) -> DisplaySettings:
        """Read the stored form ("large-text,high-contrast"); anything unknown is ignored."""
        parts = set((value or "").split(","))
        return cls(large_text=LARGE_TEXT in parts, high_contrast=HIGH_CONTRAST in parts)

    @property
    def value(self) -> str:
        return ",".join(
            part
            for part, wanted in ((LARGE_TEXT, self.large_text), (HIGH_CONTRAST, self.high_contrast))
            if wanted
        )

    @property
    def css_classes(self) -> str:
        classes = []
        if self.large_text:
            classes.append(TEXT_LARGE_CLASS)
        if self.high_contrast:
            classes.append(CONTRAST_HIGH_CLASS)
        return " ".join(classes)


def current_settings(request) -> DisplaySettings:
    """The settings for this request: the signed-in person's, else this browser's."""
    user = getattr(request, "user", None)
    # A request built outside the middleware (an email or PDF rendered from a template)
    # has no session: it gets the browser's settings, which it does not have either.
    session = getattr(request, "session", {})
    if user is not None and user.is_authenticated and SESSION_KEY in session:
        return DisplaySettings.from_value(session[SESSION_KEY])
    return DisplaySettings.from_value(request.COOKIES.get(COOKIE_NAME))


def save_settings(*, request, response, chosen: DisplaySettings) -> None:
    """Keep ``chosen`` in this browser's cookie and, for a signed-in person, on their account
    and in their session."""
    from .models import DisplayPreference

    response.set_cookie(
        COOKIE_NAME,
        chosen.value,
        max_age=COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    if request.user.is_authenticated:
        DisplayPreference.objects.update_or_create(
            user=request.user,
            defaults={"large_text": chosen.large_text, "high_contrast": chosen.high_contrast},
        )
        request.session[SESSION_KEY] = chosen.value


def restore_on_sign_in(sender, request, user, **kwargs) -> None:
    """On sign-in, use the person's saved settings (if they saved any) in this browser."""
    from .models import DisplayPreference

    if request is None or not hasattr(request, "session"):
        return
    saved = DisplayPreference.objects.filter(user=user).first()
    if saved is not None:
        request.session[SESSION_KEY] = DisplaySettings(
            large_text=saved.large_text, high_contrast=saved.high_contrast
        ).value


def display(request) -> dict:
    """Context processor: the classes ``base.html`` puts on ``<html>``."""
    return {"display_classes": current_settings(request).css_classes}
