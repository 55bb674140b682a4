import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.claims import services
from cms.claims.factories import attended
from cms.claims.models import Claim, ClaimStatus, PaymentChoice
from cms.members.choices import PaymentPreference
from cms.members.factories import ActiveMemberFactory
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_member_claims_an_attended_session_from_start_to_sent(
    client, profile, session_attended, receipt_pdf
):
    client.force_login(profile.user)
    page = client.get("/members/claims/").content.decode()
    assert "Home care contract panel" in page
    response = client.post(f"/members/claims/start/{session_attended.pk}/")
    claim = Claim.objects.get(member=profile)
    assert response["Location"] == f"/members/claims/{claim.pk}/"

    detail = client.get(f"/members/claims/{claim.pk}/").content.decode()
    assert "£50.00" in detail  # 2 hours at £25, worked out, never typed

    response = client.post(
        f"/members/claims/{claim.pk}/payment/", {"choice": PaymentChoice.VOUCHER}
    )
    assert response.status_code == 302
    response = client.post(
        f"/members/claims/{claim.pk}/expenses/add/",
        {"expense_type": "mileage", "miles": "10"},
    )
    assert response.status_code == 302
    response = client.post(
        f"/members/claims/{claim.pk}/expenses/add/",
        {"expense_type": "parking", "amount": "3.20", "receipt": receipt_pdf},
    )
    assert response.status_code == 302

    check = client.get(f"/members/claims/{claim.pk}/check/")
    assert "Check your claim before you send it" in check.content.decode()
    assert client.post(f"/members/claims/{claim.pk}/check/", {}).status_code == 400
    response = client.post(f"/members/claims/{claim.pk}/check/", {"confirm": "on"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.payment_choice == PaymentChoice.VOUCHER
    assert claim.expenses_total == Decimal("7.70")
    # Sent claims cannot be changed.
    client.post(
        f"/members/claims/{claim.pk}/expenses/add/", {"expense_type": "mileage", "miles": "5"}
    )
    assert claim.lines.count() == 2


def test_an_expenses_only_member_is_told_why_there_is_no_payment(
    client, paid_opportunity, rates, make_session, when
):
    profile = ActiveMemberFactory(payment_preference=PaymentPreference.EXPENSES_ONLY)
    session = make_session(paid_opportunity, when(2025, 11, 12))
    attended(profile, session)
    client.force_login(profile.user)
    client.post(f"/members/claims/start/{session.pk}/")
    claim = Claim.objects.get(member=profile)
    page = client.get(f"/members/claims/{claim.pk}/").content.decode()
    assert "There is no payment for your time in this claim" in page
    assert "You told us you want expenses only" in page
    assert f"/members/claims/{claim.pk}/payment/" not in page
    # The payment page is not offered either.
    assert client.get(f"/members/claims/{claim.pk}/payment/").status_code == 302


def test_a_second_claim_for_a_sent_session_shows_a_friendly_message(
    client, profile, session_attended
):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    services.submit_claim(claim=claim, by=profile.user)
    client.force_login(profile.user)
    response = client.post(f"/members/claims/start/{session_attended.pk}/", follow=True)
    assert "You have already claimed for this session" in response.content.decode()
    assert Claim.objects.filter(member=profile).count() == 1


def test_a_fake_pdf_upload_is_refused_with_an_error_beside_the_field(
    client, profile, session_attended
):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    client.force_login(profile.user)
    fake = SimpleUploadedFile("receipt.pdf", b"<html><body>not a pdf</body></html>")
    response = client.post(
        f"/members/claims/{claim.pk}/expenses/add/",
        {"expense_type": "fares", "amount": "2.50", "receipt": fake},
    )
    assert response.status_code == 400
    assert "The receipt must be a PDF, or a JPEG or PNG picture." in response.content.decode()
    assert not claim.lines.exists()


def test_the_member_answers_a_question_from_finance(
    client, profile, session_attended, finance_user
):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    services.submit_claim(claim=claim, by=profile.user)
    services.query_claim(claim=claim, question="Was this the morning meeting?", by=finance_user)
    client.force_login(profile.user)
    page = client.get(f"/members/claims/{claim.pk}/").content.decode()
    assert "Was this the morning meeting?" in page
    assert client.post(f"/members/claims/{claim.pk}/answer/", {"answer": ""}).status_code == 400
    client.post(f"/members/claims/{claim.pk}/answer/", {"answer": "Yes, 10am."})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_the_statement_is_a_pdf_for_the_tax_year(client, profile, session_attended, finance_user):
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    services.submit_claim(claim=claim, by=profile.user)
    services.approve_claim(claim=claim, by=finance_user)
    services.mark_claims_paid(
        claims=[claim], paid_on=dt.date(2025, 12, 1), reference="R-7", by=finance_user
    )
    client.force_login(profile.user)
    index = client.get("/members/claims/").content.decode()
    assert "6 April 2025 to 5 April 2026" in index
    response = client.get("/members/claims/statement/2025/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "payments-and-expenses-2025-to-2026.pdf" in response["Content-Disposition"]


def test_the_claims_list_query_count_does_not_grow(
    client, paid_opportunity, rates, make_session, when, receipt_png
):
    def list_queries(count):
        profile = ActiveMemberFactory(user=UserFactory())
        for day in range(count):
            session = make_session(paid_opportunity, when(2025, 11, 1) + dt.timedelta(days=day))
            attended(profile, session)
            claim = services.start_claim(member=profile, session=session, by=profile.user)
            services.add_expense(claim=claim, expense_type="mileage", miles=3)
        # One more attended but unclaimed session, offered as "start a claim".
        attended(profile, make_session(paid_opportunity, when(2025, 12, 20)))
        client.force_login(profile.user)
        client.get("/members/claims/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/members/claims/")
        assert response.status_code == 200
        return [query["sql"] for query in queries]

    few = list_queries(2)
    many = list_queries(12)
    assert len(few) == len(many), "\n".join(set(many) ^ set(few))
