"""A knowledge-check question must have exactly one right answer."""

import pytest
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.training.blocks import KnowledgeCheckBlock, QuestionBlock


def question_value(*correct_flags):
    return QuestionBlock().to_python(
        {
            "question": "Who do you tell?",
            "options": [
                {"text": f"Answer {n}", "is_correct": flag} for n, flag in enumerate(correct_flags)
            ],
            "explanation": "Tell the safeguarding lead.",
        }
    )


def test_a_question_with_one_right_answer_is_valid():
    value = QuestionBlock().clean(question_value(False, True, False))

    assert value["question"] == "Who do you tell?"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ((False, False), "Tick exactly one right answer."),
        ((True, True, False), "Tick exactly one right answer: 2 are ticked."),
    ],
)
def test_a_question_without_exactly_one_right_answer_is_rejected(flags, message):
    with pytest.raises(StructBlockValidationError) as error:
        QuestionBlock().clean(question_value(*flags))

    options_error = error.value.block_errors["options"]
    assert isinstance(options_error, ListBlockValidationError)
    assert options_error.as_json_data() == {"messages": [message]}


def test_a_question_needs_at_least_two_answers():
    with pytest.raises(StructBlockValidationError) as error:
        QuestionBlock().clean(question_value(True))

    assert "options" in error.value.block_errors


def test_the_knowledge_check_rejects_a_bad_question():
    block = KnowledgeCheckBlock()
    value = block.to_python(
        [
            {
                "type": "question",
                "value": {
                    "question": "Is this right?",
                    "options": [
                        {"text": "Yes", "is_correct": False},
                        {"text": "No", "is_correct": False},
                    ],
                    "explanation": "Neither.",
                },
            }
        ]
    )

    with pytest.raises(Exception, match="Validation error") as error:
        block.clean(value)

    assert 0 in error.value.block_errors
