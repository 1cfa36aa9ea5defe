"""Signal receivers: each hands the change to the service that knows what it means (news.invalidation)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

from news import invalidation


def page_published_or_unpublished(sender, instance, **kwargs):
    invalidation.page_changed(page=instance)


def shown_on_every_page_changed(sender, created=False, **kwargs):
    if not created:  # a new row (e.g. settings made with their defaults) changes nothing already shown
        invalidation.everything_changed()


def register_signal_handlers():
    from home.models import HelpMessage, SiteSettings
    from news.comments.models import CommentSettings

    page_published.connect(page_published_or_unpublished, dispatch_uid="news.page_published")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="news.page_unpublished")
    for model in (Site, SiteSettings, CommentSettings, HelpMessage):
        for signal, event in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(shown_on_every_page_changed, sender=model, dispatch_uid=f"news.{model.__name__}.{event}")
