"""A demo introduction for last year's Experts Report, ready for a coordinator to make
the PDF. Safe to run again: an introduction someone has written is left alone."""

from django.utils import timezone

from .models import AnnualReport

INTRODUCTION = (
    "<p>This is our Local Account for {year}: what the experts by experience who work "
    "with us did this year, and what changed because of it.</p>"
    "<p>Every figure counts people who took part, not the meetings we held. Where a "
    "number about people's backgrounds is smaller than five, we say so instead of "
    "showing it, so nobody can be recognised.</p>"
    "<p>Thank you to everyone who gave their time, their stories and their patience.</p>"
)


def load_demo() -> AnnualReport:
    year = timezone.localdate().year - 1
    report, _ = AnnualReport.objects.get_or_create(
        year=year, defaults={"introduction": INTRODUCTION.format(year=year)}
    )
    return report
