"""'Your data': download it, withdraw consent, ask for the account to be deleted.

Every page works on the signed-in person's own data only: no ids in these addresses.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cms.core import uploads
from cms.core.models import OrganisationSettings
from cms.members.models import MemberProfile
from cms.privacy.services import pending_request_for, request_deletion

from .export import build_export
from .services import withdraw_health_consent


@never_cache
@login_required
@require_GET
def index(request):
    profile = MemberProfile.objects.filter(user=request.user).first()
    return render(
        request,
        "members/my_data/index.html",
        {
            "page_title": "Your data",
            "profile": profile,
            "deletion_request": pending_request_for(request.user),
        },
    )


@never_cache
@login_required
@require_GET
def download(request):
    organisation = OrganisationSettings.for_request(request)
    content = build_export(request.user, site_name=organisation.organisation_name)
    response = HttpResponse(content, content_type="application/zip")
    filename = f"your-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return uploads.harden_file_response(response)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def withdraw_consent(request):
    profile = MemberProfile.objects.filter(user=request.user).first()
    if request.method == "POST" and profile is not None:
        withdraw_health_consent(user=request.user)
        return redirect("members:my_data:consent_withdrawn")
    return render(
        request,
        "members/my_data/withdraw_consent.html",
        {"page_title": "Withdraw consent for your health information", "profile": profile},
    )


@never_cache
@login_required
@require_GET
def consent_withdrawn(request):
    return render(
        request,
        "members/my_data/consent_withdrawn.html",
        {"page_title": "Consent withdrawn"},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    if request.method == "POST":
        request_deletion(user=request.user)
        return redirect("members:my_data:deletion_requested")
    return render(
        request,
        "members/my_data/delete_account.html",
        {
            "page_title": "Ask for your account to be deleted",
            "deletion_request": pending_request_for(request.user),
        },
    )


@never_cache
@login_required
@require_GET
def deletion_requested(request):
    return render(
        request,
        "members/my_data/deletion_requested.html",
        {
            "page_title": "We have your request",
            "deletion_request": pending_request_for(request.user),
        },
    )
