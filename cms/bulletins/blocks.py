"""The items an e-bulletin issue is made of.

Each item is one section of the issue with its own ``<h2>``, so the items' rich text allows no
headings (they would break the page's heading order). ``spotlight_problem`` says why an
opportunity cannot be put in the spotlight; the issue's edit form uses it (see ``forms.py``).
"""

from django.utils.dateformat import format as format_date
from wagtail import blocks

from cms.core.blocks import QuoteBlock

# Short, plain rich text: no headings, no images, no embeds.
ITEM_RICH_TEXT = ["bold", "italic", "link", "ol", "ul"]


class NewsItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        help_text="A short heading that says what the news is, for example 'New carers' forum'.",
    )
    body = blocks.RichTextBlock(
        features=ITEM_RICH_TEXT,
        help_text=(
            "The news in a few short paragraphs. Say what it means for experts by experience "
            "and what, if anything, they need to do."
        ),
    )

    class Meta:
        template = "bulletins/blocks/news_item.html"
        icon = "pilcrow"
        label = "News"
        description = "A piece of news with a heading and a few short paragraphs."
        preview_value = {
            "heading": "Our new involvement officer",
            "body": "<p>Priya joined the involvement team in September. Say hello at the forum.</p>",
        }


class OpportunitySpotlightBlock(blocks.StructBlock):
    opportunity = blocks.PageChooserBlock(
        page_type="opportunities.OpportunityPage",
        help_text=(
            "A published opportunity that is still open. The issue shows its title, summary, "
            "closing date and a link to it."
        ),
    )
    editors_note = blocks.TextBlock(
        required=False,
        label="Editor's note",
        help_text=(
            "Optional. A sentence or two on why this opportunity matters, for example "
            "'We especially want to hear from carers who work.'"
        ),
    )

    class Meta:
        template = "bulletins/blocks/opportunity_spotlight.html"
        icon = "pick"
        label = "Opportunity spotlight"
        description = "An open opportunity to get involved, with its closing date and a link."


class TrainingReminderBlock(blocks.StructBlock):
    module = blocks.PageChooserBlock(
        page_type="training.TrainingModulePage",
        help_text="The training module to remind people about. It shows its summary and length.",
    )
    note = blocks.TextBlock(
        required=False,
        help_text=(
            "Optional. Who should take it and by when, for example 'Everyone on an interview "
            "panel must renew this by March.'"
        ),
    )

    class Meta:
        template = "bulletins/blocks/training_reminder.html"
        icon = "clipboard-list"
        label = "Training reminder"
        description = "A reminder about a training module, with a link to it."


class EventBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, help_text="The name of the event, for example 'Carers' coffee morning'."
    )
    date = blocks.DateBlock(help_text="The day the event is on.")
    time = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="Optional. When it starts and ends, for example '10am to 12 noon'.",
    )
    location = blocks.CharBlock(
        max_length=200,
        help_text=(
            "Where it is, with the room, or 'Online'. Say if the building has step-free access."
        ),
    )
    details = blocks.RichTextBlock(
        required=False,
        features=ITEM_RICH_TEXT,
        help_text="Optional. What happens there, who it is for and how to book.",
    )

    class Meta:
        template = "bulletins/blocks/event.html"
        icon = "date"
        label = "Event"
        description = "Something people can come to, with the date, time and place."
        preview_value = {
            "heading": "Carers' coffee morning",
            "time": "10am to 12 noon",
            "location": "Civic Centre, Room 3 (step-free access)",
            "details": "<p>Just turn up. Tea, coffee and cake are free.</p>",
        }


class BulletinItemsBlock(blocks.StreamBlock):
    """The items of an issue, in the order they appear."""

    news = NewsItemBlock()
    opportunity_spotlight = OpportunitySpotlightBlock()
    training_reminder = TrainingReminderBlock()
    event = EventBlock()
    quote = QuoteBlock()

    class Meta:
        block_counts = {"quote": {"max_num": 3}}


def spotlight_problem(opportunity) -> str:
    """Why ``opportunity`` cannot be spotlighted in an issue, or "" if it can.

    Only a published, public opportunity that people can still say they are interested in
    (its status is open: see ``cms.opportunities.status``) belongs in a new spotlight.
    """
    if opportunity is None:
        return ""
    opportunity = opportunity.specific
    if not opportunity.live:
        return (
            f"'{opportunity.title}' is not published. Publish it first, or choose an "
            "opportunity that is live."
        )
    if opportunity.get_view_restrictions().exists():
        return (
            f"'{opportunity.title}' can only be seen by some people. Choose an opportunity "
            "that everyone can see."
        )
    if not opportunity.is_open:
        closed_on = format_date(opportunity.closing_date, "j F Y")
        return (
            f"'{opportunity.title}' closed on {closed_on}. Choose an opportunity that people "
            "can still say they are interested in."
        )
    return ""


# What each kind of item is called in its caption, the contents list and the plain text.
ITEM_KIND_LABELS = {
    "news": "News",
    "opportunity_spotlight": "Opportunity spotlight",
    "training_reminder": "Training",
    "event": "Event",
}
# Items that show another page: shown only while that page is published and public.
LINKED_PAGE_FIELD = {"opportunity_spotlight": "opportunity", "training_reminder": "module"}


def linked_page(child):
    """The page an item shows (an opportunity or a training module), or None."""
    field = LINKED_PAGE_FIELD.get(child.block_type)
    return child.value.get(field) if field else None


def item_title(child) -> str:
    """The item's own heading: the news heading, the opportunity's title, and so on."""
    page = linked_page(child)
    if page is not None:
        return page.title
    if child.block_type in ITEM_KIND_LABELS:
        return child.value["heading"]
    return ""


def item_heading(child) -> str:
    """'News: Our new involvement officer', or "" for an item without a heading (a quote)."""
    title = item_title(child)
    return f"{ITEM_KIND_LABELS[child.block_type]}: {title}" if title else ""
