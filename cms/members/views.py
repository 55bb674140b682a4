from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from cms.agreements.services import agreements_to_sign, may_sign
from cms.banking.selectors import bank_details_dashboard_panel
from cms.benefits.selectors import benefits_dashboard_panel
from cms.claims.selectors import claims_in_progress
from cms.development.selectors import plan_dashboard
from cms.mentoring.selectors import mentoring_dashboard
from cms.notifications.selectors import notifications_dashboard
from cms.participation.views_member import dashboard_context
from cms.subscriptions.selectors import subscription_for_user
from cms.training.selectors import training_dashboard

from .application.sections import SECTION_KEYS
from .choices import Status
from .models import MemberProfile
from .supervision import review_due_for


@login_required
def account(request):
    """'My account': who you are signed in as, your application and your sign-in.

    For an active member it is their dashboard too: what needs them first.
    """
    member = MemberProfile.objects.for_user(request.user).filter(user=request.user).first()
    if member is not None:
        member.user = request.user  # the same person: no second query for them
    is_active_member = member is not None and member.status == Status.ACTIVE
    dashboard = {"notifications_dashboard": notifications_dashboard(request.user)}
    if is_active_member:
        dashboard |= (
            dashboard_context(member)
            | mentoring_dashboard(member)
            | plan_dashboard(member)
            | {
                "training": training_dashboard(member),
                "support_review": review_due_for(member),
                "benefits_panel": benefits_dashboard_panel(member),
                "bank_panel": bank_details_dashboard_panel(member),
                "claims_in_progress": claims_in_progress(member),
            }
        )
    return render(
        request,
        "members/account.html",
        dashboard
        | {
            "has_two_factor": is_mfa_enabled(request.user),
            "page_title": "My account",
            "member": member,
            "application_sent": member is not None and member.status != Status.DRAFT,
            "application_started": member is not None and bool(member.completed_sections),
            "section_count": len(SECTION_KEYS),
            "is_active_member": is_active_member,
            "may_sign_agreements": may_sign(request.user),
            "agreements_to_sign": len(agreements_to_sign(request.user)),
            "bulletin_subscription": subscription_for_user(request.user),
        },
    )
