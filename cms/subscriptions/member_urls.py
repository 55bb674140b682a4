"""The e-bulletin for signed-in people: mounted at /members/bulletin/."""

from django.urls import path

from . import views_member

app_name = "bulletin"
urlpatterns = [
    path("", views_member.subscription, name="subscription"),
    path("unsubscribe/", views_member.unsubscribe, name="unsubscribe"),
]
