"""The Insight area: who may see it, the filter, and CSV downloads that match the tables."""

import csv
import datetime as dt
import io
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.opportunities.factories import ServiceAreaFactory
from cms.reports.base import all_reports, get_report
from cms.reports.forms import ReportFilterForm
from cms.reports.periods import default_period
from cms.reports.views import csv_cell

pytestmark = pytest.mark.django_db

INDEX = reverse("insight:index")


def assert_refused(response, url):
    """Refused: a 403, or (as Wagtail does for staff without the permission, and allauth
    for people who may not use the admin) sent somewhere else, never shown the figures."""
    assert response.status_code in (302, 403), url
    if response.status_code == 302:
        assert not urlsplit(response["Location"]).path.startswith("/admin/insight/"), url
    assert not response["Content-Type"].startswith("text/csv"), url


def report_urls():
    urls = [INDEX]
    for report in all_reports():
        url = reverse("insight:report", args=[report.slug])
        urls.append(url)
        start, end = default_period()
        result = report.build(ReportFilterForm({}).report_filter())
        for table in result.tables:
            urls.append(f"{url}?start={start}&end={end}&format=csv&table={table.slug}")
    return urls


@pytest.mark.parametrize("who", ["editor", "finance_user", "member"])
def test_staff_who_are_not_coordinators_and_members_are_refused_everything(client, request, who):
    client.force_login(request.getfixturevalue(who))
    for url in report_urls():
        assert_refused(client.get(url), url)


def test_a_member_with_a_record_is_refused_too(client):
    profile = ActiveMemberFactory()
    client.force_login(profile.user)
    for url in report_urls():
        assert_refused(client.get(url), url)


def test_visitors_are_sent_to_sign_in(client, db):
    for url in report_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"], url


def test_an_unknown_report_is_refused_before_it_is_looked_up(client, editor, coordinator):
    client.force_login(editor)
    url = reverse("insight:report", args=["no-such-report"])
    assert_refused(client.get(url), url)
    client.force_login(coordinator)
    assert client.get(reverse("insight:report", args=["no-such-report"])).status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "administrator"])
def test_coordinators_and_administrators_see_every_report(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(INDEX)
    assert response.status_code == 200
    for report in all_reports():
        assert report.title.encode() in response.content
        assert report.description.encode() in response.content
        page = client.get(reverse("insight:report", args=[report.slug]))
        assert page.status_code == 200
        assert b"<svg" in page.content
        assert b"Download CSV" in page.content


def test_the_menu_item_is_shown_to_coordinators_only(client, coordinator, editor):
    client.force_login(coordinator)
    assert INDEX.encode() in client.get(reverse("wagtailadmin_home")).content
    client.force_login(editor)
    assert INDEX.encode() not in client.get(reverse("wagtailadmin_home")).content


def test_the_report_starts_with_the_last_twelve_months(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("insight:report", args=["experts"]))
    start, end = default_period()
    assert response.context["report_filter"].start == start
    assert response.context["report_filter"].end == end
    assert (end - start).days in (364, 365)


def test_the_filter_takes_dates_and_a_service_area(client, coordinator):
    area = ServiceAreaFactory(name="Dementia")
    client.force_login(coordinator)
    response = client.get(
        reverse("insight:report", args=["experts"]),
        {"start": "2026-01-01", "end": "2026-03-31", "service_area": area.slug},
    )
    report_filter = response.context["report_filter"]
    assert (report_filter.start, report_filter.end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert report_filter.service_area == area
    assert b"Dementia only" in response.content
    assert b"service_area=dementia" in response.content  # kept in the CSV links


def test_wrong_dates_show_an_error_summary_and_no_figures(client, coordinator):
    client.force_login(coordinator)
    url = reverse("insight:report", args=["experts"])
    response = client.get(url, {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"must be the same as or after" in response.content
    assert response.context["result"] is None
    assert b'aria-invalid="true"' in response.content
    assert b'aria-describedby="id_end_hint id_end_error"' in response.content
    assert b'id="id_end_error"' in response.content
    response = client.get(url, {"start": "31 2 2026", "end": "2026-04-01"})
    assert b"Enter a real date" in response.content
    csv_response = client.get(url, {"start": "bad", "end": "2026-04-01", "format": "csv"})
    assert csv_response.status_code == 404


def test_an_unknown_table_is_not_found(client, coordinator):
    client.force_login(coordinator)
    url = reverse("insight:report", args=["experts"])
    assert client.get(url, {"format": "csv", "table": "nope"}).status_code == 404


@pytest.mark.parametrize("slug", ["experts", "recruitment", "involvement"])
def test_each_csv_is_exactly_the_table(client, coordinator, slug):
    MemberProfileFactory(status=Status.SUBMITTED, submitted_at=dt.datetime.now(dt.UTC))
    ActiveMemberFactory.create_batch(3)
    client.force_login(coordinator)
    report = get_report(slug)
    start, end = default_period()
    form = ReportFilterForm({"start": start.isoformat(), "end": end.isoformat()})
    result = report.build(form.report_filter())
    url = reverse("insight:report", args=[slug])
    for table in result.tables:
        response = client.get(
            url,
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "format": "csv",
                "table": table.slug,
            },
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert f"{slug}-{table.slug}-" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == table.columns
        assert rows[1:] == [[str(cell) for cell in row] for row in table.rows]


def test_csv_cells_that_look_like_formulas_stay_text():
    assert csv_cell("=SUM(A1)") == "'=SUM(A1)"
    assert csv_cell("-3") == "-3"
    assert csv_cell(None) == ""
    assert csv_cell(12) == "12"
