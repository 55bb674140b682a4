"""Mentoring in the members area, at /members/mentoring/: each person's pairs, a page per
pair, accepting or declining, shared goals, and sessions one logs and the other confirms.

Every pair is looked up through ``MentoringPair.objects.for_user`` (the two people in
it, or a coordinator); a pair id that is not theirs is a 404. Sessions are looked up
inside the pair. All changes go through ``services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from cms.development import selectors as plan_selectors

from . import selectors, services
from .forms import DeclineForm, EndForm, SessionForm, SharedGoalForm
from .models import MentoringSession, PairStatus

NS = "members:mentoring"


def _pair(request, pair_id: int):
    pair = selectors.pair_for(request.user, pair_id)
    if pair is None:
        raise Http404("There is no mentoring pair here that you can see.")
    return pair


def _own_pair(request, pair_id: int):
    """A pair the signed-in person is in themselves (coordinators only read pair pages)."""
    pair = _pair(request, pair_id)
    if not pair.role_of(request.user):
        raise Http404("Only the mentor and the mentee can do this.")
    return pair


def _back(pair) -> str:
    return reverse(f"{NS}:pair", args=[pair.pk])


def _waiting_for(pair, user) -> bool:
    """Proposed, and ``user`` (in the pair) has not said yes yet."""
    return pair.status == PairStatus.PROPOSED and not pair.has_accepted(user)


@login_required
def index(request):
    pairs = list(selectors.own_pairs(request.user))
    for pair in pairs:
        pair.my_role = pair.role_of(request.user)
        pair.other = pair.other_person(request.user)
        pair.waiting_for_me = _waiting_for(pair, request.user)
    return render(
        request,
        "mentoring/member/index.html",
        {"page_title": "Mentoring", "pairs": pairs},
    )


@login_required
def pair_page(request, pair_id: int):
    pair = _pair(request, pair_id)
    user = request.user
    role = pair.role_of(user)
    sessions = list(pair.sessions.all())
    for session in sessions:
        session.may_confirm = (
            bool(role) and session.confirmed_at is None and session.logged_by_id != user.pk
        )
    context = {
        "page_title": "Your mentoring",
        "pair": pair,
        "role": role,
        "other": pair.other_person(user) if role else None,
        "waiting_for_me": bool(role) and _waiting_for(pair, user),
        "is_active": pair.status == PairStatus.ACTIVE,
        "moves": _moves(pair) if role else [],
        "goals": list(pair.goals.all()),
        "sessions": sessions,
        "history": list(pair.history.all()),
    }
    if role == "mentor" and pair.status == PairStatus.ACTIVE:
        # The mentee shares their development plan with an active mentor.
        mentee = plan_selectors.readable_plan_member(user, pair.mentee_id)
        if mentee is not None:
            context["mentee_plan"] = plan_selectors.plan_of(mentee)
    return render(request, "mentoring/member/pair.html", context)


# Moves the two people make from their pair page, with what the page and button say.
MEMBER_MOVES = {
    "pause": {
        "to": PairStatus.PAUSED,
        "title": "Pause your mentoring",
        "text": "You can start again at any time. Nothing you have logged is lost.",
        "button": "Pause mentoring",
        "done": "Your mentoring is paused.",
    },
    "restart": {
        "to": PairStatus.ACTIVE,
        "title": "Start your mentoring again",
        "text": "You can log sessions and add goals again once it has restarted.",
        "button": "Start again",
        "done": "Your mentoring has started again.",
    },
    "end": {
        "to": PairStatus.ENDED,
        "title": "End your mentoring",
        "text": "Ending cannot be undone. The involvement team can suggest a new pair later.",
        "button": "End mentoring",
        "done": "Your mentoring has ended. Thank you.",
    },
}


def _moves(pair) -> list[tuple[str, str]]:
    allowed = services.TRANSITIONS[pair.status]
    return [
        (slug, details["button"])
        for slug, details in MEMBER_MOVES.items()
        if details["to"] in allowed and pair.status != PairStatus.PROPOSED
    ]


@login_required
@require_POST
def accept(request, pair_id: int):
    pair = _own_pair(request, pair_id)
    try:
        pair = services.accept_pair(pair=pair, by=request.user)
    except services.MentoringError as error:
        messages.error(request, str(error))
    else:
        if pair.status == PairStatus.ACTIVE:
            messages.success(request, "You have both said yes. Your mentoring has started.")
        else:
            messages.success(
                request, "Thank you for saying yes. We will tell you when the other person does."
            )
    return redirect(_back(pair))


@login_required
@require_http_methods(["GET", "POST"])
def decline(request, pair_id: int):
    pair = _own_pair(request, pair_id)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_pair(pair=pair, by=request.user, reason=form.cleaned_data["reason"])
        except services.MentoringError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, "You have said no to this pair. Thank you for letting us know."
            )
        return redirect(f"{NS}:index")
    return render(
        request,
        "mentoring/member/form.html",
        {
            "page_title": "Say no to this pair",
            "title": "Say no to this pair",
            "form": form,
            "button": "Say no",
            "warning": True,
            "back_url": _back(pair),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def move(request, pair_id: int, action: str):
    pair = _own_pair(request, pair_id)
    details = MEMBER_MOVES[action]
    form = EndForm(request.POST or None) if action == "end" else None
    if request.method == "POST" and (form is None or form.is_valid()):
        reason = form.cleaned_data["reason"] if form else ""
        try:
            services.move_pair(pair=pair, to_status=details["to"], by=request.user, reason=reason)
        except services.MentoringError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, details["done"])
        return redirect(_back(pair))
    return render(
        request,
        "mentoring/member/form.html",
        {
            "page_title": details["title"],
            "title": details["title"],
            "intro": details["text"],
            "form": form,
            "button": details["button"],
            "warning": action == "end",
            "back_url": _back(pair),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request, pair_id: int):
    pair = _own_pair(request, pair_id)
    form = SharedGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_goal(pair=pair, by=request.user, **form.cleaned_data)
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The goal is added. You can both see it.")
            return redirect(_back(pair))
    return render(
        request,
        "mentoring/member/form.html",
        {
            "page_title": "Add a shared goal",
            "title": "Add a shared goal",
            "caption": "Your mentoring",
            "form": form,
            "button": "Add goal",
            "back_url": _back(pair),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_log(request, pair_id: int):
    pair = _own_pair(request, pair_id)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_session(pair=pair, by=request.user, **form.cleaned_data)
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "The session is logged. We have asked the other person to confirm it."
            )
            return redirect(_back(pair))
    return render(
        request,
        "mentoring/member/form.html",
        {
            "page_title": "Log a mentoring session",
            "title": "Log a mentoring session",
            "caption": "Your mentoring",
            "intro": "The other person will be asked to confirm it.",
            "form": form,
            "button": "Log session",
            "back_url": _back(pair),
        },
    )


@login_required
@require_POST
def session_confirm(request, pair_id: int, session_id: int):
    pair = _own_pair(request, pair_id)
    session = get_object_or_404(
        MentoringSession.objects.for_user(request.user), pk=session_id, pair=pair
    )
    try:
        services.confirm_session(session=session, by=request.user)
    except services.MentoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The session on {session.held_on:%-d %B %Y} is confirmed.")
    return redirect(_back(pair))
