"""Receivers that translate Wagtail's and Django's signals into the caching event API; nothing more."""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

import config.caching as caching


def page_published_or_unpublished(sender, instance, **kwargs):
    caching.page_changed(page=instance)


def page_row_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):  # saved as a draft or deleted: the menu and settings are looked up again
        caching.structure_changed()


def page_moved(sender, instance, url_path_before=None, **kwargs):
    caching.subtree_changed(page=instance, old_url_path=url_path_before)


def slug_changed(sender, instance, instance_before, **kwargs):
    caching.subtree_changed(page=instance, old_url_path=instance_before.url_path)


def view_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()  # gone when the page itself is being deleted
    if page is not None:
        caching.subtree_changed(page=page)


def shown_on_every_page_changed(sender, created=False, **kwargs):
    if not created:  # a new row (a new site, an uploaded image) changes nothing already shown
        caching.everything_changed()


def register_signal_handlers():
    page_published.connect(page_published_or_unpublished, dispatch_uid="caching.page_published")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="caching.page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="caching.post_page_move")
    page_slug_changed.connect(slug_changed, dispatch_uid="caching.page_slug_changed")
    for signal in (post_save, post_delete):
        kind = "saved" if signal is post_save else "deleted"
        signal.connect(page_row_changed, dispatch_uid=f"caching.page_row.{kind}")
        signal.connect(view_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"caching.restriction.{kind}")
        for model in (Site, get_image_model()):
            uid = f"caching.{model.__name__}.{kind}"
            signal.connect(shown_on_every_page_changed, sender=model, dispatch_uid=uid)
