"""Mentoring, for members: mounted at /members/mentoring/."""

from django.urls import path

from . import views_member as views

app_name = "mentoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pair_id>/", views.pair_page, name="pair"),
    path("<int:pair_id>/accept/", views.accept, name="accept"),
    path("<int:pair_id>/decline/", views.decline, name="decline"),
    path("<int:pair_id>/pause/", views.move, {"action": "pause"}, name="pause"),
    path("<int:pair_id>/restart/", views.move, {"action": "restart"}, name="restart"),
    path("<int:pair_id>/end/", views.move, {"action": "end"}, name="end"),
    path("<int:pair_id>/goals/add/", views.goal_add, name="goal_add"),
    path("<int:pair_id>/sessions/log/", views.session_log, name="session_log"),
    path(
        "<int:pair_id>/sessions/<int:session_id>/confirm/",
        views.session_confirm,
        name="session_confirm",
    ),
]
