"""On a module page: a failed check says which answers were wrong and why, and offers
another go; a pass while signed in goes on the record and points to it."""

import pytest

from cms.training.models import TrainingCompletion

pytestmark = pytest.mark.django_db
RIGHT = {"question_1": "1", "question_2": "0", "question_3": "1"}
ONE_WRONG = {"question_1": "0", "question_2": "0", "question_3": "1"}


def test_a_fail_shows_the_wrong_answer_its_explanation_and_a_way_to_try_again(
    client, member, module
):
    client.force_login(member)

    text = client.post(module.url, ONE_WRONG).content.decode()

    assert "You have not passed yet" in text
    assert "Not right" in text
    assert "Your answer: Keep it secret" in text
    assert "The right answer: Tell the safeguarding lead" in text
    assert "You must tell someone, because the person may be at risk." in text
    assert '<a href="#try-again">try the questions again</a>' in text
    assert 'id="try-again"' in text and "Check my answers" in text
    assert "Go to your training record" not in text
    assert not TrainingCompletion.objects.exists()


def test_a_pass_is_recorded_and_points_to_the_training_record(client, member, module):
    client.force_login(member)

    text = client.post(module.url, RIGHT).content.decode()

    completion = TrainingCompletion.objects.get(user=member, module=module)
    assert "You passed" in text
    assert "Go to your training record" in text
    assert "/members/training/" in text
    assert completion.expires_on.strftime("%-d %B %Y") in text
    assert 'id="try-again"' not in text and "Check my answers" not in text


def test_a_visitor_who_passes_is_asked_to_sign_in_to_keep_it(client, module):
    text = client.post(module.url, RIGHT).content.decode()
    assert "You passed" in text
    assert "/accounts/login/?next=" in text
    assert not TrainingCompletion.objects.exists()
