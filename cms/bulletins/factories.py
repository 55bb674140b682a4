"""Test and demo data for the e-bulletin.

index = BulletinIndexPageFactory(parent=home_page)
issue = BulletinPageFactory(parent=index, items=[news("Heading", "<p>Text</p>"), spotlight(page)])
"""

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from wagtail.rich_text import RichText

from .models import BulletinIndexPage, BulletinPage


def news(heading: str, html: str) -> tuple:
    """A news item as StreamField data."""
    return ("news", {"heading": heading, "body": RichText(html)})


def spotlight(opportunity, note: str = "") -> tuple:
    """An opportunity spotlight as StreamField data."""
    return ("opportunity_spotlight", {"opportunity": opportunity, "editors_note": note})


def training_reminder(module, note: str = "") -> tuple:
    """A training reminder as StreamField data."""
    return ("training_reminder", {"module": module, "note": note})


def event(
    heading: str, *, date: dt.date, location: str, time: str = "", details_html: str = ""
) -> tuple:
    """An event as StreamField data."""
    return (
        "event",
        {
            "heading": heading,
            "date": date,
            "time": time,
            "location": location,
            "details": RichText(details_html),
        },
    )


def quote(text: str, attribution: str = "") -> tuple:
    return ("quote", {"quote": text, "attribution": attribution})


class BulletinIndexPageFactory(wagtail_factories.PageFactory):
    """The bulletin archive: pass ``parent=home_page``."""

    class Meta:
        model = BulletinIndexPage

    title = "Bulletins"
    slug = "bulletins"
    show_in_menus = True
    introduction = "News, opportunities and training for experts by experience."


class BulletinPageFactory(wagtail_factories.PageFactory):
    """An issue with one news item: pass ``parent=bulletin_index``."""

    class Meta:
        model = BulletinPage

    title = factory.Sequence(lambda n: f"Issue {n + 1}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    issue_date = dt.date(2026, 9, 1)
    summary = "What is new this season, and how you can get involved."
    items = factory.LazyFunction(
        lambda: [news("Welcome to this issue", "<p>Thank you for everything you do.</p>")]
    )


def confirmed_subscribers(count: int, *, prefix: str = "reader", email_format=None, areas=()):
    """``count`` confirmed subscribers at ``<prefix>-N@example.org``, made in bulk (a send to
    thousands needs thousands). ``areas`` are the service areas each one wants."""
    from cms.subscriptions.models import Subscriber

    email_format = email_format or Subscriber.EmailFormat.HTML
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"{prefix}-{number}@example.org",
                status=Subscriber.Status.CONFIRMED,
                email_format=email_format,
                confirmed_at=now,
            )
            for number in range(1, count + 1)
        ],
        batch_size=2000,
    )
    subscribers = Subscriber.objects.filter(email__startswith=f"{prefix}-")
    if areas:
        through = Subscriber.service_areas.through
        through.objects.bulk_create(
            [
                through(subscriber_id=subscriber_id, servicearea_id=area.pk)
                for subscriber_id in subscribers.values_list("pk", flat=True)
                for area in areas
            ],
            batch_size=2000,
        )
    return subscribers
