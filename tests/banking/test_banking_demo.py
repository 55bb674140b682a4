import pytest

from cms.banking import crypto, demo
from cms.banking.models import BankDetails, BankDetailsChange
from cms.members.factories import ActiveMemberFactory
from cms.notifications.models import Notification
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_two_demo_members_get_encrypted_details_once_and_nobody_is_told(active_profile):
    ActiveMemberFactory(user=UserFactory(email="mentor@example.org"))
    assert demo.load_demo() == 2
    details = BankDetails.objects.select_related("member__user").order_by("pk")
    assert [d.member.user.email for d in details] == ["member@example.org", "mentor@example.org"]
    assert crypto.decrypt(details[0].ciphertext)["account_number"] == "00733445"
    assert details[1].has_roll_number
    assert not Notification.objects.exists()

    before = list(BankDetails.objects.values())
    assert demo.load_demo() == 0
    assert list(BankDetails.objects.values()) == before
    assert BankDetailsChange.objects.count() == 2
