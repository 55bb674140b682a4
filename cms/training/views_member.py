"""A member's own training record and certificates, at /members/training/.

The record page always shows the signed-in person's own record. A certificate's id is
looked up inside ``TrainingCompletion.objects.for_user``, so another member (or an
editor, or finance staff) gets a 404 whatever id is in the address; coordinators may
download anyone's.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.core import uploads
from cms.core.models import OrganisationSettings
from cms.members.choices import Status
from cms.members.models import MemberProfile

from .certificates import certificate_filename, render_certificate_pdf
from .models import TrainingCompletion
from .selectors import live_modules, members_training
from .services import ModuleStatus, is_mandatory

# People with a training record: everyone whose application has been sent, except
# those who have left or were declined (induction training starts before "active").
STATUSES_WITH_A_RECORD = [
    status
    for status in Status.values
    if status not in (Status.DRAFT, Status.DECLINED, Status.WITHDRAWN)
]

GROUPS = [
    (ModuleStatus.OVERDUE, "overdue", "Overdue", "Do these first. Your role needs them."),
    (
        ModuleStatus.EXPIRING,
        "expiring",
        "Renew in the next 30 days",
        "You have done these, but they need doing again soon.",
    ),
    (ModuleStatus.DUE, "to-do", "To do", "Your role needs these. Do them when you can."),
    (ModuleStatus.DONE, "done", "Done", "Training you have completed that is up to date."),
]


def _own_member(request) -> MemberProfile | None:
    """The signed-in person's own record, if it is one that has training."""
    return (
        MemberProfile.objects.for_user(request.user)
        .filter(user=request.user, status__in=STATUSES_WITH_A_RECORD)
        .select_related("user")
        .prefetch_related("roles")
        .first()
    )


def _not_available(request):
    return render(
        request,
        "training/member/not_available.html",
        {"page_title": "Your training record is for members"},
        status=403,
    )


@never_cache
@login_required
@require_GET
def index(request):
    member = _own_member(request)
    if member is None:
        return _not_available(request)
    modules = live_modules()
    [(_member, records)] = members_training([member], today=timezone.localdate(), modules=modules)
    groups = [
        {
            "id": slug,
            "heading": heading,
            "description": description,
            "records": [record for record in records if record.status == status],
        }
        for status, slug, heading, description in GROUPS
    ]
    roles = list(member.roles.all())
    return render(
        request,
        "training/member/index.html",
        {
            "page_title": "Your training",
            "groups": groups,
            "has_records": bool(records),
            "roles": [
                {"role": role, "modules": [m for m in modules if is_mandatory(m, {role.pk})]}
                for role in roles
            ],
        },
    )


@never_cache
@login_required
@require_GET
def certificate(request, pk: int):
    completion = get_object_or_404(
        TrainingCompletion.objects.for_user(request.user).select_related(
            "user", "module", "recorded_by"
        ),
        pk=pk,
    )
    organisation = OrganisationSettings.for_request(request)
    response = HttpResponse(
        render_certificate_pdf(completion, organisation=organisation),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(completion)}"'
    return uploads.harden_file_response(response)
