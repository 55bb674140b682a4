from django.urls import path

from . import views_member as views

app_name = "claims"
urlpatterns = [
    path("", views.index, name="index"),
    path("start/<int:session_id>/", views.start, name="start"),
    path("<int:claim_id>/", views.detail, name="detail"),
    path("<int:claim_id>/payment/", views.payment, name="payment"),
    path("<int:claim_id>/expenses/add/", views.add_expense_view, name="add_expense"),
    path(
        "<int:claim_id>/expenses/<int:line_id>/remove/",
        views.remove_expense_view,
        name="remove_expense",
    ),
    path("<int:claim_id>/check/", views.check_answers, name="check"),
    path("<int:claim_id>/answer/", views.answer, name="answer"),
    path("<int:claim_id>/delete/", views.delete, name="delete"),
    path("receipts/<int:line_id>/", views.receipt, name="receipt"),
    path("statement/<int:year>/", views.statement, name="statement"),
]
