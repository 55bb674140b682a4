import pytest
from django.core.cache import cache

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth keeps its counts in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_two_factor(settings):
    """As in production: the test settings turn it off for tests that use force_login."""
    settings.STAFF_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def sign_in_with_password():
    """Sign in through allauth's form, as a person does (not force_login)."""

    def _sign_in(client, email, password=PASSWORD):
        from django.urls import reverse

        return client.post(reverse("account_login"), {"login": email, "password": password})

    return _sign_in
