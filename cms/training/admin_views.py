"""Training in the Wagtail admin, for coordinators: compliance across active members, and
recording attendance at face-to-face modules.

Both views refuse anyone who is not a coordinator (``CoordinatorRequiredMixin``) before
looking anything up; members are read through ``MemberProfile.objects.for_user`` and
completions recorded through ``services.record_attendance``.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.members.models import InvolvementRole, MemberProfile
from cms.users.access import CoordinatorRequiredMixin

from . import selectors, services
from .forms import RecordAttendanceForm
from .models import TrainingModulePage
from .services import ModuleStatus

# The status filter's choices: what a coordinator usually wants is who needs chasing.
STATUS_FILTERS = {
    "attention": (
        "Overdue or expiring",
        (ModuleStatus.OVERDUE, ModuleStatus.EXPIRING),
    ),
    "overdue": ("Overdue", (ModuleStatus.OVERDUE,)),
    "expiring": ("Expiring in the next 30 days", (ModuleStatus.EXPIRING,)),
    "due": ("To do, not yet overdue", (ModuleStatus.DUE,)),
}


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class TrainingAdminView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class ComplianceView(TrainingAdminView):
    """Who is overdue or expiring, by module, among the active members."""

    template_name = "training/admin/compliance.html"
    page_title = "Training compliance"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        status_key = params.get("status") if params.get("status") in STATUS_FILTERS else "attention"
        module_id = _int_or_none(params.get("module"))
        role_id = _int_or_none(params.get("role"))
        rows = selectors.compliance_rows(
            MemberProfile.objects.for_user(self.request.user),
            today=timezone.localdate(),
            module_id=module_id,
            role_id=role_id,
            statuses=STATUS_FILTERS[status_key][1],
        )
        groups: dict[int, dict] = {}
        for row in rows:
            group = groups.setdefault(
                row.record.module.pk, {"module": row.record.module, "rows": []}
            )
            group["rows"].append(row)
        context.update(
            groups=list(groups.values()),
            row_count=len(rows),
            overdue_count=sum(1 for r in rows if r.record.status == ModuleStatus.OVERDUE),
            expiring_count=sum(1 for r in rows if r.record.status == ModuleStatus.EXPIRING),
            status_choices=[(key, label) for key, (label, _statuses) in STATUS_FILTERS.items()],
            status_key=status_key,
            modules=TrainingModulePage.objects.live().order_by("title").only("pk", "title"),
            module_id=module_id,
            roles=InvolvementRole.objects.order_by("name"),
            role_id=role_id,
        )
        return context


class RecordAttendanceView(TrainingAdminView):
    """Record that members attended a face-to-face module, so it counts as completed."""

    template_name = "training/admin/record_attendance.html"
    page_title = "Record training attendance"

    def get_form(self):
        return RecordAttendanceForm(
            self.request.POST or None,
            initial={"completed_on": timezone.localdate()},
            modules=TrainingModulePage.objects.live()
            .filter(format__in=services.ATTENDANCE_FORMATS)
            .order_by("title"),
            members=MemberProfile.objects.for_user(self.request.user)
            .in_bank()
            .select_related("user")
            .order_by("user__last_name", "user__first_name"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["action_url"] = reverse("training_admin:record")
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            members = form.cleaned_data["members"]
            module = form.cleaned_data["module"]
            try:
                created = services.record_attendance(
                    users=[member.user for member in members],
                    module=module,
                    completed_on=form.cleaned_data["completed_on"],
                    by=request.user,
                )
            except services.TrainingError as error:
                form.add_error(None, str(error))
            else:
                already = len(members) - len(created)
                text = f"Recorded '{module.title}' for {len(created)} "
                text += "person." if len(created) == 1 else "people."
                if already:
                    text += f" {already} already had it recorded for that day."
                messages.success(request, text)
                return redirect("training_admin:compliance")
        return self.render_to_response(self.get_context_data(form=form), status=400)
