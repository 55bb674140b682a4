from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("session/status/", views.session_status, name="session_status"),
    path("session/stay-signed-in/", views.stay_signed_in, name="stay_signed_in"),
]
