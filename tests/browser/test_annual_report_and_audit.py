"""A coordinator makes last year's Experts Report and finds the download link, then opens
a member's record; an administrator finds that look in the audit log. axe checks each
admin page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.members.factories import ActiveMemberFactory
from cms.users import roles
from cms.users.factories import AdministratorFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_coordinator_makes_the_report_and_the_administrator_reads_the_audit_log(
    page, visit, axe, sign_in, with_two_factor, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    year = timezone.localdate().year - 1
    coordinator = with_two_factor(
        StaffUserFactory(email="coordinator@example.org", role=roles.COORDINATORS)
    )
    administrator = with_two_factor(AdministratorFactory(email="admin@example.org"))
    member = ActiveMemberFactory(
        user=UserFactory(first_name="Rowan", last_name="Hale", email="rowan@example.org")
    )

    sign_in(coordinator.email, two_factor=True)
    visit("/admin/annual-reports/")
    page.get_by_role("link", name="Make a report (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make the annual Experts Report")
    page.reload()
    axe.assert_clean(page)
    page.get_by_label("Year").select_option(str(year))
    page.get_by_role("button", name="Make the report").click()
    expect(page.get_by_role("link", name=f"Download the {year} report (PDF)")).to_be_visible()
    page.reload()  # without the fading "being prepared" message
    axe.assert_clean(page)

    visit(f"/admin/applications/{member.pk}/")

    sign_in(administrator.email, two_factor=True)
    visit("/admin/audit-log/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    page.reload()
    axe.assert_clean(page)
    page.get_by_label("Member", exact=True).fill("Rowan Hale")
    page.get_by_role("button", name="Search the log").click()
    row = page.get_by_role("row").filter(has_text="Record opened")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(coordinator.get_full_name())
    axe.assert_clean(page)
