"""The task list, check your answers, sending and withdrawing an application."""

import pytest
from django.urls import reverse

from cms.members.application.sections import SECTION_KEYS
from cms.members.choices import Status
from cms.members.factories import ALL_SECTIONS, MemberProfileFactory
from cms.members.models import MemberProfile, StatusChange

pytestmark = pytest.mark.django_db

TASK_LIST = reverse("members:application:task_list")
CHECK = reverse("members:application:check")
SUBMIT = reverse("members:application:submit")
STATUS = reverse("members:application:status")
WITHDRAW = reverse("members:application:withdraw")
ACCOUNT = reverse("members:account")


def test_the_journey_has_every_section_in_order():
    assert SECTION_KEYS == ALL_SECTIONS


def test_task_list_shows_every_section_not_started(client, member):
    client.force_login(member)
    html = client.get(TASK_LIST).content.decode()
    assert html.count('<li class="nhsuk-task-list__item ') == len(ALL_SECTIONS)
    assert html.count("Not started") == len(ALL_SECTIONS)
    assert "Check your answers</a>" not in html


def test_task_list_shows_completed_sections(client, member):
    MemberProfileFactory(user=member, completed_sections=["about_you", "skills"])
    client.force_login(member)
    html = client.get(TASK_LIST).content.decode()
    assert html.count(">Completed</div>") == 2
    # The factory's record has answers in every section but access needs and equality.
    assert html.count(">In progress<") == len(ALL_SECTIONS) - 4
    assert html.count(">Not started<") == 2
    assert "You have finished 2 of 11 sections" in html


def test_task_list_shows_a_section_with_some_answers_as_in_progress(client, member):
    client.force_login(member)
    client.post(
        reverse("members:application:section", args=["emergency-contact"]),
        {"emergency_contact_name": "Sam Jones", "action": "later"},
    )
    html = client.get(TASK_LIST).content.decode()
    assert html.count(">In progress<") == 2  # emergency contact, and the names on about you
    assert html.count(">Not started<") == len(ALL_SECTIONS) - 2


def test_task_list_links_to_check_answers_once_all_done(client, member):
    MemberProfileFactory(user=member)
    client.force_login(member)
    html = client.get(TASK_LIST).content.decode()
    assert f'href="{CHECK}"' in html


def test_check_answers_lists_the_answers_with_change_links(client, member):
    MemberProfileFactory(user=member, biography="I cared for my mum for years.")
    client.force_login(member)
    response = client.get(CHECK)
    html = response.content.decode()
    assert response.status_code == 200
    assert "I cared for my mum for years." in html
    assert "I care for, or have cared for, someone who uses services" in html
    assert "Tuesday, Thursday" in html
    assert "Be paid for paid roles" in html
    assert "Sam Reid" in html
    for slug in ("about-you", "consent", "equality"):
        assert reverse("members:application:section", args=[slug]) + "?return=check" in html
    assert "Send application" in html


def test_check_answers_waits_for_every_section(client, member):
    MemberProfileFactory(user=member, completed_sections=["about_you"])
    client.force_login(member)
    response = client.get(CHECK)
    assert response.url == TASK_LIST


def test_change_from_check_answers_comes_back_to_it(client, member):
    MemberProfileFactory(user=member)
    client.force_login(member)
    url = reverse("members:application:section", args=["payment"]) + "?return=check"
    html = client.get(url).content.decode()
    assert "Back to check your answers" in html
    response = client.post(url, {"payment_preference": "no_payment"})
    assert response.url == CHECK


def test_sending_is_refused_until_every_section_is_complete(client, member):
    MemberProfileFactory(user=member, completed_sections=ALL_SECTIONS[:-1])
    client.force_login(member)
    response = client.post(SUBMIT, follow=True)
    assert "Finish every section before you send your application." in response.content.decode()
    assert MemberProfile.objects.get(user=member).status == Status.DRAFT
    assert not StatusChange.objects.exists()


def test_sending_with_nothing_started_is_refused(client, member):
    client.force_login(member)
    response = client.post(SUBMIT)
    assert response.url == TASK_LIST
    assert not MemberProfile.objects.exists()


def test_sending_needs_a_post(client, member):
    MemberProfileFactory(user=member)
    client.force_login(member)
    assert client.get(SUBMIT).status_code == 405


def test_sending_moves_the_status_and_emails_the_person(
    client, member, django_capture_on_commit_callbacks, mailoutbox
):
    MemberProfileFactory(user=member)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBMIT)
    assert response.url == STATUS + "?sent=1"
    profile = MemberProfile.objects.get(user=member)
    assert profile.status == Status.SUBMITTED
    assert profile.submitted_at is not None
    change = StatusChange.objects.get(member=profile)
    assert change.changed_by == member
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member.email]
    assert "application" in mailoutbox[0].subject.lower()

    html = client.get(response.url).content.decode()
    assert "nhsuk-panel" in html
    assert "Application sent" in html
    account = client.get(ACCOUNT).content.decode()
    assert "Application received" in account


def test_after_sending_sections_cannot_be_changed(client, member):
    profile = MemberProfileFactory(user=member, status=Status.SUBMITTED)
    client.force_login(member)
    url = reverse("members:application:section", args=["payment"])
    assert client.get(url).url == STATUS
    response = client.post(url, {"payment_preference": "no_payment"})
    assert response.url == STATUS
    profile.refresh_from_db()
    assert profile.payment_preference == "paid"
    assert client.get(TASK_LIST).url == STATUS
    assert client.get(CHECK).url == STATUS
    assert client.post(SUBMIT).url == STATUS


def test_status_page_before_sending_goes_to_the_task_list(client, member):
    client.force_login(member)
    assert client.get(STATUS).url == TASK_LIST


def test_account_page_invites_a_new_member_to_apply(client, member):
    client.force_login(member)
    html = client.get(ACCOUNT).content.decode()
    assert "Apply to join" in html
    assert f'href="{TASK_LIST}"' in html


def test_account_page_offers_to_continue(client, member):
    MemberProfileFactory(user=member, completed_sections=["about_you"])
    client.force_login(member)
    html = client.get(ACCOUNT).content.decode()
    assert "Continue your application" in html
    assert "You have finished 1 of 11 sections" in html


def test_a_person_can_withdraw_a_sent_application(
    client, member, django_capture_on_commit_callbacks, mailoutbox
):
    MemberProfileFactory(user=member, status=Status.SUBMITTED)
    client.force_login(member)
    assert "Withdraw your application" in client.get(STATUS).content.decode()
    assert client.get(WITHDRAW).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(WITHDRAW)
    assert response.url == ACCOUNT
    assert MemberProfile.objects.get(user=member).status == Status.WITHDRAWN
    assert len(mailoutbox) == 1
    assert client.get(WITHDRAW).url == ACCOUNT
