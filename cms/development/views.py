"""The personal development plan in the members area, at /members/plan/.

A member's own plan has no id in its address. Goals and actions are looked up through
``for_user`` and narrowed to the member's own plan, so a changed id finds nothing. Plans
shared with someone (as supervisor or active mentor) are read at ``people/<id>/``, where
the id is looked up inside ``plan_members_for``: anyone else gets a 404.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cms.members.models import MemberProfile

from . import selectors, services
from .forms import ActionForm, ActionStatusForm, GoalForm, ReflectionForm, ReviewForm
from .models import DevelopmentAction, DevelopmentGoal

NS = "members:development"
NOT_ACTIVE_MESSAGE = "You can keep a development plan once you are an active member."


def own_plan_required(view):
    """Signed in, with an active member profile of their own; passes it as ``member``."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        member = (
            MemberProfile.objects.for_user(request.user)
            .in_bank()
            .filter(user=request.user)
            .select_related("user", "supervisor")
            .first()
        )
        if member is None:
            messages.info(request, NOT_ACTIVE_MESSAGE)
            return redirect("members:account")
        return view(request, member, *args, **kwargs)

    return wrapper


def _own_goal(request, member, goal_id) -> DevelopmentGoal:
    return get_object_or_404(
        DevelopmentGoal.objects.for_user(request.user).select_related("member"),
        pk=goal_id,
        member=member,
    )


def _form_page(request, form, *, title, caption="", intro="", button="Save", back):
    return render(
        request,
        "development/member/form.html",
        {
            "page_title": title,
            "title": title,
            "caption": caption,
            "intro": intro,
            "form": form,
            "button": button,
            "back_url": reverse(back),
        },
    )


@own_plan_required
def plan(request, member):
    context = selectors.plan_of(member)
    context.update(
        page_title="Your development plan",
        editable=True,
        shared_with_me=selectors.plans_shared_with(request.user),
    )
    return render(request, "development/member/plan.html", context)


@own_plan_required
@require_http_methods(["GET", "POST"])
def goal_add(request, member):
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_goal(member=member, by=request.user, **form.cleaned_data)
        messages.success(request, "Your goal is added. Now add the first step towards it.")
        return redirect(f"{NS}:plan")
    return _form_page(
        request,
        form,
        title="Add a goal",
        caption="Your development plan",
        intro="Something you would like to learn or do in the next year or so.",
        button="Add goal",
        back=f"{NS}:plan",
    )


@own_plan_required
@require_http_methods(["GET", "POST"])
def goal_change(request, member, goal_id: int):
    goal = _own_goal(request, member, goal_id)
    initial = {"what": goal.what, "why": goal.why, "by_when": goal.by_when}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.change_goal(goal=goal, by=request.user, **form.cleaned_data)
        messages.success(request, "Your goal is saved.")
        return redirect(f"{NS}:plan")
    return _form_page(request, form, title="Change your goal", caption=goal.what, back=f"{NS}:plan")


@own_plan_required
@require_http_methods(["GET", "POST"])
def action_add(request, member, goal_id: int):
    goal = _own_goal(request, member, goal_id)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_action(goal=goal, by=request.user, **form.cleaned_data)
        messages.success(request, "The step is added to your plan.")
        return redirect(f"{NS}:plan")
    return _form_page(
        request,
        form,
        title="Add a step",
        caption=goal.what,
        button="Add step",
        back=f"{NS}:plan",
    )


@own_plan_required
@require_http_methods(["GET", "POST"])
def action_status(request, member, action_id: int):
    action = get_object_or_404(
        DevelopmentAction.objects.for_user(request.user).select_related("goal__member"),
        pk=action_id,
        goal__member=member,
    )
    form = ActionStatusForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        services.set_action_status(action=action, by=request.user, **form.cleaned_data)
        messages.success(request, "Your plan is updated.")
        return redirect(f"{NS}:plan")
    return _form_page(
        request,
        form,
        title="Update a step",
        caption=action.description,
        back=f"{NS}:plan",
    )


@own_plan_required
@require_http_methods(["GET", "POST"])
def reflection_add(request, member):
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_reflection(member=member, by=request.user, **form.cleaned_data)
        messages.success(request, "Your reflection is saved.")
        return redirect(f"{NS}:plan")
    return _form_page(
        request,
        form,
        title="Write a reflection",
        caption="Your development plan",
        intro="Only you, your supervisor and your mentor can read it.",
        button="Save reflection",
        back=f"{NS}:plan",
    )


@own_plan_required
@require_http_methods(["GET", "POST"])
def review_add(request, member):
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_review(member=member, by=request.user, **form.cleaned_data)
        messages.success(request, "The review is added to your plan.")
        return redirect(f"{NS}:plan")
    return _form_page(
        request,
        form,
        title="Record a review of your plan",
        caption="Your development plan",
        intro="A meeting with your supervisor or mentor where you looked at your plan together.",
        button="Save review",
        back=f"{NS}:plan",
    )


@login_required
def shared(request):
    return render(
        request,
        "development/member/shared.html",
        {
            "page_title": "Development plans shared with you",
            "people": selectors.plans_shared_with(request.user),
        },
    )


def _readable(request, member_id: int) -> MemberProfile:
    member = selectors.readable_plan_member(request.user, member_id)
    if member is None:
        raise Http404("There is no plan here that you can read.")
    return member


@login_required
def person_plan(request, member_id: int):
    """Someone else's plan, read-only, for their supervisor, active mentor or a coordinator."""
    member = _readable(request, member_id)
    if member.user_id == request.user.pk:
        return redirect(f"{NS}:plan")
    context = selectors.plan_of(member)
    context.update(
        page_title=f"{member}'s development plan",
        editable=False,
        may_review=bool(services.reviewer_role(request.user, member)),
    )
    return render(request, "development/member/person_plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_review(request, member_id: int):
    """The supervisor or active mentor records a review they held with the member."""
    member = _readable(request, member_id)
    if not services.reviewer_role(request.user, member):
        raise Http404("Only their supervisor or mentor can record a review.")
    form = ReviewForm(request.POST or None)
    del form.fields["held_with"], form.fields["reviewer_name"]
    if request.method == "POST" and form.is_valid():
        services.record_review(member=member, by=request.user, **form.cleaned_data)
        messages.success(request, f"The review is added to {member}'s plan.")
        return redirect(f"{NS}:person", member_id=member.pk)
    return render(
        request,
        "development/member/form.html",
        {
            "page_title": "Record a review",
            "title": "Record a review",
            "caption": f"{member}'s development plan",
            "form": form,
            "button": "Save review",
            "back_url": reverse(f"{NS}:person", args=[member.pk]),
        },
    )
