from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """Reader comments: our public face over django-comments-xtd's storage and threading."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "news.comments"
    label = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        # django-comments-xtd copies a comment's published state onto all its replies whenever it is
        # saved: hiding one comment would silently unpublish every answer to it, and approving it would
        # publish replies a moderator had held. Moderation here acts on one comment at a time and keeps
        # the thread's shape (a hidden comment with visible replies shows as a placeholder).
        from django.db.models.signals import pre_save
        from django_comments_xtd.models import XtdComment, publish_or_unpublish_on_pre_save

        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=XtdComment)

        from news.comments.signal_handlers import register_signal_handlers

        register_signal_handlers()
