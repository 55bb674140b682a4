from django.urls import path

from . import papers, views_feedback

app_name = "feedback"
urlpatterns = [
    path("<int:pk>/", views_feedback.give, name="give"),
    path("<int:pk>/thank-you/", views_feedback.thanks, name="thanks"),
    path("<int:pk>/reply/", views_feedback.detail, name="detail"),
    path("papers/<int:pk>/", papers.download, name="paper"),
]
