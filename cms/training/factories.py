"""Test and demo data for training."""

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.rich_text import RichText

from cms.members.models import InvolvementRole
from cms.users.factories import UserFactory

from .models import CompletionMethod, TrainingCompletion, TrainingIndexPage, TrainingModulePage
from .services import renewal_date


def question(text: str, options: list[str], *, correct: int, explanation: str) -> tuple:
    """A knowledge-check question as StreamField data; ``correct`` is the right option's index."""
    return (
        "question",
        {
            "question": text,
            "options": [
                {"text": option, "is_correct": index == correct}
                for index, option in enumerate(options)
            ],
            "explanation": explanation,
        },
    )


class InvolvementRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvolvementRole
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Role {n}")
    description = "Helps us design and check services."


class TrainingIndexPageFactory(wagtail_factories.PageFactory):
    """The training index: pass ``parent=home_page``."""

    class Meta:
        model = TrainingIndexPage

    title = "Training"
    slug = "training"
    introduction = "Short courses to help you take part with confidence."


class TrainingModulePageFactory(wagtail_factories.PageFactory):
    """A module with a three-question knowledge check: pass ``parent=training_index``."""

    class Meta:
        model = TrainingModulePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Training module {n}")
    summary = "What this module covers, in a sentence."
    learning_outcomes = "<ul><li>know who to ask for help</li></ul>"
    duration = "30 minutes"
    format = TrainingModulePage.Format.ONLINE
    body = factory.LazyFunction(
        lambda: [("text", RichText("<p>Everything you need to know, in plain English.</p>"))]
    )
    knowledge_check = factory.LazyFunction(
        lambda: [
            question(
                "What colour is the sky on a clear day?",
                ["Green", "Blue", "Red"],
                correct=1,
                explanation="On a clear day the sky is blue.",
            ),
            question(
                "How many days are there in a week?",
                ["Five", "Seven"],
                correct=1,
                explanation="There are seven days in a week.",
            ),
            question(
                "Which of these is a fruit?",
                ["An apple", "A carrot", "A potato"],
                correct=0,
                explanation="An apple is a fruit; the others are vegetables.",
            ),
        ]
    )
    pass_mark = 80

    @factory.post_generation
    def mandatory_for_roles(self, create, extracted, **kwargs):
        if extracted:
            self.mandatory_for_roles.set(extracted)
            if create:
                self.save()


class TrainingCompletionFactory(factory.django.DjangoModelFactory):
    """A completion of ``module`` by ``user``: passed online today unless told otherwise.

    The renewal date follows from ``completed_on`` and the module's renewal period, as
    ``services.record_completion`` works it out.
    """

    class Meta:
        model = TrainingCompletion

    user = factory.SubFactory(UserFactory)
    module = None
    completed_on = factory.LazyFunction(timezone.localdate)
    expires_on = factory.LazyAttribute(
        lambda o: renewal_date(o.completed_on, o.module.renewal_months)
    )
    method = CompletionMethod.KNOWLEDGE_CHECK
    score_percentage = factory.LazyAttribute(
        lambda o: 100 if o.method == CompletionMethod.KNOWLEDGE_CHECK else None
    )
    recorded_by = None
