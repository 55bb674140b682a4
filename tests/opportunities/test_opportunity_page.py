"""One opportunity's page, its calendar file, and what editors must fill in."""

import datetime as dt
import itertools
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from cms.opportunities.factories import OpportunityPageFactory, OpportunitySessionFactory
from cms.opportunities.models import ChecksRequired, OpportunityPage, PaymentType


def in_days(days: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return (timezone.localtime() + dt.timedelta(days=days)).replace(
        hour=hour, minute=minute, second=0, microsecond=0
    )


@pytest.fixture
def opportunity(make_opportunity, dementia, carers):
    page = make_opportunity(
        title="Help choose the new day service",
        summary="Score the bids for the new dementia day service.",
        service_areas=[dementia, carers],
        paid=True,
        checks_required=ChecksRequired.ENHANCED_DBS,
        training_required_note="Tender panel training, half a day.",
        who_decides="The Adult Social Care Committee",
        what_you_can_influence="<p>How the service <b>runs</b> each day.</p>",
        intended_outcomes="<p>A day service people enjoy.</p>",
        time_commitment="Two days",
        places=4,
        contact_name="Anne Okafor",
        contact_email="anne@example.org",
        contact_phone="0300 123 4571",
        expenses_covered="Travel, parking and replacement care.",
        outcome_what_you_said="<p>Open at weekends.</p>",
        outcome_what_changed="<p>It now opens on Saturdays.</p>",
        outcome_what_did_not_change="<p>Sundays cost too much.</p>",
    )
    OpportunitySessionFactory(
        page=page,
        title="Scoring day",
        starts_at=in_days(20, 10),
        ends_at=in_days(20, 12, 30),
        interpreters="BSL interpreter booked",
        papers_published_on=timezone.localdate() + dt.timedelta(days=13),
    )
    OpportunitySessionFactory(
        page=page, title="Online catch-up", online=True, starts_at=in_days(21, 18)
    )
    return page


def test_page_shows_every_section(client, opportunity):
    response = client.get(opportunity.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "<h1>Help choose the new day service</h1>",
        "Score the bids for the new dementia day service.",
        '<strong class="nhsuk-tag nhsuk-tag--green">',
        "<h2>What you can influence</h2>",
        "How the service <b>runs</b> each day.",
        "<h2>Who makes the final decision</h2>",
        "The Adult Social Care Committee",
        "<h2>What we hope will change</h2>",
        "A day service people enjoy.",
        "Two days",
        "<h2>Sessions</h2>",
        "Scoring day",
        f"{in_days(20):%A} {in_days(20).day} {in_days(20):%B %Y}, 10am to 12:30pm",
        "Civic Centre, Committee Room 2",
        "<li>Step-free access</li>",
        "<li>Hearing loop</li>",
        "<li>Accessible toilet</li>",
        "<li>BSL interpreter booked</li>",
        "Parking: Free parking behind the building",
        "Sent out by",
        "Online. We will email you a Microsoft Teams link the day before.",
        "Add these sessions to your calendar",
        "<h2>Payment and expenses</h2>",
        "We pay £25.00 per hour for your time.",
        "Travel, parking and replacement care.",
        "<h2>Checks and training</h2>",
        "enhanced Disclosure and Barring Service (DBS) check",
        "Tender panel training, half a day.",
        "Places",
        "<h2>Contact</h2>",
        "Anne Okafor",
        'href="mailto:anne@example.org"',
        'href="tel:03001234571"',
        "Carers, Dementia",
    ]:
        assert text in html, text


def test_headings_are_in_order(client, opportunity):
    html = client.get(opportunity.url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    levels = [int(level) for level in re.findall(r"<h([1-6])", main)]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))


def test_outcome_is_hidden_until_published(client, opportunity):
    assert "You said, we did" not in client.get(opportunity.url).content.decode()

    opportunity.outcome_published_on = timezone.localdate() + dt.timedelta(days=3)
    opportunity.save_revision().publish()
    assert "You said, we did" not in client.get(opportunity.url).content.decode()

    opportunity.outcome_published_on = timezone.localdate() - dt.timedelta(days=1)
    opportunity.save_revision().publish()
    html = client.get(opportunity.url).content.decode()
    assert '<h2 id="you-said-we-did">You said, we did</h2>' in html
    assert "Open at weekends." in html
    assert "It now opens on Saturdays." in html
    assert "<h3>What did not change, and why</h3>" in html
    assert "Sundays cost too much." in html


def test_a_closed_page_says_so(client, make_opportunity):
    page = make_opportunity(closing_date=timezone.localdate() - dt.timedelta(days=30))
    html = client.get(page.url).content.decode()
    assert "You cannot join it now." in html
    assert "Dates are still being arranged." in html
    assert "Add these sessions to your calendar" not in html


def test_calendar_download(client, opportunity):
    response = client.get(f"{opportunity.url}calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="help-choose-the-new-day-service.ics"'
    )
    calendar = Calendar.from_ical(response.content)
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("dtstart"))
    assert len(events) == 2
    first, second = opportunity.sessions.order_by("starts_at")
    assert str(events[0]["uid"]) == f"opportunity-session-{first.pk}@localhost"
    assert str(events[1]["uid"]) == f"opportunity-session-{second.pk}@localhost"
    assert events[0].decoded("dtstart") == first.starts_at
    assert events[0].decoded("dtend") == first.ends_at
    assert str(events[0]["summary"]) == "Help choose the new day service: Scoring day"
    assert (
        str(events[0]["location"])
        == "Civic Centre, Committee Room 2, High Street, Anytown, AN1 1AA"
    )
    description = str(events[0]["description"])
    assert "Step-free access" in description
    assert "BSL interpreter booked" in description
    assert f"Full details: {opportunity.full_url}" in description
    assert str(events[1]["location"]) == "Online"
    assert "Microsoft Teams link" in str(events[1]["description"])


def test_calendar_download_is_the_same_each_time(client, opportunity):
    url = f"{opportunity.url}calendar.ics"
    assert client.get(url).content == client.get(url).content


def test_no_calendar_for_a_draft(client, opportunity):
    opportunity.unpublish()
    assert client.get(f"{opportunity.url}calendar.ics").status_code == 404


def test_a_paid_role_needs_a_rate(db):
    page = OpportunityPage(payment_type=PaymentType.PAID, payment_rate=None, payment_unit="")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) >= {"payment_rate", "payment_unit"}


def test_an_expenses_only_role_drops_a_stale_rate(db):
    page = OpportunityPage(
        payment_type=PaymentType.EXPENSES_ONLY, payment_rate=20, payment_unit="hour"
    )
    page.clean()
    assert page.payment_rate is None
    assert page.payment_unit == ""
    assert page.payment_summary == "Expenses only"


def test_a_session_must_end_after_it_starts(opportunity):
    session = OpportunitySessionFactory.build(
        page=opportunity, starts_at=in_days(5, 12), ends_at=in_days(5, 11)
    )
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert "ends_at" in error.value.message_dict


def test_an_in_person_session_needs_a_venue(opportunity):
    session = OpportunitySessionFactory.build(page=opportunity, venue_name="", venue_address="")
    with pytest.raises(ValidationError):
        session.clean()


def test_the_edit_page_has_sessions_and_outcome_tabs(client, administrator, opportunity, settings):
    # The admin's widgets need Django's own renderer; the NHS.UK one is for public forms.
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    client.force_login(administrator)
    response = client.get(f"/admin/pages/{opportunity.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "You said, we did" in html
    assert "Sessions" in html


def test_an_editor_can_preview_an_opportunity_before_it_is_first_saved(opportunities_index):
    page = OpportunityPageFactory.build(title="Help us choose a day centre")
    response = page.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert "Help us choose a day centre" in html
    assert "appears here once the opportunity is saved" in html
