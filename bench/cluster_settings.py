"""Production settings for several web servers and task clusters on one machine, reached
over plain HTTP on loopback through ``bench.proxy`` (``make cluster``, the cluster test and
the cluster benchmark).

Everything production shares between servers stays as production has it: the database,
Redis (cache, allauth's rate limits, the page cache, django-q2's broker) from
``DATABASE_URL`` and ``REDIS_URL``, and the media folders from ``MEDIA_ROOT`` and
``PRIVATE_MEDIA_ROOT`` (one folder all servers share). What differs is only what HTTPS
would need: cookies without ``Secure`` and the ``__Host-`` prefix, no redirect to https,
no HSTS. Static files are served from the source folders, so no ``collectstatic`` is needed.
"""

import os

from cms.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Emails go to files in this folder (one file per connection), so nothing leaves the machine
# and the test can count them.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["INVOLVE_CLUSTER_EMAIL_DIR"]
