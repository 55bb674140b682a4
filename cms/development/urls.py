"""The personal development plan, for members: mounted at /members/plan/."""

from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("goals/add/", views.goal_add, name="goal_add"),
    path("goals/<int:goal_id>/change/", views.goal_change, name="goal_change"),
    path("goals/<int:goal_id>/steps/add/", views.action_add, name="action_add"),
    path("steps/<int:action_id>/", views.action_status, name="action_status"),
    path("reflections/add/", views.reflection_add, name="reflection_add"),
    path("reviews/add/", views.review_add, name="review_add"),
    path("shared/", views.shared, name="shared"),
    path("people/<int:member_id>/", views.person_plan, name="person"),
    path("people/<int:member_id>/review/", views.person_review, name="person_review"),
]
