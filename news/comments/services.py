"""Writes of reader comments: every way a comment gets stored goes through here."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_comments.signals import comment_was_posted, comment_will_be_posted
from django_comments_xtd.models import XtdComment


class CommentRejected(Exception):
    """A comment that cannot be stored, with a message for the reader."""

    def __init__(self, message, *, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def reply_parent(*, page, reply_to, max_depth):
    """The published comment on this page that a reply answers; refuses forged or too-deep replies."""
    if not reply_to:
        return None
    parent = XtdComment.norel_objects.filter(pk=reply_to).first()
    on_this_page = parent is not None and (parent.content_type_id, parent.object_pk) == (
        ContentType.objects.get_for_model(page).pk,
        str(page.pk),
    )
    if not on_this_page:
        raise CommentRejected("The comment you are replying to is not on this page.")
    if not parent.is_public or parent.is_removed:
        raise CommentRejected("That comment can no longer be replied to.")
    if parent.level + 1 >= max_depth:
        raise CommentRejected(
            "This conversation cannot go any deeper. Please reply to an earlier comment in it instead."
        )
    return parent


def post_comment(*, page, data, request, max_depth, ip_address):
    """Store a reader's comment on ``page`` from a valid form's cleaned data and announce it.

    Replies lock their conversation's first comment, so the library's
    renumbering of ``order`` cannot interleave with another reply's.
    """
    parent = reply_parent(page=page, reply_to=data["reply_to"], max_depth=max_depth)
    comment = XtdComment(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,  # django.contrib.sites, which the library requires
        user_name=data["name"],
        user_email=data["email"],
        user_url="",
        comment=data["comment"],
        submit_date=timezone.now(),
        ip_address=ip_address,
        is_public=True,
        is_removed=False,
        followup=data["followup"],
        parent_id=parent.pk if parent else 0,
    )
    for _receiver, accepted in comment_will_be_posted.send(sender=XtdComment, comment=comment, request=request):
        if accepted is False:
            raise CommentRejected("Your comment could not be accepted.", status=403)
    with transaction.atomic():
        if parent is not None:
            list(XtdComment.norel_objects.select_for_update().filter(pk=parent.thread_id).values_list("pk"))
        comment.save()
    comment_was_posted.send(sender=XtdComment, comment=comment, request=request)
    return comment
