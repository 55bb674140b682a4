"""Pausing and wellbeing, for members: mounted at /members/pause/."""

from django.urls import path

from . import views

app_name = "wellbeing"
urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.pause, name="pause"),
    path("come-back/", views.resume, name="resume"),
    path("how-you-are/", views.check_in, name="check_in"),
]
