from django.urls import path

from . import views

app_name = "profile"
urlpatterns = [
    path("", views.profile_summary, name="summary"),
    path("<slug:section>/", views.profile_section, name="edit"),
]
