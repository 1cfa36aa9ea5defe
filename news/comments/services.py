"""Writes of reader comments: every way a comment is stored, changed or reported goes through here.

Rows saved or deleted one by one reach the caches through the receivers in ``signal_handlers`` (as a save
in the Django admin or the shell does); writes made with ``QuerySet.update()``, which sends no signal, call
``invalidation`` themselves.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django_comments.signals import comment_was_posted, comment_will_be_posted
from django_comments_xtd.models import XtdComment
from wagtail.log_actions import log
from wagtail.models import Site

from news.comments import ids, invalidation, notifications, rules
from news.comments.clients import hash_key, is_author
from news.comments.models import CommenterStanding, CommentModeration, CommentReport, CommentSettings
from news.safeguarding import checks as safeguarding_checks
from news.safeguarding import selectors as safeguarding_selectors
from news.safeguarding import services as safeguarding_services
from news.safeguarding.categories import PERSONAL_DETAILS

DUPLICATE_WINDOW = datetime.timedelta(minutes=10)
Decision = CommentModeration.Decision
Standing = CommenterStanding.Standing


class CommentRejected(Exception):
    """A comment that cannot be stored, with a message for the reader."""

    def __init__(self, message, *, status=400, field=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field  # the form field it concerns; None: the whole form

    @classmethod
    def because(cls, refusal):
        return cls(refusal.message, field=refusal.field)


class PersonalDetailsFound(CommentRejected):
    """The text holds personal details: the writer is told before anything is stored, and may edit it or send
    it anyway (then it is held, with the reason)."""

    def __init__(self, findings):
        seen = list(dict.fromkeys(f"{finding.label} (“{finding.matched}”)" for finding in findings))
        super().__init__(
            f"This looks like {', '.join(seen)}. We don't publish personal details: please take them out, or "
            "tick “Send it anyway” and a moderator will read it before anything is published.",
            status=200,
            field="comment",
        )
        self.findings = findings


def safeguarding_check(*, text, name, confirmed_personal_details=False):
    """The safeguarding check, after the spam rules: a category's ``Finding`` (the comment becomes a case),
    or the personal details the writer confirmed (a list; the comment is held), or raises
    ``PersonalDetailsFound`` for the writer to decide."""
    patterns = safeguarding_selectors.patterns_by_category()
    finding = safeguarding_checks.find_category(text=text, name=name, patterns_by_category=patterns)
    if finding is not None:
        return finding, []
    details = safeguarding_checks.find_personal_details(text=text, patterns=patterns[PERSONAL_DETAILS])
    if details and not confirmed_personal_details:
        raise PersonalDetailsFound(details)
    return None, details


def personal_details_hold(details):
    labels = ", ".join(dict.fromkeys(finding.label for finding in details))
    return rules.Decision(False, f"held: personal details ({labels})"[:200], CommentModeration.HeldBy.PERSONAL_DETAILS)


def hold_for_safeguarding(*, page, data, finding, parent, ip_address):
    """Store the comment as a row without its text or writer (held, off every public page, not even shown
    to its writer) and put the text and writer in a case for the safeguarding leads, who hear at once.
    No mail goes to the address given: someone else may read that inbox."""
    comment = XtdComment(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        user_name="",
        user_email="",
        user_url="",
        comment="",
        submit_date=timezone.now(),
        ip_address=None,
        is_public=False,
        is_removed=True,
        followup=False,
        parent_id=parent.pk if parent else 0,
    )
    with transaction.atomic():
        if parent is not None:
            list(XtdComment.norel_objects.select_for_update().filter(pk=parent.thread_id).values_list("pk"))
        store_new_comment(comment)
        CommentModeration.objects.create(comment=comment, decision=Decision.SAFEGUARDING, reason=SAFEGUARDING_REASON)
        case = safeguarding_services.open_case(
            comment=comment,
            page=page,
            finding=finding,
            text=data["comment"],
            name=data["name"],
            email=data["email"],
            ip_address=ip_address,
            reply_to=parent.pk if parent else 0,
        )
        notifications.notify_safeguarding_leads(case=case)
    return comment


SAFEGUARDING_REASON = "held for safeguarding"


def reply_parent(*, page, reply_to, max_depth):
    """The published comment on this page that a reply answers; refuses forged or too-deep replies."""
    if not reply_to:
        return None
    parent = XtdComment.norel_objects.filter(pk=reply_to).first() if ids.is_storable(reply_to) else None
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


def recent_duplicate(*, page, email, text, author_keys):
    """The same text from the same address on the same page within ten minutes, if this browser stored it already.

    Only this browser's own comments count (``author_keys``, from its authorship cookie): answering for a comment
    that someone else sent would tell whoever copies its text with a guessed address that the guess was right.
    Found through the index on addresses alone (news.comments migration 0005): the page, the time and the
    text are compared in forms that no other index serves. During a burst of comments on one page the
    planner's statistics can be minutes old, and it would then go through every comment of that page.
    """
    if not author_keys:
        return None
    since = connection.ops.adapt_datetimefield_value(timezone.now() - DUPLICATE_WINDOW)
    with connection.cursor() as cursor:
        cursor.execute(
            _RECENT_DUPLICATE_SQL,
            {
                "email": email,
                "content_type": ContentType.objects.get_for_model(page).pk,
                "object_pk": str(page.pk),
                "since": since,
                "text": text,
            },
        )
        found = [pk for (pk,) in cursor.fetchall() if pk in author_keys]
    own = XtdComment.norel_objects.filter(pk__in=found).select_related("moderation").order_by("pk") if found else []
    for comment in own:
        record = getattr(comment, "moderation", None)
        if record is not None and is_author(author_keys, comment, record.author_key_hash):
            return comment
    return None


# django_comments is the comments library's table; UPPER(user_email) is what its address index holds.
_RECENT_DUPLICATE_SQL = """
SELECT c.id FROM django_comments c
 WHERE UPPER(c.user_email) = UPPER(%(email)s)
   AND c.content_type_id + 0 = %(content_type)s AND c.object_pk || '' = %(object_pk)s
   AND COALESCE(c.submit_date, c.submit_date) >= %(since)s AND c.comment = %(text)s
"""


def post_comment(
    *,
    page,
    data,
    request,
    comment_settings,
    ip_address,
    author_key,
    author_keys=None,
    seconds_to_write=None,
    is_authenticated=False,
):
    """Store a reader's comment on ``page`` (cleaned form data) under the site's rules and announce it.

    ``author_key`` is the new comment's browser key; ``author_keys`` the keys this browser already holds for
    its earlier comments (the proof of a returning commenter, with the e-mailed confirmation link).
    Returns the comment (an existing one when this is a duplicate). Replies lock
    their conversation's first comment, so the library's renumbering of
    ``order`` cannot interleave with another reply's.
    """
    parent = reply_parent(page=page, reply_to=data["reply_to"], max_depth=comment_settings.max_thread_depth)
    needs_confirmation = comment_settings.confirm_anonymous_by_email and not is_authenticated
    standing = rules.commenter_standing(email=data["email"], author_keys=author_keys, email_proven=needs_confirmation)
    site = Site.find_for_request(request)
    refused = rules.refusal(
        comment_settings=comment_settings,
        text=data["comment"],
        email=data["email"],
        name=data["name"],
        standing=standing,
        site_name=site.site_name if site else "",
    )
    if refused:
        raise CommentRejected.because(refused)
    duplicate = recent_duplicate(page=page, email=data["email"], text=data["comment"], author_keys=author_keys)
    if duplicate is not None:
        return duplicate
    finding, personal_details = safeguarding_check(
        text=data["comment"], name=data["name"], confirmed_personal_details=data.get("send_personal_details", False)
    )
    if finding is not None:
        return hold_for_safeguarding(page=page, data=data, finding=finding, parent=parent, ip_address=ip_address)

    decision = rules.decide(
        comment_settings=comment_settings,
        text=data["comment"],
        email=data["email"],
        is_authenticated=is_authenticated,
        seconds_to_write=seconds_to_write,
        author_keys=author_keys,
        email_proven=needs_confirmation,  # it applies only once the link in the mail proves the address
        standing=standing,
    )
    if personal_details:  # sent anyway: held whatever the commenter's standing
        decision = personal_details_hold(personal_details)
    comment = XtdComment(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,  # django.contrib.sites, which the library requires
        user=request.user if is_authenticated else None,
        user_name=data["name"],
        user_email=data["email"],
        user_url="",
        comment=data["comment"],
        submit_date=timezone.now(),
        ip_address=ip_address,
        is_public=decision.publish and not needs_confirmation,
        is_removed=False,
        followup=data["followup"],
        parent_id=parent.pk if parent else 0,
    )
    for _receiver, accepted in comment_will_be_posted.send(sender=XtdComment, comment=comment, request=request):
        if accepted is False:
            raise CommentRejected("Your comment could not be accepted.", status=403)
    reason, held_by = decision.reason, decision.held_by
    if comment.is_public != (decision.publish and not needs_confirmation):  # a signal receiver decided otherwise
        reason = "published by another moderator rule" if comment.is_public else "held by another moderator rule"
        held_by = "" if comment.is_public else CommentModeration.HeldBy.OTHER
    if needs_confirmation:
        stored = Decision.AWAITING_CONFIRMATION
        pending = Decision.PUBLISHED if decision.publish else Decision.HELD
    else:
        stored, pending = (Decision.PUBLISHED if comment.is_public else Decision.HELD), ""
    with transaction.atomic():
        if parent is not None:
            list(XtdComment.norel_objects.select_for_update().filter(pk=parent.thread_id).values_list("pk"))
        store_new_comment(comment)
        record = CommentModeration.objects.create(
            comment=comment,
            decision=stored,
            reason="awaiting e-mail confirmation" if needs_confirmation else reason,
            held_by="" if comment.is_public else held_by,  # awaiting confirmation: the rule that will hold it
            author_key_hash=hash_key(author_key),
            unsubscribe_token=secrets.token_urlsafe(32) if comment.followup else "",
            confirmation_token=secrets.token_urlsafe(32) if needs_confirmation else "",
            pending_decision=pending,
            pending_reason=decision.reason if needs_confirmation else "",
        )
        if needs_confirmation:
            notifications.ask_to_confirm(comment=comment, page=page, confirmation_token=record.confirmation_token)
        else:
            announce(comment=comment, page=page, parent=parent, reason=reason)
    comment_was_posted.send(sender=XtdComment, comment=comment, request=request)
    return comment


def store_new_comment(comment):
    """Insert a new comment: a reply through the library's threading, a new conversation more cheaply.

    A new conversation is its own thread. The library stores it and then saves the whole row of both
    of its tables a second time to say so; here the second write sets just those two columns.
    """
    if comment.parent_id:
        comment.save()
        return
    super(XtdComment, comment).save()  # the comments framework's save, without the library's second one
    comment.thread_id = comment.parent_id = comment.pk
    XtdComment.norel_objects.filter(pk=comment.pk).update(thread_id=comment.pk, parent_id=comment.pk)


def announce(*, comment, page, parent=None, reason):
    """E-mail whoever should hear about a newly stored or newly published comment."""
    if not comment.is_public:
        notifications.notify_moderators_of_held_comment(comment=comment, page=page, reason=reason)
        return
    if parent is None and comment.parent_id != comment.pk:
        parent = XtdComment.norel_objects.filter(pk=comment.parent_id).first()
    if parent is None or not parent.followup or parent.user_email.lower() == comment.user_email.lower():
        return
    token = CommentModeration.objects.filter(comment=parent).values_list("unsubscribe_token", flat=True).first()
    if token:
        notifications.notify_author_of_reply(reply=comment, parent=parent, page=page, unsubscribe_token=token)


def confirm_comment(*, token):
    """The commenter confirmed by e-mail: now the moderation rules decide. Returns the comment or None."""
    record = CommentModeration.objects.select_related("comment").filter(confirmation_token=token).first()
    if record is None or not token:
        return None
    comment = record.comment
    with transaction.atomic():
        record.decision = Decision.PUBLISHED if record.pending_decision == Decision.PUBLISHED else Decision.HELD
        record.confirmation_token = ""
        record.reason = record.pending_reason or record.reason
        record.held_by = record.held_by if record.decision == Decision.HELD else ""
        record.pending_decision = record.pending_reason = ""
        record.save(
            update_fields=["decision", "confirmation_token", "reason", "held_by", "pending_decision", "pending_reason"]
        )
        comment.is_public = record.decision == Decision.PUBLISHED
        comment.save(update_fields=["is_public"])
        announce(comment=comment, page=comment.content_object, reason=record.reason)
    return comment


def edit_own_comment(*, comment, text, comment_settings, author_keys=None, confirmed_personal_details=False):
    """The author changed their text, which goes through the rules again: an edit may hold a published comment,
    never publish one. A comment a moderator or readers' reports took down, or one still awaiting moderation
    or its e-mail confirmation, keeps its decision (``CommentModeration.decision``); only its text changes.

    Returns the outcome as a ``rules.Decision`` (published or not, and the reason recorded).
    """
    standing = rules.commenter_standing(email=comment.user_email, author_keys=author_keys)
    refused = rules.refusal(comment_settings=comment_settings, text=text, email=comment.user_email, standing=standing)
    if refused:
        raise CommentRejected.because(refused)
    finding, personal_details = safeguarding_check(
        text=text, name=comment.user_name, confirmed_personal_details=confirmed_personal_details
    )
    if finding is not None:
        move_to_safeguarding(comment=comment, text=text, finding=finding)
        return rules.Decision(False, SAFEGUARDING_REASON)
    verdict = rules.decide(
        comment_settings=comment_settings,
        text=text,
        email=comment.user_email,
        is_authenticated=comment.user_id is not None,
        comment_pk=comment.pk,
        author_keys=author_keys,
        standing=standing,
    )
    if personal_details:
        verdict = personal_details_hold(personal_details)
    was_public = comment.is_public and not comment.is_removed
    with transaction.atomic():
        record, _ = CommentModeration.objects.select_for_update().get_or_create(comment=comment)
        stays_published = was_public and record.decision not in CommentModeration.TAKEN_DOWN
        publish = stays_published and verdict.publish
        if stays_published:
            record.decision = Decision.PUBLISHED if publish else Decision.HELD
            record.reason = f"edited; {verdict.reason}"
            record.held_by = "" if publish else verdict.held_by or CommentModeration.HeldBy.EDIT
        elif record.decision == Decision.AWAITING_CONFIRMATION:
            if not verdict.publish:  # confirming it can still hold it, never publish what the rules now hold
                record.pending_decision, record.pending_reason = Decision.HELD, f"edited; {verdict.reason}"[:200]
        else:
            still = f"edited; still {record.get_decision_display().lower()}"
            record.reason = still if verdict.publish else f"{still}; {verdict.reason}"
        record.reason = record.reason[:200]
        record.edited_at = timezone.now()
        record.save()
        comment.comment = text
        comment.is_public = publish
        comment.save(update_fields=["comment", "is_public"])
        if was_public and not publish:
            announce(comment=comment, page=comment.content_object, reason=record.reason)
    return rules.Decision(publish, record.reason)


def move_to_safeguarding(*, comment, text, finding):
    """The writer edited their comment into a disclosure: its new text and its writer go into a case, and the
    row keeps neither (off the page, not even shown to its writer; replies keep their place)."""
    parent_id = comment.parent_id if comment.parent_id != comment.pk else 0
    with transaction.atomic():
        case = safeguarding_services.open_case(
            comment=comment,
            page=comment.content_object,
            finding=finding,
            text=text,
            name=comment.user_name,
            email=comment.user_email,
            ip_address=comment.ip_address,
            reply_to=parent_id,
            from_edit=True,
        )
        CommentModeration.objects.update_or_create(
            comment=comment,
            defaults={
                "decision": Decision.SAFEGUARDING,
                "reason": SAFEGUARDING_REASON,
                "held_by": "",
                "is_featured": False,
                "unsubscribe_token": "",
                "confirmation_token": "",
                "pending_decision": "",
                "pending_reason": "",
                "author_key_hash": "",
                "edited_at": timezone.now(),
            },
        )
        comment.comment = comment.user_name = comment.user_email = ""
        comment.ip_address, comment.is_public, comment.is_removed, comment.followup = None, False, True, False
        comment.save(
            update_fields=["comment", "user_name", "user_email", "ip_address", "is_public", "is_removed", "followup"]
        )
        notifications.notify_safeguarding_leads(case=case)
    return case


def return_from_safeguarding(*, case, user, note=""):
    """A safeguarding lead found the case was not a safeguarding matter: the comment gets its text and writer
    back and waits, held, in the moderators' queue; the case closes. Returns the comment."""
    comment = XtdComment.norel_objects.select_for_update().get(pk=case.comment_id)
    with transaction.atomic():
        safeguarding_services.close_as_returned(case=case, user=user, note=note)
        comment.comment, comment.user_name, comment.user_email = case.text, case.writer_name, case.writer_email
        comment.ip_address, comment.is_public, comment.is_removed = case.ip_address, False, False
        comment.save(update_fields=["comment", "user_name", "user_email", "ip_address", "is_public", "is_removed"])
        reason = _reason("returned from safeguarding", user, "not a safeguarding matter")
        _record(comment, decision=Decision.HELD, reason=reason, held_by=CommentModeration.HeldBy.OTHER)
        _log(comment, action="comments.return_from_safeguarding", user=user)
        announce(comment=comment, page=comment.content_object, reason=reason)
    return comment


def delete_own_comment(*, comment):
    """The author withdrew their comment: its text goes, its place in the thread stays for the replies."""
    with transaction.atomic():
        comment.comment = ""
        comment.is_removed = True
        comment.followup = False
        comment.save(update_fields=["comment", "is_removed", "followup"])
        CommentModeration.objects.update_or_create(
            comment=comment,
            defaults={
                "decision": Decision.DELETED_BY_AUTHOR,
                "reason": "deleted by its author",
                "unsubscribe_token": "",
            },
        )


def report_comment(*, comment, reason, note, ip_address, comment_settings):
    """Record a reader's report once per address; hide the comment when reports reach the threshold.

    Returns True when the comment was hidden by this report.
    """
    with transaction.atomic():
        locked = XtdComment.norel_objects.select_for_update().get(pk=comment.pk)
        if ip_address and CommentReport.objects.filter(comment=locked, ip_address=ip_address).exists():
            return False
        CommentReport.objects.create(comment=locked, reason=reason, note=note, ip_address=ip_address)
        open_reports = CommentReport.objects.filter(comment=locked, resolved=False).count()
        hidden = locked.is_public and open_reports >= comment_settings.reports_to_hide
        if hidden:
            locked.is_public = False
            locked.save(update_fields=["is_public"])
            CommentModeration.objects.update_or_create(
                comment=locked,
                defaults={"decision": Decision.HIDDEN_BY_REPORTS, "reason": f"hidden: reported ×{open_reports}"},
            )
            notifications.notify_moderators_of_held_comment(
                comment=locked, page=locked.content_object, reason=f"hidden: reported ×{open_reports}"
            )
    return hidden


def unsubscribe(*, token):
    """Stop reply notifications for every comment of the address this token was sent to."""
    record = CommentModeration.objects.select_related("comment").filter(unsubscribe_token=token).first()
    if record is None or not token:
        return 0
    email = record.comment.user_email
    comments = XtdComment.norel_objects.filter(user_email__iexact=email, followup=True)
    CommentModeration.objects.filter(comment__in=comments).update(unsubscribe_token="")
    return comments.update(followup=False)


# Moderators' actions. Each acts on a list of comments, records the decision and its reason on the comment and
# an entry in Wagtail's log (who, when, what), and returns how many comments it changed.

STAFF_REPLY_REASON = "published: reply from the site's team"


def _record(comment, **values):
    CommentModeration.objects.update_or_create(comment=comment, defaults=values)


def _log(comment, *, action, user, data=None):
    """An entry in Wagtail's history (Reports → Site history) that names the comment by its number only: by
    default its label would be ``str(comment)``, the commenter's name and the start of the text."""
    log(instance=comment, action=action, user=user, title=f"Comment {comment.pk}", data=data or {})


def _reason(verb, user, note):
    """The reason stored with a moderator's decision: who decided, and their note when they gave one."""
    reason = f"{verb} by {user.get_username()}"
    return (f"{reason}: {note.strip()}" if note.strip() else reason)[:200]


def moderatable(comments):
    """The comments a moderator's decision may act on: never one held for safeguarding, which only the
    safeguarding leads decide on (its row holds no text; approving it would publish an empty comment)."""
    comments = list(comments)
    held = set(
        CommentModeration.objects.filter(
            comment_id__in=[c.pk for c in comments], decision=Decision.SAFEGUARDING
        ).values_list("comment_id", flat=True)
    )
    return [comment for comment in comments if comment.pk not in held]


def approve_comments(*, comments, user, note=""):
    """Publish and clear open reports; the parent's author hears about a newly published reply."""
    comments, changed = moderatable(comments), 0
    for comment in comments:
        was_public = comment.is_public and not comment.is_removed
        with transaction.atomic():
            XtdComment.norel_objects.filter(pk=comment.pk).update(is_public=True, is_removed=False)
            CommentReport.objects.filter(comment=comment, resolved=False).update(resolved=True)
            _record(comment, decision=Decision.PUBLISHED, reason=_reason("approved", user, note), held_by="")
            _log(comment, action="comments.approve", user=user, data={"note": note})
            if not was_public:
                comment.is_public, comment.is_removed = True, False
                announce(comment=comment, page=comment.content_object, reason="approved")
                changed += 1
    if changed:
        invalidation.comments_changed_on(comments=comments)
    return changed


def _change_state(*, comments, user, only_where, change, decision, verb, action, note=""):
    comments = moderatable(comments)
    changed = XtdComment.norel_objects.filter(pk__in=[c.pk for c in comments], **only_where).update(**change)
    for comment in comments:
        _record(comment, decision=decision, reason=_reason(verb, user, note), held_by="", is_featured=False)
        _log(comment, action=action, user=user, data={"note": note})
    if changed:
        invalidation.comments_changed_on(comments=comments)
    return changed


def unpublish_comments(*, comments, user, note=""):
    return _change_state(
        comments=comments,
        user=user,
        note=note,
        only_where={"is_public": True},
        change={"is_public": False},
        decision=Decision.UNPUBLISHED,
        verb="unpublished",
        action="comments.unpublish",
    )


def remove_comments(*, comments, user, note=""):
    """Soft removal: the text is no longer shown, the thread keeps its shape (replies stay)."""
    return _change_state(
        comments=comments,
        user=user,
        note=note,
        only_where={"is_removed": False},
        change={"is_removed": True},
        decision=Decision.REMOVED,
        verb="removed",
        action="comments.remove",
    )


class Block(models.TextChoices):
    """What marking spam also blocks, in the same step."""

    NOTHING = "", "Nothing more"
    ADDRESS = "address", "Block the commenter's address"
    DOMAIN = "domain", "Block every address at the commenter's domain"


def mark_spam(*, comments, user, block=Block.NOTHING, note=""):
    """Spam is its own state: off the site like a removed comment (replies keep their place), in the spam
    queue rather than the removed one, its reports dealt with; optionally its writer's address or domain
    is blocked in the same step. Returns how many comments changed."""
    comments = moderatable(comments)
    with transaction.atomic():
        CommentReport.objects.filter(comment__in=comments, resolved=False).update(resolved=True)
        changed = XtdComment.norel_objects.filter(pk__in=[c.pk for c in comments]).update(
            is_public=False, is_removed=True
        )
        for comment in comments:
            reason = _reason("marked as spam", user, note)
            _record(comment, decision=Decision.SPAM, reason=reason, held_by="", is_featured=False)
            _log(comment, action="comments.spam", user=user, data={"note": note, "block": block})
        addresses = {c.user_email.lower() for c in comments if c.user_email}
        if block == Block.ADDRESS:
            for email in addresses:
                set_standing(email=email, standing=Standing.BLOCKED, user=user, note=f"spam: {note}".strip(": "))
        elif block == Block.DOMAIN:
            for comment in comments:
                block_domain(domain=rules.email_domain(comment.user_email), page=comment.content_object, user=user)
    invalidation.comments_changed_on(comments=comments)
    return changed


def block_domain(*, domain, page, user):
    """Add a domain to the blocked list of the settings of the site the page belongs to."""
    site = page.get_site() if page is not None else Site.objects.filter(is_default_site=True).first()
    comment_settings = CommentSettings.for_site(site)
    listed = comment_settings.word_list(comment_settings.blocked_domains)
    if domain and domain not in listed:
        comment_settings.blocked_domains = "\n".join([*listed, domain])
        comment_settings.save(update_fields=["blocked_domains"])
        log(instance=comment_settings, action="comments.block_domain", user=user, data={"domain": domain})


def set_featured(*, comments, user, featured):
    """Feature published comments (readers see them first, marked) or stop featuring them."""
    eligible = [c for c in comments if not featured or (c.is_public and not c.is_removed)]
    changed = CommentModeration.objects.filter(comment__in=eligible, is_featured=not featured).update(
        is_featured=featured
    )
    for comment in eligible:
        _log(comment, action="comments.feature" if featured else "comments.unfeature", user=user)
    if changed:
        invalidation.comments_changed_on(comments=eligible)
    return changed


def set_standing(*, email, standing, user, note="", remove_existing=False):
    """Set what happens to everything this address posts next; a block may also remove what it already wrote
    (Coral's ban). ``standing`` "" clears it. Returns how many existing comments were removed."""
    email = email.strip().lower()
    row = CommenterStanding.objects.filter(email=email).first()
    if row is not None:  # named by its number in the history: never by the address
        log(instance=row, action="comments.standing", user=user, title=f"Standing {row.pk}", data={"to": standing})
    if not standing:
        CommenterStanding.objects.filter(email=email).delete()
    else:
        values = {"standing": standing, "note": note[:500], "set_by": user, "set_at": timezone.now()}
        row, created = CommenterStanding.objects.update_or_create(email=email, defaults=values)
        if created:
            log(instance=row, action="comments.standing", user=user, title=f"Standing {row.pk}", data={"to": standing})
    if standing != Standing.BLOCKED or not remove_existing:
        return 0
    written = list(XtdComment.norel_objects.filter(user_email__iexact=email, is_removed=False))
    return remove_comments(comments=written, user=user, note="the commenter is blocked")


def _thread_rows(comment):
    return {
        row["pk"]: row["parent_id"]
        for row in XtdComment.norel_objects.filter(thread_id=comment.thread_id).values("pk", "parent_id")
    }


def replies_of(comment):
    """Every comment below this one in its conversation."""
    parents = _thread_rows(comment)
    below, frontier = set(), {comment.pk}
    while frontier:
        frontier = {pk for pk, parent in parents.items() if parent in frontier and pk != parent} - below
        below |= frontier
    return below


def ancestors_of(comment):
    parents = _thread_rows(comment)
    chain, current = [], parents.get(comment.pk)
    while current is not None and current != comment.pk and current not in chain:
        chain.append(current)
        if parents.get(current) == current:
            break
        current = parents.get(current)
    return chain


def delete_comments(*, comments, user):
    """Hard delete, with every reply below each comment (their conversation cannot stand without it).

    Returns (comments deleted as chosen, replies deleted with them).
    """
    comments = moderatable(comments)
    chosen = {comment.pk for comment in comments}
    replies = set()
    with transaction.atomic():
        for comment in comments:
            below = replies_of(comment)
            replies |= below
            _log(comment, action="comments.delete", user=user)
            XtdComment.norel_objects.filter(pk__in=ancestors_of(comment)).update(
                nested_count=F("nested_count") - 1 - len(below)
            )
        XtdComment.norel_objects.filter(pk__in=chosen | replies).delete()
    return len(chosen), len(replies - chosen)


def resolve_reports(*, comments, user, note=""):
    changed = CommentReport.objects.filter(comment__in=comments, resolved=False).update(resolved=True)
    for comment in comments:
        _log(comment, action="comments.resolve_reports", user=user)
    return changed


def moderator_edit(*, comment, text, user):
    """A moderator changes a comment's text (e.g. to take out personal information); the page says so."""
    if not moderatable([comment]):
        return
    XtdComment.norel_objects.filter(pk=comment.pk).update(comment=text)
    _record(comment, edited_at=timezone.now(), edited_by_moderator=True)
    _log(comment, action="comments.edit", user=user)
    invalidation.comments_changed_on(comments=[comment])


def staff_reply(*, parent, text, user):
    """A reply from the site's team, published at once and marked as such on the page."""
    page = parent.content_object
    reply = XtdComment(
        content_type_id=parent.content_type_id,
        object_pk=parent.object_pk,
        site_id=settings.SITE_ID,
        user=user,
        user_name=settings.COMMENTS_STAFF_NAME,
        user_email=user.email or settings.DEFAULT_FROM_EMAIL,
        user_url="",
        comment=text,
        submit_date=timezone.now(),
        is_public=True,
        is_removed=False,
        parent_id=parent.pk,
    )
    with transaction.atomic():
        list(XtdComment.norel_objects.select_for_update().filter(pk=parent.thread_id).values_list("pk"))
        reply.save()
        CommentModeration.objects.create(
            comment=reply, decision=Decision.PUBLISHED, reason=STAFF_REPLY_REASON, is_staff_reply=True
        )
        _log(reply, action="comments.reply", user=user)
        announce(comment=reply, page=page, parent=parent, reason=STAFF_REPLY_REASON)
    return reply
