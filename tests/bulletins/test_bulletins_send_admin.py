"""The "Send this issue" screens: only editors (who may publish the issue) and administrators."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.bulletins.factories import BulletinPageFactory, confirmed_subscribers
from cms.bulletins.models import BulletinDelivery, BulletinSend
from cms.opportunities.factories import ServiceAreaFactory
from cms.subscriptions.models import Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(bulletin_index):
    return BulletinPageFactory(parent=bulletin_index, title="Spring 2027")


@pytest.fixture
def dementia():
    return ServiceAreaFactory(name="Dementia")


@pytest.fixture
def earlier_send(issue, editor):
    confirmed_subscribers(1, prefix="earlier")
    send = BulletinSend.objects.create(page=issue, requested_by=editor, status="finished")
    BulletinDelivery.objects.create(
        send=send,
        page=issue,
        subscriber=Subscriber.objects.get(email="earlier-1@example.org"),
        status="failed",
        attempts=3,
        last_error="550 Mailbox unavailable",
    )
    return send


def urls_for(issue, send):
    return [
        "/admin/bulletins/",
        f"/admin/bulletins/issue/{issue.pk}/",
        f"/admin/bulletins/sends/{send.pk}/",
        f"/admin/bulletins/sends/{send.pk}/status.json",
    ]


@pytest.fixture
def admin_forms(settings):
    # The admin's widgets need Django's own form renderer; the NHS.UK one is for public forms.
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"


def test_a_visitor_is_sent_to_sign_in(client, issue, earlier_send):
    for url in urls_for(issue, earlier_send):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"action": "send"})
            assert response.status_code == 302, (url, method)
            assert response["Location"].startswith("/accounts/login/"), url
    assert BulletinSend.objects.count() == 1


@pytest.mark.parametrize("who", ["member", "coordinator", "finance_user"])
def test_members_coordinators_and_finance_are_refused(client, issue, earlier_send, who, request):
    confirmed_subscribers(2)
    client.force_login(request.getfixturevalue(who))
    for url in [*urls_for(issue, earlier_send), "/admin/bulletins/sends/999999/"]:
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"action": "send", "checked_count": "3"})
            assert response.status_code in (302, 403), (url, method)
            if response.status_code == 302:
                assert not urlsplit(response["Location"]).path.startswith("/admin/bulletins")
            assert b"Mailbox unavailable" not in response.content
    assert BulletinSend.objects.count() == 1
    assert not mail.outbox
    assert "/admin/bulletins/" not in client.get("/admin/").content.decode()


def test_an_editor_checks_the_count_then_sends(
    client, admin_forms, editor, issue, dementia, django_capture_on_commit_callbacks
):
    confirmed_subscribers(3, prefix="dementia", areas=[dementia])
    confirmed_subscribers(2, prefix="carers", areas=[ServiceAreaFactory(name="Carers")])
    client.force_login(editor)
    url = f"/admin/bulletins/issue/{issue.pk}/"

    page = client.get(url)
    assert page.status_code == 200
    assert issue.url in page.content.decode()  # the preview link
    assert "Send to" not in page.content.decode()  # nothing to confirm before a check

    checked = client.post(url, {"action": "check", "service_areas": [dementia.pk]})
    assert "Send to 3 people" in checked.content.decode()
    assert 'name="checked_count" value="3"' in checked.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            url, {"action": "send", "service_areas": [dementia.pk], "checked_count": "3"}
        )
    send = BulletinSend.objects.get()
    assert sent["Location"] == f"/admin/bulletins/sends/{send.pk}/"
    assert sorted(m.to[0] for m in mail.outbox) == [f"dementia-{n}@example.org" for n in (1, 2, 3)]

    progress = client.get(sent["Location"]).content.decode()
    assert "bulletins/send_progress.js" in progress
    assert f'data-status-url="/admin/bulletins/sends/{send.pk}/status.json"' in progress
    status = client.get(f"/admin/bulletins/sends/{send.pk}/status.json").json()
    assert (status["sent"], status["queued"], status["finished"]) == (3, 0, True)


def test_a_changed_count_must_be_checked_again(client, admin_forms, editor, issue):
    confirmed_subscribers(4)
    client.force_login(editor)
    response = client.post(
        f"/admin/bulletins/issue/{issue.pk}/", {"action": "send", "checked_count": "3"}
    )
    assert response.status_code == 200
    assert "changed to 4" in response.content.decode()
    assert not BulletinSend.objects.exists()


def test_send_a_test_to_me(client, admin_forms, editor, issue):
    confirmed_subscribers(2)
    client.force_login(editor)
    response = client.post(f"/admin/bulletins/issue/{issue.pk}/", {"action": "test"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert not BulletinSend.objects.exists()


def test_a_draft_issue_cannot_be_sent(client, admin_forms, editor, bulletin_index):
    draft = BulletinPageFactory(parent=bulletin_index, live=False)
    confirmed_subscribers(2)
    client.force_login(editor)
    page = client.get(f"/admin/bulletins/issue/{draft.pk}/").content.decode()
    assert "Publish this issue first" in page
    client.post(f"/admin/bulletins/issue/{draft.pk}/", {"action": "send", "checked_count": "2"})
    assert not BulletinSend.objects.exists()


def test_the_progress_page_lists_failures(client, editor, earlier_send):
    client.force_login(editor)
    page = client.get(f"/admin/bulletins/sends/{earlier_send.pk}/").content.decode()
    assert "earlier-1@example.org" in page
    assert "550 Mailbox unavailable" in page


def test_administrators_may_send_too(client, admin_forms, administrator, issue):
    client.force_login(administrator)
    assert client.get(f"/admin/bulletins/issue/{issue.pk}/").status_code == 200
    assert "/admin/bulletins/" in client.get("/admin/").content.decode()


def test_the_issue_has_a_send_button_for_editors(client, admin_forms, editor, issue):
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert f"/admin/bulletins/issue/{issue.pk}/" in edit


def _make_sends(issue, editor, count):
    for _ in range(count):
        send = BulletinSend.objects.create(page=issue, requested_by=editor, status="finished")
        BulletinDelivery.objects.create(
            send=send,
            page=issue,
            subscriber=Subscriber.objects.create(email=f"s{send.pk}@example.org"),
            status="sent",
        )


def test_the_list_of_sends_costs_the_same_queries_for_few_and_many(client, editor, issue):
    client.force_login(editor)
    _make_sends(issue, editor, 1)
    client.get("/admin/bulletins/")  # warm the admin's caches
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/bulletins/")
    _make_sends(issue, editor, 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/bulletins/")
    assert response.content.decode().count("/admin/bulletins/sends/") == 7
    assert len(many) == len(few)
