from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.annual_report"
    verbose_name = "Annual Experts Report"
