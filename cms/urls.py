from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.core import views as core_views
from cms.participation import outcomes
from cms.search import views as search_views

urlpatterns = [
    path("health/", core_views.health, name="health"),
    # Every sign-in goes through allauth (rate limits, two-factor), the admin's included.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("members/", include("cms.members.urls")),
    # Short, public addresses printed on badges and parking permits.
    path("check/", include("cms.badges.public_urls")),
    path("search/", search_views.search, name="search"),
    path("security/", include("cms.security.urls")),
    path("bulletin/", include("cms.subscriptions.urls")),
    path("you-said-we-did/", outcomes.you_said_we_did, name="you_said_we_did"),
    path("display-settings/", include("cms.easyread.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("", include("cms.opportunities.urls")),
    path("", include(wagtail_urls)),
]
