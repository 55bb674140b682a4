"""Response headers: a strict content security policy outside the admin, a workable one
inside it, and the usual protections; check --deploy reports nothing."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


def _policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def document(db, settings, tmp_path):
    # Wagtail streams a document from a file on disk, as in production.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    doc = get_document_model()(title="Welcome pack")
    doc.file.save("welcome-pack.txt", ContentFile(b"Welcome to Involve."), save=False)
    doc.save()
    return doc


def _assert_strict_policy(response):
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    # A nonce is sent only when the page has a script that carries it; pages with none
    # (every public page: they may be cached for visitors) allow our own files only.
    nonces = [value for value in policy["script-src"] if value.startswith("'nonce-")]
    assert len(nonces) <= 1
    return nonces[0][len("'nonce-") : -1] if nonces else None


def _assert_common_headers(response):
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def _assert_every_script_is_a_file_or_nonced(html: str, nonce: str):
    for tag in re.findall(r"<script\b[^>]*>", html):
        if 'type="application/json"' in tag or 'type="application/ld+json"' in tag:
            continue
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag
    assert not re.search(r"\son[a-z]+=\"", html), "inline event handler"


def test_the_home_page_has_a_strict_policy_and_no_inline_script(client, home_page):
    response = client.get("/")

    nonce = _assert_strict_policy(response)
    _assert_common_headers(response)
    assert nonce is None, "a cached public page would carry a stale nonce"
    _assert_every_script_is_a_file_or_nonced(response.content.decode(), nonce)


def test_a_members_page_has_the_same_strict_policy(client, member, home_page):
    client.force_login(member)
    response = client.get("/members/")

    assert response.status_code == 200
    nonce = _assert_strict_policy(response)
    _assert_common_headers(response)
    _assert_every_script_is_a_file_or_nonced(response.content.decode(), nonce)


def test_each_request_gets_its_own_nonce(client, member, home_page):
    client.force_login(member)
    first = _assert_strict_policy(client.get("/members/"))
    second = _assert_strict_policy(client.get("/members/"))
    assert first and second and first != second


def test_a_document_download_cannot_run_anything(client, document):
    response = client.get(document.url)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "default-src 'none'"
    _assert_common_headers(response)


def test_the_admin_has_its_own_workable_policy(client, editor, home_page):
    client.force_login(editor)
    response = client.get("/admin/")

    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    # A nonce would switch 'unsafe-inline' off in browsers and break the editor.
    assert "nonce-" not in response["Content-Security-Policy"]


def test_the_admin_shows_no_avatars_from_gravatar(client, editor, home_page):
    client.force_login(editor)

    assert "gravatar.com" not in client.get("/admin/").content.decode()


def test_https_responses_carry_hsts_in_production(client, settings, home_page):
    settings.SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_check_deploy_reports_nothing():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "k" * 32 + "-involve-deploy-check-" + "z" * 32,
        "BANK_DETAILS_KEY": Fernet.generate_key().decode(),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "involve.example.org",
        "SITE_URL": "https://involve.example.org",
    }
    environment.pop("DATABASE_URL", None)
    # The browser tests' conftest sets this for Playwright; production never does.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
