"""The member's badges page, their PDFs and photo, and the public check page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cms.core import ratelimit, uploads
from cms.core.models import OrganisationSettings
from cms.members.choices import Status
from cms.members.models import MemberProfile

from .forms import BadgePhotoForm
from .models import Badge, BadgeKind, BadgeState, photo_content_type
from .pdf import badge_filename, render_badge_pdf
from .services import BadgeNotAllowed, find_badge, issue_badge, set_badge_photo

# Checks from one IP address in ten minutes: enough for staff checking a room of badges
# at an event, far too few to guess codes.
CHECK_LIMIT = 60
CHECK_WINDOW_SECONDS = 10 * 60

KIND_SLUGS = {"photo-id": BadgeKind.PHOTO_ID, "parking-permit": BadgeKind.PARKING}


def _own_member(request) -> MemberProfile | None:
    """The signed-in person's own record: the only one these pages ever show."""
    return MemberProfile.objects.filter(user=request.user).first()


def _not_available(request):
    return render(
        request,
        "badges/not_available.html",
        {"page_title": "Badges are for active members"},
        status=403,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    member = _own_member(request)
    if member is None or member.status != Status.ACTIVE:
        return _not_available(request)
    form = BadgePhotoForm()
    if request.method == "POST":
        form = BadgePhotoForm(request.POST, request.FILES)
        if form.is_valid():
            set_badge_photo(member=member, photo=form.cleaned_data["photo"], by=request.user)
            messages.success(request, "Your photo has been saved. It will be on your next badge.")
            return redirect("members:badges:index")
    current = {
        badge.kind: badge for badge in reversed(Badge.objects.current().filter(member=member))
    }
    photo_badge = (
        Badge.objects.filter(member=member, kind=BadgeKind.PHOTO_ID).exclude(photo="").first()
    )
    return render(
        request,
        "badges/index.html",
        {
            "page_title": "Your badge and parking permit",
            "form": form,
            "photo_badge": current.get(BadgeKind.PHOTO_ID),
            "parking_permit": current.get(BadgeKind.PARKING),
            "has_photo": photo_badge is not None,
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_GET
def download(request, kind: str):
    member = _own_member(request)
    if kind not in KIND_SLUGS:
        raise Http404("No such badge")
    if member is None:
        return _not_available(request)
    try:
        badge = issue_badge(member=member, kind=KIND_SLUGS[kind], by=request.user)
    except BadgeNotAllowed:
        return _not_available(request)
    organisation = OrganisationSettings.for_request(request)
    response = HttpResponse(
        render_badge_pdf(badge, organisation=organisation), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{badge_filename(badge)}"'
    return uploads.harden_file_response(response)


@never_cache
@login_required
@require_GET
def photo(request):
    """The signed-in member's own badge photo, read from private storage."""
    member = _own_member(request)
    badge = (
        Badge.objects.filter(member=member, kind=BadgeKind.PHOTO_ID).exclude(photo="").first()
        if member
        else None
    )
    if badge is None:
        raise Http404("No photo")
    try:
        with badge.photo.open("rb") as handle:
            content_type = photo_content_type(handle)
            data = handle.read()
    except (OSError, ValueError) as error:
        raise Http404("No photo") from error
    # A download like every private file: an <img> on the member's own page shows it all
    # the same, and opened directly it can never run as a page of ours.
    extension = "png" if content_type == uploads.PNG else "jpg"
    return uploads.private_file_response(
        data, content_type=content_type or "", filename=f"badge-photo.{extension}"
    )


@never_cache
@require_GET
def check(request, code: str):
    """Anyone can check a printed code: valid, revoked, expired or not found. Limited per
    address, so nobody can work through codes looking for valid ones."""
    if ratelimit.over_limit(
        request, scope="badge-check", limit=CHECK_LIMIT, seconds=CHECK_WINDOW_SECONDS
    ):
        return ratelimit.too_many_requests(request, minutes=CHECK_WINDOW_SECONDS // 60)
    badge = find_badge(code)
    if badge is None:
        return render(
            request,
            "badges/check_not_found.html",
            {"page_title": "Badge not found", "code": code[:20]},
            status=404,
        )
    response = render(
        request,
        "badges/check.html",
        {
            "page_title": f"Badge check: {badge.state.label}",
            "badge": badge,
            "state": badge.state,
            "BadgeState": BadgeState,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
