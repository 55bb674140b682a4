"""Recruitment in the Wagtail admin, for coordinators: applications and the involvement bank.

Every view checks that the user may manage members (coordinators and administrators)
and looks records up through ``MemberProfile.objects.for_user``. Moves go through
``services.move_member``; reviews through ``services.record_supervision_review``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput

from cms.audit.services import record
from cms.opportunities.models import InvolvementLevel, InvolvementType
from cms.users.access import is_coordinator
from cms.users.roles import COORDINATORS, EDITORS, FINANCE

from .admin_on_behalf import on_behalf_context
from .choices import ContactMethod, Day, Format, Status, TimeOfDay
from .filters import ApplicationFilterSet, BankFilterSet
from .models import InvolvementRole, MemberProfile, StatusChange, SupervisionReview
from .services import (
    TransitionNotAllowed,
    allowed_moves,
    move_member,
    record_supervision_review,
)


def _labels(values, choices) -> str:
    mapping = dict(choices)
    return ", ".join(str(mapping.get(value, value)) for value in values or [])


# --- Listings ---------------------------------------------------------------------------


class MembersIndexView(IndexView):
    """A listing of member records, scoped to what the user may see, with flat queries."""

    any_permission_required = ["change"]
    detail_url_name = None
    search_fields = ["user__first_name", "user__last_name", "user__email"]

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def is_searchable(self):
        return True

    def get_base_queryset(self):
        return (
            MemberProfile.objects.for_user(self.request.user)
            .select_related("user")
            .prefetch_related("expertise")
        )

    def search_queryset(self, queryset):
        # Every word must match the first name, last name or email: "Chris Evans" works.
        if not self.is_searching:
            return queryset
        for word in self.search_query.split():
            query = Q()
            for field in self.search_fields:
                query |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(query)
        return queryset

    def get_edit_url(self, instance):
        return reverse(self.detail_url_name, args=[instance.pk])

    def get_list_buttons(self, instance):
        return []

    def _name_column(self):
        return TitleColumn(
            "name",
            label="Name",
            accessor=lambda member: str(member),
            get_url=self.get_edit_url,
            sort_key="user__last_name",
        )

    def _expertise_column(self):
        return Column(
            "expertise",
            label="Expertise",
            accessor=lambda member: ", ".join(area.name for area in member.expertise.all()),
        )


class ApplicationIndexView(MembersIndexView):
    page_title = "Applications"
    default_ordering = "-submitted_at"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        chosen = self.filters.form.cleaned_data.get("status") if self.filters.is_valid() else []
        if not chosen:
            queryset = queryset.exclude(status=Status.DRAFT)
        return queryset

    @cached_property
    def columns(self):
        return [
            self._name_column(),
            Column(
                "email",
                label="Email",
                accessor=lambda member: member.user.email or "None: managed for them",
            ),
            Column(
                "status",
                label="Status",
                accessor="get_status_display",
                sort_key="status",
            ),
            self._expertise_column(),
            DateColumn("submitted_at", label="Sent", sort_key="submitted_at"),
            DateColumn("status_changed_at", label="Last move", sort_key="status_changed_at"),
        ]


class BankIndexView(MembersIndexView):
    page_title = "Involvement bank"
    default_ordering = "user__last_name"

    def get_base_queryset(self):
        return super().get_base_queryset().in_bank().prefetch_related("roles")

    @cached_property
    def columns(self):
        return [
            self._name_column(),
            self._expertise_column(),
            Column(
                "available",
                label="Available",
                accessor=lambda m: "; ".join(
                    part
                    for part in (
                        _labels(m.available_days, Day.choices),
                        _labels(m.available_times, TimeOfDay.choices),
                    )
                    if part
                ),
            ),
            Column(
                "formats", label="Formats", accessor=lambda m: _labels(m.formats, Format.choices)
            ),
            Column("role_preference", label="Open to", accessor="get_role_preference_display"),
            Column(
                "checks",
                label="Checks",
                accessor=lambda m: "Complete" if checks_complete(m) else "Not complete",
            ),
        ]


def checks_complete(member: MemberProfile) -> bool:
    """The same rule as ``filters.checks_complete_q``, for one record with roles prefetched."""
    return bool(
        member.references_received_on
        and member.induction_completed_on
        and (member.dbs_checked_on or not member.needs_dbs_check)
    )


# --- The record ---------------------------------------------------------------------------


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(is_staff=True)
            | Q(groups__name__in=[COORDINATORS, EDITORS, FINANCE])
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class ChecklistForm(forms.ModelForm):
    supervisor = StaffChoiceField(
        queryset=None, required=False, help_text="A member of staff who supervises them."
    )

    class Meta:
        model = MemberProfile
        fields = [
            "roles",
            "references_received_on",
            "dbs_certificate_number",
            "dbs_checked_on",
            "induction_completed_on",
            "supervisor",
            "trial_period_ends_on",
        ]
        widgets = {
            "roles": forms.CheckboxSelectMultiple,
            "references_received_on": AdminDateInput,
            "dbs_checked_on": AdminDateInput,
            "induction_completed_on": AdminDateInput,
            "trial_period_ends_on": AdminDateInput,
        }

    def __init__(self, *args, show_dbs: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = staff_users()
        self.fields["roles"].queryset = InvolvementRole.objects.all()
        if not show_dbs:
            # Only roles that need one ask for a DBS check; choosing one shows these.
            del self.fields["dbs_certificate_number"]
            del self.fields["dbs_checked_on"]


class SupervisionReviewForm(forms.Form):
    held_on = forms.DateField(label="Held on", widget=AdminDateInput)
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    next_due_on = forms.DateField(
        label="Next review due",
        widget=AdminDateInput,
        required=False,
        help_text="At most two months after this one; left blank, it is two months.",
    )


class MoveForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to decline. The person is told this reason.",
    )


class MemberDetailView(WagtailAdminTemplateMixin, View):
    """One person's record: answers, history, moves, checklist and supervision reviews."""

    template_name = "members/admin/member_detail.html"
    header_icon = "user"
    index_url_name = None
    detail_url_name = None
    index_label = "Applications"

    def dispatch(self, request, pk):
        if not is_coordinator(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(
            MemberProfile.objects.for_user(request.user)
            .select_related("user", "supervisor")
            .prefetch_related(
                "expertise",
                "roles",
                Prefetch("history", queryset=StatusChange.objects.select_related("changed_by")),
                Prefetch(
                    "supervision_reviews",
                    queryset=SupervisionReview.objects.select_related("reviewer"),
                ),
            ),
            pk=pk,
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": str(self.object)},
        ]

    @property
    def detail_url(self):
        return reverse(self.detail_url_name, args=[self.object.pk])

    def get(self, request, pk):
        self.audit("viewed", "Record opened")
        return self.render_to_response(self.get_context_data())

    def audit(self, action, summary):
        record(
            actor=self.request.user,
            action=action,
            subject_type="member_record",
            subject_id=self.object.pk,
            member=self.object,
            summary=summary,
        )

    def post(self, request, pk):
        action = request.POST.get("action")
        if action == "move":
            return self.post_move(request)
        if action == "checklist":
            form = ChecklistForm(
                request.POST, instance=self.object, show_dbs=self.object.needs_dbs_check
            )
            if form.is_valid():
                form.save()
                self.audit("changed", "Checklist saved")
                messages.success(request, "Checklist saved.")
                return redirect(self.detail_url)
            messages.error(request, "The checklist was not saved: check the answers below.")
            return self.render_to_response(self.get_context_data(checklist_form=form))
        if action == "review":
            return self.post_review(request)
        messages.error(request, "Choose what to do.")
        return redirect(self.detail_url)

    def post_move(self, request):
        to_status = request.POST.get("to_status", "")
        form = MoveForm(request.POST)
        form.is_valid()
        reason = form.cleaned_data.get("reason", "")
        if to_status not in Status.values:
            messages.error(request, "Choose where to move the application.")
            return redirect(self.detail_url)
        try:
            change = move_member(self.object, to_status, by=request.user, reason=reason)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(move_form=form), status=400)
        self.audit("changed", f"Moved to {change.get_to_status_display()}")
        messages.success(
            request,
            f"{self.object} moved to '{change.get_to_status_display()}'. We will tell them.",
        )
        return redirect(self.detail_url)

    def post_review(self, request):
        form = SupervisionReviewForm(request.POST)
        if form.is_valid():
            try:
                review = record_supervision_review(
                    self.object,
                    held_on=form.cleaned_data["held_on"],
                    by=request.user,
                    notes=form.cleaned_data["notes"],
                    next_due_on=form.cleaned_data["next_due_on"],
                )
            except TransitionNotAllowed as error:
                form.add_error("next_due_on", str(error))
            else:
                self.audit("changed", "Supervision review recorded")
                messages.success(
                    request,
                    f"Review saved. The next is due by {review.next_due_on:%-d %B %Y}.",
                )
                return redirect(self.detail_url)
        messages.error(request, "The review was not saved: check the answers below.")
        return self.render_to_response(self.get_context_data(review_form=form))

    def answers(self):
        """The application, section by section. Equality monitoring is never shown here."""
        m = self.object
        yes_no = {True: "Yes", False: "No", None: ""}
        return [
            (
                "About you",
                [
                    ("Name", str(m)),
                    ("Email", m.user.email or "None: a coordinator acts for them"),
                    ("Phone", m.phone),
                    ("Address", m.address),
                    ("Postcode", m.postcode),
                    ("Pronouns", m.pronouns),
                ],
            ),
            (
                "Lived experience and expertise",
                [
                    ("Lived experience", m.get_lived_experience_display()),
                    ("Areas of expertise", ", ".join(a.name for a in m.expertise.all())),
                    ("In their words", m.lived_experience_note),
                ],
            ),
            ("Skills", [("Skills", m.skills), ("Short biography", m.biography)]),
            (
                "How they would like to be involved",
                [
                    ("Types", _labels(m.involvement_types, InvolvementType.choices)),
                    ("Levels", _labels(m.involvement_levels, InvolvementLevel.choices)),
                    ("Roles", m.get_role_preference_display()),
                ],
            ),
            (
                "When they are available",
                [
                    ("Days", _labels(m.available_days, Day.choices)),
                    ("Times", _labels(m.available_times, TimeOfDay.choices)),
                    ("Notice needed", m.get_notice_needed_display()),
                ],
            ),
            (
                "Communication and access needs",
                [
                    ("Formats", _labels(m.formats, Format.choices)),
                    ("Support at meetings", m.meeting_support),
                    ("Reasonable adjustments", m.reasonable_adjustments),
                    ("Needs replacement care", yes_no[m.needs_replacement_care]),
                ],
            ),
            (
                "How to contact them",
                [("Contact by", _labels(m.contact_methods, ContactMethod.choices))],
            ),
            ("Payment", [("Payment preference", m.get_payment_preference_display())]),
            (
                "Emergency contact",
                [
                    ("Name", m.emergency_contact_name),
                    ("Relationship", m.emergency_contact_relationship),
                    ("Phone", m.emergency_contact_phone),
                ],
            ),
            (
                "Consent",
                [
                    ("Agreed to the privacy notice", yes_no[m.agreed_to_privacy_notice]),
                    ("Consented to health data", yes_no[m.consented_to_health_data]),
                    (
                        "Consent withdrawn",
                        f"{m.consent_withdrawn_at:%-d %B %Y}" if m.consent_withdrawn_at else "",
                    ),
                ],
            ),
        ]

    def get_context_data(self, **kwargs):
        # Supporters build on members, so their reads are imported here, not at the top.
        from cms.supporters.selectors import arrangements_of

        context = super().get_context_data(**kwargs)
        member = self.object
        reviews = list(member.supervision_reviews.all())
        latest = reviews[0] if reviews else None
        today = timezone.localdate()
        context.update(
            member=member,
            answers=self.answers(),
            history=list(member.history.all()),
            moves=[(status.value, status.label) for status in allowed_moves(member)],
            move_form=kwargs.get("move_form") or MoveForm(),
            checklist_form=kwargs.get("checklist_form")
            or ChecklistForm(instance=member, show_dbs=member.needs_dbs_check),
            review_form=kwargs.get("review_form") or SupervisionReviewForm(),
            reviews=reviews,
            next_review_due=latest.next_due_on if latest else None,
            review_overdue=bool(latest and latest.next_due_on < today),
            checks_complete=checks_complete(member),
            needs_dbs=member.needs_dbs_check,
            action_url=self.detail_url,
            support_arrangements=list(arrangements_of(member)),
            **on_behalf_context(member),
        )
        return context


# --- Viewsets -----------------------------------------------------------------------------


class MembersViewSet(ModelViewSet):
    """An index and a record view only: people are not added or deleted here."""

    model = MemberProfile
    icon = "user"
    list_per_page = 25
    copy_view_enabled = False
    detail_view_class = MemberDetailView
    detail_label = "Applications"

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "copy", "inspect", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def register_admin_url_finder(self):
        # There is no edit view to link to; the record view is reached from the listing.
        pass

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(detail_url_name=self.get_url_name("detail"), **kwargs)

    @property
    def detail_view(self):
        return self.detail_view_class.as_view(
            index_url_name=self.get_url_name("index"),
            detail_url_name=self.get_url_name("detail"),
            index_label=self.menu_label,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.detail_view, name="detail"),
        ]


class ApplicationViewSet(MembersViewSet):
    name = "applications"
    menu_label = "Applications"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
    filterset_class = ApplicationFilterSet


class BankViewSet(MembersViewSet):
    name = "involvement-bank"
    menu_label = "Involvement bank"
    icon = "group"
    menu_order = 251
    add_to_admin_menu = True
    index_view_class = BankIndexView
    filterset_class = BankFilterSet

    def on_register(self):
        # The applications viewset already registered the model's permissions and URL
        # finder; this one only adds its menu item and URLs.
        self.register_menu_item()


__all__ = ["ApplicationViewSet", "BankViewSet"]
