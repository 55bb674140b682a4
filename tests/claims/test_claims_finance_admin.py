import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.claims import services
from cms.claims.factories import attended
from cms.claims.models import Claim, ClaimStatus, PaymentChoice
from cms.members.factories import ActiveMemberFactory
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_claim(profile, session_attended):
    def _sent(session=None, member=None, choice=PaymentChoice.PAY_ME, **fields):
        member = member or profile
        session = session or session_attended
        attended(member, session)
        claim = services.start_claim(member=member, session=session, by=member.user)
        services.set_payment_choice(claim=claim, choice=choice, **fields)
        services.add_expense(claim=claim, expense_type="mileage", miles=20)
        services.submit_claim(claim=claim, by=member.user)
        return claim

    return _sent


def test_finance_query_approve_and_reject_from_the_review_page(
    client, finance_user, sent_claim, paid_opportunity, make_session, when
):
    claim = sent_claim()
    client.force_login(finance_user)
    url = f"/admin/claims/{claim.pk}/"
    assert client.post(url, {"action": "query", "note": ""}).status_code == 400
    client.post(url, {"action": "query", "note": "Which car did you use?"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.QUERIED
    # Approving a queried claim is refused with a clear message.
    response = client.post(url, {"action": "approve"})
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()
    services.answer_query(claim=claim, answer="My own.", by=claim.member.user)
    client.post(url, {"action": "approve"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED

    other = sent_claim(session=make_session(paid_opportunity, when(2025, 11, 20)))
    client.post(f"/admin/claims/{other.pk}/", {"action": "reject", "note": "Not attended."})
    other.refresh_from_db()
    assert other.status == ClaimStatus.REJECTED
    assert other.rejection_reason == "Not attended."


def test_finance_bulk_mark_approved_claims_paid(
    client, finance_user, sent_claim, paid_opportunity, make_session, when
):
    first = sent_claim()
    second = sent_claim(session=make_session(paid_opportunity, when(2025, 11, 20)))
    waiting = sent_claim(session=make_session(paid_opportunity, when(2025, 11, 21)))
    for claim in (first, second):
        services.approve_claim(claim=claim, by=finance_user)
    client.force_login(finance_user)
    page = client.get("/admin/claims/mark-paid/").content.decode()
    assert first.reference in page and waiting.reference not in page
    response = client.post(
        "/admin/claims/mark-paid/",
        {"claims": [first.pk, second.pk], "paid_on": "2025-12-01", "reference": "RUN-12"},
    )
    assert response.status_code == 302
    for claim in (first, second):
        claim.refresh_from_db()
        assert (claim.status, claim.paid_on, claim.payment_reference) == (
            ClaimStatus.PAID,
            dt.date(2025, 12, 1),
            "RUN-12",
        )
    # A claim that is not approved cannot be slipped in.
    response = client.post(
        "/admin/claims/mark-paid/",
        {"claims": [waiting.pk], "paid_on": "2025-12-01", "reference": "RUN-13"},
    )
    assert response.status_code == 400
    waiting.refresh_from_db()
    assert waiting.status == ClaimStatus.SUBMITTED


def test_the_export_lists_approved_claims_with_the_payment_choice_as_such(
    client, finance_user, sent_claim, paid_opportunity, make_session, when
):
    voucher = sent_claim(choice=PaymentChoice.VOUCHER)
    declined = sent_claim(
        session=make_session(paid_opportunity, when(2025, 11, 20)), choice=PaymentChoice.DECLINED
    )
    charity = sent_claim(
        session=make_session(paid_opportunity, when(2025, 11, 21)),
        choice=PaymentChoice.CHARITY,
        charity_name="Carers Trust",
    )
    not_approved = sent_claim(session=make_session(paid_opportunity, when(2025, 11, 22)))
    for claim in (voucher, declined, charity):
        services.approve_claim(claim=claim, by=finance_user)
    client.force_login(finance_user)
    response = client.get("/admin/claims/export/")
    assert response["Content-Type"].startswith("text/csv")
    rows = {row["claim"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert set(rows) == {voucher.reference, declined.reference, charity.reference}
    assert not_approved.reference not in rows
    assert rows[voucher.reference]["payment_choice"] == "voucher"
    assert rows[voucher.reference]["voucher"] == "50.00"
    assert rows[voucher.reference]["pay_to_member"] == "0.00"
    assert rows[voucher.reference]["expenses"] == "9.00"
    assert rows[voucher.reference]["total_to_member_bank"] == "9.00"
    assert rows[declined.reference]["payment_choice"] == "declined"
    assert rows[declined.reference]["pay_to_member"] == "0.00"
    assert rows[charity.reference]["payment_choice"] == "charity"
    assert rows[charity.reference]["charity"] == "Carers Trust"
    assert rows[charity.reference]["to_charity"] == "50.00"
    assert Claim.objects.get(pk=voucher.pk).payment_choice == PaymentChoice.VOUCHER


def test_the_finance_queue_query_count_does_not_grow(
    client, finance_user, paid_opportunity, rates, make_session, when
):
    def queue_queries(count):
        for n in range(count):
            member = ActiveMemberFactory(user=UserFactory())
            session = make_session(paid_opportunity, when(2025, 11, 1) + dt.timedelta(hours=n))
            attended(member, session)
            claim = services.start_claim(member=member, session=session, by=member.user)
            services.add_expense(claim=claim, expense_type="mileage", miles=Decimal(4))
            services.submit_claim(claim=claim, by=member.user)
        client.force_login(finance_user)
        client.get("/admin/claims/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/claims/")
        assert response.status_code == 200
        return [query["sql"] for query in queries]

    few = queue_queries(2)
    many = queue_queries(15)
    assert len(few) == len(many), "\n".join(set(many) ^ set(few))
