from django.apps import AppConfig


class CachingConfig(AppConfig):
    """The one owner of caching (see the package docstring): its signal receivers are connected here."""

    name = "config.caching"
    label = "caching"
    verbose_name = "Caching"

    def ready(self):
        from config.caching.signal_handlers import register_signal_handlers

        register_signal_handlers()
