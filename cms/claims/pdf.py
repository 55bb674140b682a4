"""A member's statement of payments and expenses for one tax year, drawn by WeasyPrint."""

from django.template.loader import render_to_string
from django.utils import timezone

from cms.core.pdf import render_pdf


def statement_filename(year) -> str:
    return f"payments-and-expenses-{year.start.year}-to-{year.end.year}.pdf"


def statement_html(*, member, year, organisation, today=None) -> str:
    user = member.user
    return render_to_string(
        "claims/pdf/statement.html",
        {
            "organisation_name": getattr(organisation, "organisation_name", "") or "Involve",
            "name": user.get_full_name() or user.email,
            "year": year,
            "today": today or timezone.localdate(),
        },
    )


def render_statement_pdf(*, member, year, organisation, today=None) -> bytes:
    return render_pdf(
        statement_html(member=member, year=year, organisation=organisation, today=today)
    )
