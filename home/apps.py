from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Site-wide pages and parts shared by every page type."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Site"

    def ready(self):
        from home.signal_handlers import register_signal_handlers

        register_signal_handlers()
