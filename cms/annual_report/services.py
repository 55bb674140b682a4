"""Asking for the annual Experts Report and storing the PDF the task makes."""

import contextlib
import logging
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from .models import AnnualReport

logger = logging.getLogger(__name__)

TASK = "cms.annual_report.tasks.generate_annual_report"


def request_generation(*, year: int, by) -> AnnualReport:
    """Start making the PDF for ``year`` (creating the year's row if needed).

    Each request gets a new generation id, so a task from an earlier request that runs
    late does nothing. The task is queued once the row is saved.
    """
    with transaction.atomic():
        report, _ = AnnualReport.objects.select_for_update().get_or_create(year=year)
        report.generation_id = uuid.uuid4()
        report.requested_at = timezone.now()
        report.requested_by = by
        report.last_error = ""
        report.save(update_fields=["generation_id", "requested_at", "requested_by", "last_error"])
        transaction.on_commit(lambda: async_task(TASK, report.pk, str(report.generation_id)))
    return report


def _file_name(report: AnnualReport, generation_id: str) -> str:
    return f"annual-reports/experts-report-{report.year}-{generation_id}.pdf"


def generate(*, report_id: int, generation_id: str) -> AnnualReport | None:
    """Make and store the PDF for this generation, unless it is stale or already stored.

    Safe to run twice: the second run finds the file in place and stops. A failure is
    kept on the row (the page offers to try again) rather than left "being prepared".
    """
    from .pdf import render_annual_report_pdf

    report = AnnualReport.objects.filter(pk=report_id).first()
    if report is None or str(report.generation_id) != generation_id:
        return None
    if str(report.file_generation_id) == generation_id and report.file:
        return report
    try:
        pdf = render_annual_report_pdf(report)
    except Exception as error:
        logger.exception("The annual report for %s could not be made", report.year)
        AnnualReport.objects.filter(pk=report.pk, generation_id=generation_id).update(
            last_error=f"{type(error).__name__}: {error}"[:300]
        )
        return None

    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report_id)
        if str(report.generation_id) != generation_id:
            return None
        if str(report.file_generation_id) == generation_id and report.file:
            return report
        storage = report.file.storage
        name = _file_name(report, generation_id)
        if storage.exists(name):
            storage.delete(name)
        previous = report.file.name
        report.file.name = storage.save(name, ContentFile(pdf))
        report.file_generation_id = generation_id
        report.generated_at = timezone.now()
        report.last_error = ""
        report.save(update_fields=["file", "file_generation_id", "generated_at", "last_error"])
        if previous and previous != report.file.name:

            def remove_previous():
                with contextlib.suppress(OSError):
                    storage.delete(previous)

            transaction.on_commit(remove_previous)
    return report
