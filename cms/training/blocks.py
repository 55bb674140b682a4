"""Blocks for a training module's knowledge check."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError


class AnswerOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255, help_text="One possible answer, in a few words.")
    is_correct = blocks.BooleanBlock(
        required=False, help_text="Tick the one right answer. Leave the others unticked."
    )

    class Meta:
        icon = "radio-empty"
        label = "Answer"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        max_length=255, help_text="Ask one thing, in plain words, such as 'Who can you tell?'."
    )
    options = blocks.ListBlock(
        AnswerOptionBlock(),
        min_num=2,
        max_num=5,
        label="Answers",
        help_text="Between 2 and 5 answers, exactly one of them right.",
    )
    explanation = blocks.TextBlock(
        help_text=(
            "Shown after someone answers, whether they were right or not: say why the right "
            "answer is right."
        )
    )

    class Meta:
        icon = "help"
        label = "Question"
        description = "A question with answers to choose from, exactly one of them right."
        preview_value = {
            "question": "Who should you tell if you are worried someone is being harmed?",
            "options": [
                {"text": "Nobody: it is private", "is_correct": False},
                {"text": "The involvement team or the safeguarding lead", "is_correct": True},
            ],
            "explanation": "Always tell someone. You do not have to be sure.",
        }

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["is_correct"])
        if correct != 1:
            message = (
                "Tick exactly one right answer."
                if correct == 0
                else f"Tick exactly one right answer: {correct} are ticked."
            )
            raise StructBlockValidationError(
                block_errors={
                    "options": ListBlockValidationError(
                        non_block_errors=ErrorList([ValidationError(message)])
                    )
                }
            )
        return value


class KnowledgeCheckBlock(blocks.StreamBlock):
    """The short quiz at the end of a module."""

    question = QuestionBlock()

    class Meta:
        max_num = 10
