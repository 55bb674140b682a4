"""`load_demo_data` builds the whole demo site, and running it again changes nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from cms.users import roles

PASSWORD = "a-long-demo-password"
DEMO_EMAILS = [
    "admin@example.org",
    "editor@example.org",
    "coordinator@example.org",
    "finance@example.org",
    "mentor@example.org",
    "member@example.org",
    "applicant@example.org",
]


def load_demo(**options) -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out, **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """How many rows every model of ours (and Wagtail's pages and revisions) holds."""
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("cms.")
    }
    counts["pages"] = Page.objects.count()
    counts["revisions"] = Revision.objects.count()
    return counts


@pytest.fixture
def demo_site(home_page):
    load_demo(password=PASSWORD)


def test_a_second_run_changes_nothing(demo_site):
    before = row_counts()
    live_revisions = dict(Page.objects.values_list("pk", "live_revision_id"))

    output = load_demo(password=PASSWORD)

    assert row_counts() == before
    assert dict(Page.objects.values_list("pk", "live_revision_id")) == live_revisions
    assert "Demo sign-ins created" not in output


def test_the_demo_has_the_content_the_site_needs(demo_site):
    from cms.bulletins.models import BulletinPage
    from cms.glossary.models import GlossaryTerm
    from cms.opportunities.models import OpportunityPage
    from cms.training.models import TrainingModulePage

    assert OpportunityPage.objects.live().count() >= 10
    assert GlossaryTerm.objects.count() >= 30
    assert TrainingModulePage.objects.live().count() >= 4
    assert BulletinPage.objects.live().count() >= 3
    completed = [page for page in OpportunityPage.objects.live() if page.status == "completed"]
    assert any(page.outcome_published_on for page in completed)

    from cms.participation.models import Feedback, Interest

    # The demo member has a history of taking part: interest, attendance, feedback, a reply.
    assert Interest.objects.filter(member__user__email="member@example.org").count() >= 2
    assert Feedback.objects.filter(
        attendance__interest__member__user__email="member@example.org", replied_at__isnull=False
    ).exists()


SECTION_PATHS = [
    "/",
    "/opportunities/",
    "/get-involved/",
    "/jargon-buster/",
    "/training/",
    "/bulletins/",
    "/resources/",
    "/accessibility-statement/",
    "/privacy-notice/",
    "/contact-us/",
    "/you-said-we-did/",
    "/health/",
]


def test_the_demo_sites_sections_and_every_published_page_answer(client, demo_site):
    # One test, so the demo is loaded once: loading it is the slow part.
    for path in SECTION_PATHS:
        assert client.get(path).status_code == 200, path
    for page in Page.objects.live().specific().filter(depth__gt=1):
        response = client.get(page.url)
        assert response.status_code == 200, f"{page.url} answered {response.status_code}"


def test_one_sign_in_per_role_with_the_given_password(client, demo_site):
    User = get_user_model()
    for email in DEMO_EMAILS:
        assert User.objects.get(email=email).check_password(PASSWORD), email
    assert User.objects.get(email="admin@example.org").is_superuser
    assert User.objects.get(email="editor@example.org").groups.filter(name=roles.EDITORS).exists()
    assert not User.objects.get(email="member@example.org").is_staff

    client.post("/accounts/login/", {"login": "editor@example.org", "password": PASSWORD})
    assert client.get("/admin/").status_code == 200


def test_without_a_password_one_is_made_up_and_shown_once(home_page):
    first = load_demo()
    assert "Their password is" in first
    second = load_demo()
    assert "Their password is" not in second
