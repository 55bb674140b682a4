"""Passing a module's knowledge check while signed in goes on the person's training record."""

import pytest

from cms.training.models import TrainingCompletion

pytestmark = pytest.mark.django_db
RIGHT = {"question_1": "1", "question_2": "0", "question_3": "1"}
WRONG = {"question_1": "0", "question_2": "1", "question_3": "0"}


def test_a_signed_in_pass_is_recorded_with_its_renewal_date(client, member, module):
    client.force_login(member)

    response = client.post(module.url, RIGHT)

    assert b"You passed" in response.content
    completion = TrainingCompletion.objects.get(user=member, module=module)
    assert completion.score_percentage == 100
    assert completion.expires_on is not None


def test_a_fail_or_a_visitors_pass_records_nothing(client, member, module):
    client.post(module.url, RIGHT)
    client.force_login(member)
    client.post(module.url, WRONG)

    assert not TrainingCompletion.objects.exists()
