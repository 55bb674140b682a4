"""Each section of the application: its checks, saving, and keeping what was typed."""

import re

import pytest
from django.urls import reverse

from cms.members.factories import ALL_SECTIONS
from cms.members.models import EqualityMonitoring, MemberProfile
from cms.taxonomy.models import ServiceArea

pytestmark = pytest.mark.django_db


def url(slug):
    return reverse("members:application:section", args=[slug])


@pytest.fixture
def areas(db):
    return [
        ServiceArea.objects.create(name="Dementia", slug="dementia"),
        ServiceArea.objects.create(name="Carers", slug="carers"),
    ]


def valid_data(areas):
    return {
        "about-you": {
            "first_name": "Ada",
            "last_name": "Jones",
            "preferred_name": "Addie",
            "pronouns": "she/her",
            "phone": "07700 900982",
            "address": "1 High Street\nLeeds",
            "postcode": "ls1 4ap",
        },
        "lived-experience": {
            "lived_experience": "carer",
            "expertise": [str(areas[0].pk)],
            "lived_experience_note": "",
        },
        "skills": {"skills": "Listening", "biography": "I cared for my dad."},
        "involvement": {
            "involvement_types": ["focus_group", "survey"],
            "involvement_levels": ["consult"],
            "role_preference": "either",
        },
        "availability": {
            "available_days": ["monday"],
            "available_times": ["morning", "evening"],
            "notice_needed": "one_week",
        },
        "access-needs": {
            "formats": ["large_print"],
            "meeting_support": "A hearing loop",
            "reasonable_adjustments": "",
            "needs_replacement_care": "True",
        },
        "contact": {"contact_methods": ["email", "phone"]},
        "payment": {"payment_preference": "expenses_only"},
        "emergency-contact": {
            "emergency_contact_name": "Sam Jones",
            "emergency_contact_relationship": "Son",
            "emergency_contact_phone": "01632 960001",
        },
        "equality": {"age_band": "65_74", "sex": "prefer_not_to_say"},
        "consent": {"agreed_to_privacy_notice": "on", "consented_to_health_data": "on"},
    }


# Posting nothing: the message each section gives, or None when nothing is required.
EMPTY_ERRORS = {
    "about-you": "Enter your first name",
    "lived-experience": "Choose whether you use services, care for someone who does, or both",
    "skills": "Write a short description of you",
    "involvement": "Choose at least one kind of involvement",
    "availability": "Choose at least one day",
    "access-needs": "Choose yes if you would need replacement care",
    "contact": "Choose at least one way for us to contact you",
    "payment": "Choose how you would like to be paid",
    "emergency-contact": "Enter the name of your emergency contact",
    "equality": None,
    "consent": "Confirm you have read the privacy notice",
}
SLUG_TO_KEY = dict(zip(EMPTY_ERRORS, ALL_SECTIONS, strict=True))


@pytest.mark.parametrize("slug", list(EMPTY_ERRORS))
def test_each_section_page_shows_its_questions(client, member, areas, slug):
    client.force_login(member)
    response = client.get(url(slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Save and continue" in html
    assert "Save and come back later" in html
    assert "nhsuk-error-summary" not in html


@pytest.mark.parametrize("slug", [slug for slug, error in EMPTY_ERRORS.items() if error])
def test_each_section_says_what_is_missing(client, member, areas, slug):
    client.force_login(member)
    response = client.post(url(slug), {"action": "continue"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert EMPTY_ERRORS[slug] in html
    assert "<title>Error: " in html
    assert SLUG_TO_KEY[slug] not in MemberProfile.objects.get(user=member).completed_sections


@pytest.mark.parametrize("slug", list(EMPTY_ERRORS))
def test_a_valid_answer_saves_and_marks_the_section_complete(client, member, areas, slug):
    client.force_login(member)
    response = client.post(url(slug), {**valid_data(areas)[slug], "action": "continue"})
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert profile.completed_sections == [SLUG_TO_KEY[slug]]


def test_valid_answers_are_saved_where_they_belong(client, member, areas):
    client.force_login(member)
    data = valid_data(areas)
    for slug in EMPTY_ERRORS:
        client.post(url(slug), {**data[slug], "action": "continue"})
    member.refresh_from_db()
    profile = MemberProfile.objects.get(user=member)
    assert (member.first_name, member.last_name, member.preferred_name) == ("Ada", "Jones", "Addie")
    assert profile.postcode == "LS1 4AP"
    assert profile.lived_experience == "carer"
    assert list(profile.expertise.all()) == [areas[0]]
    assert profile.involvement_types == ["focus_group", "survey"]
    assert profile.available_times == ["morning", "evening"]
    assert profile.needs_replacement_care is True
    assert profile.contact_methods == ["email", "phone"]
    assert profile.payment_preference == "expenses_only"
    assert profile.emergency_contact_relationship == "Son"
    assert profile.agreed_to_privacy_notice and profile.consented_to_health_data
    assert profile.consent_given_at is not None
    assert sorted(profile.completed_sections) == sorted(ALL_SECTIONS)
    equality = EqualityMonitoring.objects.get(user=member)
    assert (equality.age_band, equality.sex) == ("65_74", "prefer_not_to_say")
    # Equality answers are never copied onto the application itself.
    assert not hasattr(profile, "age_band")


def test_a_valid_post_goes_to_the_next_section(client, member, areas):
    client.force_login(member)
    response = client.post(url("about-you"), {**valid_data(areas)["about-you"]})
    assert response.url == url("lived-experience")


def test_the_last_section_goes_back_to_the_task_list_while_others_remain(client, member, areas):
    client.force_login(member)
    response = client.post(url("consent"), valid_data(areas)["consent"])
    assert response.url == reverse("members:application:task_list")


def test_an_invalid_post_keeps_what_was_typed_and_saves_what_is_valid(client, member, areas):
    client.force_login(member)
    response = client.post(
        url("about-you"),
        {
            "first_name": "Ada",
            "last_name": "",
            "phone": "not a number",
            "postcode": "nowhere",
            "address": "1 High Street",
            "action": "continue",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter your last name" in html
    assert "Enter a phone number, like 01632 960 001 or 07700 900 982" in html
    assert "Enter a full UK postcode, like LS1 4AP" in html
    assert 'value="not a number"' in html
    assert 'value="nowhere"' in html

    member.refresh_from_db()
    profile = MemberProfile.objects.get(user=member)
    assert member.first_name == "Ada"
    assert profile.address == "1 High Street"
    # What was typed is kept, even where it is not right yet, so nothing is lost.
    assert profile.phone == "not a number"
    assert profile.postcode == "nowhere"
    assert "about_you" not in profile.completed_sections

    # Coming back later shows the same answers.
    client.logout()
    client.force_login(member)
    html = client.get(url("about-you")).content.decode()
    assert 'value="Ada"' in html
    assert 'value="not a number"' in html
    assert "1 High Street" in html


def test_an_over_long_biography_is_refused_but_kept(client, member, areas):
    client.force_login(member)
    long_text = "word " * 250
    response = client.post(url("skills"), {"skills": "Chairing", "biography": long_text})
    assert "Your description must be 1000 characters or fewer" in response.content.decode()
    profile = MemberProfile.objects.get(user=member)
    assert profile.biography == long_text
    assert profile.skills == "Chairing"
    assert "skills" not in profile.completed_sections


def test_an_invalid_post_keeps_valid_choices(client, member, areas):
    client.force_login(member)
    client.post(url("availability"), {"available_days": ["friday"], "notice_needed": ""})
    profile = MemberProfile.objects.get(user=member)
    assert profile.available_days == ["friday"]
    html = client.get(url("availability")).content.decode()
    assert re.search(r'<input type="checkbox"[^>]*value="friday"[^>]*checked', html)


def test_making_a_completed_section_invalid_marks_it_not_complete(client, member, areas):
    client.force_login(member)
    client.post(url("payment"), valid_data(areas)["payment"])
    assert MemberProfile.objects.get(user=member).completed_sections == ["payment"]
    client.post(url("payment"), {"payment_preference": ""})
    assert MemberProfile.objects.get(user=member).completed_sections == []


def test_save_and_come_back_later_saves_without_complaining(client, member, areas):
    client.force_login(member)
    response = client.post(
        url("emergency-contact"), {"emergency_contact_name": "Sam Jones", "action": "later"}
    )
    assert response.status_code == 302
    assert response.url == reverse("members:application:task_list")
    profile = MemberProfile.objects.get(user=member)
    assert profile.emergency_contact_name == "Sam Jones"
    assert profile.completed_sections == []
    page = client.get(response.url).content.decode()
    assert "Your answers are saved" in page


def test_save_later_with_everything_right_marks_the_section_complete(client, member, areas):
    client.force_login(member)
    client.post(url("contact"), {"contact_methods": ["post"], "action": "later"})
    assert MemberProfile.objects.get(user=member).completed_sections == ["contact"]


def test_consent_needs_both_boxes(client, member, areas):
    client.force_login(member)
    response = client.post(url("consent"), {"agreed_to_privacy_notice": "on"})
    assert "Tick the box to agree that we can keep your health details" in (
        response.content.decode()
    )
    profile = MemberProfile.objects.get(user=member)
    assert profile.consent_given_at is None
    assert "consent" not in profile.completed_sections


def test_payment_page_explains_benefits(client, member):
    client.force_login(member)
    html = client.get(url("payment")).content.decode()
    assert "so that taking part does not affect your benefits" in html
    assert "Talk to us first" in html


def test_equality_page_says_answers_are_kept_apart(client, member):
    client.force_login(member)
    html = client.get(url("equality")).content.decode()
    assert "kept apart" in html
    assert html.count("Prefer not to say</label>") == 7


def test_equality_questions_are_all_optional(client, member):
    client.force_login(member)
    response = client.post(url("equality"), {})
    assert response.status_code == 302
    assert MemberProfile.objects.get(user=member).completed_sections == ["equality"]
    assert EqualityMonitoring.objects.filter(user=member).exists()


def test_an_unknown_section_is_not_found(client, member):
    client.force_login(member)
    assert client.get(url("nothing-here")).status_code == 404


def test_opening_a_section_does_not_create_a_record(client, member):
    client.force_login(member)
    client.get(url("about-you"))
    client.get(reverse("members:application:task_list"))
    assert not MemberProfile.objects.filter(user=member).exists()
