"""The notifications admin: messages to send by hand, the log, messages to members, sent mail.

Only coordinators and administrators get in; members, editors and finance staff are
refused and visitors are asked to sign in, whatever id is in the address.
"""

import uuid
from urllib.parse import urlsplit

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.members.models import InvolvementRole
from cms.notifications import services
from cms.notifications.mail_backends import BACKEND_PATH
from cms.notifications.models import (
    Channel,
    Delivery,
    Notification,
    SentEmail,
    TeamMessage,
    Topic,
)
from cms.taxonomy.models import ServiceArea
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
BY_HAND = "/admin/messages/by-hand/"
LOG = "/admin/messages/log/"
TEAM = "/admin/messages/to-members/"
NEW = "/admin/messages/to-members/new/"
SENT_MAIL = "/admin/messages/sent-mail/"


def tell(user, n, topic=Topic.TAKING_PART, subject=None):
    return services.notify(
        recipient=user,
        topic=topic,
        key=f"test:{n}",
        subject=subject or f"Message number {n}",
        body=f"The text of message {n}.",
        url="/members/taking-part/",
    )


def texter(name="Tariq", phone="07700 900321"):
    return ActiveMemberFactory(
        user=UserFactory(first_name=name, last_name="Ahmed", email=f"{name.lower()}@example.org"),
        contact_methods=["text"],
        phone=phone,
    )


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def recorded_mail(settings):
    settings.EMAIL_BACKEND = BACKEND_PATH


# --- Messages to send by hand -------------------------------------------------------------


def test_the_by_hand_list_shows_who_how_where_and_what(staff):
    text = tell(texter().user, 1)
    letter_person = ActiveMemberFactory(
        user=UserFactory(first_name="Lena", last_name="Holt"),
        contact_methods=["post"],
        address="9 Quay Street\nAnytown",
        postcode="AN9 9ZZ",
    )
    tell(letter_person.user, 2)
    tell(ActiveMemberFactory(contact_methods=["email"]).user, 3)
    html = staff.get(BY_HAND).content.decode()
    assert "Tariq Ahmed" in html and "07700 900321" in html and "Text message" in html
    assert "Lena Holt" in html and "9 Quay Street<br>Anytown<br>AN9 9ZZ" in html
    assert "The text of message 1." in html
    assert "Message number 3" not in html  # email goes by itself
    assert f"/admin/messages/by-hand/{text.deliveries.get().pk}/sent/" in html


def test_marking_as_sent_takes_it_off_the_list_and_records_who(staff, coordinator):
    delivery = tell(texter().user, 1).deliveries.get()
    response = staff.post(f"/admin/messages/by-hand/{delivery.pk}/sent/")
    assert response.status_code == 302
    assert "is marked as sent" in next(str(m) for m in get_messages(response.wsgi_request))
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.sent_by == coordinator
    assert "Message number 1" not in staff.get(BY_HAND).content.decode()


def test_an_email_cannot_be_marked_as_sent_by_hand(staff):
    delivery = tell(ActiveMemberFactory(contact_methods=["email"]).user, 1).deliveries.get()
    assert staff.post(f"/admin/messages/by-hand/{delivery.pk}/sent/").status_code == 404
    delivery.refresh_from_db()
    assert delivery.sent_by is None


def test_the_by_hand_list_query_count_is_flat(staff):
    tell(texter("Ann").user, 0)
    staff.get(BY_HAND)
    with CaptureQueriesContext(connection) as few:
        staff.get(BY_HAND)
    for n in range(1, 12):
        tell(texter(f"Person{n}").user, n)
    with CaptureQueriesContext(connection) as many:
        response = staff.get(BY_HAND)
    assert response.content.decode().count("Mark as sent<") == 12
    assert len(many) == len(few)


# --- The notifications log ----------------------------------------------------------------


def test_the_log_shows_who_was_told_what_how_and_what_failed(staff, monkeypatch):
    emailed = ActiveMemberFactory(
        user=UserFactory(first_name="Erin", last_name="Boyd"), contact_methods=["email", "text"]
    )

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    notification = tell(emailed.user, 1, topic=Topic.APPLICATION)
    for _ in range(services.MAX_EMAIL_ATTEMPTS):
        services.send_email_delivery(notification.deliveries.get(channel=Channel.EMAIL).pk)
    html = staff.get(LOG).content.decode()
    assert "Erin Boyd" in html and "Message number 1" in html and "Your application" in html
    assert "Email: <strong>Failed</strong>" in html
    assert "Failure: ConnectionRefusedError: mail server down" in html
    assert "Text message: <strong>Waiting to send</strong>" in html


def test_the_log_filters_by_topic_channel_status_and_person(staff):
    texted = texter()
    tell(texted.user, 1, topic=Topic.PAPERS)
    emailed = ActiveMemberFactory(
        user=UserFactory(first_name="Erin", email="erin@example.org"), contact_methods=["email"]
    )
    tell(emailed.user, 2, topic=Topic.MESSAGE)

    def shown(**query):
        html = staff.get(LOG, query).content.decode()
        return {n for n in (1, 2) if f"Message number {n}<" in html}

    assert shown() == {1, 2}
    assert shown(topic=Topic.PAPERS) == {1}
    assert shown(channel=Channel.EMAIL) == {2}
    assert shown(channel=Channel.TEXT, status=Delivery.Status.PENDING) == {1}
    assert shown(channel=Channel.TEXT, status=Delivery.Status.SENT) == set()
    assert shown(q="erin@") == {2}


def test_the_log_query_count_is_flat(staff):
    tell(texter("Ann").user, 0)
    staff.get(LOG)
    with CaptureQueriesContext(connection) as few:
        staff.get(LOG)
    for n in range(1, 12):
        tell(ActiveMemberFactory(contact_methods=["email", "post"]).user, n)
    with CaptureQueriesContext(connection) as many:
        response = staff.get(LOG)
    assert response.content.decode().count("Message number") == 12
    assert len(many) == len(few)


# --- Message members by service area and role ---------------------------------------------


@pytest.fixture
def segment():
    dementia = ServiceArea.objects.create(name="Dementia", slug="dementia")
    carers = ServiceArea.objects.create(name="Carers", slug="carers")
    panel = InvolvementRole.objects.create(name="Interview panel member")
    people = {
        "dementia": ActiveMemberFactory(expertise=[dementia]),
        "both": ActiveMemberFactory(expertise=[dementia], roles=[panel]),
        "panel by text": ActiveMemberFactory(
            expertise=[carers], roles=[panel], contact_methods=["text"]
        ),
        "carers": ActiveMemberFactory(expertise=[carers]),
        "applicant": MemberProfileFactory(expertise=[dementia]),
        "left": ActiveMemberFactory(expertise=[dementia], user=UserFactory(is_active=False)),
    }
    return {"dementia": dementia, "carers": carers, "panel": panel, "people": people}


def compose(segment, *, action, areas=("dementia",), roles=("panel",), **extra):
    return {
        "service_areas": [segment[a].pk for a in areas],
        "roles": [segment[r].pk for r in roles],
        "subject": "Dementia strategy workshop",
        "body": "Join us on 3 June to shape the new dementia strategy.",
        "form_token": extra.pop("form_token", str(uuid.uuid4())),
        "action": action,
        **extra,
    }


def test_counting_shows_how_many_people_it_reaches_and_sends_nothing(staff, segment):
    html = staff.post(NEW, compose(segment, action="count")).content.decode()
    assert "This message will reach <strong>3 people</strong>" in html
    html = staff.post(NEW, compose(segment, action="count", match_all="on")).content.decode()
    assert "This message will reach <strong>1 person</strong>" in html
    assert not TeamMessage.objects.exists() and not Notification.objects.exists()


def test_sending_tells_each_active_member_in_the_group_once_their_own_way(
    staff, segment, django_capture_on_commit_callbacks
):
    people = segment["people"]
    data = compose(segment, action="send")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(NEW, data)
        staff.post(NEW, data)  # a double click
    assert response.status_code == 302
    message = TeamMessage.objects.get()
    assert message.recipient_count == 3
    told = Notification.objects.filter(topic=Topic.MESSAGE)
    assert {n.recipient for n in told} == {
        people["dementia"].user,
        people["both"].user,
        people["panel by text"].user,
    }
    assert {n.key for n in told} == {
        f"message:team-{message.pk}:{p.user.pk}"
        for p in (people["dementia"], people["both"], people["panel by text"])
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["dementia"].user.email, people["both"].user.email]
    )
    assert Delivery.objects.to_send_by_hand().get().notification.recipient == (
        people["panel by text"].user
    )
    assert services.deliver_team_message(message.pk) == 0  # a retried task tells nobody again
    assert "Dementia strategy workshop" in staff.get(TEAM).content.decode()


def test_a_message_needs_an_area_or_a_role(staff, segment):
    response = staff.post(NEW, compose(segment, action="send", areas=(), roles=()))
    assert response.status_code == 400
    assert "Choose at least one service area or role." in response.content.decode()
    assert not TeamMessage.objects.exists()


def test_the_sent_messages_list_query_count_is_flat(staff, segment, coordinator):
    def send(n):
        services.send_team_message(
            form_token=uuid.uuid4(),
            subject=f"Team news {n}",
            body="News.",
            service_areas=[segment["dementia"]],
            roles=[segment["panel"]],
            by=coordinator,
        )

    send(0)
    staff.get(TEAM)
    with CaptureQueriesContext(connection) as few:
        staff.get(TEAM)
    for n in range(1, 10):
        send(n)
    with CaptureQueriesContext(connection) as many:
        response = staff.get(TEAM)
    assert response.content.decode().count("Team news") == 10
    assert len(many) == len(few)


# --- Sent mail in development --------------------------------------------------------------


def test_sent_mail_is_readable_in_the_admin_when_the_development_backend_is_used(
    staff, recorded_mail, django_capture_on_commit_callbacks
):
    member = ActiveMemberFactory(contact_methods=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        tell(member.user, 1)
    email = SentEmail.objects.get()
    html = staff.get(SENT_MAIL).content.decode()
    assert "Message number 1" in html and member.user.email in html
    detail = staff.get(f"{SENT_MAIL}{email.pk}/").content.decode()
    assert "The text of message 1." in detail
    assert "X-Involve-Notification" in detail
    assert "/admin/messages/sent-mail/" in staff.get("/admin/").content.decode()


def test_sent_mail_pages_are_gone_when_mail_really_goes_out(staff, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert staff.get(SENT_MAIL).status_code == 404
    assert "/admin/messages/sent-mail/" not in staff.get("/admin/").content.decode()


# --- Who gets in ------------------------------------------------------------------------------


@pytest.fixture
def records(recorded_mail):
    delivery = tell(texter().user, 1).deliveries.get()
    email = SentEmail.objects.create(to="someone@example.org", subject="Hello", text_body="Hi")
    return {"delivery": delivery, "email": email}


def staff_urls(records):
    return [
        BY_HAND,
        LOG,
        TEAM,
        NEW,
        SENT_MAIL,
        f"{SENT_MAIL}{records['email'].pk}/",
    ]


def mark_sent_url(records):
    return f"/admin/messages/by-hand/{records['delivery'].pk}/sent/"


def assert_nothing_changed(records):
    records["delivery"].refresh_from_db()
    assert records["delivery"].status == Delivery.Status.PENDING
    assert not TeamMessage.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, records):
    for url in [*staff_urls(records), mark_sent_url(records)]:
        response = client.post(url) if url == mark_sent_url(records) else client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    assert_nothing_changed(records)


@pytest.mark.parametrize("who", ["member", "editor", "finance_user"])
def test_members_editors_and_finance_are_refused(client, records, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in [*staff_urls(records), mark_sent_url(records)]:
        response = client.post(url, {"subject": "x"}) if "sent/" in url else client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert not urlsplit(response["Location"]).path.startswith("/admin/messages")
        assert b"07700 900321" not in response.content
    assert "/admin/messages/" not in client.get("/admin/").content.decode()
    assert_nothing_changed(records)


@pytest.mark.parametrize("who", ["coordinator", "administrator"])
def test_coordinators_and_administrators_get_in(client, records, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in staff_urls(records):
        assert client.get(url).status_code == 200, url
    assert client.get(f"{SENT_MAIL}999999/").status_code == 404
    assert client.post("/admin/messages/by-hand/999999/sent/").status_code == 404
    assert "/admin/messages/by-hand/" in client.get("/admin/").content.decode()
