"""Receivers that translate writes of comment rows and settings into the caching event API; nothing more."""

from django.db.models.signals import post_delete, post_save
from django_comments_xtd.models import XtdComment

import config.caching as caching
from news.comments.invalidation import comments_changed_on
from news.comments.models import CommentSettings


def comment_row_changed(sender, instance, created=False, **kwargs):
    if created and not instance.is_public:
        return  # a new comment held for moderation: only its author sees it, and they read afresh
    comments_changed_on(comments=[instance])  # any other write, however made (the Django admin too)


def comment_settings_changed(sender, created=False, **kwargs):
    if not created:  # settings made with their defaults change nothing already shown
        caching.everything_changed()


def register_signal_handlers():
    for signal in (post_save, post_delete):
        kind = "saved" if signal is post_save else "deleted"
        signal.connect(comment_row_changed, sender=XtdComment, dispatch_uid=f"comments.row.{kind}")
        signal.connect(comment_settings_changed, sender=CommentSettings, dispatch_uid=f"comments.settings.{kind}")
