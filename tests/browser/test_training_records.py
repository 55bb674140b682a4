"""A member's training, in the browser: fail the knowledge check once and see why, pass
it, find it on the training record with its renewal date, and download the certificate.
axe checks every member page on the way."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.members.factories import ActiveMemberFactory
from cms.training.factories import (
    InvolvementRoleFactory,
    TrainingIndexPageFactory,
    TrainingModulePageFactory,
    question,
)
from cms.training.services import renewal_date
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_member_fails_then_passes_and_downloads_their_certificate(
    page, visit, axe, sign_in, home_page, pdf_contains
):
    role = InvolvementRoleFactory(name="Interview panel member")
    index = TrainingIndexPageFactory(parent=home_page)
    module = TrainingModulePageFactory(
        parent=index,
        title="Safeguarding adults",
        slug="safeguarding-adults",
        renewal_months=24,
        mandatory_at_induction=True,
        mandatory_for_roles=[role],
        knowledge_check=[
            question(
                "Someone asks you to keep a worry secret. What do you do?",
                ["Keep it secret", "Tell the safeguarding lead"],
                correct=1,
                explanation="You must tell someone, because the person may be at risk.",
            ),
            question(
                "Do you need to be sure before you tell someone?",
                ["Yes", "No"],
                correct=1,
                explanation="No. Tell someone if you are worried.",
            ),
        ],
    )
    rosa = UserFactory(email="rosa@example.org", first_name="Rosa", last_name="Parkes")
    ActiveMemberFactory(user=rosa, roles=[role])
    renew_on = renewal_date(timezone.localdate(), 24).strftime("%-d %B %Y")

    sign_in("rosa@example.org")
    visit(module.url)
    axe.assert_clean(page)

    # One wrong answer: not passed, and the page says which and why.
    page.locator("input[name=question_1][value='0']").check()
    page.locator("input[name=question_2][value='1']").check()
    page.get_by_role("button", name="Check my answers").click()
    main = page.locator("main")
    expect(main).to_contain_text("You have not passed yet")
    expect(main).to_contain_text("Your answer: Keep it secret")
    expect(main).to_contain_text("The right answer: Tell the safeguarding lead")
    expect(main).to_contain_text("because the person may be at risk")
    axe.assert_clean(page)

    # Another go, all right: passed, and on the record.
    page.get_by_role("link", name="try the questions again").click()
    page.locator("input[name=question_1][value='1']").check()
    page.locator("input[name=question_2][value='1']").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(main).to_contain_text("You passed")
    expect(main).to_contain_text(f"due for renewal on {renew_on}")
    axe.assert_clean(page)

    page.get_by_role("link", name="Go to your training record").click()
    page.wait_for_url("**/members/training/")
    done = page.locator("section[aria-labelledby=done]")
    expect(done).to_contain_text("Safeguarding adults")
    expect(done).to_contain_text(timezone.localdate().strftime("%-d %B %Y"))
    expect(done).to_contain_text("Passed the knowledge check online")
    expect(done).to_contain_text(renew_on)
    axe.assert_clean(page)

    # The certificate downloads as a PDF with her name and the module on it.
    link = page.get_by_role("link", name=re.compile("Download your certificate"))
    with page.expect_download() as download_info:
        link.click()
    assert download_info.value.suggested_filename.startswith("certificate-safeguarding-adults")
    response = page.request.get(page.base_url + link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    assert pdf_contains(pdf, "Rosa Parkes")
    assert pdf_contains(pdf, "Safeguarding adults")
    assert pdf_contains(pdf, renew_on)
    assert not pdf_contains(pdf, "Someone Else")


def test_a_coordinator_records_attendance_and_the_member_sees_it(
    page, visit, axe, sign_in, with_two_factor, coordinator, home_page
):
    coordinator.first_name, coordinator.last_name = "Sam", "Okafor"
    coordinator.save()
    with_two_factor(coordinator)
    role = InvolvementRoleFactory(name="Interview panel member")
    index = TrainingIndexPageFactory(parent=home_page)
    TrainingModulePageFactory(
        parent=index,
        title="Being an effective panel member",
        format="face_to_face",
        renewal_months=36,
        mandatory_for_roles=[role],
    )
    # Overdue: an induction module not done in the month since she became active.
    TrainingModulePageFactory(
        parent=index,
        title="Welcome and induction",
        mandatory_at_induction=True,
        mandatory_for_roles=[role],
    )
    ben = UserFactory(email="ben@example.org", first_name="Ben", last_name="Thompson")
    ActiveMemberFactory(
        user=ben, roles=[role], status_changed_at=timezone.now() - dt.timedelta(days=90)
    )

    sign_in("coordinator@example.org", two_factor=True)
    visit("/admin/training-records/")
    main = page.locator("main")
    expect(main).to_contain_text("Welcome and induction")
    expect(main).to_contain_text("Ben Thompson")
    axe.assert_clean(page)

    page.get_by_role("link", name="Record attendance at a face-to-face session").click()
    page.get_by_label("Training module").select_option(label="Being an effective panel member")
    page.get_by_label("Date of the session").fill(timezone.localdate().isoformat())
    page.get_by_label(re.compile("Ben Thompson")).check()
    page.get_by_role("button", name="Record attendance").click()
    expect(page.locator(".messages")).to_contain_text("Recorded 'Being an effective panel member'")
    page.reload()
    axe.assert_clean(page)

    sign_in("ben@example.org")
    visit("/members/training/")
    done = page.locator("section[aria-labelledby=done]")
    expect(done).to_contain_text("Being an effective panel member")
    expect(done).to_contain_text("Attended in person, recorded by Sam Okafor")
    overdue = page.locator("section[aria-labelledby=overdue]")
    expect(overdue).to_contain_text("Welcome and induction")
    axe.assert_clean(page)
