"""Signal receivers: each hands the change to the service that knows what it means (news.invalidation)."""

from django.db.models.signals import post_delete, post_save
from django_comments_xtd.models import XtdComment
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from news import invalidation


def page_published_or_unpublished(sender, instance, **kwargs):
    invalidation.page_changed(page=instance)


def shown_on_every_page_changed(sender, created=False, **kwargs):
    if not created:  # a new row (e.g. settings made with their defaults) changes nothing already shown
        invalidation.everything_changed()


def page_row_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):  # saved as a draft, moved or deleted: what workers keep of it is stale
        invalidation.structure_changed()


def comment_row_changed(sender, instance, created=False, **kwargs):
    if created and not instance.is_public and not instance.parent_id:
        return  # a new conversation held for moderation: only its author sees it, and they read afresh
    if str(instance.object_pk).isdigit():  # any other write, however made (the Django admin too)
        invalidation.comment_rows_changed(page_pks=[int(instance.object_pk)])


def structure_changed(sender, **kwargs):
    invalidation.structure_changed()


def register_signal_handlers():
    from home.models import HelpMessage, SiteSettings
    from news.comments.models import CommentSettings

    for signal in (post_save, post_delete):
        signal.connect(comment_row_changed, sender=XtdComment, dispatch_uid=f"news.comment_row.{signal is post_save}")
    page_published.connect(page_published_or_unpublished, dispatch_uid="news.page_published")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="news.page_unpublished")
    for signal in (post_save, post_delete):
        signal.connect(page_row_changed, dispatch_uid=f"news.page_row.{signal is post_save}")
        # Who may see a page, the images it shows, and (made, changed or gone) sites and their settings.
        for model in (PageViewRestriction, get_image_model(), Site, SiteSettings, CommentSettings, HelpMessage):
            uid = f"news.structure.{model.__name__}.{signal is post_save}"
            signal.connect(structure_changed, sender=model, dispatch_uid=uid)
    post_page_move.connect(structure_changed, dispatch_uid="news.post_page_move")
    for model in (Site, SiteSettings, CommentSettings, HelpMessage):
        for signal, event in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(shown_on_every_page_changed, sender=model, dispatch_uid=f"news.{model.__name__}.{event}")
