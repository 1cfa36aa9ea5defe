from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    """Categories and their patterns, the check, cases for the safeguarding leads, search deterrence and the
    help messages' daily counts."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "news.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"
