"""Demo issues of the e-bulletin, drawn from the seed policies and written in our own words.

Three quarterly issues, named after the season each came out in, counted back from the day the
demo is loaded: so the newest issue is always this season's. Spotlights are on opportunities
that are open when the demo is loaded; if none are open, the issues go out without one.
Training reminders need the training modules. Run after the opportunities and training demos.

Safe to run again: the index and each issue are found by slug, and nothing that exists changes.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from cms.home.demo import get_or_create_child
from cms.opportunities.models import OpportunityPage
from cms.opportunities.selectors import opportunities_closing_soon
from cms.training.models import TrainingModulePage

from .factories import event, news, quote, spotlight, training_reminder
from .models import BulletinIndexPage, BulletinPage

SEASONS = {3: "Spring", 6: "Summer", 9: "Autumn", 12: "Winter"}


@dataclass(frozen=True)
class Issue:
    title: str
    slug: str
    issue_date: dt.date


def season_start(day: dt.date) -> dt.date:
    """The first day of the season ``day`` falls in (spring starts in March)."""
    month = day.month - (day.month % 3)
    if month == 0:  # January and February belong to the winter that began in December
        return dt.date(day.year - 1, 12, 1)
    return dt.date(day.year, month, 1)


def recent_issues(today: dt.date, count: int = 3) -> list[Issue]:
    """One issue a season, newest first, the newest dated the first day of this season."""
    issues = []
    start = season_start(today)
    for _ in range(count):
        season = SEASONS[start.month]
        if season == "Winter":
            title = f"Winter {start.year} to {start.year + 1}"
        else:
            title = f"{season} {start.year}"
        issues.append(Issue(title=title, slug=title.lower().replace(" ", "-"), issue_date=start))
        start = season_start(start - dt.timedelta(days=1))
    return issues


def open_opportunities(today: dt.date) -> list[OpportunityPage]:
    """Live, public opportunities people can still say they are interested in."""
    return [page for page in opportunities_closing_soon(limit=6, today=today) if page.is_open]


def training_module(*slugs: str) -> TrainingModulePage | None:
    """The first of these live training modules that exists, if any."""
    for slug in slugs:
        module = TrainingModulePage.objects.live().filter(slug=slug).first()
        if module is not None:
            return module
    return None


def newest_items(*, today: dt.date, opportunities: list[OpportunityPage]) -> list:
    items = [
        news(
            "Welcome to our new experts by experience",
            "<p>Fourteen people joined us this season. Between them they know about "
            "dementia care, mental health services, caring for a disabled child and life "
            "after leaving hospital. Welcome, and thank you.</p>"
            "<p>If you are new, your welcome pack is on the Resources page. It explains "
            "what to expect, how we pay you and your costs, and who to call.</p>",
        ),
    ]
    notes = [
        "New to this? Call the involvement team and we will talk it through with you "
        "before you decide.",
        "We pay your travel and any replacement care, so you will not be out of pocket.",
    ]
    items += [
        spotlight(opportunity, note)
        for opportunity, note in zip(opportunities[:2], notes, strict=False)
    ]
    module = training_module("safeguarding-adults", "welcome-and-induction")
    if module is not None:
        items.append(
            training_reminder(
                module,
                "Everyone who meets people using services, or their families, needs this. "
                "If you took it more than two years ago, please take it again.",
            )
        )
    items += [
        event(
            "Carers' coffee morning",
            date=today + dt.timedelta(days=21),
            time="10am to 12 noon",
            location="Civic Centre, Room 3. Step-free access and a hearing loop.",
            details_html=(
                "<p>Meet other carers who help us improve services, and the involvement "
                "team. Just turn up: you do not need to book. We pay for replacement care "
                "while you are with us.</p>"
            ),
        ),
        news(
            "You said, we did: hospital discharge letters",
            "<p>At a listening event earlier this year, you told us the letter people get "
            "when they leave hospital was hard to follow. Six of you rewrote it with the "
            "discharge team.</p>"
            "<p>The new letter is one page long, uses plain English and says who to call "
            "in the first week at home. Every ward now uses it.</p>",
        ),
        quote(
            "I was nervous before my first panel, but the pre-meeting helped. By the end "
            "I was asking the hardest questions.",
            "An expert by experience and carer",
        ),
    ]
    return items


def middle_items(*, issue_date: dt.date, opportunities: list[OpportunityPage]) -> list:
    items = [
        news(
            "Claiming your expenses is now quicker",
            "<p>You can now claim travel, parking and replacement care costs online, and "
            "send a photo of your receipt instead of posting it. We aim to pay within 10 "
            "working days.</p>"
            "<p>You can still claim on paper if you prefer. Ask the involvement team for "
            "a form.</p>",
        ),
    ]
    if len(opportunities) > 2:
        # The one closing last, so it was already open when this issue went out.
        items.append(spotlight(opportunities[-1]))
    items += [
        event(
            "Our annual celebration of involvement",
            date=issue_date + dt.timedelta(days=45),
            time="1pm to 4pm",
            location="Anytown Central Library, Community Room. Step-free access.",
            details_html=(
                "<p>A chance to hear what changed this year because of what you told us, "
                "and to meet the people who made it happen. Lunch is provided.</p>"
            ),
        ),
        news(
            "A new jargon buster",
            "<p>Services use a lot of words that most people never need. Our new jargon "
            "buster explains them in plain English. Where one of those words appears on "
            "this website, you will see what it means.</p>",
        ),
    ]
    return items


def oldest_items(*, issue_date: dt.date) -> list:
    items = [
        news(
            "Welcome to the first Involve e-bulletin",
            "<p>Four times a year we will tell you about new ways to get involved, "
            "training, events, and what changed because of what you said.</p>"
            "<p>If you would like this bulletin in large print, Easy Read or audio, "
            "tell the involvement team.</p>",
        ),
        news(
            "Your welcome pack has been refreshed",
            "<p>We rewrote the welcome pack with a group of experts by experience. It now "
            "covers what to expect, how payment and expenses work, and our code of "
            "practice for involvement. There is an Easy Read version of the payment "
            "and expenses guide.</p>",
        ),
    ]
    module = training_module("welcome-and-induction")
    if module is not None:
        items.append(
            training_reminder(module, "New to Involve? Please take this in your first month.")
        )
    items.append(
        event(
            "Drop-in session with the involvement team",
            date=issue_date + dt.timedelta(days=14),
            time="10am to 12 noon",
            location="Civic Centre, main reception. Step-free access and a hearing loop.",
            details_html=(
                "<p>Come and ask us anything about getting involved, or bring a friend "
                "who might like to join.</p>"
            ),
        )
    )
    return items


SUMMARIES = [
    "New experts by experience, two opportunities to help choose and shape services, a "
    "safeguarding reminder, and what changed after our hospital listening event.",
    "Quicker expense claims, an invitation to our annual celebration, and a new jargon "
    "buster to explain the words services use.",
    "Our first e-bulletin: a refreshed welcome pack, training for new members, and a "
    "drop-in session with the involvement team.",
]


def load_demo(*, home_page: Page) -> BulletinIndexPage:
    """The Bulletins index at /bulletins/ with three issues under it, newest first."""
    index = get_or_create_child(
        home_page,
        BulletinIndexPage,
        slug="bulletins",
        title="Bulletins",
        show_in_menus=True,
        introduction=(
            "Our e-bulletin comes out four times a year. It tells experts by experience, and "
            "anyone thinking of joining, about new ways to get involved, training, events, "
            "and what changed because of what people said."
        ),
    )
    today = timezone.localdate()
    opportunities = open_opportunities(today)
    newest, middle, oldest = recent_issues(today)
    items = {
        newest.slug: newest_items(today=today, opportunities=opportunities),
        middle.slug: middle_items(issue_date=middle.issue_date, opportunities=opportunities),
        oldest.slug: oldest_items(issue_date=oldest.issue_date),
    }
    # Oldest first, so the admin's page order matches the order they came out in.
    for issue, summary in reversed(list(zip((newest, middle, oldest), SUMMARIES, strict=True))):
        get_or_create_child(
            index,
            BulletinPage,
            slug=issue.slug,
            title=issue.title,
            issue_date=issue.issue_date,
            summary=summary,
            items=items[issue.slug],
        )
    return index


def load_demo_sends(*, today: dt.date | None = None):
    """Last season's issue as already sent to the demo subscribers, with a delivery record for
    each (one address bounced), so the archive and the admin show a finished send. This
    season's issue is left for editors to send. Run after the subscriptions demo; with no
    subscribers the send is recorded with nobody on it. Safe to run again."""
    from cms.subscriptions.models import Subscriber
    from cms.users.roles import EDITORS

    from .models import BulletinDelivery, BulletinSend

    today = today or timezone.localdate()
    previous = recent_issues(today)[1]
    issue = BulletinPage.objects.live().filter(slug=previous.slug).first()
    if issue is None or BulletinSend.objects.filter(page=issue).exists():
        return None
    editor = (
        get_user_model().objects.filter(groups__name=EDITORS, is_active=True).order_by("pk").first()
    )
    sent_at = timezone.make_aware(dt.datetime.combine(previous.issue_date, dt.time(9, 30)))
    send = BulletinSend.objects.create(
        page=issue,
        requested_by=editor,
        requested_at=sent_at,
        status=BulletinSend.Status.FINISHED,
        started_at=sent_at + dt.timedelta(minutes=1),
        finished_at=sent_at + dt.timedelta(minutes=4),
    )
    subscribers = list(Subscriber.objects.receiving().order_by("pk"))
    deliveries = [
        BulletinDelivery(
            send=send,
            page=issue,
            subscriber=subscriber,
            status=BulletinDelivery.Status.SENT,
            attempts=1,
            sent_at=sent_at + dt.timedelta(minutes=2),
        )
        for subscriber in subscribers
    ]
    if len(deliveries) > 1:
        bounced = deliveries[-1]
        bounced.status = BulletinDelivery.Status.FAILED
        bounced.attempts = 3
        bounced.sent_at = None
        bounced.last_error = "SMTPRecipientsRefused: 550 5.1.1 Mailbox does not exist"
    BulletinDelivery.objects.bulk_create(deliveries)
    send.recipient_count = len(deliveries)
    send.save(update_fields=["recipient_count"])
    return send
