"""Training records, for members: mounted at /members/training/."""

from django.urls import path

from . import views_member

app_name = "training"
urlpatterns = [
    path("", views_member.index, name="index"),
    path("certificates/<int:pk>/", views_member.certificate, name="certificate"),
]
