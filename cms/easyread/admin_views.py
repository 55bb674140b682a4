"""The writing help endpoint for the page editor, and the "Pages above the reading age" report."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports import ReportView

from . import services
from .access import is_editor, may_see_reading_age_report

# Enough for a long page; more is cut off rather than slowing the admin down.
MAX_TEXT_LENGTH = 100_000


@require_POST
def writing_help(request):
    """The reading age, longest sentences and jargon of the posted ``text``, as JSON."""
    if not is_editor(request.user):
        raise PermissionDenied
    text = request.POST.get("text", "")[:MAX_TEXT_LENGTH]
    return JsonResponse(services.writing_help(text=text).as_json())


class ReadingAgeReportView(ReportView):
    """Published pages whose reading age is above the target, hardest first."""

    page_title = "Pages above the reading age"
    header_icon = "doc-full"
    results_template_name = "easyread/admin/reading_age_report_results.html"
    index_url_name = "easyread_reading_age_report"
    index_results_url_name = "easyread_reading_age_report_results"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not may_see_reading_age_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return services.pages_above_target(page_models=services.readable_page_models())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["target"] = settings.READING_AGE_TARGET
        return context
