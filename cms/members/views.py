from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string

from cms.agreements.services import agreements_to_sign, may_sign
from cms.banking.selectors import bank_details_dashboard_panel
from cms.benefits.selectors import benefits_dashboard_panel
from cms.claims.selectors import claims_in_progress
from cms.core.personal_cache import personal_fragment
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

    For an active member it is their dashboard too: what needs them first. The body is
    kept per person until something it shows changes (cms/core/personal_cache.py); the
    sign-out form around it, with its CSRF token, is built every time.
    """
    body = personal_fragment(
        request.user,
        "account",
        lambda: render_to_string(
            "members/dashboard/account_body.html", account_context(request.user), request
        ),
    )
    return render(
        request, "members/account.html", {"page_title": "My account", "account_body": body}
    )


def account_context(user) -> dict:
    """Everything the body of 'My account' shows ``user``."""
    member = MemberProfile.objects.for_user(user).filter(user=user).first()
    if member is not None:
        member.user = user  # the same person: no second query for them
    is_active_member = member is not None and member.status == Status.ACTIVE
    dashboard = {"notifications_dashboard": notifications_dashboard(user)}
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
    return dashboard | {
        "has_two_factor": is_mfa_enabled(user),
        "member": member,
        "application_sent": member is not None and member.status != Status.DRAFT,
        "application_started": member is not None and bool(member.completed_sections),
        "section_count": len(SECTION_KEYS),
        "is_active_member": is_active_member,
        "may_sign_agreements": may_sign(user),
        "agreements_to_sign": len(agreements_to_sign(user)),
        "bulletin_subscription": subscription_for_user(user),
    }
