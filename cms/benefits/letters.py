"""The letter for a benefits office, as a PDF drawn by WeasyPrint from a template.

It says what the member does, that involvement payments are not wages from
employment, that expenses only pay back money spent, what the member chose to do with
each payment, and what they were paid in the period they chose.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from cms.core.pdf import logo_data_uri, render_pdf
from cms.members.models import MemberProfile

DEFAULT_ROLE = "Expert by experience"


@dataclass(frozen=True)
class LetterActivity:
    day: dt.date
    title: str
    payment: Decimal
    choice: str
    expenses: Decimal
    paid_on: dt.date | None


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """This tax year: 6 April to the next 5 April."""
    from cms.claims.selectors import tax_year_bounds

    return tax_year_bounds(today)


def activities_between(member: MemberProfile, start: dt.date, end: dt.date) -> list:
    """Each counted claim in the period, oldest first: what it paid and what it paid back."""
    from cms.claims.models import Claim

    claims = (
        Claim.objects.filter(member=member, activity_date__gte=start, activity_date__lte=end)
        .counted()
        .with_lines()
        .order_by("activity_date", "pk")
    )
    return [
        LetterActivity(
            day=claim.activity_date,
            title=claim.activity_title,
            payment=claim.earnings,
            choice=claim.get_payment_choice_display() if claim.payment_offered else "",
            expenses=claim.expenses_total,
            paid_on=claim.paid_on,
        )
        for claim in claims
    ]


def letter_context(
    *, member: MemberProfile, start: dt.date, end: dt.date, organisation, today: dt.date
) -> dict:
    from cms.claims.selectors import expenses_between, involvement_payments_between

    user = member.user
    return {
        "organisation_name": getattr(organisation, "organisation_name", "") or "Involve",
        "organisation_descriptor": getattr(organisation, "organisation_descriptor", ""),
        "contact_email": getattr(organisation, "contact_email", ""),
        "contact_phone": getattr(organisation, "contact_phone", ""),
        "logo_uri": logo_data_uri(organisation),
        "today": today,
        "name": user.get_full_name() or user.display_name,
        "address": member.address,
        "postcode": member.postcode,
        "roles": [role.name for role in member.roles.all()] or [DEFAULT_ROLE],
        "payment_preference": member.get_payment_preference_display(),
        "start": start,
        "end": end,
        "payments_total": involvement_payments_between(member, start, end),
        "expenses_total": expenses_between(member, start, end),
        "activities": activities_between(member, start, end),
    }


def letter_filename(start: dt.date, end: dt.date) -> str:
    return f"involvement-letter-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.pdf"


def render_letter_pdf(
    *,
    member: MemberProfile,
    start: dt.date,
    end: dt.date,
    organisation,
    today: dt.date | None = None,
) -> bytes:
    """The letter for ``member`` covering ``start`` to ``end`` (both included)."""
    context = letter_context(
        member=member,
        start=start,
        end=end,
        organisation=organisation,
        today=today or timezone.localdate(),
    )
    return render_pdf(render_to_string("benefits/pdf/letter.html", context))
