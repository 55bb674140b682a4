"""/members/training/ and certificates: a member sees only their own record and
certificates; another member, an editor, finance staff and visitors are refused."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.core.models import OrganisationSettings
from cms.members.choices import Status
from cms.members.factories import MemberProfileFactory
from cms.training.certificates import certificate_html
from cms.training.factories import TrainingCompletionFactory, TrainingModulePageFactory
from cms.training.models import CompletionMethod
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("members:training:index")


def certificate_url(completion):
    return reverse("members:training:certificate", args=[completion.pk])


@pytest.fixture
def rosa(make_member, panel_member):
    return make_member(
        roles=[panel_member],
        active_on=timezone.localdate() - dt.timedelta(days=10),
        first_name="Rosa",
        last_name="Parkes",
        email="rosa@example.org",
    )


@pytest.fixture
def completion(rosa, module):
    return TrainingCompletionFactory(
        user=rosa.user, module=module, completed_on=timezone.localdate() - dt.timedelta(days=3)
    )


def test_a_member_sees_their_modules_grouped_with_dates_and_how(
    client, rosa, completion, training_index, panel_member, coordinator
):
    face_to_face = TrainingModulePageFactory(
        parent=training_index,
        title="Being an effective panel member",
        format="face_to_face",
        mandatory_for_roles=[panel_member],
    )
    TrainingCompletionFactory(
        user=rosa.user,
        module=face_to_face,
        method=CompletionMethod.ATTENDANCE,
        recorded_by=coordinator,
        completed_on=timezone.localdate() - dt.timedelta(days=30),
    )
    TrainingModulePageFactory(
        parent=training_index, title="Chairing a meeting", mandatory_for_roles=[panel_member]
    )
    coordinator.first_name, coordinator.last_name = "Sam", "Okafor"
    coordinator.save()
    client.force_login(rosa.user)

    response = client.get(INDEX)

    assert response.status_code == 200
    text = response.content.decode()
    assert "Safeguarding adults" in text
    assert completion.expires_on.strftime("%-d %B %Y") in text
    assert "Passed the knowledge check online" in text
    assert "Attended in person, recorded by Sam Okafor" in text
    assert certificate_url(completion) in text
    # Grouped: the never-done module is "To do", the others "Done".
    to_do = text[text.index('id="to-do"') : text.index('id="done"')]
    assert "Chairing a meeting" in to_do
    assert "Safeguarding adults" in text[text.index('id="done"') :]
    assert "What your role needs" in text and "Interview panel member" in text


def test_the_owner_downloads_their_certificate_as_a_pdf(client, rosa, completion):
    client.force_login(rosa.user)

    response = client.get(certificate_url(completion))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "certificate-safeguarding-adults" in response["Content-Disposition"]


def test_the_certificate_says_who_what_when_how_and_renewal(rosa, completion):
    html = certificate_html(
        completion, organisation=OrganisationSettings(organisation_name="Anytown Council")
    )
    assert "Anytown Council" in html
    assert "Rosa Parkes" in html
    assert "Safeguarding adults" in html
    assert completion.completed_on.strftime("%-d %B %Y") in html
    assert "Passed the knowledge check online" in html
    assert completion.expires_on.strftime("%-d %B %Y") in html


def test_a_coordinator_may_download_a_members_certificate(client, completion, coordinator):
    client.force_login(coordinator)
    assert client.get(certificate_url(completion)).status_code == 200


def test_another_member_cannot_see_my_records_or_download_my_certificate(
    client, completion, make_member
):
    other = make_member(first_name="Someone", last_name="Else")
    client.force_login(other.user)

    assert client.get(certificate_url(completion)).status_code == 404
    own_page = client.get(INDEX)
    assert own_page.status_code == 200
    assert b"Safeguarding adults" not in own_page.content
    assert certificate_url(completion).encode() not in own_page.content


@pytest.mark.parametrize("who", ["editor", "finance_user"])
def test_staff_who_are_not_coordinators_are_refused(client, request, completion, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(INDEX).status_code == 403
    assert client.get(certificate_url(completion)).status_code == 404


def test_a_visitor_is_asked_to_sign_in(client, completion):
    for url in (INDEX, certificate_url(completion)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_someone_who_has_not_sent_an_application_has_no_record_page(client):
    draft = MemberProfileFactory(user=UserFactory(), status=Status.DRAFT)
    client.force_login(draft.user)
    assert client.get(INDEX).status_code == 403


def test_someone_in_induction_sees_the_modules_to_do(client, module, panel_member):
    applicant = MemberProfileFactory(
        user=UserFactory(), status=Status.INDUCTION, roles=[panel_member]
    )
    client.force_login(applicant.user)
    response = client.get(INDEX)
    assert response.status_code == 200
    assert b"Safeguarding adults" in response.content


def test_the_dashboard_panel_shows_what_needs_doing(rosa, module, completion):
    from django.template.loader import render_to_string

    from cms.training.selectors import training_dashboard

    completion.delete()
    later = timezone.localdate() + dt.timedelta(days=40)  # induction due date has passed
    panel = render_to_string(
        "training/member/dashboard_panel.html",
        {"training": training_dashboard(rosa, today=later)},
    )
    assert "1 overdue" in panel
    assert "Safeguarding adults" in panel
    assert "/members/training/" in panel

    TrainingCompletionFactory(user=rosa.user, module=module)
    calm = render_to_string(
        "training/member/dashboard_panel.html", {"training": training_dashboard(rosa)}
    )
    assert "Your training is up to date" in calm


def test_the_record_page_query_count_is_flat_as_training_grows(
    client, rosa, completion, training_index, panel_member, coordinator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(rosa.user)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)

    for number in range(8):
        extra = TrainingModulePageFactory(
            parent=training_index,
            title=f"Module {number}",
            renewal_months=12,
            mandatory_for_roles=[panel_member],
        )
        TrainingCompletionFactory(
            user=rosa.user,
            module=extra,
            method=CompletionMethod.ATTENDANCE,
            recorded_by=coordinator,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(INDEX)

    assert response.content.count(b"Download your certificate") == 9
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
