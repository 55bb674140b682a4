"""Demo rates (with a rise during the tax year) and claims in every state.

Safe to run again: rates are found by their date, and a claim is only made for a
member and session that have none. Finance's moves are written as history without
telling anyone, so loading the demo sends no email.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from cms.badges.storage import private_storage
from cms.members.models import MemberProfile
from cms.opportunities.models import InvolvementLevel, OpportunitySession, PaymentUnit

from . import services
from .factories import ExpenseCapFactory, MileageRateFactory, attended
from .models import Claim, ClaimStatus, ExpenseLine, ExpenseType, PaymentChoice, PaymentRate
from .selectors import tax_year_bounds

FINANCE_EMAIL = "finance@example.org"
COORDINATOR_EMAIL = "coordinator@example.org"


def load_rates(today: dt.date) -> None:
    """Last year's rates, and this tax year's with a rise from 1 October."""
    this_year, _ = tax_year_bounds(today)
    last_year = dt.date(this_year.year - 1, 4, 6)
    rise = dt.date(this_year.year, 10, 1)
    rates = [
        ("", PaymentUnit.PER_HOUR, "18.00", last_year, "Rate agreed by the involvement board."),
        ("", PaymentUnit.PER_HOUR, "20.00", this_year, "Yearly review: up by £2 an hour."),
        ("", PaymentUnit.PER_HOUR, "22.50", rise, "Raised in line with the Real Living Wage."),
        (
            InvolvementLevel.CO_PRODUCE,
            PaymentUnit.PER_DAY,
            "120.00",
            this_year,
            "Co-production days pay a day rate.",
        ),
    ]
    for level, unit, amount, applies_from, note in rates:
        PaymentRate.objects.get_or_create(
            level_of_involvement=level,
            role=None,
            unit=unit,
            applies_from=applies_from,
            defaults={"amount": Decimal(amount), "note": note},
        )
    MileageRateFactory(amount_per_mile=Decimal("0.45"), applies_from=last_year)
    for expense_type, limit in [
        (ExpenseType.PARKING, "15.00"),
        (ExpenseType.SUBSISTENCE, "10.00"),
        (ExpenseType.FARES, "40.00"),
        (ExpenseType.REPLACEMENT_CARE, "60.00"),
    ]:
        ExpenseCapFactory(
            expense_type=expense_type, max_amount=Decimal(limit), applies_from=last_year
        )


# For each demo claim: where it ends up, the payment choice, and what happened on the way.
PLAN = [
    (ClaimStatus.DRAFT, PaymentChoice.PAY_ME, "", ""),
    (ClaimStatus.SUBMITTED, PaymentChoice.VOUCHER, "", ""),
    (
        ClaimStatus.QUERIED,
        PaymentChoice.PAY_ME,
        "The parking receipt shows two hours. Was the meeting longer than planned?",
        "",
    ),
    (ClaimStatus.APPROVED, PaymentChoice.REDUCED, "", ""),
    (
        ClaimStatus.REJECTED,
        PaymentChoice.DECLINED,
        "",
        "This meeting was claimed on a paper form in October, so we have paid it already.",
    ),
    (ClaimStatus.PAID, PaymentChoice.CHARITY, "", ""),
    (ClaimStatus.PAID, PaymentChoice.PAY_ME, "", ""),
]


def _advance(claim: Claim, plan, *, finance, today: dt.date) -> None:
    to_status, _choice, question, reason = plan
    member_user = claim.member.user
    if to_status == ClaimStatus.DRAFT:
        return
    services.submit_claim(claim=claim, by=member_user)
    if to_status == ClaimStatus.SUBMITTED:
        return
    if to_status == ClaimStatus.QUERIED:
        services.move_claim(claim=claim, to_status=ClaimStatus.QUERIED, by=finance, note=question)
        return
    if to_status == ClaimStatus.REJECTED:
        services.move_claim(claim=claim, to_status=ClaimStatus.REJECTED, by=finance, note=reason)
        Claim.objects.filter(pk=claim.pk).update(rejection_reason=reason)
        return
    services.move_claim(claim=claim, to_status=ClaimStatus.APPROVED, by=finance)
    if to_status == ClaimStatus.PAID:
        paid_on = today - dt.timedelta(days=3)
        reference = f"BACS-{paid_on:%Y%m%d}"
        services.move_claim(
            claim=claim,
            to_status=ClaimStatus.PAID,
            by=finance,
            note=f"Paid on {paid_on:%d %B %Y}, reference {reference}",
        )
        Claim.objects.filter(pk=claim.pk).update(paid_on=paid_on, payment_reference=reference)


def _fill(claim: Claim, plan) -> None:
    _status, choice, _question, _reason = plan
    if claim.payment_offered:
        services.set_payment_choice(
            claim=claim,
            choice=choice,
            reduced_amount=(claim.payment_amount / 2) if choice == PaymentChoice.REDUCED else None,
            charity_name="Carers Trust" if choice == PaymentChoice.CHARITY else "",
        )
    services.add_expense(
        claim=claim,
        expense_type=ExpenseType.MILEAGE,
        miles=Decimal("14.2"),
        description="From home to the venue and back",
    )
    _demo_receipt_line(
        claim,
        ExpenseType.PARKING,
        "3.60",
        "Pay and display car park",
        ("png", "image/png", _receipt_file(PARKING_RECEIPT, "PNG")),
    )
    if claim.pk % 2:
        _demo_receipt_line(
            claim,
            ExpenseType.REPLACEMENT_CARE,
            "36.00",
            "A sitter for my husband for three hours",
            ("pdf", "application/pdf", _receipt_file(CARE_INVOICE, "PDF")),
        )


PARKING_RECEIPT = [
    "TOWN HALL CAR PARK",
    "Pay and display",
    "Arrived 09:41  Left 13:05",
    "Tariff: up to 4 hours",
    "Paid by card: GBP 3.60",
    "Thank you for your visit",
]
CARE_INVOICE = [
    "Homecare Sitters Ltd: invoice",
    "Sitting service, 3 hours",
    "3 x GBP 12.00 = GBP 36.00",
    "Paid in full, with thanks",
]


def _receipt_file(lines: list[str], image_format: str) -> bytes:
    """A plain receipt drawn as a picture (PNG) or a one-page PDF, for demo claims."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (360, 40 + 24 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(lines):
        draw.text((20, 20 + 24 * row), text, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return buffer.getvalue()


def _demo_receipt_line(claim, expense_type, amount, description, receipt) -> ExpenseLine:
    """An expense with a receipt whose stored name is fixed by the claim, so loading the demo
    into a fresh database again (as the test suite does) reuses the file rather than adding one."""
    extension, content_type, content = receipt
    storage = private_storage()
    name = f"claims/receipts/demo-{claim.pk}-{expense_type}.{extension}"
    if not storage.exists(name):
        storage.save(name, ContentFile(content))
    return ExpenseLine.objects.create(
        claim=claim,
        expense_type=expense_type,
        description=description,
        amount=Decimal(amount),
        receipt=name,
        receipt_content_type=content_type,
        receipt_name=f"receipt.{extension}",
    )


def load_demo(today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    load_rates(today)
    User = get_user_model()
    finance = User.objects.filter(email=FINANCE_EMAIL).first()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    members = list(
        MemberProfile.objects.in_bank().filter(payment_preference="paid").select_related("user")
    )
    members.sort(key=lambda member: member.user.email != "member@example.org")
    sessions = list(
        OpportunitySession.objects.filter(
            page__live=True, starts_at__lt=timezone.now() - dt.timedelta(days=1)
        )
        .select_related("page")
        .order_by("-starts_at", "pk")
    )
    if finance is None or not members or not sessions:
        return
    pairs = [
        (members[index % len(members)], sessions[index % len(sessions)])
        for index in range(len(PLAN))
    ]
    for plan, (member, session) in zip(PLAN, pairs, strict=True):
        if Claim.objects.filter(member=member, session=session).exists():
            continue
        if not attended(member, session, by=coordinator).attended:
            continue
        claim = services.start_claim(member=member, session=session, by=member.user)
        _fill(claim, plan)
        _advance(claim, plan, finance=finance, today=today)
    # A member who chose expenses only: the claim says why there is no payment line.
    volunteer = (
        MemberProfile.objects.in_bank()
        .filter(payment_preference="expenses_only")
        .select_related("user")
        .first()
    )
    if volunteer is not None:
        session = sessions[0]
        if not Claim.objects.filter(member=volunteer, session=session).exists():
            if not attended(volunteer, session, by=coordinator).attended:
                return
            claim = services.start_claim(member=volunteer, session=session, by=volunteer.user)
            _fill(claim, PLAN[1])
            services.submit_claim(claim=claim, by=volunteer.user)
