"""Settings shared by every environment, read from environment variables.

Every variable is listed in the README. With no environment at all the
project runs as a development site on SQLite (see ``dev.py``); ``production.py``
refuses to start without the values a real deployment must set.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public address of the site, used in emails, calendar feeds and badges.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Involve")
# The reading age pages should reach before they are published (writing help, reading-age report).
READING_AGE_TARGET = 9

INSTALLED_APPS = [
    # Our apps first so their templates override third-party ones.
    "cms.core",
    "cms.users",
    "cms.images",
    "cms.home",
    "cms.members",
    "cms.taxonomy",
    "cms.glossary",
    "cms.training",
    "cms.opportunities",
    "cms.bulletins",
    "cms.resources",
    "cms.formpages",
    "cms.agreements",
    "cms.badges",
    "cms.privacy",
    "cms.participation",
    "cms.notifications",
    "cms.subscriptions",
    "cms.mentoring",
    "cms.development",
    "cms.wellbeing",
    "cms.claims",
    "cms.benefits",
    "cms.banking",
    "cms.supporters",
    "cms.reports",
    "cms.audit",
    "cms.annual_report",
    "cms.easyread",
    "cms.search",
    "cms.security",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "wagtailnhsukfrontend",
    "wagtailnhsukfrontend.forms",
    # Sign-in for everyone, the Wagtail admin included
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work
    "django_q",
    "django_tasks",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Visitors' pages from the cache before any session, user or CSRF work: a hit replays
    # the policy headers the middleware below added when the page was built.
    "cms.core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's middleware, with the Wagtail admin's own policy (decision 0003).
    "cms.security.middleware.AdminAwareCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms.security.middleware.SessionTimeoutMiddleware",
    "cms.security.middleware.StaffTwoFactorMiddleware",
    # A supporter acting for a member is kept off the pages that stay the member's alone.
    "cms.supporters.middleware.ActingForMiddleware",
    # Forgets the cached parts of people's own pages that a change may have made stale.
    "cms.core.personal_cache.PersonalFragmentsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "cms.core.context_processors.site_chrome",
                "cms.easyread.display.display",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web server and task worker) share the file: wait for locks
    # rather than failing, and let readers carry on while one writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2 for every new or changed password; the others only check passwords stored
# before it was added, and each is upgraded to Argon2 at its next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# --- Caches -------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Treats Redis being down as a miss, so pages still serve (cms/core/cache.py).
            "BACKEND": "cms.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    # Sessions are read from Redis and written to both, so every signed-in request saves a
    # database query; the database copy means a Redis restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # A database cache, never a dummy: allauth's rate limits live in the cache.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "involve_cache",
        }
    }

# Visitors' published pages are kept this long in the cache, and forgotten at once when
# anything is published (cms/core/page_cache.py). 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Parts of a signed-in person's own pages (the dashboard) are kept for them alone this long,
# and forgotten at once when they or staff change anything (cms/core/personal_cache.py).
# It bounds what only time changes, such as a session starting. 0 turns it off.
PERSONAL_FRAGMENT_SECONDS = int(os.environ.get("PERSONAL_FRAGMENT_SECONDS", "60"))

# --- Sign-in: django-allauth for everyone ------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:account"
WAGTAILADMIN_LOGIN_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Show the sign-in page to someone already signed in (so they can change account) rather
# than redirecting: otherwise a member who opens /admin/ loops between it and sign-in.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{WAGTAIL_SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Anyone who can use the Wagtail admin must have set up an authenticator app first
# (cms.security.middleware.StaffTwoFactorMiddleware).
STAFF_TWO_FACTOR_REQUIRED = True
# Limits kept in the cache above (never a dummy one). Sign-in: five failures for one
# address in five minutes, then refused; ten a minute from one address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
# Changing email or password asks for the password again (within five minutes), and
# each change is emailed to the person.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
ACCOUNT_EMAIL_NOTIFICATIONS = True

# --- Sessions ---------------------------------------------------------------------
# Signed-in sessions end after 30 minutes without activity and 12 hours after sign-in
# (cms.security.middleware.SessionTimeoutMiddleware), with a warning two minutes before.
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
SESSION_WARNING_BEFORE = 2 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

# --- Email ----------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))  # seconds, so a hung server fails
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Involve <involve@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work: django-q2, and Django's task framework routed onto it -------
Q_CLUSTER = {
    "name": "involve",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    # A task that runs longer than this is stopped; retry must be longer still or a
    # slow task starts a second time while the first is running.
    "timeout": 120,
    "retry": 180,
    # Bounded retries: 0 would mean "for ever".
    "max_attempts": 3,
    "save_limit": 500,
    "queue_limit": 50,
    "catch_up": False,
    "label": "Background tasks",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
    # Queuing while Redis is down logs instead of failing the request (cms/core/broker.py).
    Q_CLUSTER["broker_class"] = "cms.core.broker.TolerantRedisBroker"
else:
    Q_CLUSTER["orm"] = "default"

TASKS = {"default": {"BACKEND": "cms.core.tasks_backend.DjangoQ2Backend"}}

# --- Internationalisation ---------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Member uploads (receipts, photos, papers) never live under MEDIA_ROOT: they are
# served only by views that check permission.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# Member uploads (cms/core/uploads.py): the largest accepted, and the ClamAV daemon every
# upload is streamed to when set (a unix socket, or a host and port); unset, no scan.
MEMBER_UPLOAD_MAX_BYTES = int(os.environ.get("MEMBER_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
CLAMAV_SOCKET = os.environ.get("CLAMAV_SOCKET", "")
CLAMAV_HOST = os.environ.get("CLAMAV_HOST", "")
CLAMAV_PORT = int(os.environ.get("CLAMAV_PORT", "3310"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cms.core.static_storage.StaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# --- Wagtail ------------------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "rtf", "txt", "xlsx", "csv", "pptx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_I18N_ENABLED = False
WAGTAILFORMS_HELP_TEXT_ALLOW_HTML = False

# --- Security headers -------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail marks its own preview views as frameable by the admin; nothing else is.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# A strict policy for the public site and members area: no inline script, only our
# own files (see docs/decisions/0003-content-security-policy.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# The Wagtail admin's own policy (cms.security.middleware.AdminAwareCSPMiddleware): its
# editor uses inline script and style that it does not nonce, so those are allowed, but
# everything else still comes only from this site.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}
# No avatars from gravatar.com: the admin would tell a third party who is signed in.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Retention: how long personal data is kept (docs/privacy.md explains each period) ---
# Applied every night by cms.privacy.retention.apply_retention. Days, counted from when
# the record stopped being needed (the decision, the leaving date, the feedback, the send).
RETENTION = {
    "declined_applications_days": int(os.environ.get("RETAIN_DECLINED_DAYS", "365")),
    "withdrawn_applications_days": int(os.environ.get("RETAIN_WITHDRAWN_DAYS", "365")),
    "leavers_days": int(os.environ.get("RETAIN_LEAVERS_DAYS", str(2 * 365))),
    "payment_records_days": int(os.environ.get("RETAIN_PAYMENTS_DAYS", str(7 * 365))),
    "anonymous_feedback_days": int(os.environ.get("RETAIN_FEEDBACK_DAYS", str(3 * 365))),
    "delivery_logs_days": int(os.environ.get("RETAIN_DELIVERY_LOGS_DAYS", "365")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No email addresses, phone numbers, postcodes or NI numbers in logs (docs/privacy.md).
    "filters": {"personal_data": {"()": "cms.core.logging.PersonalDataFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        # django-q2 logs as "django-q": every task done at INFO, failures at ERROR.
        "django-q": {"level": os.environ.get("Q_LOG_LEVEL", "WARNING")},
    },
}
