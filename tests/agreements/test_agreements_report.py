"""The coordinators' agreements report in the Wagtail admin, and the admin's own rules."""

import pytest
from django.urls import reverse

from cms.agreements import demo, services
from cms.agreements.models import AgreementDocument, AgreementVersion
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORT = reverse("agreements_report")


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_member_cannot_open_the_report(client, member):
    client.force_login(member)
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["editor", "finance_user"])
def test_editors_and_finance_are_refused(client, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(REPORT)
    # Wagtail turns "permission denied" into a return to the dashboard, with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("who", ["coordinator", "administrator"])
def test_coordinators_see_who_has_signed_what(client, who, request):
    documents = demo.load_demo()
    code = documents["code-of-conduct"]
    signed_old = ActiveMemberFactory(
        user=UserFactory(first_name="Olu", last_name="Adeyemi", email="olu@example.org")
    )
    signed_new = ActiveMemberFactory(
        user=UserFactory(first_name="Bea", last_name="Quinn", email="bea@example.org")
    )
    ActiveMemberFactory(
        user=UserFactory(first_name="Cal", last_name="Nolan", email="cal@example.org")
    )
    applicant = MemberProfileFactory(
        user=UserFactory(first_name="Dee", last_name="Applicant", email="dee@example.org")
    )
    old = code.versions.get(number=1)
    AgreementVersion.objects.filter(pk=code.versions.get(number=2).pk).update(published_at=None)
    services.sign(signed_old.user, old, "Olu Adeyemi")
    AgreementVersion.objects.filter(document=code, number=2).update(published_at=old.published_at)
    services.sign(signed_new.user, code.latest_version(), "Bea Quinn")

    client.force_login(request.getfixturevalue(who))
    response = client.get(REPORT)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Needs to sign new version" in content
    assert "Version 2, signed" in content
    assert "Not signed" in content
    assert "Olu Adeyemi" in content and "Cal Nolan" in content
    assert str(applicant) not in content  # only the involvement bank


def test_the_report_is_in_the_reports_menu_for_coordinators_only(client, coordinator, editor):
    client.force_login(coordinator)
    assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_editors_maintain_versions_in_the_admin(client, editor):
    document = AgreementDocument.objects.create(kind="code-of-conduct", title="Code of conduct")
    client.force_login(editor)
    url = reverse("wagtailsnippets_agreements_agreementversion:add")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "document": document.pk,
            "body": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Be kind.", '
            '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "summary_of_changes": "",
            "published_at": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert document.versions.get().number == 1


def test_a_signed_version_keeps_its_wording(client, editor, active_member, code_of_conduct):
    version = code_of_conduct.latest_version()
    services.sign(active_member.user, version, "Ada Lovelace")
    client.force_login(editor)
    url = reverse("wagtailsnippets_agreements_agreementversion:edit", args=[version.pk])
    response = client.post(
        url,
        {
            "document": code_of_conduct.pk,
            "body": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Changed.", '
            '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "summary_of_changes": "",
            "published_at": "",
        },
    )
    assert response.status_code == 200
    assert "People have signed this version" in response.content.decode()
    version.refresh_from_db()
    assert "Treat everyone with respect." in version.body


def test_the_demo_loads_once(db):
    demo.load_demo()
    demo.load_demo()
    assert AgreementDocument.objects.count() == 3
    assert AgreementVersion.objects.count() == 4
    code = AgreementDocument.objects.get(kind="code-of-conduct")
    assert code.latest_version().number == 2


def test_the_admin_listings_open_for_editors_and_coordinators(client, editor, coordinator):
    demo.load_demo()
    for user in (editor, coordinator):
        client.force_login(user)
        for name in ("agreementdocument", "agreementversion"):
            url = reverse(f"wagtailsnippets_agreements_{name}:list")
            response = client.get(url)
            assert response.status_code == 200, (user, name)
            assert "Code of conduct" in response.content.decode()
    client.force_login(coordinator)
    add = reverse("wagtailsnippets_agreements_agreementversion:add")
    assert client.get(add).status_code == 302  # coordinators read, editors write
