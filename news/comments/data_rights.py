"""Commenters' data rights: export what we hold about an address, erase it, and expire IP addresses.

One implementation behind two front ends: the management commands and (later) the admin screens.
"""

import datetime
import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry, Page, Site

from news.comments import invalidation
from news.comments.models import CommenterStanding, CommentModeration, CommentReport, CommentSettings

ANONYMOUS_NAME = "Anonymous"
REMOVED_TEXT = "[removed]"


def comments_of(email):
    return XtdComment.norel_objects.filter(user_email__iexact=email.strip()).order_by("submit_date", "pk")


def _status(comment):
    if comment.is_removed:
        return "removed"
    return "published" if comment.is_public else "not published"


def export_commenter_data(*, email):
    """Everything stored about this address, as a JSON-ready dict."""
    comments = list(comments_of(email).select_related("moderation"))
    pages = Page.objects.filter(pk__in={int(c.object_pk) for c in comments if c.object_pk.isdigit()}).in_bulk()
    entries = []
    for comment in comments:
        page = pages.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
        record = getattr(comment, "moderation", None)
        entries.append(
            {
                "id": comment.pk,
                "page_title": page.title if page else None,
                "page_url": page.full_url if page else None,
                "submitted_at": comment.submit_date,
                "name": comment.user_name,
                "email": comment.user_email,
                "text": comment.comment,
                "status": _status(comment),
                "moderation_decision": record.decision if record else "",
                "moderation_reason": record.reason if record else "",
                "edited_at": record.edited_at if record else None,
                "ip_address": comment.ip_address,
                "notify_of_replies": comment.followup,
                "in_reply_to": comment.parent_id if comment.parent_id != comment.pk else None,
            }
        )
    return {
        "email": email,
        "exported_at": timezone.now(),
        "comments": entries,
        "standing": CommenterStanding.objects.filter(email=email.strip().lower())
        .values("standing", "note", "set_at")
        .first(),
        "notification_subscriptions": [
            {"comment_id": entry["id"], "page_title": entry["page_title"], "page_url": entry["page_url"]}
            for entry in entries
            if entry["notify_of_replies"]
        ],
    }


def export_as_json(*, email):
    return json.dumps(export_commenter_data(email=email), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def erase_commenter_data(*, email, remove_text=False):
    """Anonymise every comment of this address; threads keep their shape. Returns how many comments."""
    email = email.strip()
    with transaction.atomic():
        comments = comments_of(email)
        ids = list(comments.values_list("pk", flat=True))
        values = {"user_name": ANONYMOUS_NAME, "user_email": "", "user_url": "", "ip_address": None, "followup": False}
        if remove_text:
            values["comment"] = REMOVED_TEXT
        XtdComment.norel_objects.filter(pk__in=ids).update(user=None, **values)
        CommentModeration.objects.filter(comment_id__in=ids).update(
            author_key_hash="", unsubscribe_token="", confirmation_token=""
        )
        _scrub_log_entries(ids)
        _forget_queued_mail(email, comment_ids=ids)
        # Trust or pre-moderation ends with the address; a block stays, as the address alone (a suppression
        # list: erasing it would let whoever was blocked straight back in).
        CommenterStanding.objects.filter(email=email.lower()).exclude(
            standing=CommenterStanding.Standing.BLOCKED
        ).delete()
        CommenterStanding.objects.filter(email=email.lower()).update(note="", set_by=None)
    invalidation.comments_changed_on(comments=XtdComment.norel_objects.filter(pk__in=ids).only("object_pk"))
    return len(ids)


def _scrub_log_entries(comment_ids):
    """Wagtail's history of moderators' actions on these comments (Reports → Site history) keeps who did what
    and when; its labels (once the commenter's name and the start of the text) become "Comment N (erased)",
    and any data they carried goes."""
    comment_types = ContentType.objects.get_for_models(XtdComment, Comment, for_concrete_models=False)
    ModelLogEntry.objects.filter(
        content_type__in=comment_types.values(), object_id__in=[str(pk) for pk in comment_ids]
    ).update(label=Concat(Value("Comment "), "object_id", Value(" (erased)"), output_field=CharField()), data={})


def _forget_queued_mail(email, *, comment_ids=()):
    """Delete the mail tasks (queued or sent) that carry this address, or these comments' names and texts: mail
    to moderators about one of them links to its admin page, mail about a reply links to the reply."""
    needles = [email.lower()]
    for pk in comment_ids:
        needles += [f"/reader-comments/comment/{pk}/", f"/comments/{pk}/"]
    stale = []
    for result in DBTaskResult.objects.only("pk", "args_kwargs"):
        carried = json.dumps(result.args_kwargs).lower()
        if any(needle in carried for needle in needles):
            stale.append(result.pk)
    DBTaskResult.objects.filter(pk__in=stale).delete()


def purge_comment_ips(*, older_than_days=None):
    """Clear IP addresses of comments and reports older than the retention period. Returns (comments, reports)."""
    if older_than_days is None:
        site = Site.objects.filter(is_default_site=True).first()
        older_than_days = CommentSettings.for_site(site).ip_retention_days if site else 30
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    comments = XtdComment.norel_objects.filter(submit_date__lt=cutoff, ip_address__isnull=False).update(ip_address=None)
    reports = CommentReport.objects.filter(created_at__lt=cutoff, ip_address__isnull=False).update(ip_address=None)
    return comments, reports
