"""A member's payment claims are theirs: exported in full, and kept (not erased) on deletion."""

import datetime as dt
from decimal import Decimal

import pytest

from cms.claims.models import Claim, ClaimStatus, ExpenseLine, ExpenseType
from cms.members.factories import ActiveMemberFactory
from cms.members.my_data.export import collect_personal_data
from cms.privacy.services import KEEP_ON_DELETION, anonymise_user

pytestmark = pytest.mark.django_db


def a_paid_claim(profile) -> Claim:
    claim = Claim.objects.create(
        member=profile,
        activity_title="Home care contract panel",
        activity_date=dt.date(2026, 9, 14),
        hours=Decimal("2.00"),
        status=ClaimStatus.PAID,
        payment_offered=True,
        payment_amount=Decimal("40.00"),
        payment_reference="BACS-RUN-48",
    )
    ExpenseLine.objects.create(
        claim=claim,
        expense_type=ExpenseType.PARKING,
        description="Car park",
        amount=Decimal("3.20"),
    )
    return claim


def test_the_export_holds_the_claims_amounts_and_expense_lines():
    profile = ActiveMemberFactory()
    claim = a_paid_claim(profile)

    data = collect_personal_data(profile.user)

    [row] = data["claims.claim"]
    assert row["id"] == claim.pk
    assert str(row["payment_amount"]) == "40.00"
    assert row["payment_reference"] == "BACS-RUN-48"
    [line] = data["claims.expenseline"]
    assert str(line["amount"]) == "3.20"


def test_deletion_keeps_payment_records_against_the_anonymous_stub():
    profile = ActiveMemberFactory()
    claim = a_paid_claim(profile)

    anonymise_user(profile.user)

    claim.refresh_from_db()
    assert claim.member_id == profile.pk
    assert claim.lines.count() == 1
    profile.user.refresh_from_db()
    assert profile.user.email.endswith("@deleted.invalid")
    assert {"claims.claim", "claims.expenseline", "claims.claimchange"} <= set(KEEP_ON_DELETION)
