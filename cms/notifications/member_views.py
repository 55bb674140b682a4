"""The signed-in person's messages: everything Involve told them, and how it reaches them.

Only ever their own: every lookup goes through ``Notification.objects.for_user``, so an
id in the address that belongs to someone else is simply not found.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Notification
from .selectors import contact_summary, notifications_for_member
from .services import mark_read

PER_PAGE = 20


@never_cache
@login_required
@require_GET
def message_list(request):
    page_obj = Paginator(notifications_for_member(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/member/list.html",
        {
            "page_title": "Your messages",
            "page_obj": page_obj,
            "notifications": page_obj.object_list,
            "contact": contact_summary(request.user),
        },
    )


@never_cache
@login_required
@require_GET
def message_detail(request, pk: int):
    """One message in full. Opening it marks it read."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    mark_read(notification)
    # A message whose only link is back to this list needs no button.
    action_url = notification.action_url
    if action_url == reverse("members:messages:index"):
        action_url = ""
    return render(
        request,
        "notifications/member/detail.html",
        {
            "page_title": notification.subject,
            "notification": notification,
            "action_url": action_url,
        },
    )
