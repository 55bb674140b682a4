"""Addresses Wagtail's catch-all page pattern cannot take.

Wagtail serves only paths that end in a slash, so ``/opportunities/<slug>/calendar.ics``
never reaches the page. This hands such paths to Wagtail's own page serving, where
``OpportunityPage``'s ``calendar.ics`` route answers (with view restrictions and
``before_serve_page`` hooks applied as for any page). Include it before ``wagtail.urls``::

    path("", include("cms.opportunities.urls")),
"""

from django.urls import re_path
from wagtail import views as wagtail_views

urlpatterns = [
    re_path(
        r"^((?:[\w\-]+/)+calendar\.ics)$",
        wagtail_views.serve,
        name="opportunity_calendar",
    ),
]
