"""Opportunities to get involved: the index page that lists them, each opportunity, its sessions.

An opportunity's status is worked out from its dates (see ``status.py``); it is never stored.
Reads for lists live in ``selectors.py``.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from icalendar import Calendar, Event
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.blocks import BodyStreamBlock
from cms.easyread.fields import easy_read_field, easy_read_tab
from cms.easyread.pages import EasyReadPageMixin
from cms.easyread.panels import WritingHelpPanel

from .status import STATUS_TAG_CLASS, Status, derive_status, local_today
from .wording import describe_date, describe_time_range

RESULTS_PER_PAGE = 20

# Rich text in opportunities is for short, plain answers: no headings, which would break the
# page's heading order.
SHORT_RICH_TEXT = ["bold", "italic", "link", "ol", "ul"]


class InvolvementType(models.TextChoices):
    FOCUS_GROUP = "focus_group", "Focus group"
    SURVEY = "survey", "Survey"
    INTERVIEW_PANEL = "interview_panel", "Interview panel"
    TENDER_PANEL = "tender_panel", "Tender panel"
    FORUM = "forum", "Forum"
    LISTENING_EVENT = "listening_event", "Listening event"
    MYSTERY_SHOPPING = "mystery_shopping", "Mystery shopping"
    USER_TESTING = "user_testing", "User testing"
    CONSULTATION = "consultation", "Consultation"
    LAY_REPRESENTATIVE = "lay_representative", "Lay representative"
    PARTICIPATORY_RESEARCH = "participatory_research", "Participatory research"
    CO_PRODUCTION = "co_production", "Co-production project"
    OTHER = "other", "Other"


class InvolvementLevel(models.TextChoices):
    INFORM = "inform", "Inform"
    CONSULT = "consult", "Consult"
    INVOLVE = "involve", "Involve"
    COLLABORATE = "collaborate", "Collaborate"
    CO_PRODUCE = "co_produce", "Co-produce"


# Shown to editors as help text and to the public beside the level, so both read the same words.
LEVEL_EXPLANATIONS = {
    InvolvementLevel.INFORM: "We tell you about a decision or a change.",
    InvolvementLevel.CONSULT: "We ask for your views on our plans before we decide.",
    InvolvementLevel.INVOLVE: "You work with us while we shape the plans.",
    InvolvementLevel.COLLABORATE: "You share in making the plans and the decisions with us.",
    InvolvementLevel.CO_PRODUCE: "We design and decide together, as equal partners, from the start.",
}


class PaymentType(models.TextChoices):
    PAID = "paid", "Paid role"
    EXPENSES_ONLY = "expenses", "Expenses only (voluntary)"


class PaymentUnit(models.TextChoices):
    PER_HOUR = "hour", "per hour"
    PER_HALF_DAY = "half_day", "per half day"
    PER_DAY = "day", "per day"
    PER_ACTIVITY = "activity", "per activity"


class ChecksRequired(models.TextChoices):
    NONE = "none", "No checks needed"
    BASIC_DBS = "basic_dbs", "Basic DBS check"
    ENHANCED_DBS = "enhanced_dbs", "Enhanced DBS check"


CHECK_EXPLANATIONS = {
    ChecksRequired.NONE: "You do not need a criminal record check for this.",
    ChecksRequired.BASIC_DBS: (
        "We will ask for a basic Disclosure and Barring Service (DBS) check. "
        "We arrange it and pay for it."
    ),
    ChecksRequired.ENHANCED_DBS: (
        "You will meet children or adults who may be at risk, so we will ask for an enhanced "
        "Disclosure and Barring Service (DBS) check. We arrange it and pay for it."
    ),
}


def _level_help_text() -> str:
    return "How much say people will have. " + " ".join(
        f"{level.label}: {LEVEL_EXPLANATIONS[level]}" for level in InvolvementLevel
    )


class OpportunitiesIndexPage(Page):
    """The list of every opportunity, with filters people can share as a link."""

    intro = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text="A few short sentences at the top of the list: who can take part and how.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["opportunities.OpportunityPage"]
    max_count = 1
    template = "opportunities/opportunities_index_page.html"

    class Meta:
        verbose_name = "opportunities index page"

    def get_context(self, request, *args, **kwargs):
        # Imported here because the form and selectors import this module.
        from .forms import OpportunityFilterForm
        from .selectors import opportunities_for_listing

        context = super().get_context(request, *args, **kwargs)
        form = OpportunityFilterForm(request.GET or None)
        filters = form.cleaned_filters()
        now = timezone.now()
        opportunities = opportunities_for_listing(
            filters=filters, today=local_today(now), now=now, descendant_of=self
        )
        paginator = Paginator(opportunities, RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            filter_form=form,
            filters_applied=bool(filters),
            page_obj=page_obj,
            opportunities=page_obj.object_list,
            result_count=paginator.count,
        )
        return context


class OpportunityPage(EasyReadPageMixin, RoutablePageMixin, Page):
    """One chance to get involved: what it is for, what you can change, when and where, pay."""

    summary = models.TextField(
        max_length=300,
        help_text=(
            "One or two short sentences shown in lists and at the top of the page. "
            "Say what people will do and why it matters."
        ),
    )
    involvement_type = models.CharField(
        max_length=40,
        choices=InvolvementType.choices,
        help_text="What kind of activity this is. Choose 'Other' if nothing fits.",
    )
    service_areas = ParentalManyToManyField(
        "taxonomy.ServiceArea",
        blank=True,
        related_name="opportunities",
        help_text=(
            "The services this is about. Choose all that apply, so people with that "
            "experience can find it."
        ),
    )
    level_of_involvement = models.CharField(
        max_length=20, choices=InvolvementLevel.choices, help_text=_level_help_text()
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text=(
            "The task in full: what you are asking people to do, what they will need to read "
            "or prepare, and any support on offer."
        ),
    )
    what_you_can_influence = RichTextField(
        features=SHORT_RICH_TEXT,
        help_text=(
            "Be honest about what people can change and what is already fixed, "
            "for example by law or by the budget."
        ),
    )
    who_decides = models.CharField(
        "who makes the final decision",
        max_length=255,
        help_text=(
            "The person or group that makes the final decision, for example "
            "'The council's Adult Social Care Committee'."
        ),
    )
    intended_outcomes = RichTextField(
        features=SHORT_RICH_TEXT,
        help_text="What you hope will be different because people took part.",
    )
    time_commitment = models.CharField(
        max_length=255,
        help_text="How much time it takes in total, for example 'Two meetings of 2 hours each'.",
    )
    payment_type = models.CharField(
        max_length=20,
        choices=PaymentType.choices,
        default=PaymentType.EXPENSES_ONLY,
        help_text=(
            "A paid role pays people for their time. Expenses only means we pay back costs "
            "but do not pay for time. People on benefits can always choose expenses only."
        ),
    )
    payment_rate = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=(
            "For paid roles only: the amount in pounds, for example 25.00. Finance's rates "
            "decide what is paid: once finance has a rate for this level of involvement, the "
            "page shows theirs instead of this."
        ),
    )
    payment_unit = models.CharField(
        max_length=20,
        choices=PaymentUnit.choices,
        blank=True,
        help_text="For paid roles only: what the amount is for, such as per hour.",
    )
    expenses_covered = models.TextField(
        help_text=(
            "Which costs we pay back, for example travel, parking, replacement care "
            "or a personal assistant."
        ),
    )
    checks_required = models.CharField(
        max_length=20,
        choices=ChecksRequired.choices,
        default=ChecksRequired.NONE,
        help_text="Only ask for a DBS check if people will work with children or adults at risk.",
    )
    required_training = ParentalManyToManyField(
        "training.TrainingModulePage",
        blank=True,
        related_name="required_by_opportunities",
        help_text=(
            "Training modules people must have completed before they take part. "
            "The page links to each one."
        ),
    )
    training_required_note = models.TextField(
        "training needed",
        blank=True,
        help_text="Any training people need before they start, and that we will provide it.",
    )
    places = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many people you need. Leave empty if there is no limit, as for a survey.",
    )
    closing_date = models.DateField(
        help_text=(
            "The last day people can say they are interested. The opportunity shows as "
            "open until the end of this day."
        ),
    )
    reminder_hours_before = models.PositiveSmallIntegerField(
        "remind people this many hours before",
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text=(
            "People taking part are reminded of each session this long before it starts. "
            "24 means the day before; use 72 or more if people need time to arrange care."
        ),
    )
    contact_name = models.CharField(
        max_length=120, help_text="The person people can ask about this opportunity."
    )
    contact_email = models.EmailField(help_text="Their work email address.")
    contact_phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="A phone number, for people who would rather talk. Include the area code.",
    )
    outcome_what_you_said = RichTextField(
        "what you said",
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text="The main things people told you, in their words where you can.",
    )
    outcome_what_changed = RichTextField(
        "what changed",
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text="What you did, or will do, because of what people said.",
    )
    outcome_what_did_not_change = RichTextField(
        "what did not change, and why",
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text="Anything people asked for that did not happen, and the honest reason why.",
    )
    easy_read = easy_read_field()
    outcome_published_on = models.DateField(
        "outcome published on",
        null=True,
        blank=True,
        help_text=(
            "Set a date to show the 'You said, we did' section on the page from that day. "
            "Leave empty until the outcome is ready."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("involvement_type"),
                FieldPanel("level_of_involvement"),
                FieldPanel("service_areas", widget=forms.CheckboxSelectMultiple),
            ],
            heading="What kind of opportunity",
        ),
        FieldPanel("body", heading="Task specification"),
        MultiFieldPanel(
            [
                FieldPanel("what_you_can_influence"),
                FieldPanel("who_decides"),
                FieldPanel("intended_outcomes"),
            ],
            heading="Influence and outcomes",
        ),
        MultiFieldPanel(
            [
                FieldPanel("time_commitment"),
                FieldPanel("places"),
                FieldPanel("closing_date"),
            ],
            heading="Time, places and closing date",
        ),
        MultiFieldPanel(
            [
                FieldPanel("payment_type"),
                FieldRowPanel([FieldPanel("payment_rate"), FieldPanel("payment_unit")]),
                FieldPanel("expenses_covered"),
            ],
            heading="Payment and expenses",
        ),
        MultiFieldPanel(
            [
                FieldPanel("checks_required"),
                FieldPanel("required_training", widget=forms.CheckboxSelectMultiple),
                FieldPanel("training_required_note"),
            ],
            heading="Checks and training",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading="Contact",
        ),
        WritingHelpPanel(),
    ]
    sessions_panels = [
        HelpPanel(
            content=(
                "<p>Add each meeting, event or interview. The page works out from these dates "
                "whether the opportunity is under way or completed, and offers a calendar file.</p>"
            )
        ),
        InlinePanel("sessions", heading="Sessions", label="Session"),
        FieldPanel("reminder_hours_before"),
    ]
    outcome_panels = [
        HelpPanel(
            content=(
                "<p><strong>You said, we did.</strong> When the work is finished, tell people "
                "what they said, what changed because of it, and what did not change and why. "
                "We promise to do this every time.</p>"
            )
        ),
        FieldPanel("outcome_what_you_said"),
        FieldPanel("outcome_what_changed"),
        FieldPanel("outcome_what_did_not_change"),
        FieldPanel("outcome_published_on"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(sessions_panels, heading="Sessions"),
            ObjectList(outcome_panels, heading="You said, we did"),
            easy_read_tab(),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("involvement_type"),
        index.FilterField("closing_date"),
    ]

    parent_page_types = ["opportunities.OpportunitiesIndexPage"]
    subpage_types = []
    template = "opportunities/opportunity_page.html"

    class Meta:
        verbose_name = "opportunity"
        verbose_name_plural = "opportunities"

    def clean(self):
        super().clean()
        errors = {}
        if self.payment_type == PaymentType.PAID:
            if self.payment_rate is None:
                errors["payment_rate"] = "Enter how much a paid role pays, for example 25.00."
            if not self.payment_unit:
                errors["payment_unit"] = "Choose what the payment is for, such as per hour."
        else:
            # An expenses-only role has no rate; dropping a stale one stops it being shown.
            self.payment_rate = None
            self.payment_unit = ""
        if errors:
            raise ValidationError(errors)

    # Status ---------------------------------------------------------------------------------

    def _session_bounds(self) -> tuple[datetime | None, datetime | None]:
        """First start and last end: annotated by the list's selector, else from the sessions
        (in memory during a preview, prefetched or fetched otherwise)."""
        if hasattr(self, "first_session_starts_at") and hasattr(self, "last_session_ends_at"):
            return self.first_session_starts_at, self.last_session_ends_at
        sessions = list(self.sessions.all())
        if not sessions:
            return None, None
        return min(s.starts_at for s in sessions), max(s.ends_at for s in sessions)

    def get_status(self, now: datetime | None = None) -> Status:
        """The status at ``now`` (default: this moment)."""
        if now is None and getattr(self, "status_code", None):
            # Worked out by the database in the list's query.
            return Status(self.status_code)
        first_start, last_end = self._session_bounds()
        return derive_status(
            closing_date=self.closing_date,
            first_session_starts_at=first_start,
            last_session_ends_at=last_end,
            now=now or timezone.now(),
        )

    @cached_property
    def status(self) -> Status:
        return self.get_status()

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def status_tag_class(self) -> str:
        return STATUS_TAG_CLASS[self.status]

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    # Words for the templates ------------------------------------------------------------------

    @property
    def level_explanation(self) -> str:
        return LEVEL_EXPLANATIONS.get(self.level_of_involvement, "")

    @property
    def checks_explanation(self) -> str:
        return CHECK_EXPLANATIONS.get(self.checks_required, "")

    @property
    def is_paid(self) -> bool:
        return self.payment_type == PaymentType.PAID

    @property
    def payment_rate_text(self) -> str:
        """'£25.00 per hour', or '' when there is no rate."""
        if not self.is_paid or self.payment_rate is None:
            return ""
        unit = PaymentUnit(self.payment_unit).label if self.payment_unit else ""
        return f"£{self.payment_rate:,.2f} {unit}".strip()

    @property
    def payment_summary(self) -> str:
        """'Paid role' or 'Expenses only', for lists and cards.

        No amount: what is paid is finance's rate in force on the activity's date
        (decision 0007), which the opportunity's own page shows.
        """
        return "Paid role" if self.is_paid else "Expenses only"

    def outcome_is_published(self, today=None) -> bool:
        """True from the day the editor chose to publish the 'You said, we did' section."""
        if self.outcome_published_on is None:
            return False
        return self.outcome_published_on <= (today or timezone.localdate())

    @property
    def has_published_outcome(self) -> bool:
        return self.outcome_is_published()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sessions = sorted(self.sessions.all(), key=lambda s: s.starts_at)
        context.update(
            sessions=sessions,
            show_outcome=self.has_published_outcome,
            calendar_url=self.get_calendar_url(request) if sessions else None,
        )
        return context

    # Calendar ---------------------------------------------------------------------------------

    def get_calendar_url(self, request=None) -> str:
        return self.get_url(request=request) + self.reverse_subpage("calendar")

    # RoutablePageMixin adds a slash to the path it matches; the URL itself has none.
    # Wagtail's own URL pattern only takes paths ending in a slash, so cms.opportunities.urls
    # passes ".ics" addresses to Wagtail's page serving.
    @re_path(r"^calendar\.ics/?$", name="calendar")
    def calendar(self, request):
        """Every session as an iCalendar file people can add to their own calendar."""
        body = self.sessions_calendar(page_url=self.get_full_url(request)).to_ical()
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        filename = f"{slugify(self.slug) or 'opportunity'}.ics"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def sessions_calendar(self, *, page_url: str) -> Calendar:
        host = urlsplit(settings.SITE_URL).hostname or "involve"
        calendar = Calendar()
        calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Opportunities//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", self.title)
        # A fixed stamp per file keeps the download identical until the page changes.
        stamp = self.last_published_at or self.latest_revision_created_at or timezone.now()
        for session in sorted(self.sessions.all(), key=lambda s: s.starts_at):
            event = Event()
            # Stable per session, so calendars update the event rather than adding a copy.
            event.add("uid", f"opportunity-session-{session.pk}@{host}")
            event.add("dtstamp", stamp.astimezone(UTC))
            event.add("dtstart", session.starts_at.astimezone(UTC))
            event.add("dtend", session.ends_at.astimezone(UTC))
            event.add("summary", f"{self.title}: {session.title}")
            event.add("location", session.location_text)
            event.add(
                "description",
                session.calendar_description(summary=self.summary, page_url=page_url),
            )
            event.add("url", page_url)
            calendar.add_component(event)
        return calendar


class OpportunitySession(Orderable):
    """A meeting, event or interview that is part of an opportunity."""

    page = ParentalKey(
        OpportunityPage,
        on_delete=models.CASCADE,
        related_name="sessions",
        help_text="The opportunity this session belongs to.",
    )
    title = models.CharField(
        max_length=120,
        help_text="A short name, for example 'First meeting' or 'Interviews'.",
    )
    starts_at = models.DateTimeField(help_text="The date and time it starts.")
    ends_at = models.DateTimeField(help_text="The date and time it ends.")
    is_online = models.BooleanField(
        default=False, help_text="Tick if people take part online rather than in a building."
    )
    venue_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="For sessions in a building: its name, for example 'Civic Centre, Room 3'.",
    )
    venue_address = models.TextField(
        blank=True, help_text="For sessions in a building: the full address with postcode."
    )
    online_joining_note = models.TextField(
        blank=True,
        help_text=(
            "For online sessions: how people join, for example 'We will email you a Microsoft "
            "Teams link the day before'. Do not put the link itself here: this page is public."
        ),
    )
    step_free_access = models.BooleanField(
        default=False,
        help_text="Tick if people can get into the building and the room without steps.",
    )
    hearing_loop = models.BooleanField(
        default=False, help_text="Tick if the room has a working hearing loop."
    )
    interpreters = models.CharField(
        max_length=255,
        blank=True,
        help_text="Interpreters booked or on request, for example 'BSL interpreter booked'.",
    )
    accessible_toilet = models.BooleanField(
        default=False, help_text="Tick if there is an accessible toilet people can use."
    )
    parking_note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Where people can park, including Blue Badge spaces, and whether it is free.",
    )
    papers_published_on = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "When the papers for this session will be sent out. Give people at least a week "
            "to read them. Leave empty if there are no papers."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("is_online"),
        FieldPanel("venue_name"),
        FieldPanel("venue_address"),
        FieldPanel("online_joining_note"),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("hearing_loop"),
                FieldPanel("accessible_toilet"),
                FieldPanel("interpreters"),
                FieldPanel("parking_note"),
            ],
            heading="Access",
        ),
        FieldPanel("papers_published_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "session"
        indexes = [
            # An opportunity's first start and last end, asked for every opportunity when
            # the list works out which are open, under way or completed: one index step each.
            models.Index(fields=["page", "starts_at"], name="session_page_starts"),
            models.Index(fields=["page", "ends_at"], name="session_page_ends"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})
        if not self.is_online and not (self.venue_name or self.venue_address):
            raise ValidationError(
                {"venue_name": "Give the venue, or tick 'is online' for an online session."}
            )

    @property
    def when_in_words(self) -> str:
        """For example 'Tuesday 14 October 2025, 10am to 12:30pm'."""
        return describe_time_range(self.starts_at, self.ends_at)

    @property
    def location_text(self) -> str:
        if self.is_online:
            return "Online"
        address = ", ".join(line.strip() for line in self.venue_address.splitlines() if line)
        return ", ".join(part for part in (self.venue_name, address) if part)

    @property
    def access_features(self) -> list[str]:
        """What the venue offers, said plainly, including what it does not have."""
        if self.is_online:
            features = []
        else:
            features = [
                "Step-free access" if self.step_free_access else "No step-free access",
                "Hearing loop" if self.hearing_loop else "No hearing loop",
                "Accessible toilet" if self.accessible_toilet else "No accessible toilet",
            ]
        if self.interpreters:
            features.append(self.interpreters)
        if self.parking_note and not self.is_online:
            features.append(f"Parking: {self.parking_note}")
        return features

    def calendar_description(self, *, summary: str, page_url: str) -> str:
        lines = [strip_tags(summary)]
        if self.is_online and self.online_joining_note:
            lines.append(f"How to join: {self.online_joining_note}")
        features = self.access_features
        if features:
            lines.append("Access: " + "; ".join(features) + ".")
        if self.papers_published_on:
            lines.append(f"Papers sent out by {describe_date(self.papers_published_on)}.")
        lines.append(f"Full details: {page_url}")
        return "\n".join(lines)
