from django.urls import path

from . import views

app_name = "easyread"

urlpatterns = [
    path("", views.display_settings, name="display_settings"),
]
