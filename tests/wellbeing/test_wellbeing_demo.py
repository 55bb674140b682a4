import pytest

from cms.users.demo import load_demo_users
from cms.wellbeing import demo
from cms.wellbeing.models import Pause, WellbeingCheckIn

pytestmark = pytest.mark.django_db


def test_the_demo_loads_pauses_and_check_ins_and_is_safe_to_run_twice():
    from cms.members import demo as members_demo

    load_demo_users(password="a-long-demo-password")
    members_demo.load_demo()
    assert demo.load_demo() == {"pauses": 2, "check_ins": 2}
    assert demo.load_demo() == {"pauses": 0, "check_ins": 0}
    assert Pause.objects.count() == 2
    assert WellbeingCheckIn.objects.waiting_for_a_call().count() == 1
