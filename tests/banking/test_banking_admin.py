"""Only finance staff reveal full bank details, in the admin, and every reveal is audited."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.banking.factories import BankDetailsFactory
from cms.banking.models import BankDetailsAccess
from cms.banking.services import reveal_bank_details

pytestmark = pytest.mark.django_db

INDEX = reverse("banking_admin:index")
LOG = reverse("banking_admin:access_log")
REASON = {"purpose": "payment", "reason": "Payment run 14 March, claim C000123"}


def _reveal(details):
    return reverse("banking_admin:reveal", args=[details.pk])


@pytest.mark.parametrize("who", [None, "member", "editor", "coordinator"])
def test_nobody_but_finance_gets_in_whatever_the_id(client, request, bank_details, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    urls = [INDEX, LOG, _reveal(bank_details), reverse("banking_admin:reveal", args=[999])]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"3445" not in response.content
    response = client.post(_reveal(bank_details), REASON)
    assert response.status_code in (302, 403)
    assert b"00733445" not in response.content
    assert not BankDetailsAccess.objects.exists()


def test_coordinators_see_nothing_on_the_member_record_or_in_the_menu(
    client, coordinator, bank_details
):
    client.force_login(coordinator)
    record = client.get(f"/admin/involvement-bank/{bank_details.member.pk}/")
    assert record.status_code == 200
    for secret in (b"3445", b"\xe2\x80\xa2\xe2\x80\xa2-", b"00733445", b"Dev Patel's bank"):
        assert secret not in record.content
    assert INDEX.encode() not in client.get(reverse("wagtailadmin_home")).content


def test_the_service_refuses_anyone_but_finance(coordinator, editor, bank_details):
    for who in (coordinator, editor, bank_details.member.user):
        with pytest.raises(PermissionDenied):
            reveal_bank_details(bank_details=bank_details, by=who, **REASON)
    assert not BankDetailsAccess.objects.exists()


def test_finance_see_masked_then_reveal_with_a_reason_which_is_recorded(
    client, finance_user, bank_details
):
    client.force_login(finance_user)
    assert INDEX.encode() in client.get(reverse("wagtailadmin_home")).content
    listing = client.get(INDEX)
    assert listing.status_code == 200
    assert "••••3445".encode() in listing.content
    assert b"00733445" not in listing.content

    page = client.get(_reveal(bank_details))
    assert page.status_code == 200
    assert b"00733445" not in page.content

    no_reason = client.post(_reveal(bank_details), {"purpose": "payment", "reason": ""})
    assert no_reason.status_code == 400
    assert b"00733445" not in no_reason.content
    assert not BankDetailsAccess.objects.exists()

    revealed = client.post(_reveal(bank_details), REASON)
    assert revealed.status_code == 200
    assert b"00733445" in revealed.content
    assert b"30-94-80" in revealed.content
    assert b"Dev Patel" in revealed.content
    assert b"ROLL-77" in revealed.content
    assert "no-store" in revealed["Cache-Control"]
    access = BankDetailsAccess.objects.get()
    assert access.viewed_by == finance_user
    assert access.member == bank_details.member
    assert access.purpose == "payment"
    assert access.reason == REASON["reason"]
    assert access.viewed_at is not None

    # Each reveal is its own record, and the log shows them all.
    client.post(_reveal(bank_details), {"purpose": "check", "reason": "Bank returned it"})
    assert BankDetailsAccess.objects.count() == 2
    log = client.get(LOG).content.decode()
    assert "Payment run 14 March" in log and "Bank returned it" in log
    assert "00733445" not in log


def test_the_list_takes_the_same_queries_for_few_and_many(client, finance_user):
    client.force_login(finance_user)
    BankDetailsFactory.create_batch(2)
    client.get(INDEX)  # warm caches (site, settings) before counting
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    BankDetailsFactory.create_batch(10)
    with CaptureQueriesContext(connection) as many:
        response = client.get(INDEX)
    assert response.content.count("••••".encode()) == 12
    assert len(many) == len(few)


def test_the_access_log_takes_the_same_queries_for_few_and_many(client, finance_user):
    def reveal_some(count):
        for details in BankDetailsFactory.create_batch(count):
            reveal_bank_details(bank_details=details, by=finance_user, **REASON)

    client.force_login(finance_user)
    reveal_some(2)
    client.get(LOG)
    with CaptureQueriesContext(connection) as few:
        client.get(LOG)
    reveal_some(10)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LOG)
    assert response.content.decode().count("Payment run 14 March") == 12
    assert len(many) == len(few)
