"""The e-bulletin: an index of issues (the web archive) and each issue, with a plain-text version,
and the record of each issue's sending to subscribers (``BulletinSend``, ``BulletinDelivery``).

How an issue is sent is in ``sending.py``.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.utils import timezone
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.search import index

from cms.core.models import READ_ONLY_METHODS, OrganisationSettings
from cms.easyread.fields import easy_read_field, easy_read_tab
from cms.easyread.pages import EasyReadPageMixin
from cms.easyread.panels import WritingHelpPanel

from .blocks import (
    LINKED_PAGE_FIELD,
    BulletinItemsBlock,
    item_heading,
    linked_page,
)
from .forms import BulletinPageForm
from .plain_text import bulletin_as_text

ISSUES_PER_PAGE = 10
page_permission_policy = PagePermissionPolicy()


class BulletinIndexPage(Page):
    """Every published issue, newest first: the bulletin's web archive."""

    introduction = models.TextField(
        blank=True,
        help_text=(
            "A sentence or two under the title: what the bulletin is, who it is for and "
            "how often it comes out."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["bulletins.BulletinPage"]
    max_count = 1
    template = "bulletins/bulletin_index_page.html"
    allowed_http_methods = READ_ONLY_METHODS

    class Meta:
        verbose_name = "bulletin index"

    def issues(self) -> models.QuerySet:
        """The live, public issues under this page, newest first."""
        return (
            BulletinPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .annotate(sent_to_subscribers_at=first_sent_at())
            .order_by("-issue_date", "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.issues(), ISSUES_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(page_obj=page_obj, issues=page_obj.object_list)
        return context


class BulletinPage(EasyReadPageMixin, RoutablePageMixin, Page):
    """One issue of the e-bulletin: news, opportunities in the spotlight, training and events."""

    issue_date = models.DateField(
        default=timezone.localdate,
        help_text=(
            "The date this issue goes out. The list of issues is in date order, newest first."
        ),
    )
    summary = models.TextField(
        max_length=300,
        help_text=(
            "One or two sentences on what is in this issue, shown in the list of issues and "
            "at the top of the issue."
        ),
    )
    items = StreamField(
        BulletinItemsBlock(),
        help_text=(
            "The items in this issue, in the order people will read them. A spotlight must be "
            "on a published opportunity that is still open. Keep each item short and link to "
            "the full details."
        ),
    )
    easy_read = easy_read_field()

    content_panels = [
        TitleFieldPanel(
            "title", help_text="The issue's name, for example 'Autumn 2026' or 'March 2027'."
        ),
        FieldPanel("issue_date"),
        FieldPanel("summary"),
        HelpPanel(
            content=(
                "<p>Each issue has a plain-text version for email and for people who find a "
                "plain page easier to read or listen to: the issue's web address with "
                "<code>plain/</code> on the end. The issue links to it.</p>"
            ),
            heading="Plain-text version",
        ),
        FieldPanel("items"),
        WritingHelpPanel(),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            easy_read_tab(),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("items"),
        index.FilterField("issue_date"),
    ]

    base_form_class = BulletinPageForm
    parent_page_types = ["bulletins.BulletinIndexPage"]
    subpage_types: list[str] = []
    template = "bulletins/bulletin_page.html"
    allowed_http_methods = READ_ONLY_METHODS

    class Meta:
        verbose_name = "bulletin issue"

    def visible_items(self) -> list:
        """The items to show: an item about a page that is no longer published and public
        (an unpublished opportunity, say) is left out."""
        visible = []
        for child in self.items:
            if child.block_type in LINKED_PAGE_FIELD:
                page = linked_page(child)
                if page is None or not page.live or page.get_view_restrictions().exists():
                    continue
            visible.append(child)
        return visible

    def sent_to_subscribers_at(self):
        """When this issue was first emailed to subscribers, or None if it never was."""
        return (
            BulletinSend.objects.filter(page=self)
            .exclude(started_at=None)
            .order_by("started_at")
            .values_list("started_at", flat=True)
            .first()
        )

    def get_plain_text_url(self, request=None) -> str:
        return self.get_url(request=request) + self.reverse_subpage("plain_text")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = [
            {
                "block": child,
                "anchor": f"item-{number}",
                "heading": item_heading(child),
            }
            for number, child in enumerate(self.visible_items(), start=1)
        ]
        context.update(
            items=items,
            contents=[item for item in items if item["heading"]],
            plain_text_url=self.get_plain_text_url(request),
            sent_to_subscribers_at=self.sent_to_subscribers_at(),
        )
        return context

    @path("plain/", name="plain_text")
    def plain_text(self, request):
        """The issue as plain text, for email and for screen readers."""
        organisation = OrganisationSettings.for_request(request)
        text = bulletin_as_text(
            self, request=request, organisation_name=organisation.organisation_name
        )
        return HttpResponse(text, content_type="text/plain; charset=utf-8")


def first_sent_at():
    """For a list of issues: when each was first emailed to subscribers (None if never)."""
    return Subquery(
        BulletinSend.objects.filter(page=OuterRef("pk"))
        .exclude(started_at=None)
        .order_by("started_at")
        .values("started_at")[:1]
    )


def issues_user_can_send(user) -> models.QuerySet:
    """The issues ``user`` may send to subscribers: those they may publish (editors),
    or all of them (administrators). Nobody else may send an issue."""
    if not (user.is_authenticated and user.is_active):
        return BulletinPage.objects.none()
    if user.is_superuser:
        return BulletinPage.objects.all()
    publishable = page_permission_policy.instances_user_has_any_permission_for(user, ["publish"])
    return BulletinPage.objects.filter(pk__in=publishable.values("pk"))


class BulletinSendQuerySet(models.QuerySet):
    def for_user(self, user) -> "BulletinSendQuerySet":
        """The sends of issues ``user`` may send: what every send view looks ids up in."""
        return self.filter(page__in=issues_user_can_send(user).values("pk"))

    def with_counts(self) -> "BulletinSendQuerySet":
        """Each send with how many of its emails are ``queued``, ``sent`` and ``failed``."""
        return self.annotate(
            **{
                f"{status}_count": models.Count(
                    "deliveries", filter=models.Q(deliveries__status=status)
                )
                for status in ("queued", "sent", "failed")
            }
        )


class BulletinSend(models.Model):
    """One request by an editor to email an issue to the subscribers in some service areas.

    The send moves queued -> sending -> finished (``sending.SEND_TRANSITIONS``); each move is
    dated here. Who asked for it and when is kept, so the archive can say when an issue went out.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        FINISHED = "finished", "Finished"

    page = models.ForeignKey(
        BulletinPage,
        on_delete=models.PROTECT,
        related_name="sends",
        help_text="The issue that was sent.",
    )
    service_areas = models.ManyToManyField(
        "taxonomy.ServiceArea",
        blank=True,
        related_name="bulletin_sends",
        help_text=(
            "The service areas chosen for this send. Subscribers who want any of them, or who "
            "chose no areas, receive it. None chosen means every subscriber."
        ),
    )
    requested_by = models.ForeignKey(
        "users.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who confirmed the send.",
    )
    requested_at = models.DateTimeField(
        default=timezone.now, help_text="When the editor confirmed the send."
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.QUEUED,
        help_text="Queued until the list of recipients is made, then sending, then finished.",
    )
    recipient_count = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many new recipients this send added. Empty until the list is made.",
    )
    started_at = models.DateTimeField(
        null=True, blank=True, help_text="When the list of recipients was made."
    )
    finished_at = models.DateTimeField(
        null=True, blank=True, help_text="When every email was sent or had failed."
    )

    objects = BulletinSendQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.page.title}, {self.requested_at:%d %B %Y %H:%M}"


class BulletinDelivery(models.Model):
    """One issue's email to one subscriber.

    At most one per issue and subscriber, whatever number of sends, so nobody gets an issue
    twice. A batch task claims rows for a while (``claimed_until``) so that two copies of it
    never send the same email; a claim left by a worker that died runs out and the row is sent
    by the next copy of the task.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    send = models.ForeignKey(
        BulletinSend,
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text="The send this email belongs to.",
    )
    page = models.ForeignKey(
        BulletinPage,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The issue, kept here so that each subscriber gets it at most once.",
    )
    subscriber = models.ForeignKey(
        "subscriptions.Subscriber",
        on_delete=models.CASCADE,
        related_name="bulletin_deliveries",
        help_text="Who the email is for.",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.QUEUED, help_text="Where it is."
    )
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times sending it has been tried."
    )
    last_error = models.TextField(
        blank=True, help_text="What went wrong the last time, if sending it failed."
    )
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When it was sent.")

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "bulletin deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "subscriber"], name="bulletin_issue_once_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["send", "status"])]

    def __str__(self):
        return f"{self.page_id} to subscriber {self.subscriber_id}: {self.status}"

    @property
    def message_id(self) -> str:
        """The same Message-ID every time this email is sent, so a copy sent again after a
        crash is recognised as the same message by mail programs."""
        return message_id_for(page_id=self.page_id, subscriber_id=self.subscriber_id)


def message_id_for(*, page_id: int, subscriber_id: int) -> str:
    """``<bulletin-PAGE-SUBSCRIBER@site-domain>``: one issue to one subscriber."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<bulletin-{page_id}-{subscriber_id}@{domain}>"
