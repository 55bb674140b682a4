"""collectstatic with production's storage: the Docker build runs it, so it must not fail."""

from django.core.management import call_command
from django.test import override_settings

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cms.core.static_storage.StaticFilesStorage"},
}


def test_collectstatic_hashes_and_compresses_every_file(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.contrib.staticfiles.storage import staticfiles_storage

        hashed = staticfiles_storage.stored_name(
            "wagtailnhsukfrontend/css/nhsuk-frontend-10.4.2.min.css"
        )
    assert hashed != "wagtailnhsukfrontend/css/nhsuk-frontend-10.4.2.min.css"
    assert (tmp_path / hashed).exists()
    assert (tmp_path / (hashed + ".gz")).exists()
    assert (tmp_path / "staticfiles.json").exists()
