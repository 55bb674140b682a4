"""Easy Read versions of pages, and sending people who asked for Easy Read to them first.

Opportunities, training modules and bulletin issues keep their Easy Read version on the page
itself (the ``easy_read`` field) and serve it at ``<page address>easy-read/`` through
``EasyReadPageMixin``. Resources already had Easy Read versions as pages of their own
(``ResourcePage.easy_read_of``); they use ``easy_read_redirect`` directly.

A member whose profile asks for Easy Read is sent to the Easy Read version when there is one.
The "Standard version" link adds ``?version=standard``: the page remembers that choice in the
session, so they are not sent back again while they are signed in.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.contrib.routable_page.models import path

from .blocks import sections

STANDARD_PARAMETER = "version"
STANDARD_VALUE = "standard"
SESSION_DECLINED_KEY = "involve_easy_read_declined"
REQUEST_PREFERS_ATTRIBUTE = "_involve_prefers_easy_read"
EASY_READ_TEMPLATE = "easyread/easy_read_page.html"
EASY_READ_PREVIEW_MODE = "easy-read"


def prefers_easy_read(request) -> bool:
    """True for a signed-in member whose profile formats include Easy Read (one query, once
    per request)."""
    cached = getattr(request, REQUEST_PREFERS_ATTRIBUTE, None)
    if cached is not None:
        return cached
    from cms.members.choices import Format
    from cms.members.models import MemberProfile

    prefers = False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        formats = MemberProfile.objects.filter(user=user).values_list("formats", flat=True).first()
        prefers = Format.EASY_READ.value in (formats or [])
    setattr(request, REQUEST_PREFERS_ATTRIBUTE, prefers)
    return prefers


def chose_standard(request, page) -> bool:
    """Whether this person chose the standard version of ``page`` (now, or earlier in their
    session). A choice made now is remembered."""
    declined = request.session.get(SESSION_DECLINED_KEY, [])
    if request.GET.get(STANDARD_PARAMETER) == STANDARD_VALUE:
        if page.pk not in declined:
            request.session[SESSION_DECLINED_KEY] = [*declined, page.pk]
        return True
    return page.pk in declined


def easy_read_redirect(request, page, easy_read_url: str | None):
    """A redirect to ``easy_read_url`` for someone who asked for Easy Read, or None."""
    if not easy_read_url or getattr(request, "is_preview", False) or request.method != "GET":
        return None
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return None
    if chose_standard(request, page) or not prefers_easy_read(request):
        return None
    return redirect(easy_read_url)


def standard_url(url: str) -> str:
    """The address of the standard version that does not send people back to Easy Read."""
    return f"{url}?{STANDARD_PARAMETER}={STANDARD_VALUE}"


class EasyReadPageMixin:
    """For a page with an ``easy_read`` StreamField and ``RoutablePageMixin`` (after this)."""

    @property
    def has_easy_read(self) -> bool:
        return bool(self.easy_read)

    def get_easy_read_url(self, request=None) -> str | None:
        # A page being previewed before its first save has no address yet.
        url = self.get_url(request=request) if self.has_easy_read else None
        return url + self.reverse_subpage("easy_read") if url else None

    def get_standard_url(self, request=None) -> str | None:
        url = self.get_url(request=request)
        return standard_url(url) if url else None

    @path("")
    def index_route(self, request, *args, **kwargs):
        response = easy_read_redirect(request, self, self.get_easy_read_url(request))
        return response or super().index_route(request, *args, **kwargs)

    @property
    def preview_modes(self):
        return [*super().preview_modes, (EASY_READ_PREVIEW_MODE, "Easy Read version")]

    def serve_preview(self, request, mode_name):
        if mode_name == EASY_READ_PREVIEW_MODE:
            return self.easy_read_view(request)
        return super().serve_preview(request, mode_name)

    @path("easy-read/", name="easy_read")
    def easy_read_view(self, request):
        """The Easy Read version: each point's picture beside its sentence."""
        if not self.has_easy_read and not getattr(request, "is_preview", False):
            return redirect(self.get_url(request=request))
        context = {
            "page": self,
            "self": self,
            "request": request,
            "sections": sections(self.easy_read),
            "standard_url": self.get_standard_url(request),
        }
        return TemplateResponse(request, EASY_READ_TEMPLATE, context)
