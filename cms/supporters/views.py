"""'People who help me' for members, and the supporter's side: accept, act, stop.

No member id is ever taken from the address: a member's arrangements are found through
their own record, and a supporter's through ``for_supporter(request.user)``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from cms.members.access import acting_for, own_member, own_member_required
from cms.participation.views_member import dashboard_context

from . import selectors, services
from .forms import EndArrangementForm, NameSupporterForm
from .middleware import supporters_may
from .models import ArrangementStatus, SupportArrangement
from .services import SupporterError

NS = "members:supporters"


def _active_arrangement_supported_by(user, pk: int) -> SupportArrangement:
    """One of ``user``'s own active arrangements as a supporter, or 404: never anyone else's."""
    return get_object_or_404(
        SupportArrangement.objects.for_supporter(user)
        .filter(status=ArrangementStatus.ACTIVE)
        .select_related("member__user"),
        pk=pk,
    )


@never_cache
@login_required
def index(request):
    """The member's supporters, and the people this person supports."""
    member = own_member(request.user)
    return render(
        request,
        "supporters/index.html",
        {
            "page_title": "People who help me",
            "member": member,
            "arrangements": list(selectors.arrangements_of(member)) if member else [],
            "supporting": list(selectors.people_supported_by(request.user)),
        },
    )


@own_member_required
@require_http_methods(["GET", "POST"])
def add(request, member):
    form = NameSupporterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            arrangement = services.name_supporter(
                member,
                by=request.user,
                supporter_name=data["supporter_name"],
                supporter_email=data["supporter_email"],
                relationship=data["relationship"],
                permissions=data["permissions"],
                gets_message_copies=data["gets_message_copies"],
                consent_given=data["consent"],
            )
        except SupporterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"We have sent {arrangement.supporter_name} an invitation. They can act for "
                "you once they accept it.",
            )
            return redirect(f"{NS}:index")
    return render(
        request,
        "supporters/add.html",
        {"page_title": "Name a supporter", "form": form},
    )


@own_member_required
@require_http_methods(["GET", "POST"])
def end(request, member, pk: int):
    arrangement = get_object_or_404(SupportArrangement.objects.of_member(member).current(), pk=pk)
    form = EndArrangementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_arrangement(
                arrangement, by=request.user, reason=form.cleaned_data["reason"]
            )
        except SupporterError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{arrangement.supporter_name} can no longer act for you.")
        return redirect(f"{NS}:index")
    return render(
        request,
        "supporters/end.html",
        {
            "page_title": f"Stop {arrangement.supporter_name} acting for you",
            "arrangement": arrangement,
            "form": form,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """The link in the invitation email: the supporter reads it, then accepts."""
    arrangement = services.arrangement_for_token(token)
    if arrangement is None:
        raise Http404("This invitation link does not work.")
    error = None
    if request.method == "POST":
        try:
            services.accept_invitation(arrangement, user=request.user)
        except SupporterError as refusal:
            error = str(refusal)
        else:
            messages.success(request, f"You are now a supporter for {arrangement.member_name}.")
            return redirect(f"{NS}:index")
    return render(
        request,
        "supporters/invitation.html",
        {
            "page_title": f"Be a supporter for {arrangement.member_name}",
            "arrangement": arrangement,
            "error": error,
        },
        status=400 if error else 200,
    )


@supporters_may("read")
@never_cache
@login_required
@require_POST
def act(request, pk: int):
    """Start acting for the member of one of this person's active arrangements."""
    arrangement = _active_arrangement_supported_by(request.user, pk)
    try:
        services.start_acting(request.session, arrangement, user=request.user)
    except SupporterError as error:
        messages.error(request, str(error))
        return redirect(f"{NS}:index")
    return redirect(f"{NS}:dashboard")


@supporters_may("read")
@never_cache
@login_required
@require_POST
def stop(request):
    services.stop_acting(request.session)
    messages.info(request, "You are back in your own account.")
    return redirect(f"{NS}:index")


@supporters_may("read")
@never_cache
@login_required
@require_POST
def stop_helping(request, pk: int):
    """The supporter ends one of their own active arrangements; found only among theirs."""
    arrangement = _active_arrangement_supported_by(request.user, pk)
    try:
        services.stop_helping(arrangement, user=request.user, session=request.session)
    except SupporterError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"You are no longer a supporter for {arrangement.member_name}.")
    return redirect(f"{NS}:index")


@own_member_required(supporters_may="read")
def dashboard(request, member):
    """The member's dashboard, as their supporter sees it while acting for them."""
    arrangement = acting_for(request)
    if arrangement is None:
        # The member themselves: their own dashboard is 'My account'.
        return redirect("members:account")
    return render(
        request,
        "supporters/dashboard.html",
        dashboard_context(member)
        | {
            "page_title": f"{arrangement.member_name}'s dashboard",
            "arrangement": arrangement,
            "member": member,
        },
    )
