"""Receivers that translate writes of what every page shows into the caching event API; nothing more."""

from django.db.models.signals import post_delete, post_save

import config.caching as caching
from home.models import HelpMessage, SiteSettings


def shown_on_every_page_changed(sender, created=False, **kwargs):
    if not created:  # a new help message, or settings made with their defaults, change nothing shown yet
        caching.everything_changed()


def register_signal_handlers():
    for model in (HelpMessage, SiteSettings):
        for signal in (post_save, post_delete):
            kind = "saved" if signal is post_save else "deleted"
            signal.connect(shown_on_every_page_changed, sender=model, dispatch_uid=f"home.{model.__name__}.{kind}")
