"""Fast, self-contained settings for the test suite."""

import atexit
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = "involve-test-suite"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Most tests sign staff in with force_login and no authenticator; the browser tests and
# tests/security/ turn this back on (as base.py and production have it).
STAFF_TWO_FACTOR_REQUIRED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Most tests change pages with factories, not by publishing, so the visitors' page cache is
# off; tests/core/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
# The same for the parts of members' own pages kept for them (cms/core/personal_cache.py):
# off, so a test that adds rows with factories sees them. tests/core/test_personal_cache.py
# and the browser tests, where every change goes through a request, turn it on.
PERSONAL_FRAGMENT_SECONDS = 0
# Django's task framework runs tasks at once in tests; our django-q2 bridge has its own tests.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
Q_CLUSTER = {
    "name": "involve-test",
    "orm": "default",
    "sync": True,
    "timeout": 60,
    "retry": 90,
    "max_attempts": 1,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].pop("OPTIONS", None)
    # A file, not memory: the browser tests' live server then opens its own connections,
    # as production's web servers do, instead of sharing the test thread's one.
    # One file per test run, so two runs on one machine never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"involve-test-{os.getpid()}.sqlite3")
    }
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"

# whitenoise looks for collected files that only production builds; the finders serve them here.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")

# Member files (receipts, badge photos, certificates) go to a throwaway folder, never the
# working tree, however a test (or the demo loader it runs) writes them.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="involve-test-private-"))
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)
