import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from cms.claims import selectors, services
from cms.claims.factories import PaymentRateFactory, attended
from cms.claims.models import Claim, ClaimChange, ClaimStatus, PaymentChoice
from cms.claims.money import pounds
from cms.members.choices import PaymentPreference
from cms.members.factories import ActiveMemberFactory
from cms.members.models import InvolvementRole
from cms.notifications.models import Notification, Topic
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_pounds_round_half_up_to_the_penny():
    assert pounds("2.345") == Decimal("2.35")
    assert pounds("2.344") == Decimal("2.34")
    assert pounds(None) == Decimal("0.00")


def test_tax_year_runs_from_6_april_to_5_april():
    assert selectors.tax_year_bounds(dt.date(2026, 4, 5)) == (
        dt.date(2025, 4, 6),
        dt.date(2026, 4, 5),
    )
    assert selectors.tax_year_bounds(dt.date(2026, 4, 6)) == (
        dt.date(2026, 4, 6),
        dt.date(2027, 4, 5),
    )
    assert selectors.tax_year_bounds(dt.date(2026, 1, 1)) == (
        dt.date(2025, 4, 6),
        dt.date(2026, 4, 5),
    )


def test_payment_uses_the_rate_in_force_on_the_activity_date(
    profile, paid_opportunity, rates, make_session, when
):
    before = make_session(paid_opportunity, when(2025, 9, 30), hours=2)
    after = make_session(paid_opportunity, when(2025, 10, 1), hours=2)
    attended(profile, before)
    attended(profile, after)

    assert services.expected_payment(profile, before) == Decimal("40.00")
    assert services.expected_payment(profile, after) == Decimal("50.00")
    claim = services.start_claim(member=profile, session=after, by=profile.user)
    assert claim.rate_amount == Decimal("25.00")
    assert claim.payment_amount == Decimal("50.00")
    assert claim.payment_choice == PaymentChoice.PAY_ME  # from the profile's preference


def test_a_level_rate_beats_the_general_rate_and_a_role_rate_beats_both(
    profile, paid_opportunity, rates, make_session, when
):
    session = make_session(paid_opportunity, when(2025, 11, 12), hours=3)
    attended(profile, session)
    PaymentRateFactory(
        level_of_involvement=paid_opportunity.level_of_involvement,
        unit="half_day",
        amount=Decimal("60.00"),
        applies_from=dt.date(2025, 4, 6),
    )
    assert services.expected_payment(profile, session) == Decimal("60.00")
    panel = InvolvementRole.objects.create(name="Interview panel member", is_paid=True)
    profile.roles.add(panel)
    PaymentRateFactory(role=panel, unit="activity", amount=Decimal("90.00"))
    assert services.expected_payment(profile, session) == Decimal("90.00")


def test_half_days_and_days_round_up(profile, paid_opportunity, make_session, when):
    PaymentRateFactory(unit="half_day", amount=Decimal("45.00"))
    long_session = make_session(paid_opportunity, when(2025, 11, 12), hours=5)
    attended(profile, long_session)
    assert services.expected_payment(profile, long_session) == Decimal("90.00")


@pytest.mark.parametrize(
    "preference", [PaymentPreference.EXPENSES_ONLY, PaymentPreference.NO_PAYMENT]
)
def test_no_payment_line_for_members_who_chose_expenses_only_or_no_payment(
    preference, paid_opportunity, rates, make_session, when
):
    profile = ActiveMemberFactory(payment_preference=preference)
    session = make_session(paid_opportunity, when(2025, 11, 12))
    attended(profile, session)

    assert services.expected_payment(profile, session) == Decimal("0.00")
    claim = services.start_claim(member=profile, session=session, by=profile.user)
    assert claim.payment_offered is False
    assert claim.payment_amount == Decimal("0.00")
    assert "You told us" in claim.no_payment_reason
    with pytest.raises(services.ClaimNotAllowed):
        services.set_payment_choice(claim=claim, choice=PaymentChoice.PAY_ME)


def test_no_payment_line_for_an_expenses_only_activity(
    profile, expenses_opportunity, rates, make_session, when
):
    session = make_session(expenses_opportunity, when(2025, 11, 12))
    attended(profile, session)
    assert services.expected_payment(profile, session) == Decimal("0.00")
    claim = services.start_claim(member=profile, session=session, by=profile.user)
    assert not claim.payment_offered
    assert "expenses only" in claim.no_payment_reason


def test_a_member_can_only_claim_for_a_session_they_attended(
    profile, paid_opportunity, rates, make_session, when
):
    session = make_session(paid_opportunity, when(2025, 11, 12))
    with pytest.raises(services.ClaimNotAllowed):
        services.start_claim(member=profile, session=session, by=profile.user)


def test_a_second_claim_for_the_same_session_is_refused(profile, session_attended, receipt_pdf):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    # Starting again returns the draft rather than making a second claim.
    assert services.start_claim(member=profile, session=session_attended, by=profile.user) == claim
    services.submit_claim(claim=claim, by=profile.user)
    with pytest.raises(services.ClaimNotAllowed, match="already sent a claim"):
        services.start_claim(member=profile, session=session_attended, by=profile.user)
    # The database refuses it too, whatever the code path.
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(
            member=profile,
            session=session_attended,
            activity_title="Again",
            activity_date=claim.activity_date,
        )


def test_a_rejected_claim_frees_the_session_for_a_new_one(profile, session_attended, finance_user):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    services.submit_claim(claim=claim, by=profile.user)
    services.reject_claim(claim=claim, reason="Claimed on paper already.", by=finance_user)
    again = services.start_claim(member=profile, session=session_attended, by=profile.user)
    assert again.pk != claim.pk


def test_mileage_is_worked_out_from_the_rate_and_parking_needs_a_receipt(
    profile, session_attended, receipt_png
):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    mileage = services.add_expense(claim=claim, expense_type="mileage", miles=Decimal("12.5"))
    assert mileage.amount == Decimal("5.63")  # 12.5 × 0.45 = 5.625, rounded half up
    with pytest.raises(services.ClaimError, match="receipt"):
        services.add_expense(claim=claim, expense_type="parking", amount=Decimal("4.50"))
    parking = services.add_expense(
        claim=claim, expense_type="parking", amount=Decimal("4.50"), receipt=receipt_png
    )
    assert parking.receipt_content_type == "image/png"
    assert not parking.receipt.name.endswith("receipt.png")  # never the member's file name
    assert claim.expenses_total == Decimal("10.13")


def test_an_expense_over_its_limit_is_refused(profile, session_attended, receipt_pdf):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    with pytest.raises(services.ClaimError, match=r"£15\.00"):
        services.add_expense(
            claim=claim, expense_type="parking", amount=Decimal("16.00"), receipt=receipt_pdf
        )


def test_a_file_named_pdf_that_is_really_html_is_refused(profile, session_attended):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    fake = SimpleUploadedFile(
        "receipt.pdf",
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        content_type="application/pdf",
    )
    with pytest.raises(services.ClaimError, match="must be a PDF"):
        services.add_expense(claim=claim, expense_type="fares", amount=Decimal("3"), receipt=fake)
    assert not claim.lines.exists()


def test_a_receipt_over_5_mb_is_refused(profile, session_attended):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(services.ClaimError, match="5 MB"):
        services.add_expense(claim=claim, expense_type="fares", amount=Decimal("3"), receipt=big)


def test_a_reduced_amount_must_be_less_than_the_payment(profile, session_attended):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    with pytest.raises(services.ClaimError, match=r"less than £50\.00"):
        services.set_payment_choice(
            claim=claim, choice=PaymentChoice.REDUCED, reduced_amount=Decimal("60")
        )
    services.set_payment_choice(
        claim=claim, choice=PaymentChoice.REDUCED, reduced_amount=Decimal("20.005")
    )
    assert claim.reduced_amount == Decimal("20.01")


def test_the_whole_journey_is_dated_attributed_and_told(
    profile, session_attended, finance_user, django_capture_on_commit_callbacks
):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    services.add_expense(claim=claim, expense_type="mileage", miles=10)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_claim(claim=claim, by=profile.user)
        services.query_claim(claim=claim, question="Which car park?", by=finance_user)
        services.answer_query(claim=claim, answer="The one behind the hall.", by=profile.user)
        services.approve_claim(claim=claim, by=finance_user)
        services.mark_claims_paid(
            claims=[claim], paid_on=dt.date(2025, 11, 30), reference="BACS-0042", by=finance_user
        )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    assert claim.paid_on == dt.date(2025, 11, 30)
    assert claim.payment_reference == "BACS-0042"
    moves = list(ClaimChange.objects.filter(claim=claim).values_list("to_status", "changed_by"))
    assert moves == [
        ("draft", profile.user.pk),
        ("submitted", profile.user.pk),
        ("queried", finance_user.pk),
        ("submitted", profile.user.pk),
        ("approved", finance_user.pk),
        ("paid", finance_user.pk),
    ]
    subjects = list(
        Notification.objects.filter(recipient=profile.user, topic=Topic.CLAIMS)
        .order_by("pk")
        .values_list("subject", flat=True)
    )
    assert subjects == [
        "We have a question about your claim",
        "Your claim has been approved",
        "Your claim has been paid",
    ]


def test_a_rejection_needs_a_reason_and_tells_the_member(profile, session_attended, finance_user):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    services.submit_claim(claim=claim, by=profile.user)
    with pytest.raises(services.ClaimError):
        services.reject_claim(claim=claim, reason=" ", by=finance_user)
    services.reject_claim(claim=claim, reason="This was claimed on paper.", by=finance_user)
    claim.refresh_from_db()
    assert claim.rejection_reason == "This was claimed on paper."
    assert Notification.objects.get(recipient=profile.user).subject == (
        "Your claim has not been approved"
    )


@pytest.mark.parametrize(
    "path,to_status",
    [
        ([], ClaimStatus.APPROVED),
        ([], ClaimStatus.PAID),
        (["submit"], ClaimStatus.PAID),
        (["submit", "approve"], ClaimStatus.QUERIED),
        (["submit", "approve", "pay"], ClaimStatus.SUBMITTED),
        (["submit", "reject"], ClaimStatus.APPROVED),
    ],
)
def test_invalid_moves_are_refused_with_a_clear_error(
    profile, session_attended, finance_user, path, to_status
):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    steps = {
        "submit": lambda: services.submit_claim(claim=claim, by=profile.user),
        "approve": lambda: services.approve_claim(claim=claim, by=finance_user),
        "reject": lambda: services.reject_claim(claim=claim, reason="No", by=finance_user),
        "pay": lambda: services.mark_claims_paid(
            claims=[claim], paid_on=dt.date(2025, 12, 1), reference="R1", by=finance_user
        ),
    }
    for step in path:
        steps[step]()
    claim.refresh_from_db()
    with pytest.raises(services.InvalidTransition, match="cannot become"):
        services.move_claim(claim=claim, to_status=to_status, by=finance_user)


def test_only_finance_decides_and_only_the_member_submits(
    profile, session_attended, coordinator, finance_user
):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    with pytest.raises(services.ClaimNotAllowed):
        services.submit_claim(claim=claim, by=finance_user)
    services.submit_claim(claim=claim, by=profile.user)
    for outsider in (coordinator, profile.user):
        with pytest.raises(services.ClaimNotAllowed):
            services.approve_claim(claim=claim, by=outsider)


def test_a_claim_cannot_be_sent_with_nothing_in_it(
    profile, expenses_opportunity, rates, make_session, when
):
    session = make_session(expenses_opportunity, when(2025, 11, 12))
    attended(profile, session)
    claim = services.start_claim(member=profile, session=session, by=profile.user)
    with pytest.raises(services.ClaimError, match="at least one expense"):
        services.submit_claim(claim=claim, by=profile.user)


def _sent_claim(profile, session, choice, finance_user=None, **choice_fields):
    attended(profile, session)
    claim = services.start_claim(member=profile, session=session, by=profile.user)
    services.set_payment_choice(claim=claim, choice=choice, **choice_fields)
    services.add_expense(claim=claim, expense_type="mileage", miles=10)
    services.submit_claim(claim=claim, by=profile.user)
    return claim


def test_earnings_count_paid_voucher_and_reduced_but_not_declined_charity_or_expenses(
    profile, paid_opportunity, rates, make_session, when
):
    sessions = [make_session(paid_opportunity, when(2025, 11, day)) for day in (3, 4, 5, 6, 7)]
    _sent_claim(profile, sessions[0], PaymentChoice.PAY_ME)
    _sent_claim(profile, sessions[1], PaymentChoice.VOUCHER)
    _sent_claim(profile, sessions[2], PaymentChoice.REDUCED, reduced_amount=Decimal("10"))
    _sent_claim(profile, sessions[3], PaymentChoice.DECLINED)
    _sent_claim(profile, sessions[4], PaymentChoice.CHARITY, charity_name="Age UK")
    start, end = selectors.tax_year_bounds(dt.date(2025, 11, 3))
    # 50 + 50 + 10; each claim's 10 miles (£4.50) is expenses, never earnings.
    assert selectors.involvement_payments_between(profile, start, end) == Decimal("110.00")
    assert selectors.expenses_between(profile, start, end) == Decimal("22.50")


def test_drafts_and_rejected_claims_are_not_earnings(
    profile, paid_opportunity, rates, make_session, when, finance_user
):
    draft_session = make_session(paid_opportunity, when(2025, 11, 3))
    attended(profile, draft_session)
    services.start_claim(member=profile, session=draft_session, by=profile.user)
    rejected = _sent_claim(profile, make_session(paid_opportunity, when(2025, 11, 4)), "paid")
    services.reject_claim(claim=rejected, reason="Duplicate", by=finance_user)
    assert selectors.involvement_payments_between(
        profile, dt.date(2025, 4, 6), dt.date(2026, 4, 5)
    ) == Decimal("0.00")


def test_tax_year_totals_split_at_5_and_6_april(profile, paid_opportunity, make_session, when):
    PaymentRateFactory(amount=Decimal("20.00"), applies_from=dt.date(2025, 4, 6))
    from cms.claims.factories import MileageRateFactory

    MileageRateFactory(applies_from=dt.date(2025, 4, 6))
    last_day = make_session(paid_opportunity, when(2026, 4, 5, hour=20), hours=2)
    first_day = make_session(paid_opportunity, when(2026, 4, 6, hour=9), hours=3)
    _sent_claim(profile, last_day, PaymentChoice.PAY_ME)
    _sent_claim(profile, first_day, PaymentChoice.PAY_ME)

    years = selectors.tax_year_totals(profile)
    assert [(y.start, y.payments, y.expenses) for y in years] == [
        (dt.date(2026, 4, 6), Decimal("60.00"), Decimal("4.50")),
        (dt.date(2025, 4, 6), Decimal("40.00"), Decimal("4.50")),
    ]
    assert selectors.involvement_payments_between(
        profile, *selectors.tax_year_bounds(dt.date(2026, 4, 5))
    ) == Decimal("40.00")


def test_expected_payment_for_another_member_uses_their_own_preference(
    paid_opportunity, rates, make_session, when
):
    session = make_session(paid_opportunity, when(2025, 11, 12), hours=1)
    paid = ActiveMemberFactory(user=UserFactory())
    volunteer = ActiveMemberFactory(
        user=UserFactory(), payment_preference=PaymentPreference.NO_PAYMENT
    )
    assert services.expected_payment(paid, session) == Decimal("25.00")
    assert services.expected_payment(volunteer, session) == Decimal("0.00")
