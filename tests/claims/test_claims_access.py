"""Who may see claims: the member their own only, finance everything, coordinators the
states only, editors nothing, visitors are sent to sign in."""

from urllib.parse import urlsplit

import pytest

from cms.claims import services
from cms.claims.factories import attended
from cms.claims.models import ClaimStatus
from cms.members.factories import ActiveMemberFactory
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(profile, session_attended, finance_user, receipt_png):
    """The member's claim with a parking receipt, sent to finance; and another member."""
    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    line = services.add_expense(
        claim=claim, expense_type="parking", amount="4.00", receipt=receipt_png
    )
    services.submit_claim(claim=claim, by=profile.user)
    other = ActiveMemberFactory(user=UserFactory(email="other@example.org"))
    attended(other, session_attended)
    return {"claim": claim, "line": line, "other": other}


def member_urls(setting):
    c, line = setting["claim"].pk, setting["line"].pk
    return [
        f"/members/claims/{c}/",
        f"/members/claims/{c}/payment/",
        f"/members/claims/{c}/expenses/add/",
        f"/members/claims/{c}/check/",
        f"/members/claims/receipts/{line}/",
    ]


def admin_urls(setting):
    c, line = setting["claim"].pk, setting["line"].pk
    return [
        f"/admin/claims/{c}/",
        "/admin/claims/mark-paid/",
        "/admin/claims/export/",
        f"/admin/claims/receipts/{line}/",
    ]


def test_visitors_are_sent_to_sign_in(client, setting):
    for url in [
        "/members/claims/",
        "/members/claims/statement/2025/",
        *member_urls(setting),
        "/admin/claims/",
        *admin_urls(setting),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert urlsplit(response["Location"]).path in ("/accounts/login/", "/admin/login/"), url


def test_another_member_cannot_see_or_change_a_claim_or_receipt_by_id(client, setting):
    client.force_login(setting["other"].user)
    for url in member_urls(setting):
        assert client.get(url).status_code == 404, url
    c, line = setting["claim"].pk, setting["line"].pk
    for url in [
        f"/members/claims/{c}/answer/",
        f"/members/claims/{c}/delete/",
        f"/members/claims/{c}/expenses/{line}/remove/",
    ]:
        assert client.post(url, {"answer": "Hello"}).status_code == 404, url
    own_list = client.get("/members/claims/").content.decode()
    assert setting["claim"].reference not in own_list
    assert setting["claim"].lines.count() == 1


@pytest.mark.parametrize("who", ["editor", "coordinator"])
def test_staff_see_no_member_claim_pages_or_receipts(client, setting, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in member_urls(setting):
        assert client.get(url).status_code == 404, url


def test_finance_do_not_read_receipts_through_the_member_pages(client, setting, finance_user):
    client.force_login(finance_user)
    assert client.get(f"/members/claims/receipts/{setting['line'].pk}/").status_code == 404


@pytest.mark.parametrize("who", ["editor", "member"])
def test_editors_and_members_see_no_claims_in_the_admin(client, setting, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for url in ["/admin/claims/", *admin_urls(setting)]:
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"action": "approve"})
            assert response.status_code in (302, 403), (url, method)
            if response.status_code == 302:
                assert not urlsplit(response["Location"]).path.startswith("/admin/claims")
            assert b"Home care contract panel" not in response.content
    setting["claim"].refresh_from_db()
    assert setting["claim"].status == ClaimStatus.SUBMITTED


def test_coordinators_see_states_but_not_amounts_receipts_or_actions(client, setting, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/claims/")
    page = response.content.decode()
    assert response.status_code == 200
    assert setting["claim"].reference in page
    assert "Sent to finance" in page
    assert "£" not in page
    assert "/admin/claims/receipts/" not in page
    for url in admin_urls(setting):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"action": "approve"})
            # Wagtail turns a refusal into a redirect to the dashboard with a message.
            assert response.status_code in (302, 403), (url, method)
            if response.status_code == 302:
                assert not urlsplit(response["Location"]).path.startswith("/admin/claims")
    setting["claim"].refresh_from_db()
    assert setting["claim"].status == ClaimStatus.SUBMITTED


def test_finance_see_the_claim_and_download_its_receipt(client, setting, finance_user):
    client.force_login(finance_user)
    page = client.get(f"/admin/claims/{setting['claim'].pk}/").content.decode()
    assert f"/admin/claims/receipts/{setting['line'].pk}/" in page
    receipt = client.get(f"/admin/claims/receipts/{setting['line'].pk}/")
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "image/png"
    assert receipt["Content-Disposition"].startswith("attachment")
    assert client.get("/admin/claims/999999/").status_code == 404


def test_the_member_reads_their_own_receipt(client, setting, profile):
    client.force_login(profile.user)
    response = client.get(f"/members/claims/receipts/{setting['line'].pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("who", ["editor", "coordinator"])
def test_rates_are_kept_by_finance_only(client, who, request, finance_user):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/admin/snippets/claims/paymentrate/").status_code in (302, 403)
    client.force_login(finance_user)
    assert client.get("/admin/snippets/claims/paymentrate/").status_code == 200
    assert client.get("/admin/snippets/claims/paymentrate/add/").status_code == 200


def test_a_statement_covers_only_the_members_own_claims(client, setting, monkeypatch):
    seen = {}

    def capture(*, member, year, organisation):
        seen["member"], seen["claims"] = member, year.claims
        return b"%PDF-1.4 test"

    monkeypatch.setattr("cms.claims.views_member.render_statement_pdf", capture)
    client.force_login(setting["other"].user)
    assert client.get("/members/claims/statement/2025/").status_code == 200
    assert seen == {"member": setting["other"], "claims": []}
