import re
import zlib

import pytest
from django.db import connections
from wagtail.models import Page, Site

from cms.core.personal_cache import forget_for_everyone
from cms.home.models import HomePage
from cms.opportunities.factories import (
    OpportunitiesIndexPageFactory,
    OpportunityPageFactory,
    OpportunitySessionFactory,
)
from cms.users import roles
from cms.users.factories import AdministratorFactory, StaffUserFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep what migrations put in the test database (home page, site, root collection)
    available to every ``serialized_rollback`` test.

    Django keeps the serialised contents on the connection object, but that object is
    replaced during a run (once Playwright's live server has started), and the next
    transactional test then starts from an empty database, or flushes without keeping
    content types. Holding the contents on the connection's class survives that.
    """
    for connection in connections.all():
        if contents := getattr(connection, "_test_serialized_contents", None):
            type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def forget_personal_fragments():
    """Each test starts with no member's dashboard kept: ids are reused once a test's rows
    are rolled back, and what was kept for one test's user 5 must not show in the next's."""
    forget_for_everyone()


@pytest.fixture
def home_page(db) -> HomePage:
    """The site's home page, created by the home app's migration."""
    return HomePage.objects.get(depth=2)


@pytest.fixture
def site(home_page) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def root_page(db) -> Page:
    return Page.get_first_root_node()


@pytest.fixture
def editor(db):
    return StaffUserFactory(email="editor@example.org", role=roles.EDITORS)


@pytest.fixture
def coordinator(db):
    return StaffUserFactory(email="coordinator@example.org", role=roles.COORDINATORS)


@pytest.fixture
def finance_user(db):
    return StaffUserFactory(email="finance@example.org", role=roles.FINANCE)


@pytest.fixture
def administrator(db):
    return AdministratorFactory(email="admin@example.org")


@pytest.fixture
def member(db):
    return UserFactory(email="member@example.org")


@pytest.fixture
def opportunities_index(home_page):
    index = OpportunitiesIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_opportunity(opportunities_index):
    """Build an opportunity under the index, with sessions given as (starts, ends, online)."""

    def _make(*, sessions=(), **fields):
        page = OpportunityPageFactory(parent=opportunities_index, **fields)
        for starts_at, ends_at, online in sessions:
            OpportunitySessionFactory(
                page=page, starts_at=starts_at, ends_at=ends_at, online=online
            )
        # A live page is published as an editor would, so it has a revision and a date.
        if page.live:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    return _make


# --- Reading our PDFs back -----------------------------------------------------------


def pdf_text_runs(pdf: bytes) -> list[str]:
    """The text of each run of glyphs in a WeasyPrint PDF, read back through its fonts'
    ToUnicode maps, as tests/browser/test_training_records.py does (no PDF library is
    installed). Every map is tried on every run; only the right one reads as text."""
    streams = []
    # The end-of-line before "endstream" is left on: a deflated stream can end in a
    # carriage return, and the decompressor sets whatever follows the data aside.
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            streams.append(zlib.decompressobj().decompress(match.group(1)))
        except zlib.error:
            continue
    maps = [
        {
            int(code, 16): chr(int(char, 16))
            for code, char in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]{4})>", stream)
        }
        for stream in streams
        if b"begincmap" in stream
    ]
    runs = []
    for stream in (s for s in streams if b"TJ" in s or b"Tj" in s):
        for array in re.findall(rb"\[(.*?)\]\s*TJ", stream, re.S):
            hex_glyphs = b"".join(re.findall(rb"<([0-9a-fA-F]+)>", array)).decode()
            codes = [int(hex_glyphs[i : i + 4], 16) for i in range(0, len(hex_glyphs), 4)]
            for mapping in maps:
                runs.append("".join(mapping.get(code, "\ufffd") for code in codes))
    return runs


def _pdf_contains(pdf: bytes, phrase: str) -> bool:
    return any(phrase in run for run in pdf_text_runs(pdf))


@pytest.fixture
def pdf_contains():
    """``pdf_contains(pdf_bytes, phrase)``: whether the PDF's text holds ``phrase``."""
    return _pdf_contains
