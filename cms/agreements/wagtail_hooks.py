from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.members.models import MemberProfile
from cms.users.access import is_coordinator

from . import services
from .forms import AgreementVersionAdminForm
from .models import AgreementDocument, AgreementVersion


class AgreementDocumentViewSet(SnippetViewSet):
    model = AgreementDocument
    icon = "doc-full"
    menu_label = "Agreements"
    list_display = ["title", "kind"]
    search_fields = ["title"]


class AgreementVersionViewSet(SnippetViewSet):
    model = AgreementVersion
    icon = "doc-full-inverse"
    menu_label = "Agreement versions"
    list_display = ["document", "number", "published_at"]
    list_filter = ["document"]
    ordering = ["document__title", "-number"]

    edit_handler = ObjectList(AgreementVersion.panels, base_form_class=AgreementVersionAdminForm)


class AgreementsViewSetGroup(SnippetViewSetGroup):
    items = (AgreementDocumentViewSet, AgreementVersionViewSet)
    menu_icon = "doc-full"
    menu_label = "Agreements"
    menu_name = "agreements"


register_snippet(AgreementsViewSetGroup)


class AgreementsReportView(ReportView):
    """Coordinators: which active members have signed which version of each agreement."""

    page_title = "Agreements"
    header_icon = "doc-full"
    results_template_name = "agreements/admin/report_results.html"
    index_url_name = "agreements_report"
    index_results_url_name = "agreements_report_results"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            MemberProfile.objects.for_user(self.request.user)
            .in_bank()
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "user__email")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        documents, rows = services.signatures_report(context["object_list"])
        context["documents"] = documents
        context["rows"] = rows
        return context


@hooks.register("register_admin_urls")
def register_agreements_report_urls():
    return [
        path("reports/agreements/", AgreementsReportView.as_view(), name="agreements_report"),
        path(
            "reports/agreements/results/",
            AgreementsReportView.as_view(results_only=True),
            name="agreements_report_results",
        ),
    ]


class AgreementsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_reports_menu_item")
def register_agreements_report_menu_item():
    return AgreementsReportMenuItem(
        "Agreements",
        reverse("agreements_report"),
        name="agreements",
        icon_name="doc-full",
        order=1100,
    )
