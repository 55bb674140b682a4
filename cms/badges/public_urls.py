from django.urls import path

from . import views

app_name = "badge_check"
urlpatterns = [
    path("<str:code>/", views.check, name="check"),
]
