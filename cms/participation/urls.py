"""Taking part, for members: mounted at /members/taking-part/."""

from django.urls import path

from . import views_member

app_name = "participation"
urlpatterns = [
    path("", views_member.involvement, name="involvement"),
    path("interest/<int:page_id>/", views_member.interest, name="interest"),
    path("interest/<int:page_id>/sent/", views_member.interest_sent, name="interest_sent"),
    path(
        "interest/<int:page_id>/withdraw/",
        views_member.change_interest,
        {"action": "withdraw"},
        name="withdraw",
    ),
    path(
        "interest/<int:page_id>/confirm/",
        views_member.change_interest,
        {"action": "confirm"},
        name="confirm",
    ),
    path("check-in/", views_member.check_in_view, name="check_in"),
    path("calendar/", views_member.calendar_link, name="calendar"),
    path("calendar/reset/", views_member.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", views_member.calendar_feed, name="calendar_feed"),
]
