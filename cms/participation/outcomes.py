"""Telling participants the outcome, and the public "You said, we did" page.

When an opportunity's outcome is published (``outcome_published_on`` reached and the page
live), everyone who took part (attended, selected or confirmed) is told once, keyed by
``outcome:<page>:<interest>``. The Wagtail ``after_publish_page`` hook queues
:func:`notify_outcome`; a daily catch-up covers outcomes dated for a later day.
"""

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cms.opportunities.models import OpportunityPage

from .models import Interest, InterestStatus
from .reminders import send_once

CATCH_UP_DAYS = 60


def participants(opportunity: OpportunityPage):
    """Everyone who took part: attended a session, or selected or confirmed."""
    return (
        Interest.objects.filter(opportunity=opportunity, member__user__is_active=True)
        .filter(
            Q(status__in=[InterestStatus.SELECTED, InterestStatus.CONFIRMED])
            | Q(attendance__attended=True)
        )
        .distinct()
        .select_related("member__user")
        .order_by("pk")
    )


def notify_outcome(opportunity, today=None) -> int:
    """Tell every participant the outcome is published. Sends each once; returns how many."""
    page_id = getattr(opportunity, "pk", opportunity)
    page = OpportunityPage.objects.live().filter(pk=page_id).first()
    if page is None or not page.outcome_is_published(today):
        return 0
    sent = 0
    for interest in participants(page):
        sent += send_once(
            f"outcome:{page.pk}:{interest.pk}",
            recipient=interest.member.user,
            url=f"{page.url}#you-said-we-did",
            subject=f"You said, we did: what happened after {page.title}",
            template="participation/email/reminder_outcome.txt",
            context={
                "user": interest.member.user,
                "opportunity": page,
                "opportunity_url": page.full_url,
            },
        )
    return sent


def catch_up_outcomes(today=None) -> int:
    """Notify for every outcome published in the last few weeks (already-sent are skipped)."""
    today = today or timezone.localdate()
    pages = OpportunityPage.objects.live().filter(
        outcome_published_on__lte=today,
        outcome_published_on__gte=today - dt.timedelta(days=CATCH_UP_DAYS),
    )
    return sum(notify_outcome(page, today=today) for page in pages)


def published_outcomes():
    return (
        OpportunityPage.objects.live()
        .public()
        .filter(outcome_published_on__lte=timezone.localdate())
        .order_by("-outcome_published_on", "-pk")
    )


@require_GET
def you_said_we_did(request):
    """Public list of opportunities whose outcome is published, newest first."""
    page_obj = Paginator(published_outcomes(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "opportunities/you_said_we_did.html",
        {"page_title": "You said, we did", "page_obj": page_obj},
    )
