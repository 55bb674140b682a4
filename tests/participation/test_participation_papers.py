"""Session papers: coordinators upload checked files; only selected people download them."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path, reverse
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Interest, InterestStatus, SessionPaper
from cms.participation.papers import file_problem
from cms.participation.wagtail_hooks_feedback import admin_urlpatterns
from cms.urls import urlpatterns as site_urlpatterns

# Until cms/participation/wagtail_hooks.py imports our hooks module, the admin URLs are
# mounted here, before the site's own.
urlpatterns = [path("admin/", include(admin_urlpatterns())), *site_urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def session(make_opportunity):
    page = make_opportunity(title="Home care review")
    return OpportunitySessionFactory(page=page)


def taking_part(session, status=InterestStatus.CONFIRMED):
    member = ActiveMemberFactory()
    Interest.objects.create(member=member, opportunity=session.page, status=status)
    return member.user


@pytest.fixture
def paper(session, coordinator):
    paper = SessionPaper(session=session, title="Agenda and minutes", uploaded_by=coordinator)
    paper.file.save("agenda.pdf", ContentFile(PDF), save=False)
    paper.save()
    return paper


def docx_bytes(inner="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(inner, "<w:document/>")
    return buffer.getvalue()


def odt_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("a.pdf", PDF, True),
        ("a.docx", docx_bytes(), True),
        ("a.odt", odt_bytes(), True),
        ("a.exe", PDF, False),
        ("a.pdf", b"MZ\x90\x00 not a pdf", False),
        ("a.docx", docx_bytes("other.xml"), False),
        ("a.odt", docx_bytes(), False),
    ],
)
def test_only_real_pdf_docx_and_odt_files_are_accepted(name, content, ok):
    assert (file_problem(SimpleUploadedFile(name, content)) is None) is ok


def test_files_over_10_mb_are_refused():
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert "10 MB" in file_problem(upload)


def test_a_coordinator_uploads_a_paper(client, coordinator, session):
    client.force_login(coordinator)
    url = reverse("papers_admin:session", args=[session.pk])
    assert client.get(reverse("papers_admin:index")).status_code == 200
    response = client.post(url, {"title": "Agenda", "file": SimpleUploadedFile("agenda.pdf", PDF)})
    assert response.status_code == 302
    paper = SessionPaper.objects.get()
    assert paper.uploaded_by == coordinator
    assert paper.published_at <= timezone.now()
    assert "Agenda" in client.get(url).content.decode()


def test_a_wrong_file_type_is_refused_with_a_message(client, coordinator, session):
    client.force_login(coordinator)
    response = client.post(
        reverse("papers_admin:session", args=[session.pk]),
        {"title": "Virus", "file": SimpleUploadedFile("virus.exe", b"MZ")},
    )
    assert response.status_code == 400
    assert "Choose a PDF" in response.content.decode()
    assert not SessionPaper.objects.exists()


@pytest.mark.parametrize("who", ["member", "editor", "finance_user"])
def test_only_coordinators_can_upload(client, request, session, who):
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("papers_admin:index"),
        reverse("papers_admin:session", args=[session.pk]),
    ):
        assert client.get(url).status_code in (302, 403)
    response = client.post(
        reverse("papers_admin:session", args=[session.pk]),
        {"title": "Agenda", "file": SimpleUploadedFile("agenda.pdf", PDF)},
    )
    assert response.status_code in (302, 403)
    assert not SessionPaper.objects.exists()


@pytest.mark.parametrize("status", [InterestStatus.SELECTED, InterestStatus.CONFIRMED])
def test_a_selected_person_downloads_the_paper(client, paper, status):
    client.force_login(taking_part(paper.session, status))
    response = client.get(reverse("members:feedback:paper", args=[paper.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_a_coordinator_downloads_the_paper(client, paper, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("members:feedback:paper", args=[paper.pk])).status_code == 200


def test_a_visitor_cannot_open_session_papers(client, paper):
    response = client.get(reverse("members:feedback:paper", args=[paper.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


@pytest.mark.parametrize(
    "who", ["another_member", "only_interested", "withdrawn", "editor", "finance_user"]
)
def test_nobody_else_can_open_session_papers(client, request, paper, who):
    if who == "another_member":
        user = ActiveMemberFactory().user
    elif who == "only_interested":
        user = taking_part(paper.session, InterestStatus.INTERESTED)
    elif who == "withdrawn":
        user = taking_part(paper.session, InterestStatus.WITHDRAWN)
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(reverse("members:feedback:paper", args=[paper.pk])).status_code == 404


def test_a_paper_not_yet_sent_out_is_hidden_from_members(client, paper):
    paper.published_at = timezone.now() + dt.timedelta(days=1)
    paper.save()
    client.force_login(taking_part(paper.session))
    assert client.get(reverse("members:feedback:paper", args=[paper.pk])).status_code == 404


def test_a_visitor_is_sent_to_sign_in_from_the_papers_admin(client, session):
    response = client.get(reverse("papers_admin:session", args=[session.pk]))
    assert response.status_code == 302
    assert "login" in response.url
