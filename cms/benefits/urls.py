from django.urls import path

from . import views

app_name = "benefits"
urlpatterns = [
    path("", views.index, name="index"),
    path("earnings-limit/", views.earnings_limit, name="earnings_limit"),
    path("earnings-limit/remove/", views.remove_earnings_limit, name="remove_earnings_limit"),
    path("letter/", views.letter, name="letter"),
]
