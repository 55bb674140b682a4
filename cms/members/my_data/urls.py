from django.urls import path

from . import views

app_name = "my_data"
urlpatterns = [
    path("", views.index, name="index"),
    path("download/", views.download, name="download"),
    path("withdraw-consent/", views.withdraw_consent, name="withdraw_consent"),
    path("consent-withdrawn/", views.consent_withdrawn, name="consent_withdrawn"),
    path("delete-account/", views.delete_account, name="delete_account"),
    path("delete-account/requested/", views.deletion_requested, name="deletion_requested"),
]
