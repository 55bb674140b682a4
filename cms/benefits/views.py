"""The member's benefits pages: their own earnings limit, guidance and the letter.

Every view works on the signed-in person's own record; there is no id in any address.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.core import uploads
from cms.core.models import OrganisationSettings
from cms.members.access import own_member_required

from . import letters, selectors, services
from .forms import EarningsLimitForm, LetterPeriodForm


@own_member_required
@require_GET
def index(request, member):
    return render(
        request,
        "benefits/index.html",
        {
            "page_title": "Benefits and your involvement payments",
            "limit": selectors.own_earnings_limit(request.user),
        },
    )


@own_member_required
@require_http_methods(["GET", "POST"])
def earnings_limit(request, member):
    limit = selectors.own_earnings_limit(request.user)
    initial = (
        {
            "weekly_limit": limit.weekly_limit,
            "monthly_limit": limit.monthly_limit,
            "reason": limit.reason,
        }
        if limit
        else {}
    )
    form = EarningsLimitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.set_earnings_limit(member=member, **form.cleaned_data)
        if saved:
            messages.success(
                request, "Your earnings limit is saved. We will warn you before paid work."
            )
        else:
            messages.success(request, "You have no earnings limit now. We will not warn you.")
        return redirect("members:benefits:index")
    return render(
        request,
        "benefits/earnings_limit.html",
        {"page_title": "Your earnings limit", "form": form, "limit": limit},
        status=400 if form.errors else 200,
    )


@own_member_required
@require_POST
def remove_earnings_limit(request, member):
    services.remove_earnings_limit(member=member)
    messages.success(request, "Your earnings limit has been removed. We will not warn you.")
    return redirect("members:benefits:index")


@own_member_required
@require_GET
def letter(request, member):
    """Choose the period, then download. Without a period the form starts at this tax year."""
    today = timezone.localdate()
    if "start" in request.GET or "end" in request.GET:
        form = LetterPeriodForm(request.GET)
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
            pdf = letters.render_letter_pdf(
                member=member,
                start=start,
                end=end,
                organisation=OrganisationSettings.for_request(request),
                today=today,
            )
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = (
                f'attachment; filename="{letters.letter_filename(start, end)}"'
            )
            return uploads.harden_file_response(response)
    else:
        start, end = letters.default_period(today)
        form = LetterPeriodForm(initial={"start": start, "end": end})
    return render(
        request,
        "benefits/letter.html",
        {"page_title": "Letter for a benefits office", "form": form},
        status=400 if form.errors else 200,
    )
