"""Background work for the annual Experts Report (run by django-q2)."""

from . import services


def generate_annual_report(report_id: int, generation_id: str) -> None:
    """Make the PDF for one generation of a year's report; safe to run twice."""
    services.generate(report_id=report_id, generation_id=generation_id)
