from django.urls import include, path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.account, name="account"),
    path("apply/", include("cms.members.application.urls")),
    path("profile/", include("cms.members.profile.urls")),
    path("my-data/", include("cms.members.my_data.urls")),
    path("agreements/", include("cms.agreements.urls")),
    path("badges/", include("cms.badges.urls")),
    path("feedback/", include("cms.participation.urls_feedback")),
    path("taking-part/", include("cms.participation.urls")),
    path("messages/", include("cms.notifications.member_urls")),
    path("bulletin/", include("cms.subscriptions.member_urls")),
    path("training/", include("cms.training.member_urls")),
    path("mentoring/", include("cms.mentoring.urls")),
    path("plan/", include("cms.development.urls")),
    path("claims/", include("cms.claims.urls")),
    path("benefits/", include("cms.benefits.urls")),
    path("bank-details/", include("cms.banking.urls")),
    path("supporters/", include("cms.supporters.urls")),
    path("pause/", include("cms.wellbeing.urls")),
]
