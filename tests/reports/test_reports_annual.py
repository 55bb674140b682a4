"""The annual Experts Report: editors write the introduction, coordinators make the PDF
in the background and download it; the PDF carries the year's headline figures."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.html import format_html

from cms.annual_report import pdf as annual_pdf
from cms.annual_report import services
from cms.annual_report.models import AnnualReport
from cms.annual_report.tasks import generate_annual_report
from cms.reports import base
from cms.reports.base import Headline, Report, ReportResult, Table

pytestmark = pytest.mark.django_db

GENERATE = "/admin/annual-report/"
ADD = "/admin/annual-reports/new/"


def download_url(year):
    return f"/admin/annual-report/{year}/download/"


class YearFigures(Report):
    """A stand-in report whose figures depend on the period it is asked about."""

    slug = "year-figures"
    title = "Sessions"
    description = "How many sessions were held."

    def build(self, report_filter):
        whole_2025 = report_filter.start == dt.date(2025, 1, 1) and report_filter.end == dt.date(
            2025, 12, 31
        )
        return ReportResult(
            headlines=[
                Headline("Sessions held", 4817 if whole_2025 else 1),
                Headline("Felt listened to", "93%" if whole_2025 else "0%"),
            ],
            tables=[
                Table(
                    slug="by-month",
                    caption="Sessions by month",
                    columns=["Month", "Sessions"],
                    rows=[["January", 400], ["February", 417]],
                )
            ],
        )


def stand_in_chart(table):
    return format_html('<svg role="img"><title>Chart: {}</title></svg>', table.caption)


@pytest.fixture
def only_stand_in_report(monkeypatch):
    monkeypatch.setattr(base, "REGISTRY", {YearFigures.slug: YearFigures})
    monkeypatch.setattr(
        annual_pdf,
        "_chart_function",
        lambda: stand_in_chart,
    )


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def stored_pdfs(root: Path) -> list[Path]:
    return sorted(root.rglob("*.pdf"))


def test_the_pdf_contains_the_years_headline_figures_intro_and_outcomes(
    only_stand_in_report,
    coordinator,
    make_opportunity,
    django_capture_on_commit_callbacks,
    pdf_contains,
):
    AnnualReport.objects.create(year=2025, introduction="<p>A year of listening hard.</p>")
    make_opportunity(
        title="Clinic waiting room",
        outcome_what_you_said="<p>The chairs were too low.</p>",
        outcome_what_changed="<p>We bought new chairs.</p>",
        outcome_published_on=dt.date(2025, 6, 1),
    )
    make_opportunity(title="Older outcome", outcome_published_on=dt.date(2024, 6, 1))

    with django_capture_on_commit_callbacks(execute=True):
        services.request_generation(year=2025, by=coordinator)

    report = AnnualReport.objects.get(year=2025)
    assert report.is_ready
    with report.file.open("rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF")
    assert pdf_contains(pdf, "4817")
    assert pdf_contains(pdf, "93%")
    assert pdf_contains(pdf, "Sessions held")
    assert pdf_contains(pdf, "A year of listening hard.")
    assert pdf_contains(pdf, "Clinic waiting room")
    assert pdf_contains(pdf, "We bought new chairs.")
    assert not pdf_contains(pdf, "Older outcome")


def test_charts_are_drawn_by_chart_svg_and_chosen_outcomes_replace_the_rest(
    only_stand_in_report, make_opportunity
):
    report = AnnualReport.objects.create(year=2025)
    chosen = make_opportunity(title="Chosen one", outcome_published_on=dt.date(2024, 3, 1))
    make_opportunity(title="Not chosen", outcome_published_on=dt.date(2025, 3, 1))
    report.outcomes.add(chosen)
    html = annual_pdf.annual_report_html(report)
    assert "Chart: Sessions by month" in html
    assert "Chosen one" in html
    assert "Not chosen" not in html


def test_the_task_run_twice_leaves_one_file_and_one_record(
    only_stand_in_report, coordinator, private_media, django_capture_on_commit_callbacks
):
    report = services.request_generation(year=2025, by=coordinator)  # not run: no commit
    generation = str(report.generation_id)
    generate_annual_report(report.pk, generation)
    generate_annual_report(report.pk, generation)
    assert AnnualReport.objects.count() == 1
    assert len(stored_pdfs(private_media)) == 1
    first_file = AnnualReport.objects.get().file.name

    # A later request supersedes: the stale task does nothing, the new one replaces the file.
    with django_capture_on_commit_callbacks(execute=True):
        newer = services.request_generation(year=2025, by=coordinator)
    generate_annual_report(report.pk, generation)
    newer.refresh_from_db()
    assert newer.is_ready and newer.file.name != first_file
    assert str(newer.generation_id) in newer.file.name
    assert len(stored_pdfs(private_media)) == 1
    assert AnnualReport.objects.count() == 1


def test_a_failed_build_is_shown_and_can_be_tried_again(coordinator, monkeypatch):
    class Broken(YearFigures):
        slug = "broken"

        def build(self, report_filter):
            raise RuntimeError("no data")

    monkeypatch.setattr(base, "REGISTRY", {Broken.slug: Broken})
    report = services.request_generation(year=2025, by=coordinator)
    generate_annual_report(report.pk, str(report.generation_id))
    report.refresh_from_db()
    assert not report.is_ready and not report.is_being_prepared
    assert "no data" in report.last_error


def test_every_registered_report_goes_into_the_pdf(coordinator):
    """The real reports, whatever is registered, for a year with no activity."""
    report = services.request_generation(year=2025, by=coordinator)
    generate_annual_report(report.pk, str(report.generation_id))
    report.refresh_from_db()
    assert report.last_error == ""
    assert report.is_ready
    html = annual_pdf.annual_report_html(report)
    for each in base.all_reports():
        assert each.title.replace("'", "&#x27;") in html


# --- The pages -----------------------------------------------------------------------------


def test_a_coordinator_makes_the_report_sees_it_prepared_then_downloads_it(
    client, only_stand_in_report, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    page = client.get(GENERATE)
    assert page.status_code == 200
    assert "Make the report" in page.content.decode()

    # Asked for, but the worker has not run yet.
    client.post(GENERATE, {"year": "2025"})
    page = client.get(GENERATE).content.decode()
    assert "Being prepared" in page
    assert download_url(2025) not in page
    assert client.get(download_url(2025)).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(GENERATE, {"year": "2025"})
    assert response.status_code == 302
    page = client.get(GENERATE).content.decode()
    assert download_url(2025) in page
    assert download_url(2025) in client.get("/admin/annual-reports/").content.decode()

    response = client.get(download_url(2025))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="experts-report-2025.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_year_outside_the_list_is_refused(client, coordinator):
    client.force_login(coordinator)
    assert client.post(GENERATE, {"year": "1900"}).status_code == 400
    assert not AnnualReport.objects.exists()


def test_administrators_may_make_and_download_it_too(
    client, only_stand_in_report, administrator, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(GENERATE, {"year": "2025"})
    assert client.get(download_url(2025)).status_code == 200


@pytest.mark.parametrize("who", ["editor", "finance_user", "member"])
def test_editors_finance_and_members_are_refused_making_and_downloading(
    client, request, who, only_stand_in_report, coordinator
):
    report = services.request_generation(year=2025, by=coordinator)
    generate_annual_report(report.pk, str(report.generation_id))
    client.force_login(request.getfixturevalue(who))
    for response in (
        client.get(GENERATE),
        client.post(GENERATE, {"year": "2024"}),
        client.get(download_url(2025)),
    ):
        assert response.status_code in (302, 403)
        assert not response.get("Content-Disposition")
    assert list(AnnualReport.objects.values_list("year", flat=True)) == [2025]


def test_a_visitor_is_asked_to_sign_in(client, db):
    for url in (GENERATE, download_url(2025), ADD):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


DRAFTAIL = (
    '{"blocks":[{"key":"a1b2c","type":"unstyled","text":"Our year, in our words.",'
    '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
)


@pytest.mark.parametrize("who", ["editor", "coordinator"])
def test_editors_and_coordinators_write_the_introduction(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, {"year": "2025", "introduction": DRAFTAIL})
    assert response.status_code == 302
    report = AnnualReport.objects.get(year=2025)
    assert "Our year, in our words." in report.introduction
    index = client.get("/admin/annual-reports/").content.decode()
    assert "Written" in index
    # Only coordinators are offered the PDF.
    assert (GENERATE in index) is (who == "coordinator")


@pytest.mark.parametrize("who", ["finance_user", "member"])
def test_finance_and_members_cannot_write_the_introduction(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(ADD, {"year": "2025", "introduction": DRAFTAIL})
    assert response.status_code in (302, 403)
    assert not AnnualReport.objects.exists()
    response = client.get("/admin/annual-reports/")
    assert response.status_code in (302, 403)


def test_the_demo_introduction_is_added_once_and_never_overwritten():
    from cms.annual_report import demo

    report = demo.load_demo()
    assert report.year == timezone.localdate().year - 1
    assert "Local Account" in report.introduction
    AnnualReport.objects.filter(pk=report.pk).update(introduction="<p>Ours.</p>")
    demo.load_demo()
    assert list(AnnualReport.objects.values_list("introduction", flat=True)) == ["<p>Ours.</p>"]
