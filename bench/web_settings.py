"""Production settings as the benchmark serves them, plus two things only a benchmark needs:
a trivial view (the ceiling every page is compared with) and a response header that counts
the database queries behind each response."""

from cms.settings.production import *  # noqa: F403
from cms.settings.production import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.count_queries", *MIDDLEWARE]
