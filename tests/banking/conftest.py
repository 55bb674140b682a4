import pytest

from cms.banking.factories import BankDetailsFactory
from cms.members.factories import ActiveMemberFactory


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch):
    """Tests use the key derived from SECRET_KEY unless they set their own."""
    monkeypatch.delenv("BANK_DETAILS_KEY", raising=False)


@pytest.fixture
def active_profile(member):
    return ActiveMemberFactory(user=member)


@pytest.fixture
def bank_details(active_profile):
    return BankDetailsFactory(
        member=active_profile,
        account_holder="Dev Patel",
        sort_code="309480",
        account_number="00733445",
        roll_number="ROLL-77",
    )
