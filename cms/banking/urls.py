from django.urls import path

from . import views

app_name = "banking"
urlpatterns = [
    path("", views.index, name="index"),
    path("change/", views.change, name="change"),
    path("remove/", views.remove, name="remove"),
]
