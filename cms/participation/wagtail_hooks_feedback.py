"""Admin hooks for feedback, session papers and outcome notices.

Not loaded automatically: import it from ``cms/participation/wagtail_hooks.py``
(``from . import wagtail_hooks_feedback  # noqa: F401``).
"""

from django.db import transaction
from django.urls import NoReverseMatch, include, path, reverse, reverse_lazy
from django_q.tasks import async_task
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.opportunities.models import OpportunityPage
from cms.users.access import is_coordinator

from . import papers, views_feedback


class CoordinatorMenuItem(MenuItem):
    """Shown to coordinators; given a URL name, so importing this module never fails."""

    def __init__(self, label, url_name, **kwargs):
        super().__init__(label, reverse_lazy(url_name), **kwargs)
        self.url_name = url_name

    def is_shown(self, request):
        if not is_coordinator(request.user):
            return False
        try:
            reverse(self.url_name)
        except NoReverseMatch:  # the admin URLs were built before this module was imported
            return False
        return True


def admin_urlpatterns():
    """The admin URLs for feedback and papers (also mounted directly by the tests)."""
    feedback_urls = [
        path("", views_feedback.FeedbackIndexView.as_view(), name="index"),
        path("<int:pk>/", views_feedback.FeedbackDetailView.as_view(), name="detail"),
    ]
    paper_urls = [
        path("", papers.SessionListView.as_view(), name="index"),
        path("<int:pk>/", papers.SessionPapersView.as_view(), name="session"),
    ]
    return [
        path(
            "session-feedback/",
            include((feedback_urls, "feedback_admin"), namespace="feedback_admin"),
        ),
        path("session-papers/", include((paper_urls, "papers_admin"), namespace="papers_admin")),
    ]


@hooks.register("register_admin_urls")
def register_feedback_admin_urls():
    return admin_urlpatterns()


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return CoordinatorMenuItem(
        "Session feedback", "feedback_admin:index", icon_name="comment", order=640
    )


@hooks.register("register_admin_menu_item")
def register_papers_menu_item():
    return CoordinatorMenuItem(
        "Session papers", "papers_admin:index", icon_name="doc-full", order=641
    )


@hooks.register("after_publish_page")
def tell_participants_the_outcome(request, page):
    specific = page.specific
    if isinstance(specific, OpportunityPage) and specific.has_published_outcome:
        page_id = specific.pk
        transaction.on_commit(
            lambda: async_task(
                "cms.participation.outcomes.notify_outcome",
                page_id,
                task_name=f"notify-outcome-{page_id}",
            )
        )
