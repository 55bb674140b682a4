"""The demo issues load once and only once, and spotlight only open opportunities."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Revision

from cms.bulletins import demo as bulletins_demo
from cms.bulletins.models import BulletinIndexPage, BulletinPage
from cms.opportunities import demo as opportunities_demo
from cms.taxonomy import demo as taxonomy_demo
from cms.training import demo as training_demo


def counts() -> dict[str, int]:
    return {
        "indexes": BulletinIndexPage.objects.count(),
        "issues": BulletinPage.objects.count(),
        "revisions": Revision.page_revisions.count(),
    }


def load_everything(home_page):
    taxonomy_demo.load_demo()
    opportunities_demo.load_demo(home_page=home_page)
    training_demo.load_demo(home_page=home_page)
    return bulletins_demo.load_demo(home_page=home_page)


def test_demo_load_is_idempotent(home_page, site):
    index = load_everything(home_page)
    first = counts()
    again = bulletins_demo.load_demo(home_page=home_page)
    assert counts() == first
    assert again.pk == index.pk
    assert first["issues"] == 3


def test_demo_issues(home_page, site, client):
    index = load_everything(home_page)
    assert (index.slug, index.title, index.show_in_menus, index.live) == (
        "bulletins",
        "Bulletins",
        True,
        True,
    )
    issues = list(index.issues())
    assert len(issues) == 3
    spotlights = [
        child.value["opportunity"].specific
        for issue in BulletinPage.objects.live()
        for child in issue.items
        if child.block_type == "opportunity_spotlight"
    ]
    assert spotlights
    assert all(opportunity.is_open and opportunity.live for opportunity in spotlights)
    kinds = {child.block_type for issue in BulletinPage.objects.all() for child in issue.items}
    assert kinds == {"news", "opportunity_spotlight", "training_reminder", "event", "quote"}

    html = client.get("/bulletins/").content.decode()
    assert html.index(issues[0].title) < html.index(issues[1].title) < html.index(issues[2].title)
    for issue in issues:
        assert client.get(issue.url).status_code == 200
        assert client.get(issue.url + "plain/").status_code == 200


def test_demo_without_opportunities_or_training_skips_those_items(home_page, site):
    bulletins_demo.load_demo(home_page=home_page)
    kinds = {child.block_type for issue in BulletinPage.objects.all() for child in issue.items}
    assert kinds == {"news", "event", "quote"}


def test_issue_names_follow_the_seasons():
    names = [issue.title for issue in bulletins_demo.recent_issues(dt.date(2026, 11, 26))]
    assert names == ["Autumn 2026", "Summer 2026", "Spring 2026"]
    issues = bulletins_demo.recent_issues(dt.date(2027, 2, 10))
    assert [issue.title for issue in issues] == [
        "Winter 2026 to 2027",
        "Autumn 2026",
        "Summer 2026",
    ]
    assert issues[0].slug == "winter-2026-to-2027"
    assert issues[0].issue_date == dt.date(2026, 12, 1)


def test_demo_send_of_last_season_is_recorded_once(home_page, site):
    from cms.bulletins.models import BulletinDelivery, BulletinSend
    from cms.subscriptions import demo as subscriptions_demo

    load_everything(home_page)
    subscriptions_demo.load_demo()
    send = bulletins_demo.load_demo_sends()
    assert bulletins_demo.load_demo_sends() is None
    assert BulletinSend.objects.count() == 1
    assert send.status == BulletinSend.Status.FINISHED
    deliveries = BulletinDelivery.objects.filter(send=send)
    assert deliveries.count() == send.recipient_count > 1
    assert deliveries.filter(status="failed").count() == 1
    _newest, previous, _oldest = bulletins_demo.recent_issues(timezone.localdate())
    assert send.page.slug == previous.slug
    assert send.page.specific.sent_to_subscribers_at() is not None


def test_demo_send_copes_without_subscribers(home_page, site):
    from cms.bulletins.models import BulletinDelivery

    load_everything(home_page)
    send = bulletins_demo.load_demo_sends()
    assert send.recipient_count == 0
    assert not BulletinDelivery.objects.exists()
