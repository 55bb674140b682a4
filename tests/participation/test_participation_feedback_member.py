"""Members give feedback on a session they attended, once, and read the reply."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Attendance, Feedback, Interest, InterestStatus
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "felt_valued": "yes",
    "papers_in_time": "partly",
    "adjustments_met": "no",
    "knows_what_happens_next": "yes",
    "comments": "The room was too warm.",
}


@pytest.fixture
def attendance(make_opportunity):
    page = make_opportunity(title="Home care review")
    start = timezone.now() - dt.timedelta(days=2)
    session = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    member = ActiveMemberFactory(user=UserFactory(email="ada@example.org"))
    interest = Interest.objects.create(
        member=member, opportunity=page, status=InterestStatus.CONFIRMED
    )
    return Attendance.objects.create(
        interest=interest, session=session, attended=True, method="coordinator"
    )


def give_url(attendance):
    return reverse("members:feedback:give", args=[attendance.pk])


def test_the_form_asks_four_questions_with_radios_and_explains_anonymity(client, attendance):
    client.force_login(attendance.interest.member.user)
    response = client.get(give_url(attendance))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('type="radio"') == 12
    assert "<legend" in html
    assert "Coordinators will not see who sent it" in html


def test_a_member_gives_feedback_once_and_sees_the_thank_you_page(client, attendance):
    client.force_login(attendance.interest.member.user)
    response = client.post(give_url(attendance), {**ANSWERS, "anonymous": "on"}, follow=True)
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.content.decode()
    feedback = Feedback.objects.get(attendance=attendance)
    assert feedback.anonymous is True
    assert feedback.adjustments_met == "no"
    # A second go goes to the feedback page and saves nothing new.
    response = client.post(give_url(attendance), ANSWERS)
    assert response.url == reverse("members:feedback:detail", args=[attendance.pk])
    assert Feedback.objects.count() == 1


def test_missing_answers_are_summarised_at_the_top(client, attendance):
    client.force_login(attendance.interest.member.user)
    response = client.post(give_url(attendance), {"comments": "Hello"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "nhsuk-error-summary" in html
    assert "Say if you felt valued" in html
    assert not Feedback.objects.exists()


def test_the_member_reads_the_reply(client, attendance, coordinator):
    Feedback.objects.create(
        attendance=attendance,
        **ANSWERS,
        reply="We will open a window next time.",
        replied_by=coordinator,
        replied_at=timezone.now(),
    )
    client.force_login(attendance.interest.member.user)
    response = client.get(reverse("members:feedback:detail", args=[attendance.pk]))
    html = response.content.decode()
    assert "We will open a window next time." in html
    assert "The room was too warm." in html


def test_no_reply_yet_is_said_plainly(client, attendance):
    Feedback.objects.create(attendance=attendance, **ANSWERS)
    client.force_login(attendance.interest.member.user)
    response = client.get(reverse("members:feedback:detail", args=[attendance.pk]))
    assert "We have not replied yet" in response.content.decode()


def test_a_visitor_is_sent_to_sign_in(client, attendance):
    response = client.get(give_url(attendance))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


@pytest.mark.parametrize("who", ["other_member", "editor", "finance_user", "coordinator"])
def test_nobody_else_can_give_or_read_someone_s_feedback(client, request, attendance, who):
    user = ActiveMemberFactory().user if who == "other_member" else request.getfixturevalue(who)
    Feedback.objects.create(attendance=attendance, **ANSWERS)
    client.force_login(user)
    for name in ("give", "thanks", "detail"):
        response = client.get(reverse(f"members:feedback:{name}", args=[attendance.pk]))
        assert response.status_code == 404, name


def test_no_feedback_form_for_a_session_the_member_did_not_attend(client, attendance):
    attendance.attended = False
    attendance.save()
    client.force_login(attendance.interest.member.user)
    assert client.get(give_url(attendance)).status_code == 404
