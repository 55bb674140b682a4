"""Who may see each of our addresses, declared once, and the URL walk that checks it.

``DECLARATIONS`` maps every URL name that the walk in ``project_url_patterns`` finds to a
``Rule``: the roles allowed to see it, and where each path parameter's value comes from.
A new view under ``/members/``, a new admin view of ours or any other ``cms.`` view is
picked up by the walk; until it is declared here, the access test fails naming it.

The roles tried against every address:

- ``visitor``: not signed in;
- ``member``: a member with a record of their own, who owns none of the objects in the
  addresses (so it stands for "another member");
- ``editor``, ``finance``, ``coordinator``: staff in each role (with two-factor on).

The objects in the addresses belong to the demo's member (``member@example.org``), who is
none of those roles. Administrators may see everything and are not tried.
"""

from __future__ import annotations

import dataclasses
from io import StringIO

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("visitor", "member", "editor", "finance", "coordinator")
STAFF = frozenset({"editor", "finance", "coordinator"})
SIGNED_IN = frozenset({"member"}) | STAFF
EVERYONE = frozenset(ROLES)
NOBODY = frozenset()
MISSING_ID = 987654321


@dataclasses.dataclass(frozen=True)
class Rule:
    """``allowed``: the roles that may see the address (everyone else must be refused).
    ``params``: path parameter -> key in the world built by ``build_world`` (or a literal
    value, given as ``Literal``). ``post``: also try a POST as each refused role."""

    allowed: frozenset
    params: dict = dataclasses.field(default_factory=dict)
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Literal:
    value: object


def rule(allowed, note="", **params) -> Rule:
    return Rule(allowed=frozenset(allowed), params=params, note=note)


PUBLIC = rule(EVERYONE, "public")
OWN = rule(SIGNED_IN, "the signed-in person's own record; no id in the address")
COORDINATOR = rule({"coordinator"}, "coordinators and administrators")
FINANCE = rule({"finance"}, "finance staff and administrators")
ADMIN = rule(NOBODY, "administrators only")


def own(**params) -> Rule:
    return rule(SIGNED_IN, "own record, with a non-secret value in the address", **params)


def owner_only(**params) -> Rule:
    """An object of the demo member's in the address: nobody else may see it."""
    return rule(NOBODY, "another member's object: refused to everyone else", **params)


def coordinator(**params) -> Rule:
    return rule({"coordinator"}, "coordinators and administrators", **params)


def finance(**params) -> Rule:
    return rule({"finance"}, "finance staff and administrators", **params)


DECLARATIONS: dict[str, Rule] = {
    # --- Public addresses ----------------------------------------------------------------
    "health": PUBLIC,
    "easyread:display_settings": PUBLIC,
    # Says only whether the caller's own session is signed in, and for how long.
    "security:session_status": PUBLIC,
    "security:stay_signed_in": OWN,
    "search": PUBLIC,
    "you_said_we_did": PUBLIC,
    "badge_check:check": rule(EVERYONE, "public badge check", code=Literal("NOTACODE")),
    "subscriptions:subscribe": PUBLIC,
    "subscriptions:check_your_email": PUBLIC,
    "subscriptions:confirm": rule(EVERYONE, "signed token", token=Literal("bad-token")),
    "subscriptions:preferences": rule(EVERYONE, "signed token", token=Literal("bad-token")),
    "subscriptions:unsubscribe": rule(EVERYONE, "signed token", token=Literal("bad-token")),
    "subscriptions:one_click_unsubscribe": rule(
        EVERYONE, "signed token", token=Literal("bad-token")
    ),
    "subscriptions:resubscribe": rule(EVERYONE, "signed token", token=Literal("bad-token")),
    # --- Members' own pages (no ids) -----------------------------------------------------
    "members:account": OWN,
    "members:application:task_list": OWN,
    "members:application:check": OWN,
    "members:application:submit": OWN,
    "members:application:status": OWN,
    "members:application:withdraw": OWN,
    "members:application:apply_again": OWN,
    "members:application:section": own(slug=Literal("about-you")),
    "members:profile:summary": OWN,
    "members:profile:edit": own(section=Literal("biography")),
    "members:my_data:index": OWN,
    "members:my_data:download": OWN,
    "members:my_data:withdraw_consent": OWN,
    "members:my_data:consent_withdrawn": OWN,
    "members:my_data:delete_account": OWN,
    "members:my_data:deletion_requested": OWN,
    "members:agreements:list": OWN,
    "members:agreements:detail": own(kind=Literal("confidentiality")),
    "members:badges:index": OWN,
    "members:badges:photo": OWN,
    "members:badges:download": own(kind=Literal("photo-id")),
    "members:participation:involvement": OWN,
    "members:participation:interest": own(page_id="opportunity"),
    "members:participation:interest_sent": own(page_id="opportunity"),
    "members:participation:withdraw": own(page_id="opportunity"),
    "members:participation:confirm": own(page_id="opportunity"),
    "members:participation:check_in": OWN,
    "members:participation:calendar": OWN,
    "members:participation:calendar_reset": OWN,
    "members:messages:index": OWN,
    "members:bulletin:subscription": OWN,
    "members:bulletin:unsubscribe": OWN,
    "members:training:index": OWN,
    "members:mentoring:index": OWN,
    "members:development:plan": OWN,
    "members:development:goal_add": OWN,
    "members:development:reflection_add": OWN,
    "members:development:review_add": OWN,
    "members:development:shared": OWN,
    "members:claims:index": OWN,
    "members:claims:statement": own(year=Literal(2026)),
    "members:benefits:index": OWN,
    "members:benefits:earnings_limit": OWN,
    "members:benefits:remove_earnings_limit": OWN,
    "members:benefits:letter": OWN,
    "members:wellbeing:index": OWN,
    "members:wellbeing:pause": OWN,
    "members:wellbeing:resume": OWN,
    "members:wellbeing:check_in": OWN,
    "members:banking:index": OWN,
    "members:banking:change": OWN,
    "members:banking:remove": OWN,
    # Supporters: a member's own list and form; the arrangement in an address is the
    # demo member's, so nobody else may end it or act under it.
    "members:supporters:index": OWN,
    "members:supporters:add": OWN,
    "members:supporters:end": owner_only(pk="support_arrangement"),
    "members:supporters:invitation": rule(SIGNED_IN, "signed token", token=Literal("bad-token")),
    "members:supporters:act": owner_only(pk="support_arrangement"),
    "members:supporters:stop_helping": owner_only(pk="support_arrangement"),
    "members:supporters:stop": OWN,
    "members:supporters:dashboard": OWN,
    # --- Another member's objects ------------------------------------------------------------
    "members:participation:calendar_feed": owner_only(token=Literal("not-the-owners-token")),
    "members:feedback:give": owner_only(pk="attendance"),
    "members:feedback:thanks": owner_only(pk="attendance"),
    "members:feedback:detail": owner_only(pk="attendance"),
    "members:feedback:paper": rule(
        {"coordinator"}, "people taking part in the session, and coordinators", pk="paper"
    ),
    "members:messages:detail": owner_only(pk="notification"),
    "members:training:certificate": rule(
        {"coordinator"}, "the member, and coordinators who record training", pk="completion"
    ),
    "members:mentoring:pair": rule(
        {"coordinator"}, "the mentor, the mentee, and coordinators (read only)", pair_id="pair"
    ),
    "members:mentoring:accept": owner_only(pair_id="pair"),
    "members:mentoring:decline": owner_only(pair_id="pair"),
    "members:mentoring:pause": owner_only(pair_id="pair"),
    "members:mentoring:restart": owner_only(pair_id="pair"),
    "members:mentoring:end": owner_only(pair_id="pair"),
    "members:mentoring:goal_add": owner_only(pair_id="pair"),
    "members:mentoring:session_log": owner_only(pair_id="pair"),
    "members:mentoring:session_confirm": owner_only(pair_id="pair", session_id="mentoring_session"),
    "members:development:goal_change": owner_only(goal_id="goal"),
    "members:development:action_add": owner_only(goal_id="goal"),
    "members:development:action_status": owner_only(action_id="action"),
    "members:development:person": rule(
        {"coordinator"}, "their supervisor, active mentor or a coordinator", member_id="profile"
    ),
    # The demo's coordinator is the demo member's supervisor, who records reviews with them.
    "members:development:person_review": rule(
        {"coordinator"}, "the member's supervisor or active mentor", member_id="profile"
    ),
    "members:claims:start": owner_only(session_id="attended_session"),
    "members:claims:detail": owner_only(claim_id="claim"),
    "members:claims:payment": owner_only(claim_id="claim"),
    "members:claims:add_expense": owner_only(claim_id="claim"),
    "members:claims:remove_expense": owner_only(claim_id="claim", line_id="line"),
    "members:claims:check": owner_only(claim_id="claim"),
    "members:claims:answer": owner_only(claim_id="claim"),
    "members:claims:delete": owner_only(claim_id="claim"),
    "members:claims:receipt": owner_only(line_id="line"),
    # --- Our admin views -----------------------------------------------------------------
    "supervision_due": COORDINATOR,
    "training_admin:compliance": COORDINATOR,
    "training_admin:record": COORDINATOR,
    "wellbeing_admin:index": COORDINATOR,
    "wellbeing_admin:record_call": coordinator(pk="wellbeing_check_in"),
    "bulletins_admin:index": rule({"editor"}, "people who may publish an issue"),
    "bulletins_admin:send_issue": rule({"editor"}, "may publish the issue", page_id="bulletin"),
    "bulletins_admin:progress": rule({"editor"}, "may publish the issue", send_id="send"),
    "bulletins_admin:progress_json": rule({"editor"}, "may publish the issue", send_id="send"),
    "agreements_report": COORDINATOR,
    "agreements_report_results": COORDINATOR,
    "badges_admin:index": COORDINATOR,
    "badges_admin:revoke": coordinator(pk="badge"),
    "privacy_admin:index": COORDINATOR,
    "privacy_admin:confirm": coordinator(pk="deletion_request"),
    "feedback_admin:index": COORDINATOR,
    "feedback_admin:detail": coordinator(pk="feedback"),
    "papers_admin:index": COORDINATOR,
    "papers_admin:session": coordinator(pk="session"),
    "participation_admin:index": COORDINATOR,
    "participation_admin:responses": coordinator(opportunity_id="opportunity"),
    "participation_admin:matching": coordinator(opportunity_id="opportunity"),
    "participation_admin:message": coordinator(opportunity_id="opportunity"),
    "participation_admin:attendance": coordinator(session_id="session"),
    "participation_admin:check_in_code": coordinator(session_id="session"),
    "participation_admin:access_plan": coordinator(session_id="session"),
    "notifications_admin:by_hand": COORDINATOR,
    "notifications_admin:mark_sent": coordinator(pk="by_hand_delivery"),
    "notifications_admin:log": COORDINATOR,
    "notifications_admin:team_messages": COORDINATOR,
    "notifications_admin:team_message_new": COORDINATOR,
    "notifications_admin:sent_mail": COORDINATOR,
    "notifications_admin:sent_mail_detail": coordinator(pk=Literal(MISSING_ID)),
    "bulletin_subscribers_summary": rule(
        {"editor", "coordinator"}, "subscriptions.view_subscriber"
    ),
    "mentoring_admin:index": COORDINATOR,
    "mentoring_admin:propose": COORDINATOR,
    "mentoring_admin:pair": coordinator(pair_id="pair"),
    "mentoring_admin:mentors": COORDINATOR,
    "mentoring_admin:mentor_add": COORDINATOR,
    "mentoring_admin:mentor_edit": coordinator(member_id="mentor_profile"),
    "claims_admin:index": rule({"finance", "coordinator"}, "claim states only for coordinators"),
    "claims_admin:review": finance(claim_id="submitted_claim"),
    "claims_admin:mark_paid": FINANCE,
    "claims_admin:export": FINANCE,
    "claims_admin:receipt": finance(line_id="submitted_line"),
    "banking_admin:index": FINANCE,
    "banking_admin:reveal": finance(pk="bank_details"),
    "banking_admin:access_log": FINANCE,
    "audit_log": ADMIN,
    "annual_report_admin:generate": COORDINATOR,
    "annual_report_admin:download": coordinator(year=Literal(2026)),
    "annual-reports:index": rule({"editor", "coordinator"}, "annual_report.change_annualreport"),
    "annual-reports:index_results": rule(
        {"editor", "coordinator"}, "annual_report.change_annualreport"
    ),
    "insight:index": COORDINATOR,
    "insight:report": coordinator(slug=Literal("experts")),
    "easyread_writing_help": rule({"editor"}, "editors, for the page editor's writing help"),
    "easyread_reading_age_report": rule({"editor", "coordinator"}, "editors and coordinators"),
    "easyread_reading_age_report_results": rule(
        {"editor", "coordinator"}, "editors and coordinators"
    ),
    "wagtailsnippets_formpages_chartersignature:edit": rule(
        {"editor"}, "formpages.change_chartersignature", pk="charter_signature"
    ),
    "applications:index": COORDINATOR,
    "applications:index_results": COORDINATOR,
    "applications:detail": coordinator(pk="profile"),
    "involvement-bank:index": COORDINATOR,
    "involvement-bank:index_results": COORDINATOR,
    "involvement-bank:detail": coordinator(pk="profile"),
    "on_behalf_admin:register": COORDINATOR,
    "on_behalf_admin:interest": coordinator(pk="profile"),
    "on_behalf_admin:attendance": coordinator(pk="profile"),
    "on_behalf_admin:feedback": coordinator(pk="profile"),
    "on_behalf_admin:claim": coordinator(pk="profile"),
    "on_behalf_admin:sign_in": coordinator(pk="profile"),
    "on_behalf_admin:resend_sign_in": coordinator(pk="profile"),
    "on_behalf_admin:pause": coordinator(pk="profile"),
    "on_behalf_admin:resume": coordinator(pk="profile"),
    "notifications_admin:letter": coordinator(pk="letter_delivery"),
}


@dataclasses.dataclass(frozen=True)
class FoundPattern:
    name: str
    route: str
    module: str
    params: tuple


def _callback_module(callback) -> str:
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__ or ""


def _walk(resolver, prefix="", namespaces=()):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = (pattern.namespace,) if pattern.namespace else ()
            yield from _walk(pattern, prefix + str(pattern.pattern), namespaces + namespace)
        elif isinstance(pattern, URLPattern):
            yield (
                ":".join((*namespaces, pattern.name or "")),
                prefix + str(pattern.pattern),
                _callback_module(pattern.callback),
                tuple(pattern.pattern.regex.groupindex),
            )


def project_url_patterns() -> list[FoundPattern]:
    """Every address that must be declared: all under /members/, and every other view of
    ours (``cms.`` modules), admin views included; Wagtail's and Django's own are not."""
    found = {}
    for name, route, module, params in _walk(get_resolver()):
        if route.startswith("members/") or module.startswith("cms."):
            found.setdefault(name, FoundPattern(name, route, module, params))
    return sorted(found.values(), key=lambda pattern: pattern.route)


# --- The world the addresses point into -------------------------------------------------------


def build_world() -> dict:
    """The demo site, plus the few objects it lacks, and one user per role.

    Returns a dict of users by role and object ids by the keys ``Rule.params`` uses.
    """
    from allauth.mfa.totp.internal.auth import TOTP
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.utils import timezone

    from cms.banking.models import BankDetails
    from cms.bulletins.models import BulletinPage, BulletinSend
    from cms.claims.models import Claim, ClaimStatus, ExpenseLine
    from cms.development.models import DevelopmentAction, DevelopmentGoal
    from cms.formpages.models import CharterSignature
    from cms.members.factories import ActiveMemberFactory
    from cms.members.models import MemberProfile
    from cms.mentoring.models import MentoringPair, MentoringSession
    from cms.notifications.models import Delivery, Notification
    from cms.opportunities.models import OpportunityPage
    from cms.participation.models import Attendance, Feedback, SessionPaper
    from cms.privacy.models import DeletionRequest
    from cms.supporters.models import SupportArrangement
    from cms.training.models import TrainingCompletion
    from cms.users.models import User
    from cms.wellbeing.models import WellbeingCheckIn

    call_command("load_demo_data", stdout=StringIO(), password="a-long-demo-password")

    owner = User.objects.get(email="member@example.org")
    profile = MemberProfile.objects.get(user=owner)
    other = ActiveMemberFactory(user__email="another-member@example.org").user
    users = {
        "member": other,
        "editor": User.objects.get(email="editor@example.org"),
        "finance": User.objects.get(email="finance@example.org"),
        "coordinator": User.objects.get(email="coordinator@example.org"),
    }
    # Staff sign in with two-factor (the admin may require it); give them an authenticator.
    for role in STAFF:
        if not users[role].authenticator_set.exists():
            TOTP.activate(users[role], "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")

    def first(queryset):
        obj = queryset.order_by("pk").first()
        return obj.pk if obj is not None else MISSING_ID

    owners_claims = Claim.objects.filter(member=profile)
    attendance = Attendance.objects.filter(interest__member=profile).order_by("pk").first()
    session = attendance.session if attendance else None
    paper_id = MISSING_ID
    if session is not None:
        paper = SessionPaper(session=session, title="Agenda", published_at=timezone.now())
        paper.file.save("agenda.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        paper.save()
        paper_id = paper.pk
    deletion_request = DeletionRequest.objects.create(user=owner)
    pair = MentoringPair.objects.filter(mentee=profile).order_by("pk").first() or (
        MentoringPair.objects.order_by("pk").first()
    )
    submitted = owners_claims.exclude(status=ClaimStatus.DRAFT)
    world = {
        "users": users,
        "owner": owner,
        "profile": profile.pk,
        "claim": first(owners_claims),
        "line": first(ExpenseLine.objects.filter(claim__member=profile).exclude(receipt="")),
        "submitted_claim": first(submitted),
        "submitted_line": first(ExpenseLine.objects.filter(claim__in=submitted).exclude(receipt=""))
        if ExpenseLine.objects.filter(claim__in=submitted).exclude(receipt="").exists()
        else first(ExpenseLine.objects.filter(claim__member=profile).exclude(receipt="")),
        "attended_session": session.pk if session else MISSING_ID,
        "session": session.pk if session else MISSING_ID,
        "opportunity": session.page_id if session else first(OpportunityPage.objects),
        "attendance": attendance.pk if attendance else MISSING_ID,
        "feedback": first(Feedback.objects),
        "paper": paper_id,
        "notification": first(Notification.objects.filter(recipient=owner)),
        "by_hand_delivery": first(Delivery.objects),
        "letter_delivery": first(Delivery.objects.filter(channel="post")),
        "completion": first(TrainingCompletion.objects.filter(user=owner)),
        "pair": pair.pk if pair else MISSING_ID,
        "mentor_profile": pair.mentor_id if pair else MISSING_ID,
        "mentoring_session": first(MentoringSession.objects.filter(pair=pair)),
        "goal": first(DevelopmentGoal.objects.filter(member=profile)),
        "action": first(DevelopmentAction.objects.filter(goal__member=profile)),
        "bulletin": first(BulletinPage.objects),
        "send": first(BulletinSend.objects),
        "badge": first(profile.badges),
        "deletion_request": deletion_request.pk,
        "bank_details": first(BankDetails.objects.filter(member=profile)),
        "support_arrangement": first(SupportArrangement.objects.filter(member=profile)),
        "charter_signature": first(CharterSignature.objects),
        "wellbeing_check_in": first(WellbeingCheckIn.objects.filter(member=profile)),
    }
    return world


def url_kwargs(rule_: Rule, world: dict) -> dict:
    kwargs = {}
    for parameter, source in rule_.params.items():
        kwargs[parameter] = source.value if isinstance(source, Literal) else world[source]
    return kwargs
