from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """Reader comments: our public face over django-comments-xtd's storage and threading."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "news.comments"
    label = "comments"
    verbose_name = "Reader comments"
