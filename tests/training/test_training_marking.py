"""Marking a knowledge check: a plain function on the module's questions."""

import pytest

from cms.training.factories import TrainingModulePageFactory, question
from cms.training.services import knowledge_check_questions, mark_knowledge_check

# Building a page (even unsaved) looks up its content type.
pytestmark = pytest.mark.django_db


def build_module(number_of_questions=3, pass_mark=80):
    """An unsaved module whose questions all have the first answer right."""
    return TrainingModulePageFactory.build(
        pass_mark=pass_mark,
        knowledge_check=[
            question(f"Question {n}?", ["Right", "Wrong"], correct=0, explanation=f"Because {n}.")
            for n in range(1, number_of_questions + 1)
        ],
    )


def test_questions_are_numbered_from_one_with_their_right_answer():
    questions = knowledge_check_questions(build_module(2))

    assert [q.number for q in questions] == [1, 2]
    assert questions[0].text == "Question 1?"
    assert questions[0].options == ("Right", "Wrong")
    assert questions[0].correct_answer == "Right"
    assert questions[1].explanation == "Because 2."


def test_all_right():
    result = mark_knowledge_check(module=build_module(), answers={1: 0, 2: 0, 3: 0})

    assert (result.score, result.total, result.percentage) == (3, 3, 100)
    assert result.passed
    assert all(item.is_correct for item in result.question_results)


def test_one_wrong():
    result = mark_knowledge_check(module=build_module(), answers={1: 0, 2: 1, 3: 0})

    assert (result.score, result.total, result.percentage) == (2, 3, 67)
    assert not result.passed
    wrong = result.question_results[1]
    assert not wrong.is_correct
    assert wrong.chosen_answer == "Wrong"
    assert wrong.question.correct_answer == "Right"
    assert wrong.question.explanation == "Because 2."


@pytest.mark.parametrize(
    ("questions", "right", "pass_mark", "passed"),
    [
        (5, 4, 80, True),  # exactly the pass mark
        (4, 3, 80, False),  # 75%, just under
        (3, 2, 67, False),  # 66.7% is under 67%, though it shows as 67%
        (3, 2, 66, True),
        (3, 3, 100, True),
        (3, 2, 100, False),
    ],
)
def test_the_pass_mark_boundary(questions, right, pass_mark, passed):
    answers = {number: 0 if number <= right else 1 for number in range(1, questions + 1)}

    result = mark_knowledge_check(
        module=build_module(questions, pass_mark=pass_mark), answers=answers
    )

    assert result.score == right
    assert result.passed is passed


def test_a_missing_or_impossible_answer_is_wrong():
    result = mark_knowledge_check(module=build_module(), answers={1: 0, 3: 7})

    assert result.score == 1
    assert result.question_results[1].chosen_answer == ""
    assert result.question_results[2].chosen_answer == ""


def test_a_module_without_questions_has_nothing_to_pass():
    result = mark_knowledge_check(module=build_module(0), answers={})

    assert (result.score, result.total, result.percentage) == (0, 0, 0)
    assert not result.passed


@pytest.mark.django_db
def test_passing_the_knowledge_check_signed_in_records_a_completion_that_expires(member):
    import datetime as dt

    from wagtail.models import Page

    from cms.training.factories import TrainingIndexPageFactory, TrainingModulePageFactory
    from cms.training.models import TrainingCompletion
    from cms.training.services import record_completion

    home = Page.objects.get(depth=2)
    module = TrainingModulePageFactory(
        parent=TrainingIndexPageFactory(parent=home), renewal_months=24
    )

    first = record_completion(
        user=member, module=module, percentage=100, today=dt.date(2026, 1, 31)
    )
    again = record_completion(user=member, module=module, percentage=80, today=dt.date(2026, 1, 31))

    assert first == again
    assert TrainingCompletion.objects.count() == 1
    assert first.expires_on == dt.date(2028, 1, 31)
