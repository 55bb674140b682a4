"""A person's own messages: mounted at /members/messages/."""

from django.urls import path

from . import member_views

app_name = "messages"
urlpatterns = [
    path("", member_views.message_list, name="index"),
    path("<int:pk>/", member_views.message_detail, name="detail"),
]
