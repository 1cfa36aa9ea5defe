"""Test and demo data for reader comments (factory_boy)."""

import datetime

import factory
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment


class CommentFactory(factory.django.DjangoModelFactory):
    """A stored comment on ``page`` (pass ``parent=`` for a reply); the library computes its thread."""

    class Params:
        page = None
        parent = None

    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.page))
    object_pk = factory.LazyAttribute(lambda o: str(o.page.pk))
    site_id = settings.SITE_ID
    user_name = factory.Sequence(lambda n: f"Reader {n}")
    user_email = factory.Sequence(lambda n: f"reader{n}@example.org")
    user_url = ""
    comment = factory.Sequence(lambda n: f"Comment number {n}.")
    submit_date = factory.LazyFunction(timezone.now)
    ip_address = "192.0.2.10"
    is_public = True
    is_removed = False
    parent_id = factory.LazyAttribute(lambda o: o.parent.pk if o.parent else 0)

    class Meta:
        model = XtdComment


# Levels of one conversation in thread order: a comment, a reply, a reply to that reply, a second reply.
THREAD_SHAPE = (0, 1, 2, 1)


def bulk_threads(*, page, count, users=(), shape=THREAD_SHAPE, start=None):
    """``count`` published comments on ``page`` in conversations of ``shape``, in a few queries per level.

    For long discussions in tests and benchmarks: the library's ``save()`` costs several queries per
    reply. Every third comment is by one of ``users`` (logged in); some have links and paragraphs.
    """
    from news.comments.models import CommentModeration

    start = start or timezone.now() - datetime.timedelta(days=1)
    content_type = ContentType.objects.get_for_model(page)
    comments, parents, nested = [], [], [0] * count
    open_by_level = {}
    for n in range(count):
        position = n % len(shape)
        level = shape[position]
        parent = open_by_level[level - 1] if level else None
        ancestor = parent
        while ancestor is not None:
            nested[ancestor] += 1
            ancestor = parents[ancestor]
        open_by_level[level] = n
        parents.append(parent)
        user = users[n // 3 % len(users)] if users and n % 3 == 0 else None
        text = f"Comment {n} on {page.title}: I agree with the point about reporting."
        if n % 3 == 1:
            text += "\n\nA second paragraph,\nwith a line break."
        if n % 5 == 2:
            text += f" More at https://example.org/reports/{n}?page=2 and www.example.org."
        comments.append(
            XtdComment(
                content_type=content_type,
                object_pk=str(page.pk),
                site_id=settings.SITE_ID,
                user=user,
                user_name=(user.get_full_name() or user.get_username()) if user else f"Reader {n}",
                user_email=user.email if user else f"reader{n}@example.org",
                comment=text,
                submit_date=start + datetime.timedelta(seconds=n),
                ip_address="192.0.2.10",
                is_public=True,
                level=level,
                order=position + 1,
            )
        )
    for comment, below in zip(comments, nested, strict=True):
        comment.nested_count = below
    for level in sorted(set(shape)):
        batch = []
        for n, comment in enumerate(comments):
            if comment.level == level:
                batch.append(comment)
                if parents[n] is not None:
                    comment.parent_id, comment.thread_id = comments[parents[n]].pk, comments[parents[n]].thread_id
        _insert_comments(batch)
    CommentModeration.objects.bulk_create(
        CommentModeration(comment=comment, decision=CommentModeration.Decision.PUBLISHED, reason="published")
        for comment in comments
    )
    return comments


def _insert_comments(comments):
    """Insert comments two statements at a time: ``XtdComment`` extends django_comments' ``Comment`` (two
    tables), and ``bulk_create`` refuses such models."""
    if not comments:
        return
    Comment.objects.bulk_create(comments)  # the parent table, which numbers them
    for comment in comments:
        comment.comment_ptr_id = comment.id
        if not comment.parent_id:  # a conversation is its first comment's thread
            comment.parent_id = comment.thread_id = comment.id
    XtdComment.norel_objects._insert(comments, fields=XtdComment._meta.local_concrete_fields)
