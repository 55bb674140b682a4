"""Development: debug on, mail to the console, a fixed key so sessions survive restarts."""

import os
import warnings

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-involve-development-only"
# Mail is printed and kept, to read under "Sent mail (development)" in the admin.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "cms.notifications.mail_backends.ConsoleAndRecordBackend"
)
# Production serves static files from the collected manifest; here straight from the apps.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# whitenoise looks for collected files that only production builds; the finders serve them here.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")

# Template and code changes should show at once while developing; PAGE_CACHE_SECONDS=300
# tries the visitors' page cache locally, PERSONAL_FRAGMENT_SECONDS=60 the kept dashboards.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
PERSONAL_FRAGMENT_SECONDS = int(os.environ.get("PERSONAL_FRAGMENT_SECONDS", "0"))
