"""Signing agreements: the services and the members' pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cms.agreements import services
from cms.agreements.models import AgreementSignature, AgreementVersion
from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory

pytestmark = pytest.mark.django_db

LIST = reverse("members:agreements:list")


def detail(document):
    return reverse("members:agreements:detail", args=[document.kind])


def new_version(document, *, published=True):
    return AgreementVersion.objects.create(
        document=document,
        body="<p>New wording.</p>",
        summary_of_changes="We added a promise about online meetings.",
        published_at=timezone.now() - dt.timedelta(minutes=1) if published else None,
    )


def test_versions_are_numbered_per_document(code_of_conduct, confidentiality):
    second = new_version(code_of_conduct)
    assert second.number == 2
    assert confidentiality.versions.get().number == 1
    assert code_of_conduct.latest_version() == second


def test_a_member_has_every_published_agreement_to_sign(
    active_member, code_of_conduct, confidentiality
):
    to_sign = services.agreements_to_sign(active_member.user)
    assert {v.document for v in to_sign} == {code_of_conduct, confidentiality}


def test_drafts_and_future_versions_are_not_asked_for(active_member, code_of_conduct):
    new_version(code_of_conduct, published=False)
    AgreementVersion.objects.create(
        document=code_of_conduct,
        body="<p>Later.</p>",
        published_at=timezone.now() + dt.timedelta(days=3),
    )
    [version] = services.agreements_to_sign(active_member.user)
    assert version.number == 1


@pytest.mark.parametrize("typed", ["Ada Lovelace", "  ada   LOVELACE ", "Addy", "addy lovelace"])
def test_signing_accepts_the_persons_name_loosely(active_member, code_of_conduct, typed):
    version = code_of_conduct.latest_version()
    signature = services.sign(active_member.user, version, typed)
    assert signature.version == version
    assert signature.typed_name == typed.strip()
    assert services.agreements_to_sign(active_member.user) == []
    # Signing twice keeps one signature.
    services.sign(active_member.user, version, typed)
    assert AgreementSignature.objects.count() == 1


@pytest.mark.parametrize("typed", ["", "Ada", "Grace Hopper", "Lovelace"])
def test_signing_refuses_a_name_that_is_not_theirs(active_member, code_of_conduct, typed):
    with pytest.raises(ValidationError):
        services.sign(active_member.user, code_of_conduct.latest_version(), typed)
    assert not AgreementSignature.objects.exists()


def test_members_are_asked_again_after_a_new_version(active_member, code_of_conduct):
    services.sign(active_member.user, code_of_conduct.latest_version(), "Ada Lovelace")
    assert services.agreements_to_sign(active_member.user) == []
    second = new_version(code_of_conduct)
    assert services.agreements_to_sign(active_member.user) == [second]
    [status] = services.agreement_statuses(active_member.user)
    assert status.needs_new_version


def test_signing_an_old_version_is_refused(active_member, code_of_conduct):
    first = code_of_conduct.latest_version()
    new_version(code_of_conduct)
    with pytest.raises(services.SigningRefused, match="has changed"):
        services.sign(active_member.user, first, "Ada Lovelace")


def test_people_who_are_not_members_cannot_sign(code_of_conduct, editor):
    with pytest.raises(services.SigningRefused):
        services.sign(editor, code_of_conduct.latest_version(), editor.get_full_name())
    applicant = MemberProfileFactory(status=Status.SUBMITTED)
    with pytest.raises(services.SigningRefused):
        services.sign(
            applicant.user, code_of_conduct.latest_version(), applicant.user.get_full_name()
        )


# The members' pages


def test_a_visitor_is_sent_to_sign_in(client, code_of_conduct):
    for url in [LIST, detail(code_of_conduct)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["member", "editor", "finance_user"])
def test_people_without_a_membership_are_kindly_refused(client, code_of_conduct, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(detail(code_of_conduct), follow=True)
    assert response.redirect_chain[-1][0] == reverse("members:account")
    assert "once your application has reached the checks stage" in response.content.decode()


def test_the_list_shows_what_to_sign(client, active_member, code_of_conduct, confidentiality):
    client.force_login(active_member.user)
    response = client.get(LIST)
    content = response.content.decode()
    assert content.count("Please sign") == 2
    assert detail(code_of_conduct) in content


def test_a_member_signs_on_the_page(client, active_member, code_of_conduct):
    client.force_login(active_member.user)
    page = client.get(detail(code_of_conduct)).content.decode()
    assert "Treat everyone with respect." in page
    response = client.post(
        detail(code_of_conduct),
        {"version": 1, "typed_name": "Ada Lovelace", "agree": "on"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == LIST
    content = response.content.decode()
    assert "You have signed the code of conduct." in content
    assert "You signed version 1 on" in content
    signature = AgreementSignature.objects.get()
    assert signature.user == active_member.user


def test_the_sign_form_shows_errors(client, active_member, code_of_conduct):
    client.force_login(active_member.user)
    response = client.post(detail(code_of_conduct), {"version": 1, "typed_name": "Grace Hopper"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Code of conduct" in content
    assert "There is a problem" in content
    assert "Tick the box to say you agree" in content
    assert "Type your name as we have it" in content
    assert not AgreementSignature.objects.exists()


def test_a_page_opened_before_a_new_version_cannot_sign_the_old_one(
    client, active_member, code_of_conduct
):
    client.force_login(active_member.user)
    new_version(code_of_conduct)
    response = client.post(
        detail(code_of_conduct),
        {"version": 1, "typed_name": "Ada Lovelace", "agree": "on"},
        follow=True,
    )
    assert "changed while you were reading it" in response.content.decode()
    assert not AgreementSignature.objects.exists()


def test_a_member_never_sees_another_members_signature(client, active_member, code_of_conduct):
    services.sign(active_member.user, code_of_conduct.latest_version(), "Ada Lovelace")
    other = ActiveMemberFactory()
    client.force_login(other.user)
    content = client.get(detail(code_of_conduct)).content.decode()
    assert "Ada Lovelace" not in content
    assert "Sign this agreement" in content
    assert "Please sign" in client.get(LIST).content.decode()
    # Posting signs for the signed-in person only, never for someone else.
    client.post(
        detail(code_of_conduct),
        {"version": 1, "typed_name": "Ada Lovelace", "agree": "on"},
    )
    assert not AgreementSignature.objects.filter(user=other.user).exists()
    assert AgreementSignature.objects.count() == 1
