"""The bulletin archive, an issue's page and its plain-text version."""

import datetime as dt
import itertools

from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.bulletins.factories import (
    BulletinPageFactory,
    event,
    news,
    quote,
    spotlight,
    training_reminder,
)
from cms.bulletins.models import BulletinIndexPage, BulletinPage


def heading_levels(html: str) -> list[int]:
    main = BeautifulSoup(html, "html.parser").find("main")
    return [int(tag.name[1]) for tag in main.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def assert_headings_in_order(html: str) -> None:
    levels = heading_levels(html)
    assert levels[0] == 1
    assert levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_index_lists_live_issues_newest_first(client, bulletin_index):
    BulletinPageFactory(
        parent=bulletin_index,
        title="Spring 2026",
        issue_date=dt.date(2026, 3, 1),
        summary="Spring news.",
    )
    BulletinPageFactory(
        parent=bulletin_index,
        title="Autumn 2026",
        issue_date=dt.date(2026, 9, 1),
        summary="Autumn news.",
    )
    BulletinPageFactory(parent=bulletin_index, title="Summer 2026", issue_date=dt.date(2026, 6, 1))
    BulletinPageFactory(
        parent=bulletin_index, title="Draft issue", issue_date=dt.date(2026, 12, 1), live=False
    )

    response = client.get("/bulletins/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Autumn 2026") < html.index("Summer 2026") < html.index("Spring 2026")
    assert "Draft issue" not in html
    assert '<time datetime="2026-09-01">1 September 2026</time>' in html
    assert "Autumn news." in html
    assert_headings_in_order(html)


def test_index_is_paginated_by_ten(client, bulletin_index):
    for number in range(12):
        BulletinPageFactory(
            parent=bulletin_index,
            title=f"Issue number {number}",
            issue_date=dt.date(2025, 1, 1) + dt.timedelta(days=30 * number),
        )
    first = client.get("/bulletins/")
    assert len(first.context["issues"]) == 10
    assert "Page 2 of 2" in first.content.decode()
    second = client.get("/bulletins/?page=2")
    assert [issue.title for issue in second.context["issues"]] == [
        "Issue number 1",
        "Issue number 0",
    ]
    assert "<title>Page 2 of 2 \u2013 Bulletins" in second.content.decode()


def test_index_without_issues(client, bulletin_index):
    assert "There are no issues yet" in client.get("/bulletins/").content.decode()


def make_issue(bulletin_index, open_opportunity, training_module, **fields):
    return BulletinPageFactory(
        parent=bulletin_index,
        title="Autumn 2026",
        slug="autumn-2026",
        issue_date=dt.date(2026, 9, 1),
        summary="New members, a home care panel and safeguarding training.",
        items=[
            news(
                "A new carers' forum",
                '<p>The forum meets monthly. <a href="https://example.org/forum">Details</a>.</p>'
                "<ul><li>Tea provided</li><li>Step-free access</li></ul>",
            ),
            spotlight(open_opportunity, "We want to hear from carers who work."),
            training_reminder(training_module, "Renew it every two years."),
            event(
                "Coffee morning",
                date=dt.date(2026, 10, 6),
                time="10am to 12 noon",
                location="Civic Centre, Room 3",
                details_html="<p>Just turn up.</p>",
            ),
            quote("They listened to me.", "A carer"),
        ],
        **fields,
    )


def test_issue_shows_every_kind_of_item(client, bulletin_index, open_opportunity, training_module):
    issue = make_issue(bulletin_index, open_opportunity, training_module)
    response = client.get(issue.url)
    assert response.status_code == 200
    html = response.content.decode()
    closing = open_opportunity.closing_date
    for text in [
        "Autumn 2026</h1>",
        '<time datetime="2026-09-01">1 September 2026</time>',
        "New members, a home care panel and safeguarding training.",
        "A new carers&#x27; forum</h2>",
        "The forum meets monthly.",
        # The spotlight: title, summary, note, closing date and a link.
        "Opportunity spotlight",
        "Help choose the new home care provider</h2>",
        "Read and score the bids from home care companies.",
        "We want to hear from carers who work.",
        f"{closing:%A} {closing.day} {closing:%B %Y}",
        f'<a href="{open_opportunity.url}">Find out more and say you are interested',
        "Two half days",
        "Expenses only",
        # The training reminder and the event.
        "Safeguarding adults</h2>",
        "Renew it every two years.",
        f'<a href="{training_module.url}">Go to the training',
        "Coffee morning</h2>",
        "Tuesday 6 October 2026</time>, 10am to 12 noon",
        "Civic Centre, Room 3",
        "They listened to me.",
        # The contents list and the plain-text version.
        '<a href="#item-2">Opportunity spotlight: Help choose the new home care provider</a>',
        f'<a href="{issue.url}plain/">Read this issue as plain text</a>',
        f'<link rel="alternate" type="text/plain" href="{issue.url}plain/"',
    ]:
        assert text in html, text
    assert_headings_in_order(html)


def test_spotlight_on_a_closed_opportunity_says_it_has_closed(
    client, bulletin_index, closed_opportunity
):
    issue = BulletinPageFactory(parent=bulletin_index, items=[spotlight(closed_opportunity)])
    html = client.get(issue.url).content.decode()
    assert "Carers&#x27; survey</h2>" in html
    assert "(now closed)" in html
    assert "See what happened" in html
    assert "say you are interested" not in html


def test_items_about_unpublished_or_private_pages_are_left_out(
    client, bulletin_index, open_opportunity, closed_opportunity, training_module
):
    issue = BulletinPageFactory(
        parent=bulletin_index,
        items=[
            news("Still here", "<p>News.</p>"),
            spotlight(open_opportunity),
            spotlight(closed_opportunity),
            training_reminder(training_module),
        ],
    )
    open_opportunity.unpublish()
    PageViewRestriction.objects.create(
        page=closed_opportunity, restriction_type=PageViewRestriction.LOGIN
    )
    html = client.get(issue.url).content.decode()
    assert "Still here" in html
    assert "Safeguarding adults" in html
    assert "Help choose the new home care provider" not in html
    assert "Carers&#x27; survey" not in html
    text = client.get(issue.url + "plain/").content.decode()
    assert "Help choose the new home care provider" not in text
    assert "Carers' survey" not in text


def test_plain_text_version(client, bulletin_index, open_opportunity, training_module):
    issue = make_issue(bulletin_index, open_opportunity, training_module)
    response = client.get(f"{issue.url}plain/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    closing = open_opportunity.closing_date
    for expected in [
        "Autumn 2026\nInvolve e-bulletin, 1 September 2026\n\nNew members",
        f"Read this issue on the website: {issue.get_full_url()}",
        "In this issue:\n- News: A new carers' forum\n- Opportunity spotlight:",
        "News: A new carers' forum\n\nThe forum meets monthly. Details (https://example.org/forum).",
        "- Tea provided\n- Step-free access",
        "Opportunity spotlight: Help choose the new home care provider",
        "We want to hear from carers who work.",
        f"You can say you are interested until the end of {closing:%A} {closing.day} "
        f"{closing:%B %Y}.",
        f"Find out more: {open_opportunity.get_full_url()}",
        "Training: Safeguarding adults",
        "Time it takes: 1 hour",
        f"Find out more: {training_module.get_full_url()}",
        "Event: Coffee morning\n\nWhen: Tuesday 6 October 2026, 10am to 12 noon\n\n"
        "Where: Civic Centre, Room 3\n\nJust turn up.",
        "“They listened to me.”\n\nA carer",
        "End of this issue.",
    ]:
        assert expected in text, expected
    assert "<" not in text
    assert all(len(line) <= 72 for line in text.splitlines() if "http" not in line)


def test_plain_text_links_to_other_pages_are_absolute(client, bulletin_index, open_opportunity):
    issue = BulletinPageFactory(
        parent=bulletin_index,
        items=[
            news(
                "See the list",
                f'<p>See <a linktype="page" id="{open_opportunity.pk}">the panel</a>.</p>',
            )
        ],
    )
    text = client.get(f"{issue.url}plain/").content.decode()
    # Written out in full, from the site's own address, so they work in an email.
    assert f"See the panel\n({open_opportunity.get_full_url()})." in text


def test_issue_and_index_are_only_for_reading(client, bulletin_index):
    issue = BulletinPageFactory(parent=bulletin_index)
    assert client.post(issue.url).status_code == 405
    assert client.post("/bulletins/").status_code == 405


def test_page_tree_rules(home_page, bulletin_index):
    assert not BulletinIndexPage.can_create_at(home_page)  # only one archive
    assert BulletinPage.can_create_at(bulletin_index)
    assert not BulletinPage.can_create_at(home_page)


def test_issue_date_defaults_to_today():
    assert BulletinPage().issue_date == timezone.localdate()
