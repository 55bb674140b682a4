"""The member's side of taking part: say "I'm interested", follow it, confirm, check in.

Every view works on the signed-in person's own record. The only id in any address is an
opportunity's, and it is looked up among live opportunities; an interest is then found
through ``Interest.objects.for_user`` narrowed to the person's own profile, so nobody can
see or change anyone else's.
"""

from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from cms.benefits.guard import warning_for_sessions
from cms.members.access import ENDED_ATTRIBUTE, acting_for, refuse_supporter
from cms.members.models import MemberProfile
from cms.supporters.selectors import supporter_labels_for

from . import calendar, selectors
from .forms import CheckInForm, InterestForm
from .models import Interest, InterestStatus
from .services import (
    TRANSITIONS,
    ParticipationError,
    check_in,
    express_interest,
    missing_requirements,
    move_interest,
)

# Mounted inside the members area, so its names sit inside the "members" namespace.
NS = "members:participation"

NOT_ACTIVE_MESSAGE = (
    "You can take part once you are an active member. "
    "If you have applied, we will be in touch about the next step."
)


def active_member_required(view=None, *, supporters_may: str | None = None):
    """Signed in, with an active member profile of their own; passes it as ``member``.

    ``supporters_may`` lets a supporter acting for a member use the page with the
    member's record (see ``cms.members.access.own_member_required``); without it they
    are refused.
    """
    if view is None:
        return partial(active_member_required, supporters_may=supporters_may)

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        arrangement = acting_for(request)
        if arrangement is not None:
            if supporters_may is None or not (
                supporters_may == "read" or arrangement.allows(supporters_may)
            ):
                return refuse_supporter(request, arrangement)
            return view(request, arrangement.member, *args, **kwargs)
        if getattr(request, ENDED_ATTRIBUTE, False):
            return refuse_supporter(request)
        member = (
            MemberProfile.objects.for_user(request.user)
            .in_bank()
            .filter(user=request.user)
            .select_related("user")
            .first()
        )
        if member is None:
            messages.info(request, NOT_ACTIVE_MESSAGE)
            return redirect("members:account")
        return view(request, member, *args, **kwargs)

    # Read by ``cms.supporters.middleware`` (deny by default while acting for someone).
    wrapper.supporters_may = supporters_may
    return wrapper


def own_interest(request, member: MemberProfile, page_id: int) -> Interest:
    # A supporter's ``member`` comes from their checked, active arrangement.
    interests = (
        Interest.objects.filter(member=member)
        if acting_for(request) is not None
        else Interest.objects.for_user(request.user)
    )
    return get_object_or_404(
        interests.select_related("opportunity"),
        member=member,
        opportunity_id=page_id,
    )


STATUS_TAG_CLASS = {
    InterestStatus.INTERESTED: "nhsuk-tag--blue",
    InterestStatus.WAITING: "nhsuk-tag--yellow",
    InterestStatus.SHORTLISTED: "nhsuk-tag--blue",
    InterestStatus.INVITED: "nhsuk-tag--purple",
    InterestStatus.SELECTED: "nhsuk-tag--green",
    InterestStatus.CONFIRMED: "nhsuk-tag--green",
    InterestStatus.NOT_SELECTED: "nhsuk-tag--grey",
    InterestStatus.WITHDRAWN: "nhsuk-tag--grey",
}


def for_display(interests) -> list[Interest]:
    """Add what the templates need to show each interest: its tag colour, its actions
    and who did it for the member if their supporter did."""
    interests = list(interests)
    # Worked out for the whole list at once, so showing it costs no query per row.
    supporter_labels = supporter_labels_for(interests)
    for item in interests:
        item.tag_class = STATUS_TAG_CLASS.get(item.status, "")
        item.done_by_supporter = supporter_labels.get(item.pk, "")
        item.can_withdraw = InterestStatus.WITHDRAWN in TRANSITIONS.get(item.status, set())
    return interests


@active_member_required(supporters_may="express_interest")
@require_http_methods(["GET", "POST"])
def interest(request, member, page_id: int):
    opportunity = selectors.open_opportunity(page_id=page_id)
    if opportunity is None:
        raise Http404("This opportunity is not open.")
    existing = Interest.objects.filter(member=member, opportunity=opportunity).first()
    if existing is not None:
        initial = {
            "message": existing.message,
            "adjustments": existing.adjustments,
            "formats": existing.formats,
            "sessions": list(existing.sessions.values_list("pk", flat=True)),
        }
    else:
        adjustments = "\n\n".join(
            part.strip()
            for part in (member.meeting_support, member.reasonable_adjustments)
            if part and part.strip()
        )
        initial = {"adjustments": adjustments, "formats": member.formats}
    form = InterestForm(request.POST or None, opportunity=opportunity, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            express_interest(
                member,
                opportunity,
                message=form.cleaned_data["message"],
                adjustments=form.cleaned_data["adjustments"],
                formats=form.cleaned_data["formats"],
                sessions=form.cleaned_data.get("sessions") or (),
                by=request.user,
            )
        except ParticipationError as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{NS}:interest_sent", page_id=opportunity.pk)
    return render(
        request,
        "participation/member/interest_form.html",
        {
            "page_title": f"I'm interested: {opportunity.title}",
            "form": form,
            "opportunity": opportunity,
            "existing": existing,
            "missing": missing_requirements(member, opportunity),
        },
    )


@active_member_required(supporters_may="express_interest")
def interest_sent(request, member, page_id: int):
    item = own_interest(request, member, page_id)
    return render(
        request,
        "participation/member/interest_sent.html",
        {
            "page_title": "Thank you for saying you are interested",
            "interest": item,
            "on_waiting_list": item.status == InterestStatus.WAITING,
        },
    )


@active_member_required(supporters_may="read")
def involvement(request, member):
    interests = for_display(selectors.interests_of(member=member))
    return render(
        request,
        "participation/member/involvement.html",
        {"page_title": "Your involvement", "interests": interests},
    )


ACTIONS = {
    "withdraw": {
        "to": InterestStatus.WITHDRAWN,
        "title": "Are you sure you want to stop taking part?",
        "button": "Yes, withdraw",
        "done": "You have withdrawn from {title}. Thank you for letting us know.",
    },
    "confirm": {
        "to": InterestStatus.CONFIRMED,
        "title": "Confirm your place",
        "button": "Confirm my place",
        "done": "Your place on {title} is confirmed.",
    },
}


@active_member_required(supporters_may="express_interest")
@require_http_methods(["GET", "POST"])
def change_interest(request, member, page_id: int, action: str):
    """Withdraw, or confirm a place: a page that asks first, then a POST that does it."""
    item = own_interest(request, member, page_id)
    details = ACTIONS[action]
    if request.method == "POST":
        try:
            move_interest(item, details["to"], by=request.user)
        except ParticipationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, details["done"].format(title=item.opportunity.title))
        return redirect(f"{NS}:involvement")
    missing, earnings_warning = [], None
    if action == "confirm":
        missing = missing_requirements(member, item.opportunity)
        earnings_warning = warning_for_sessions(
            member, list(item.sessions.all()) or list(item.opportunity.sessions.all())
        )
    return render(
        request,
        "participation/member/change_interest.html",
        {
            "page_title": details["title"],
            "details": details,
            "action": action,
            "interest": item,
            "missing": missing,
            "earnings_warning": earnings_warning,
        },
    )


@active_member_required
@require_http_methods(["GET", "POST"])
def check_in_view(request, member):
    form = CheckInForm(request.POST or None)
    attendance = None
    if request.method == "POST" and form.is_valid():
        try:
            attendance = check_in(member, form.cleaned_data["code"])
        except ParticipationError as error:
            form.add_error("code", str(error))
    return render(
        request,
        "participation/member/check_in.html",
        {
            "page_title": "You are checked in" if attendance else "Check in to a session",
            "form": form,
            "attendance": attendance,
        },
    )


@active_member_required
def calendar_link(request, member):
    token = calendar.feed_token(member)
    feed_url = request.build_absolute_uri(reverse(f"{NS}:calendar_feed", args=[token]))
    return render(
        request,
        "participation/member/calendar.html",
        {"page_title": "Your sessions in your own calendar", "feed_url": feed_url},
    )


@active_member_required
@require_POST
def calendar_reset(request, member):
    calendar.reset_feed(member)
    messages.success(request, "Your calendar link has changed. The old link no longer works.")
    return redirect(f"{NS}:calendar")


def calendar_feed(request, token: str):
    """The personal feed: no sign-in, the token is the key."""
    member = calendar.profile_for_token(token)
    if member is None:
        raise Http404("This calendar link does not work.")
    sessions = selectors.confirmed_sessions(member=member)
    body = calendar.personal_calendar(sessions).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="my-sessions.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def dashboard_context(member: MemberProfile) -> dict:
    """What the 'My account' dashboard shows an active member: a fixed number of queries."""
    return {
        "upcoming_sessions": selectors.upcoming_sessions(member=member),
        "feedback_to_give": selectors.feedback_to_give(member=member),
        "interests": for_display(
            selectors.interests_of(member=member).exclude(status=InterestStatus.WITHDRAWN)[:20]
        ),
        "hours_this_year": selectors.hours_this_tax_year(member=member),
        "matching_opportunities": selectors.opportunities_matching(member=member),
        "feedback_replies": selectors.feedback_replies(member=member),
        "outcomes": selectors.outcomes_for(member=member),
    }
