from django.apps import AppConfig


class NewsConfig(AppConfig):
    """The newsroom: news articles, campaigns and their feeds."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = "Newsroom"
