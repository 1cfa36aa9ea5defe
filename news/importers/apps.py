from django.apps import AppConfig


class ImportersConfig(AppConfig):
    """Bringing old sites over: Drupal 7, WordPress and Disqus sources, one writer, a run report."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "news.importers"
    label = "importers"
    verbose_name = "Imports from old sites"
