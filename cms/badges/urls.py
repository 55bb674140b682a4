from django.urls import path

from . import views

app_name = "badges"
urlpatterns = [
    path("", views.index, name="index"),
    path("photo/", views.photo, name="photo"),
    path("<slug:kind>.pdf", views.download, name="download"),
]
