"""E-mail about comments, sent in the background through django-tasks' "mail" backend.

Messages are composed when a comment is stored and handed to a task; a
worker (``manage.py db_worker --backend mail``) sends them. A failed send is
logged and retried later with a growing delay, so a broken or slow mail
server never loses a comment or slows a reader's request.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # with the default 60 s base and the one-hour cap: about seven hours of trying
MAX_RETRY_DELAY = datetime.timedelta(hours=1)


def retry_delay(attempt):
    """60 s, 2 min, 4 min … doubling up to an hour; never zero, so one worker run cannot burn all attempts."""
    base = max(getattr(settings, "COMMENTS_MAIL_RETRY_SECONDS", 60), 1)
    return min(datetime.timedelta(seconds=base * 2 ** (attempt - 1)), MAX_RETRY_DELAY)


@task(backend="mail", queue_name="mail")
def deliver_email(*, subject, body, to, headers=None, attempt=1):
    """Send one plain-text message; on failure log it and try again later."""
    message = EmailMessage(subject=subject, body=body, to=to, headers=headers or {})
    try:
        message.send()
    except Exception as error:
        if attempt >= MAX_ATTEMPTS or not deliver_email.get_backend().supports_defer:
            logger.error("Giving up on e-mail %r after %d attempts: %s", subject, attempt, error)
            raise
        delay = retry_delay(attempt)
        logger.warning("E-mail %r failed (attempt %d, %s); retrying in %s", subject, attempt, error, delay)
        deliver_email.using(run_after=timezone.now() + delay).enqueue(
            subject=subject, body=body, to=to, headers=headers, attempt=attempt + 1
        )
        return "retry scheduled"
    return "sent"


def absolute(path):
    """An address in Wagtail's admin: mail is read far from any request, so WAGTAILADMIN_BASE_URL says where."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def on_site(page, path):
    """An address on the public site ``page`` belongs to: its Wagtail Site's root URL, as in ``page.full_url``."""
    url_parts = page.get_url_parts()
    root_url = url_parts[1] if url_parts else None
    return (root_url or absolute("")) + path


def moderators():
    """Active members of the "Comment moderators" group, and superusers, with an address."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=settings.COMMENT_MODERATORS_GROUP) | Q(is_superuser=True), is_active=True)
        .exclude(email="")
        .distinct()
    )


def admin_url(comment):
    return absolute(reverse("reader_comments:screen", args=[comment.pk]))


def one_line(text):
    """Header-safe: stored names and titles reach subjects, which may never hold a line break."""
    return " ".join(str(text).split())


def notify_moderators_of_held_comment(*, comment, page, reason):
    """One message per moderator: who wrote, where, why it was held, the text quoted as plain text."""
    context = {"comment": comment, "page": page, "reason": reason, "admin_url": admin_url(comment)}
    subject = one_line(f"Comment awaiting moderation on “{page.title}”")
    body = render_to_string("reader_comments/email/held_comment.txt", context)
    tell_moderators.enqueue(subject=subject, body=body)


@task(backend="mail", queue_name="mail")
def tell_moderators(*, subject, body):
    """Queue the message for each moderator. Who they are is looked up by the mail worker, not while the
    reader who posted waits (one queued task per held comment, however many moderators there are)."""
    for address in moderators().values_list("email", flat=True):
        deliver_email.enqueue(subject=subject, body=body, to=[address])
    return "queued"


def notify_safeguarding_leads(*, case):
    """Tell the safeguarding leads at once: a link to the case, and nothing of what was written or by whom
    (mail is read on phones, in shared inboxes and by forwarding)."""
    body = render_to_string(
        "reader_comments/email/safeguarding_case.txt",
        {"case_url": absolute(reverse("safeguarding_cases:case", args=[case.pk])), "case": case},
    )
    tell_safeguarding_leads.enqueue(subject=f"A safeguarding case needs a lead (case {case.pk})", body=body)


@task(backend="mail", queue_name="mail")
def tell_safeguarding_leads(*, subject, body):
    """Queue the message for each active safeguarding lead with an address (looked up by the mail worker)."""
    leads = (
        get_user_model()
        .objects.filter(groups__name=settings.SAFEGUARDING_LEADS_GROUP, is_active=True)
        .exclude(email="")
        .distinct()
    )
    for address in leads.values_list("email", flat=True):
        deliver_email.enqueue(subject=subject, body=body, to=[address])
    return "queued"


def notify_author_of_reply(*, reply, parent, page, unsubscribe_token):
    """Tell the parent comment's author that someone answered them, naming only the replier."""
    unsubscribe_url = on_site(page, reverse("comments_unsubscribe", args=[unsubscribe_token]))
    context = {
        "reply": reply,
        "parent": parent,
        "page": page,
        "reply_url": page.get_full_url() + page.reverse_subpage("comment_permalink", args=[reply.pk]),
        "unsubscribe_url": unsubscribe_url,
    }
    deliver_email.enqueue(
        subject=one_line(f"{reply.user_name} replied to your comment on “{page.title}”"),
        body=render_to_string("reader_comments/email/reply.txt", context),
        to=[parent.user_email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def ask_to_confirm(*, comment, page, confirmation_token):
    context = {
        "comment": comment,
        "page": page,
        "confirm_url": on_site(page, reverse("comments_confirm", args=[confirmation_token])),
    }
    deliver_email.enqueue(
        subject=one_line(f"Please confirm your comment on “{page.title}”"),
        body=render_to_string("reader_comments/email/confirm.txt", context),
        to=[comment.user_email],
    )
