"""Members see their own bank details masked, and change them only with their password."""

import pytest
from django.urls import reverse

from cms.banking import crypto
from cms.banking.factories import BankDetailsFactory
from cms.banking.models import BankDetails, BankDetailsChange
from cms.members.factories import ActiveMemberFactory
from cms.notifications.models import Notification

PASSWORD = "a-long-test-password"  # UserFactory's password

pytestmark = pytest.mark.django_db

INDEX = reverse("members:banking:index")
CHANGE = reverse("members:banking:change")
REMOVE = reverse("members:banking:remove")
URLS = [INDEX, CHANGE, REMOVE]

GOOD = {
    "account_holder": "Dev Patel",
    "sort_code": "30-94-80",
    "account_number": "0073 3445",
    "roll_number": "",
    "password": PASSWORD,
}


@pytest.mark.parametrize("url", URLS)
def test_visitors_are_sent_to_sign_in(client, url):
    for response in (client.get(url), client.post(url, GOOD)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["editor", "coordinator", "finance_user"])
@pytest.mark.parametrize("url", URLS)
def test_staff_get_nothing_here_not_even_masked(client, request, bank_details, who, url):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 403
    assert b"3445" not in response.content
    assert client.post(url, GOOD).status_code == 403
    assert BankDetails.objects.get().ciphertext == bank_details.ciphertext


def test_another_member_never_sees_or_changes_someone_elses(client, bank_details):
    other = ActiveMemberFactory()
    client.force_login(other.user)
    for url in URLS:
        response = client.get(url)
        assert b"3445" not in response.content
    assert b"You have not given us your bank details yet" in client.get(INDEX).content
    client.post(REMOVE, {"password": PASSWORD})
    assert BankDetails.objects.filter(member=bank_details.member).exists()


def test_a_member_adds_details_and_sees_them_masked(client, active_profile):
    client.force_login(active_profile.user)
    assert client.get(CHANGE).status_code == 200
    response = client.post(CHANGE, GOOD)
    assert response.status_code == 302
    details = BankDetails.objects.get(member=active_profile)
    assert crypto.decrypt(details.ciphertext)["account_number"] == "00733445"
    assert crypto.decrypt(details.ciphertext)["sort_code"] == "309480"

    page = client.get(INDEX).content.decode()
    assert "••••3445" in page and "••-••-80" in page
    assert "00733445" not in page and "309480" not in page and "30-94-80" not in page
    # The form never shows the saved details again.
    form = client.get(CHANGE).content.decode()
    assert "00733445" not in form and "Dev Patel" not in form

    change = BankDetailsChange.objects.get(member=active_profile)
    assert change.action == BankDetailsChange.Action.ADDED
    assert change.changed_by == active_profile.user
    assert Notification.objects.filter(
        recipient=active_profile.user, key=f"bank-details-change-{change.pk}"
    ).exists()


@pytest.mark.parametrize("password", ["", "not-my-password"])
def test_changing_needs_the_right_password(client, bank_details, password):
    client.force_login(bank_details.member.user)
    response = client.post(CHANGE, {**GOOD, "account_number": "11112222", "password": password})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert crypto.decrypt(BankDetails.objects.get().ciphertext)["account_number"] == "00733445"
    assert not BankDetailsChange.objects.filter(action=BankDetailsChange.Action.CHANGED).exists()

    response = client.post(CHANGE, {**GOOD, "account_number": "11112222"})
    assert response.status_code == 302
    assert crypto.decrypt(BankDetails.objects.get().ciphertext)["account_number"] == "11112222"
    assert BankDetailsChange.objects.filter(action=BankDetailsChange.Action.CHANGED).exists()


def test_removing_needs_the_password_too(client, bank_details):
    client.force_login(bank_details.member.user)
    assert client.get(REMOVE).status_code == 200
    assert client.post(REMOVE, {"password": "wrong"}).status_code == 400
    assert BankDetails.objects.exists()
    assert client.post(REMOVE, {"password": PASSWORD}).status_code == 302
    assert not BankDetails.objects.exists()
    assert BankDetailsChange.objects.filter(action=BankDetailsChange.Action.REMOVED).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sort_code", "30948", "Enter a valid sort code like 12 34 56"),
        ("sort_code", "30948a", "Enter a valid sort code like 12 34 56"),
        ("account_number", "0073344", "Enter a valid account number like 12345678"),
        ("account_number", "007334455", "Enter a valid account number like 12345678"),
        ("account_holder", "", "Enter the name on the account"),
        ("roll_number", "<script>", "Building society roll number must only include"),
    ],
)
def test_details_are_checked(client, active_profile, field, value, message):
    client.force_login(active_profile.user)
    response = client.post(CHANGE, {**GOOD, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not BankDetails.objects.exists()


def test_guessing_the_password_is_slowed_down(client, active_profile):
    client.force_login(active_profile.user)
    for _ in range(10):
        client.post(CHANGE, {**GOOD, "password": "guess"})
    response = client.post(CHANGE, GOOD)
    assert response.status_code == 400
    assert "You have tried too many times" in response.content.decode()
    assert not BankDetails.objects.exists()


def test_the_dashboard_panel_is_masked(active_profile):
    from django.template.loader import render_to_string

    from cms.banking.selectors import bank_details_dashboard_panel

    BankDetailsFactory(member=active_profile)
    html = render_to_string(
        "banking/dashboard_panel.html", {"bank": bank_details_dashboard_panel(active_profile)}
    )
    assert "ending 3445" in html and "00733445" not in html
