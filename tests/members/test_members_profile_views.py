"""An active member's own involvement-bank profile: summary and one edit page per topic."""

import html

import pytest
from django.urls import reverse

from cms.members.choices import ContactMethod, PaymentPreference, Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.members.profile.views import SECTIONS
from cms.taxonomy.models import ServiceArea
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

SUMMARY = reverse("members:profile:summary")


def edit_url(slug):
    return reverse("members:profile:edit", args=[slug])


@pytest.fixture(autouse=True)
def no_password_again(settings):
    """These tests are about the forms; asking for the password again before health
    information is shown in tests/security/test_security_auth_reauthentication.py."""
    settings.ACCOUNT_REAUTHENTICATION_REQUIRED = False


@pytest.fixture
def active(db):
    return ActiveMemberFactory(user=UserFactory(email="active@example.org"))


def test_a_visitor_is_sent_to_sign_in(client):
    for url in [SUMMARY, edit_url("biography")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_the_summary_shows_the_members_own_answers_with_change_links(client, active):
    client.force_login(active.user)
    response = client.get(SUMMARY)
    assert response.status_code == 200
    content = response.content.decode()
    assert "I cared for my mum for eight years" in content
    assert "Be paid for paid roles" in content  # a choice shown by its label
    assert "Tuesday, Thursday" in content
    assert "Sam Reid" in content
    for section in SECTIONS:
        assert edit_url(section.slug) in content
    assert "<title>Your involvement profile" in content


@pytest.mark.parametrize("slug", [section.slug for section in SECTIONS])
def test_every_section_page_shows_its_form_with_labels_and_hints(client, active, slug):
    client.force_login(active.user)
    response = client.get(edit_url(slug))
    assert response.status_code == 200
    form = response.context["form"]
    for field in form:
        assert field.label and field.help_text, f"{slug}.{field.name} needs a label and hint"
    assert 'class="nhsuk-hint"' in response.content.decode()


def test_an_unknown_section_is_not_found(client, active):
    client.force_login(active.user)
    assert client.get(edit_url("bank-details")).status_code == 404


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.INDUCTION, Status.ON_HOLD, Status.DECLINED]
)
def test_people_who_are_not_active_are_kindly_sent_back(client, status):
    profile = MemberProfileFactory(status=status)
    client.force_login(profile.user)
    for url in [SUMMARY, edit_url("biography")]:
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse("members:account")
        assert "opens once you are an active member" in response.content.decode()


@pytest.mark.parametrize("who", ["member", "editor", "finance_user", "coordinator"])
def test_staff_and_other_members_never_reach_someone_elses_profile(client, active, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(SUMMARY, follow=True)
    assert "I cared for my mum" not in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("members:account")
    before = active.biography
    response = client.post(edit_url("biography"), {"biography": "Hijacked."})
    assert response.status_code == 302
    active.refresh_from_db()
    assert active.biography == before


def test_another_active_member_sees_and_edits_only_their_own(client, active):
    other = ActiveMemberFactory(biography="I am a different person.")
    client.force_login(other.user)
    response = client.get(SUMMARY)
    assert "I am a different person." in response.content.decode()
    assert "I cared for my mum" not in response.content.decode()
    client.post(edit_url("biography"), {"biography": "My own new words."})
    other.refresh_from_db()
    active.refresh_from_db()
    assert other.biography == "My own new words."
    assert active.biography.startswith("I cared for my mum")


def test_saving_a_section_shows_a_message_and_returns_to_the_summary(client, active):
    client.force_login(active.user)
    response = client.post(
        edit_url("emergency-contact"),
        {
            "emergency_contact_name": "Priya Shah",
            "emergency_contact_relationship": "Daughter",
            "emergency_contact_phone": "07700 900789",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == SUMMARY
    assert "We have saved your changes to your emergency contact." in response.content.decode()
    active.refresh_from_db()
    assert active.emergency_contact_name == "Priya Shah"
    assert active.emergency_contact_phone == "07700 900789"


def test_multiple_choice_and_expertise_are_saved(client, active):
    dementia = ServiceArea.objects.create(name="Dementia", slug="dementia")
    carers = ServiceArea.objects.create(name="Carers", slug="carers")
    client.force_login(active.user)
    response = client.post(
        edit_url("expertise"),
        {"lived_experience": "both", "expertise": [dementia.pk, carers.pk]},
    )
    assert response.status_code == 302
    response = client.post(
        edit_url("availability"),
        {
            "available_days": ["monday", "friday"],
            "available_times": ["evening"],
            "notice_needed": "one_week",
        },
    )
    assert response.status_code == 302
    response = client.post(
        edit_url("access-needs"),
        {"formats": ["large_print", "easy_read"], "needs_replacement_care": "True"},
    )
    assert response.status_code == 302
    active.refresh_from_db()
    assert set(active.expertise.all()) == {dementia, carers}
    assert active.lived_experience == "both"
    assert active.available_days == ["monday", "friday"]
    assert active.available_times == ["evening"]
    assert active.notice_needed == "one_week"
    assert active.formats == ["large_print", "easy_read"]
    assert active.needs_replacement_care is True
    summary = client.get(SUMMARY).content.decode()
    assert "Carers, Dementia" in summary
    assert "Large print, Easy Read" in summary


def test_payment_preference_is_saved(client, active):
    client.force_login(active.user)
    client.post(edit_url("payment"), {"payment_preference": "no_payment"})
    active.refresh_from_db()
    assert active.payment_preference == PaymentPreference.NO_PAYMENT


def test_validation_errors_are_summarised_and_nothing_is_saved(client, active):
    client.force_login(active.user)
    response = client.post(edit_url("contact"), {"contact_methods": [], "phone": ""})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: How we contact you" in content
    assert "There is a problem" in content
    assert 'href="#id_contact_methods_0"' in content
    assert "Choose at least one way for us to contact you" in content
    active.refresh_from_db()
    assert active.contact_methods == [ContactMethod.EMAIL]


def test_phone_is_needed_for_calls_and_texts(client, active):
    client.force_login(active.user)
    response = client.post(edit_url("contact"), {"contact_methods": ["text"], "phone": ""})
    assert response.status_code == 200
    assert "Enter a phone number so that we can call or text you" in response.content.decode()


def test_emergency_contact_needs_a_phone_number(client, active):
    client.force_login(active.user)
    response = client.post(
        edit_url("emergency-contact"),
        {"emergency_contact_name": "Priya Shah", "emergency_contact_phone": ""},
    )
    assert response.status_code == 200
    assert "Enter your emergency contact's phone number" in html.unescape(response.content.decode())
    active.refresh_from_db()
    assert active.emergency_contact_name == "Sam Reid"
