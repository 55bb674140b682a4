from django.urls import path

from . import views

app_name = "application"
urlpatterns = [
    path("", views.task_list, name="task_list"),
    path("check-your-answers/", views.check_answers, name="check"),
    path("send/", views.submit, name="submit"),
    path("status/", views.status, name="status"),
    path("withdraw/", views.withdraw, name="withdraw"),
    path("apply-again/", views.apply_again, name="apply_again"),
    path("<slug:slug>/", views.section, name="section"),
]
