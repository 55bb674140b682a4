import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cms.benefits.factories import EarningsLimitFactory
from cms.benefits.letters import letter_context
from cms.benefits.models import EarningsLimit
from cms.claims.models import ExpenseLine
from cms.claims.selectors import tax_year_bounds
from cms.core.models import OrganisationSettings
from cms.members.factories import ActiveMemberFactory
from cms.members.models import InvolvementRole

pytestmark = pytest.mark.django_db

INDEX = reverse("members:benefits:index")
LIMIT = reverse("members:benefits:earnings_limit")
REMOVE = reverse("members:benefits:remove_earnings_limit")
LETTER = reverse("members:benefits:letter")
GET_URLS = [INDEX, LIMIT, LETTER]


@pytest.mark.parametrize("url", [*GET_URLS, REMOVE])
def test_visitors_are_sent_to_sign_in(client, url):
    response = client.post(url) if url == REMOVE else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["editor", "coordinator", "finance_user"])
@pytest.mark.parametrize("url", GET_URLS)
def test_staff_without_a_member_record_are_refused(client, request, who, url):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 403
    assert b"These pages are for members" in response.content


@pytest.mark.parametrize("who", ["editor", "coordinator"])
def test_staff_cannot_remove_anyones_limit(client, request, who, active_profile):
    EarningsLimitFactory(member=active_profile)
    client.force_login(request.getfixturevalue(who))
    assert client.post(REMOVE).status_code == 403
    assert EarningsLimit.objects.filter(member=active_profile).exists()


def test_another_member_never_sees_or_changes_someone_elses_limit(client, active_profile):
    EarningsLimitFactory(
        member=active_profile, weekly_limit=Decimal("123.45"), reason="My own private reason"
    )
    other = ActiveMemberFactory()
    client.force_login(other.user)
    for url in GET_URLS:
        response = client.get(url)
        assert response.status_code == 200
        assert b"123.45" not in response.content
        assert b"My own private reason" not in response.content
    client.post(REMOVE)
    assert EarningsLimit.objects.filter(member=active_profile).exists()


def test_the_page_gives_guidance_and_independent_advice(client, active_profile):
    client.force_login(active_profile.user)
    response = client.get(INDEX)
    assert response.status_code == 200
    content = response.content.decode()
    assert "https://www.citizensadvice.org.uk/benefits/" in content
    assert "https://www.turn2us.org.uk/" in content
    assert "Set an earnings limit" in content


def test_a_member_sets_changes_and_removes_their_limit(client, active_profile):
    client.force_login(active_profile.user)
    response = client.post(
        LIMIT, {"weekly_limit": "£195.50", "monthly_limit": "", "reason": "Permitted work"}
    )
    assert response.status_code == 302
    limit = EarningsLimit.objects.get(member=active_profile)
    assert limit.weekly_limit == Decimal("195.50")
    assert limit.monthly_limit is None
    assert limit.reason == "Permitted work"
    page = client.get(INDEX).content.decode()
    assert "£195.50" in page and "Permitted work" in page

    client.post(LIMIT, {"weekly_limit": "", "monthly_limit": "1,000", "reason": ""})
    limit.refresh_from_db()
    assert (limit.weekly_limit, limit.monthly_limit) == (None, Decimal("1000"))

    # Both amounts empty removes the limit; so does the remove button.
    client.post(LIMIT, {"weekly_limit": "", "monthly_limit": "", "reason": "x"})
    assert not EarningsLimit.objects.exists()
    EarningsLimitFactory(member=active_profile)
    assert client.post(REMOVE).status_code == 302
    assert not EarningsLimit.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [("nine", "Enter an amount in pounds"), ("0", "more than £0"), ("12.345", "pounds and pence")],
)
def test_a_wrong_amount_is_explained(client, active_profile, value, message):
    client.force_login(active_profile.user)
    response = client.post(LIMIT, {"weekly_limit": value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not EarningsLimit.objects.exists()


def test_the_letter_form_starts_at_this_tax_year(client, active_profile):
    client.force_login(active_profile.user)
    response = client.get(LETTER)
    assert response.status_code == 200
    start, end = tax_year_bounds(timezone.localdate())
    content = response.content.decode()
    assert f'value="{start.day} {start.month} {start.year}"' in content
    assert f'value="{end.day} {end.month} {end.year}"' in content


def test_the_member_downloads_the_letter_as_a_pdf(client, active_profile):
    client.force_login(active_profile.user)
    response = client.get(LETTER, {"start": "6 4 2026", "end": "5 4 2027"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "involvement-letter-2026-04-06-to-2027-04-05.pdf" in response["Content-Disposition"]


def test_a_period_that_ends_before_it_starts_is_explained(client, active_profile):
    client.force_login(active_profile.user)
    response = client.get(LETTER, {"start": "6 4 2026", "end": "5 4 2026"})
    assert response.status_code == 400
    assert "The last day must be the same as or after the first day" in response.content.decode()


def test_the_letter_keeps_payments_and_expenses_apart_for_the_chosen_period(active_profile, pay):
    active_profile.roles.add(InvolvementRole.objects.create(name="Interview panel member"))
    inside = pay(active_profile, dt.date(2026, 5, 12), "40")
    ExpenseLine.objects.create(
        claim=inside, expense_type="fares", description="Bus", amount=Decimal("6.20")
    )
    pay(active_profile, dt.date(2026, 4, 5), "999")  # the tax year before: left out
    organisation = OrganisationSettings(
        organisation_name="Anytown Council", contact_phone="01632 960000"
    )
    context = letter_context(
        member=active_profile,
        start=dt.date(2026, 4, 6),
        end=dt.date(2027, 4, 5),
        organisation=organisation,
        today=dt.date(2026, 6, 1),
    )
    assert context["payments_total"] == Decimal("40.00")
    assert context["expenses_total"] == Decimal("6.20")
    html = render_to_string("benefits/pdf/letter.html", context)
    assert "Anytown Council" in html
    assert "Interview panel member" in html
    assert "not our employee" in html
    assert "They are not wages from employment" in html
    assert "refund of costs, not income" in html
    assert active_profile.get_payment_preference_display() in html
    assert "£40.00" in html and "£6.20" in html
    assert "999" not in html
    assert "From 6 April 2026 to 5 April 2027" in html


def test_coordinators_never_see_the_limit_on_the_member_record(client, coordinator, active_profile):
    EarningsLimitFactory(
        member=active_profile, weekly_limit=Decimal("123.45"), reason="My own private reason"
    )
    client.force_login(coordinator)
    record = client.get(f"/admin/involvement-bank/{active_profile.pk}/")
    assert record.status_code == 200
    assert b"123.45" not in record.content
    assert b"My own private reason" not in record.content
