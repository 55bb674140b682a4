"""Supporters, mounted at /members/supporters/."""

from django.urls import path

from . import views

app_name = "supporters"
urlpatterns = [
    path("", views.index, name="index"),
    path("name/", views.add, name="add"),
    path("<int:pk>/end/", views.end, name="end"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("act/<int:pk>/", views.act, name="act"),
    path("stop/", views.stop, name="stop"),
    path("<int:pk>/stop-helping/", views.stop_helping, name="stop_helping"),
    path("acting/", views.dashboard, name="dashboard"),
]
