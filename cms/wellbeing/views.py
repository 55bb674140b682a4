"""The member's own pause and wellbeing pages, at /members/pause/.

Every view works on the signed-in person's own record (``own_member_required``); there
is no id in any address.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.members.access import own_member_required

from . import selectors, services
from .forms import CheckInForm, PauseForm


@own_member_required
@require_GET
def index(request, member):
    today = timezone.localdate()
    return render(
        request,
        "wellbeing/index.html",
        {
            "page_title": "Take a break and tell us how you are",
            "pause": selectors.open_pause(member, on=today),
            "today": today,
            "check_ins": selectors.own_check_ins(member),
        },
    )


@own_member_required
@require_http_methods(["GET", "POST"])
def pause(request, member):
    today = timezone.localdate()
    if selectors.open_pause(member, on=today) is not None:
        messages.info(request, "You already have a pause. Come back from it to set a new one.")
        return redirect("members:wellbeing:index")
    form = PauseForm(
        request.POST if request.method == "POST" else None, initial={"starts_on": today}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pause(member, by=request.user, today=today, **form.cleaned_data)
        except services.WellbeingError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(
                request, "Your involvement is paused. We will not invite or remind you."
            )
            return redirect("members:wellbeing:index")
    return render(
        request,
        "wellbeing/pause.html",
        {"page_title": "Pause your involvement", "form": form},
        status=400 if form.errors else 200,
    )


@own_member_required
@require_POST
def resume(request, member):
    try:
        services.resume(member, by=request.user)
    except services.WellbeingError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, "Welcome back. We can invite and remind you again.")
    return redirect("members:wellbeing:index")


@own_member_required
@require_http_methods(["GET", "POST"])
def check_in(request, member):
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        check = services.check_in(
            member,
            feeling=form.cleaned_data["feeling"],
            note=form.cleaned_data["note"],
            wants_call=form.cleaned_data["wants_call"] == "yes",
            by=request.user,
        )
        messages.success(
            request,
            "Thank you for telling us. A coordinator will call you soon."
            if check.wants_call
            else "Thank you for telling us how you are.",
        )
        return redirect("members:wellbeing:index")
    return render(
        request,
        "wellbeing/check_in.html",
        {"page_title": "Tell us how you are", "form": form},
        status=400 if form.errors else 200,
    )
