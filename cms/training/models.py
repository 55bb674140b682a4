"""Training: an index of modules, and modules with a short knowledge check."""

from http import HTTPMethod

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import BodyStreamBlock
from cms.core.models import READ_ONLY_METHODS
from cms.easyread.fields import easy_read_field, easy_read_tab
from cms.easyread.pages import EasyReadPageMixin
from cms.easyread.panels import WritingHelpPanel
from cms.users.access import is_coordinator

from . import services
from .blocks import KnowledgeCheckBlock
from .forms import KnowledgeCheckForm


def describe_months(months: int | None) -> str:
    """How often something must be done, in words: 'Every 2 years', 'Every 6 months'."""
    if not months:
        return "Once: it does not need renewing"
    if months % 12 == 0:
        years = months // 12
        return "Every year" if years == 1 else f"Every {years} years"
    return "Every month" if months == 1 else f"Every {months} months"


class TrainingIndexPage(Page):
    """Every training module, with how long each takes and who must complete it."""

    introduction = models.TextField(
        blank=True,
        help_text="A sentence or two about the training on offer, shown under the title.",
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["training.TrainingModulePage"]
    max_count = 1
    template = "training/training_index_page.html"
    allowed_http_methods = READ_ONLY_METHODS

    class Meta:
        verbose_name = "training index"

    def modules(self):
        """The live, public modules under this page, in the order editors put them."""
        return (
            TrainingModulePage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related("mandatory_for_roles")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = self.modules()
        return context


class TrainingModulePage(EasyReadPageMixin, RoutablePageMixin, Page):
    """One training module: what you will learn, the content, and a short knowledge check."""

    class Format(models.TextChoices):
        ONLINE = "online", "Online self-study"
        FACE_TO_FACE = "face_to_face", "Face to face"
        VIDEO = "video", "Video"
        MIXED = "mixed", "Mixed: online and face to face"

    summary = models.TextField(
        help_text="One or two sentences on what this module is about, shown under the title "
        "and in the list of modules."
    )
    learning_outcomes = RichTextField(
        features=["ul", "bold", "link"],
        help_text=(
            "What people will know or be able to do afterwards, as a bulleted list. "
            "Start each point with a verb, such as 'spot the signs of abuse'."
        ),
    )
    duration = models.CharField(
        max_length=50, help_text="Roughly how long it takes, for example '45 minutes'."
    )
    format = models.CharField(
        max_length=20,
        choices=Format.choices,
        default=Format.ONLINE,
        help_text="How people take this module.",
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="The module itself: text, videos with transcripts, and downloads.",
    )
    knowledge_check = StreamField(
        KnowledgeCheckBlock(),
        blank=True,
        help_text=(
            "A few questions at the end so people can check what they have learned. "
            "Each question has exactly one right answer and an explanation."
        ),
    )
    pass_mark = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="The percentage of questions people must get right to pass, from 1 to 100.",
    )
    mandatory_for_roles = ParentalManyToManyField(
        "members.InvolvementRole",
        blank=True,
        related_name="mandatory_training",
        help_text="Tick the roles that must complete this module. Leave all unticked if it "
        "is optional.",
    )
    mandatory_at_induction = models.BooleanField(
        default=False,
        help_text="Tick if people in those roles must complete it within their first month, "
        "as part of their induction.",
    )
    renewal_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="How many months until people must take it again, for example 24 for "
        "safeguarding. Leave empty if it never needs renewing.",
    )
    easy_read = easy_read_field()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel([FieldPanel("duration"), FieldPanel("format")], heading="Taking part"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("knowledge_check"), FieldPanel("pass_mark")], heading="Knowledge check"
        ),
        MultiFieldPanel(
            [
                FieldPanel("mandatory_for_roles", widget=forms.CheckboxSelectMultiple),
                FieldPanel("mandatory_at_induction"),
                FieldPanel("renewal_months"),
            ],
            heading="Who must complete it",
        ),
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
        index.SearchField("learning_outcomes"),
        index.SearchField("body"),
    ]

    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types: list[str] = []
    template = "training/training_module_page.html"
    allowed_http_methods = [*READ_ONLY_METHODS, HTTPMethod.POST]

    class Meta:
        verbose_name = "training module"

    @property
    def renewal_text(self) -> str:
        return describe_months(self.renewal_months)

    def get_context(self, request, *args, **kwargs):
        """The page, its knowledge-check form and, once answers are sent, their marks."""
        context = super().get_context(request, *args, **kwargs)
        questions = services.knowledge_check_questions(self)
        form = result = completion = None
        if questions:
            if request.method == "POST":
                form = KnowledgeCheckForm(request.POST, questions=questions)
                if form.is_valid():
                    result = services.mark_knowledge_check(module=self, answers=form.answers())
                    if result.passed and request.user.is_authenticated:
                        completion = services.record_completion(
                            user=request.user, module=self, percentage=result.percentage
                        )
                    elif not result.passed:
                        # A fresh form under the marked answers, for another go.
                        form = KnowledgeCheckForm(questions=questions)
            else:
                form = KnowledgeCheckForm(questions=questions)
        context["roles"] = list(self.mandatory_for_roles.all())
        context["knowledge_check_form"] = form
        context["result"] = result
        context["completion"] = completion
        return context


class CompletionMethod(models.TextChoices):
    KNOWLEDGE_CHECK = "knowledge_check", "Passed the knowledge check online"
    ATTENDANCE = "attendance", "Attended the session, recorded by the involvement team"


class TrainingCompletionQuerySet(models.QuerySet):
    def for_user(self, user) -> "TrainingCompletionQuerySet":
        """The completions ``user`` may see: their own, or everyone's for coordinators.

        Every training record view and certificate download looks ids up inside this,
        so another member, an editor or finance staff get nothing.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_coordinator(user):
            return self
        return self.filter(user=user)


class TrainingCompletion(models.Model):
    """A person completed a module; it counts until its renewal date, if it has one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_completions"
    )
    module = models.ForeignKey(
        TrainingModulePage, on_delete=models.CASCADE, related_name="completions"
    )
    completed_on = models.DateField(help_text="The day the person completed the module.")
    expires_on = models.DateField(
        "renewal due on",
        null=True,
        blank=True,
        help_text="The day it must be taken again by, from the module's renewal period. "
        "Empty if it never needs renewing.",
    )
    method = models.CharField(
        "how it was completed",
        max_length=20,
        choices=CompletionMethod.choices,
        default=CompletionMethod.KNOWLEDGE_CHECK,
        help_text="Online, by passing the knowledge check, or in person, recorded by a "
        "coordinator.",
    )
    score_percentage = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The knowledge check score. Empty when attendance was recorded instead.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The coordinator who recorded attendance. Empty for online completions.",
    )
    recorded_at = models.DateTimeField(default=timezone.now, help_text="When this record was made.")

    objects = TrainingCompletionQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "completed_on"], name="one_completion_a_day"
            )
        ]

    def __str__(self):
        return f"{self.module.title}, completed {self.completed_on:%d %B %Y}"

    @property
    def how_completed(self) -> str:
        """How it was completed, in words, with who recorded attendance."""
        if self.method == CompletionMethod.ATTENDANCE:
            who = self.recorded_by.get_full_name() if self.recorded_by else ""
            return f"Attended in person, recorded by {who}" if who else "Attended in person"
        if self.score_percentage is not None:
            return f"Passed the knowledge check online ({self.score_percentage}%)"
        return "Passed the knowledge check online"
